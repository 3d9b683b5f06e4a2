// `npm run bench:startup`: how fast the compiled `gongkai` starts (bin/gongkai.js → dist/), as ratios measured in one
// run so that the machine's load cancels out. Runs are interleaved (node, --help, check, node, --help, check, …) and
// each figure is the median:
// - `gongkai --help` and `gongkai check` on a one-line file, each against `node -e 0` (targets ≤ 3× and ≤ 4×);
// - the whole `gongkai check --format json` process on 20 MB of gazette text (the district gazette repeated; output
//   to /dev/null) against the engine's rate in this process on the same text (target ≥ 60 %);
// - `gongkai serve` until `/api/health` answers, on a SQLite database already migrated with the demo data and the
//   web UI already built (target ≤ 1.5 s).
// Builds dist/ and the web UI first when they are stale. `--runs N` (default 15) for the short commands.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createChecker } from '../src/checks/index.ts';
import { machineLine, median } from './stats.ts';

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const RUNS = arg('--runs', 15);
const BIG_RUNS = 3;
const SERVER_RUNS = 5;
const BIG_BYTES = 20 * 1000 * 1000;
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'gongkai.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-startup-'));

/** Wall-clock milliseconds of one whole process, output discarded; fails the benchmark if the process fails. */
function timeProcess(args: string[], okCodes = [0]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 20 });
  const ms = performance.now() - t0;
  if (!okCodes.includes(r.status ?? -1)) throw new Error(`${args.join(' ')} 退出码 ${r.status}：${r.stderr}`);
  return ms;
}

function bigText(): string {
  const gazette = fs.readFileSync(path.join(root, 'test', 'fixtures', 'qijiang-gazette-2022-11.txt'), 'utf8');
  const parts: string[] = [];
  for (let bytes = 0; bytes < BIG_BYTES; bytes += Buffer.byteLength(gazette) + 1) parts.push(gazette);
  return parts.join('\n');
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}

const healthy = (port: number) => new Promise<boolean>((resolve) => {
  const req = http.get({ host: '127.0.0.1', port, path: '/api/health', agent: false }, (res) => {
    res.resume();
    resolve(res.statusCode === 200);
  });
  req.on('error', () => resolve(false));
});

/** CPU milliseconds a running process has used so far (Linux /proc; NaN elsewhere): not slowed by other jobs. */
function cpuMsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000; // utime + stime
  } catch {
    return NaN;
  }
}
const TICKS_PER_SECOND = 100;

/** Wall and CPU milliseconds from spawning `gongkai serve` to the first 200 from /api/health; then stops the server. */
async function timeServer(dataDir: string): Promise<{ ms: number; cpuMs: number }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', GONGKAI_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, 'serve'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gongkai serve 退出码 ${child.exitCode}`);
    if (await healthy(port)) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const ms = performance.now() - t0;
  const cpuMs = cpuMsOf(child.pid!);
  child.kill('SIGTERM');
  await exited;
  return { ms, cpuMs };
}

const built = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(1);

const oneLine = path.join(tmp, 'one-line.txt');
fs.writeFileSync(oneLine, '区政府办公室印发了关于做好政务公开工作的通知。\n');
const big = path.join(tmp, 'gazette-20mb.txt');
const text = bigText();
fs.writeFileSync(big, text);
const bigMb = Buffer.byteLength(text) / 1e6;

const nodeMs: number[] = [];
const helpMs: number[] = [];
const checkMs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  nodeMs.push(timeProcess(['-e', '0']));
  helpMs.push(timeProcess([bin, '--help']));
  checkMs.push(timeProcess([bin, 'check', oneLine]));
}

// The engine in this process: built once, then run on the same text as the whole process (median of the runs).
const checker = createChecker();
const engineMs: number[] = [];
const processMs: number[] = [];
let findings = 0;
for (let i = 0; i < BIG_RUNS; i++) {
  const t0 = performance.now();
  findings = checker.run(text).findings.length;
  engineMs.push(performance.now() - t0);
  processMs.push(timeProcess([bin, 'check', '--format', 'json', big], [0, 1]));
}

const dataDir = path.join(tmp, 'data');
await timeServer(dataDir); // first start: migrations and the demo data (argon2 hashes), not timed
const serverMs: number[] = [];
const serverCpuMs: number[] = [];
for (let i = 0; i < SERVER_RUNS; i++) {
  const { ms, cpuMs } = await timeServer(dataDir);
  serverMs.push(ms);
  serverCpuMs.push(cpuMs);
}
fs.rmSync(tmp, { recursive: true, force: true });

const node = median(nodeMs);
const ratio = (ms: number[]) => median(ms) / node;
const engineRate = bigMb / (median(engineMs) / 1000);
const processRate = bigMb / (median(processMs) / 1000);
const mark = (ok: boolean) => (ok ? '达标' : '未达标');
const fmt = (ms: number[]) => `${median(ms).toFixed(0)} ms（${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}）`;

console.log(`\n${machineLine()}；负载 ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
console.log(`node -e 0：${fmt(nodeMs)}，${RUNS} 次`);
console.log(`gongkai --help：${fmt(helpMs)}，${ratio(helpMs).toFixed(2)}× node（目标 ≤ 3×，${mark(ratio(helpMs) <= 3)}）`);
console.log(`gongkai check 一行文件：${fmt(checkMs)}，${ratio(checkMs).toFixed(2)}× node（目标 ≤ 4×，${mark(ratio(checkMs) <= 4)}）`);
console.log(`引擎（本进程，${bigMb.toFixed(1)} MB，${findings} 条）：${fmt(engineMs)}，${engineRate.toFixed(1)} MB/s`);
console.log(`gongkai check --format json 整个进程：${fmt(processMs)}，${processRate.toFixed(1)} MB/s，`
  + `引擎的 ${((processRate / engineRate) * 100).toFixed(0)} %（目标 ≥ 60 %，${mark(processRate / engineRate >= 0.6)}）`);
console.log(`gongkai serve 到 /api/health 应答：${fmt(serverMs)}，${SERVER_RUNS} 次（目标 ≤ 1500 ms，${mark(median(serverMs) <= 1500)}）；`
  + `其间服务进程用 CPU ${fmt(serverCpuMs)}，${(median(serverMs) / node).toFixed(1)}× node -e 0`);
