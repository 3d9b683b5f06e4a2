// Entry of the 智能校对 worker thread: a worker does not inherit the parent's TypeScript loader (tsx), so it
// registers it here and then loads the TypeScript worker. Only the TypeScript run uses it: compiled (dist/),
// content-pool.ts starts content-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./content-worker.ts');
