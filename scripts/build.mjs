// `npm run build` (and `npm ci`, through `prepare`): the server and CLI compiled to dist/ by tsc, then the web UI
// (web/, Vite) to dist/web when its sources changed. Types are checked by `npm run typecheck`, not here
// (--noCheck: the build only transpiles). `--if-stale` skips the compile when dist/ is current (scripts/dist.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { distIsCurrent, ROOT, STAMP } from './dist.mjs';

const args = process.argv.slice(2);
const run = (file, ...rest) => {
  const r = spawnSync(process.execPath, [file, ...rest], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

/**
 * The files the code reads beside itself (e.g. src/decisions/data/catalog-2022.txt), which tsc does not emit: every
 * file under src/ that is not TypeScript or documentation, test data aside, when tsc has not written it.
 */
function copyAssets(from, to) {
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, e.name);
    const target = path.join(to, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'testdata') copyAssets(source, target);
    } else if (!/\.(ts|md)$/.test(e.name) && !fs.existsSync(target)) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

if (!(args.includes('--if-stale') && distIsCurrent())) {
  const started = new Date();
  console.log('正在把服务端和命令行编译到 dist/（tsc）…');
  fs.mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
  fs.rmSync(STAMP, { force: true });
  // Outputs of deleted sources go too; the web UI (dist/web) has its own staleness check.
  for (const e of fs.readdirSync(path.join(ROOT, 'dist'), { withFileTypes: true }).filter((d) => d.name !== 'web')) {
    fs.rmSync(path.join(ROOT, 'dist', e.name), { recursive: true, force: true });
  }
  run(path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--noCheck');
  copyAssets(path.join(ROOT, 'src'), path.join(ROOT, 'dist'));
  run(path.join(ROOT, 'scripts', 'build-typo-tables.mjs'));
  fs.writeFileSync(STAMP, `${started.toISOString()}\n`);
  fs.utimesSync(STAMP, started, started);
}
if (!args.includes('--no-web')) run(path.join(ROOT, 'dist', 'app', 'cli.js'), 'web', 'build');
