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
import os from 'node:os';
import path from 'node:path';
import { createChecker } from '../src/checks/index.ts';
import { cpuMsOf, freePort, machineLine, median } from './stats.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('--runs', 15);
const BIG_RUNS = 3;
const SERVER_RUNS = 5;
const BIG_BYTES = 20 * 1000 * 1000;
const TICKS_PER_SECOND = 100; // Linux's USER_HZ, the unit of the CPU times in /proc/*/stat
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'gongkai.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-startup-'));

/** CPU milliseconds of this process's finished children (Linux /proc: cutime + cstime; NaN elsewhere). */
function childrenCpuMs(): number {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND) * 1000;
  } catch {
    return NaN;
  }
}

interface Timing {
  ms: number;
  cpuMs: number;
}

/** Wall-clock and CPU milliseconds of one whole process, output discarded; fails the benchmark if the process fails. */
function timeProcess(args: string[], okCodes = [0]): Timing {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 20 });
  const ms = performance.now() - t0;
  if (!okCodes.includes(r.status ?? -1)) throw new Error(`${args.join(' ')} 退出码 ${r.status}：${r.stderr}`);
  return { ms, cpuMs: childrenCpuMs() - c0 };
}

function bigText(): string {
  const gazette = fs.readFileSync(path.join(root, 'test', 'fixtures', 'qijiang-gazette-2022-11.txt'), 'utf8');
  const parts: string[] = [];
  for (let bytes = 0; bytes < BIG_BYTES; bytes += Buffer.byteLength(gazette) + 1) parts.push(gazette);
  return parts.join('\n');
}

const healthy = (port: number) =>
  new Promise<boolean>((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
  });

/** Wall and CPU milliseconds from spawning `gongkai serve` to the first 200 from /api/health; then stops the server. */
async function timeServer(dataDir: string): Promise<{ ms: number; cpuMs: number }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    GONGKAI_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
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

const nodeRuns: Timing[] = [];
const helpRuns: Timing[] = [];
const checkRuns: Timing[] = [];
for (let i = 0; i < RUNS; i++) {
  nodeRuns.push(timeProcess(['-e', '0']));
  helpRuns.push(timeProcess([bin, '--help']));
  checkRuns.push(timeProcess([bin, 'check', oneLine]));
}

// The engine in this process: built once, then run on the same text as the whole process (median of the runs).
const checker = createChecker();
const engineRuns: Timing[] = [];
const processRuns: Timing[] = [];
let findings = 0;
for (let i = 0; i < BIG_RUNS; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  findings = checker.run(text).findings.length;
  const c = process.cpuUsage(c0);
  engineRuns.push({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 });
  processRuns.push(timeProcess([bin, 'check', '--format', 'json', big], [0, 1]));
}

const dataDir = path.join(tmp, 'data');
await timeServer(dataDir); // first start: migrations and the demo data (argon2 hashes), not timed
const serverRuns: Timing[] = [];
for (let i = 0; i < SERVER_RUNS; i++) serverRuns.push(await timeServer(dataDir));
fs.rmSync(tmp, { recursive: true, force: true });

const wall = (runs: Timing[]) => median(runs.map((r) => r.ms));
const cpu = (runs: Timing[]) => median(runs.map((r) => r.cpuMs));
const fmt = (runs: Timing[]) => {
  const ms = runs.map((r) => r.ms);
  const range = `${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}`;
  return `${wall(runs).toFixed(0)} ms（${range}），CPU ${cpu(runs).toFixed(0)} ms`;
};
const ratio = (runs: Timing[]) => wall(runs) / wall(nodeRuns);
const cpuRatio = (runs: Timing[]) => (cpu(runs) / cpu(nodeRuns)).toFixed(1);
const mark = (ok: boolean) => (ok ? '达标' : '未达标');
const engineRate = bigMb / (wall(engineRuns) / 1000);
const processRate = bigMb / (wall(processRuns) / 1000);
const cpuShare = cpu(engineRuns) / cpu(processRuns);

console.log(
  `\n${machineLine()}；负载 ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`,
);
console.log('墙钟时间取中位数（括号内为最小–最大），CPU 为进程用户态加内核态时间的中位数');
console.log(`node -e 0：${fmt(nodeRuns)}，${RUNS} 次`);
console.log(
  `gongkai --help：${fmt(helpRuns)}；${ratio(helpRuns).toFixed(2)}× node（目标 ≤ 3×，`
    + `${mark(ratio(helpRuns) <= 3)}），CPU ${cpuRatio(helpRuns)}×`,
);
console.log(
  `gongkai check 一行文件：${fmt(checkRuns)}；${ratio(checkRuns).toFixed(2)}× node（目标 ≤ 4×，`
    + `${mark(ratio(checkRuns) <= 4)}），CPU ${cpuRatio(checkRuns)}×`,
);
console.log(
  `引擎（本进程，${bigMb.toFixed(1)} MB，${findings} 条）：${fmt(engineRuns)}；${engineRate.toFixed(1)} MB/s`,
);
console.log(
  `gongkai check --format json 整个进程：${fmt(processRuns)}；${processRate.toFixed(1)} MB/s，`
    + `引擎的 ${((processRate / engineRate) * 100).toFixed(0)} %（目标 ≥ 60 %，${mark(processRate / engineRate >= 0.6)}），`
    + `按 CPU ${(cpuShare * 100).toFixed(0)} %`,
);
console.log(
  `gongkai serve 到 /api/health 应答：${fmt(serverRuns)}，${SERVER_RUNS} 次（目标 ≤ 1500 ms，`
    + `${mark(wall(serverRuns) <= 1500)}）；${(wall(serverRuns) / wall(nodeRuns)).toFixed(1)}× node -e 0`,
);
