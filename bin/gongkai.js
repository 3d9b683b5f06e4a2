#!/usr/bin/env node
// The `gongkai` command (`npm start` is `gongkai serve`): runs the compiled JavaScript in dist/, which `npm ci` builds.
// In a checkout whose sources changed since the last build, dist/ would run old code: then the TypeScript runs
// through tsx (slower to start) and a line on stderr says how to get the fast start back.
import { pathToFileURL } from 'node:url';
import { distIsCurrent, DIST_CLI } from '../scripts/dist.mjs';

if (distIsCurrent()) {
  await import(pathToFileURL(DIST_CLI).href);
} else {
  process.stderr.write('gongkai：dist/ 未构建或早于源码，按 TypeScript 源码运行（启动较慢）；运行 npm run build 可恢复快速启动。\n');
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/app/cli.ts');
}
