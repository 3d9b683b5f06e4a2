// `npm run bench:watch-scale`: 读网值班 at 10,000 targets with a year of history, on SQLite and on PostgreSQL.
//   1. The load fixture (test/fixtures/many-sites) serves 500 sites from one process; they are registered with 20
//      columns each, and a year of probes and observations is generated at the default schedule (raw for the last
//      GONGKAI_WATCH_RAW_DAYS days, day rows before), then the retention job runs. The database's size is reported.
//   2. The overview, a site page and the incident list are timed (service calls, as the routes make them), against a
//      baseline in the same run: the overview's 7-day probe count read from the raw probes only (before the day rows).
//   3. Compressed time: the probe interval is cut by --compress (10: every 30 s instead of 5 minutes, and a full watch
//      run every 6 minutes instead of every hour), so --minutes 6 carries an hour's probes at ten times the real rate.
//      App nodes (one on SQLite, two on PostgreSQL through pg-boss) run the scheduler in their own processes; then
//      the database says whether every slot ran exactly once, how late each probe left after its slot, and how the
//      probes split between the nodes.
// Flags: --sites 500 --columns 20 --days 365 --raw-days 90 --minutes 6 (0: no scheduler) --compress 10 --queries 30
//        --engines sqlite,postgres
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, dflt: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt;
export const FLAGS = {
  sites: Number(arg('--sites', '500')),
  columns: Number(arg('--columns', '20')),
  days: Number(arg('--days', '365')),
  rawDays: Number(arg('--raw-days', '90')),
  minutes: Number(arg('--minutes', '6')),
  compress: Number(arg('--compress', '10')),
  queries: Number(arg('--queries', '30')),
};

function run(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited with ${code}`)),
    );
  });
}

if (!process.env.SCALE_ENGINE) {
  const engines = arg('--engines', 'sqlite,postgres').split(',');
  const cpus = os.cpus();
  console.log(`# 读网值班 at scale — ${new Date().toISOString()}`);
  const load = () =>
    os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
  const memory = `${Math.round(os.totalmem() / 2 ** 30)} GB`;
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model}, ${memory}, node ${process.version}, load ${load()}`);
  console.log(`flags: ${JSON.stringify(FLAGS)}`);
  for (const engine of engines) {
    const env: Record<string, string> = { SCALE_ENGINE: engine, GONGKAI_TEST_DB: engine };
    process.stdout.write(await run(['bench/watch-scale-engine.ts', ...process.argv.slice(2)], env));
  }
  console.log(
    `load after: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}
