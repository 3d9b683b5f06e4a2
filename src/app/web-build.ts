// Builds the browser UI (web/, Vite) into dist/web when its sources changed since the last build, so that
// `npm start` on a fresh clone serves the UI without a separate dev server. Staleness is judged by a hash of
// the sources, not file times: a fresh `git clone` gives every file the same new time.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const WEB_DIST = path.join(ROOT, 'dist', 'web');
const STAMP = path.join(WEB_DIST, '.source-hash');
const SOURCES = ['web', 'package-lock.json'];

function listFiles(p: string): string[] {
  if (!fs.existsSync(p)) return [];
  if (fs.statSync(p).isFile()) return [p];
  return fs
    .readdirSync(p, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
    .flatMap((e) => listFiles(path.join(p, e.name)));
}

export function webSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((s) => listFiles(path.join(ROOT, s))).sort()) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function webBuildIsCurrent(): boolean {
  return fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === webSourceHash();
}

/** Builds when stale; returns whether a build ran. */
export async function ensureWebBuild(log: (msg: string) => void = () => {}): Promise<boolean> {
  if (webBuildIsCurrent()) return false;
  log('正在构建网页界面（首次启动或界面源码有更新，约需一分钟）…');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  fs.writeFileSync(STAMP, webSourceHash());
  log('网页界面构建完成');
  return true;
}
