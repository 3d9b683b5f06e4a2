// Whether dist/ (the compiled server and CLI, built by `npm ci` through `prepare`, or `npm run build`) holds the
// current code: its stamp is written with the time the last build started, so any file under src/ (tests aside), a
// tsconfig or the build script changed since then makes it stale. File times, not hashes: checking takes a few
// milliseconds at every start, and a fresh clone builds after its files are written.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const DIST_CLI = path.join(ROOT, 'dist', 'app', 'cli.js');
export const STAMP = path.join(ROOT, 'dist', '.build-started');

function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (!e.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return Math.max(newest, fs.statSync(dir).mtimeMs); // a deleted or renamed file changes its directory's time
}

export function distIsCurrent() {
  let built;
  try {
    built = fs.statSync(STAMP).mtimeMs;
    fs.accessSync(DIST_CLI);
  } catch {
    return false;
  }
  // The build script too: what it emits beside tsc's output (copied data files) may have changed.
  const configs = ['tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'].map(
    (f) => fs.statSync(path.join(ROOT, f)).mtimeMs,
  );
  return Math.max(newestSource(path.join(ROOT, 'src')), ...configs) < built;
}
