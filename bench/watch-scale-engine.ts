// One database's part of `npm run bench:watch-scale` (bench/watch-scale.ts explains the phases): SCALE_ENGINE and
// GONGKAI_TEST_DB name the engine; prints its lines of the result.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { databaseBytes, generateHistory, registerSites } from '../test/fixtures/many-sites/history.ts';
import { watchWorld } from '../test/support/watch-fixtures.ts';
import { nextDue } from '../src/platform/jobs/model.ts';
import { availabilityJobs, groupOf, probeGroups } from '../src/watch/jobs.ts';
import { getSiteDetail, listIncidentViews, overview, removeSite, runRetentionJob } from '../src/watch/service.ts';
import { FLAGS } from './watch-scale.ts';

const engine = process.env.SCALE_ENGINE as 'sqlite' | 'postgres';
const root = path.resolve(import.meta.dirname, '..');
const say = (line: string) => console.log(`${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}

async function startFixture(): Promise<{ urls: string[]; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/fixtures/many-sites/server.ts',
      '--sites',
      String(FLAGS.sites),
      '--columns',
      String(FLAGS.columns),
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { urls: (JSON.parse(line) as { urls: string[] }).urls, stop: () => child.stdin?.end() };
}

const w = await watchWorld({ watchAllowPrivate: '1' });
const { deps } = w;
const egov = await w.org.actor('egov');
await removeSite(deps, egov, w.site.id); // the fixture world's own site is on the internet
const fixture = await startFixture();
const now = new Date();
deps.clock.set(now.toISOString());

// 1. registry and a year of history
let t0 = performance.now();
const reg = await registerSites(deps.db, w.org.unitId, w.org.ids.egov, fixture.urls, FLAGS.columns, now.toISOString());
const history = await generateHistory(deps.db, reg, {
  now,
  days: FLAGS.days,
  rawDays: FLAGS.rawDays,
  probeSeconds: 300,
  unitId: w.org.unitId,
  engine,
});
const generated = performance.now() - t0;
t0 = performance.now();
const retention = await runRetentionJob(deps);
const retentionMs = performance.now() - t0;
// After the bulk load the planner's statistics are what autovacuum would have gathered by then.
if (engine === 'postgres') await sql`analyze`.execute(deps.db);
const bytes = await databaseBytes(deps.db, engine);
const hourRows = await deps.db
  .selectFrom('watch_probe_hours')
  .select((eb) => eb.fn.countAll().as('n'))
  .executeTakeFirstOrThrow();
say(
  `history: ${FLAGS.sites} sites × ${FLAGS.columns} columns, ${FLAGS.days} days: `
    + `${history.rawProbes.toLocaleString('en')} raw probes (+ as many runs), `
    + `${history.dayRows.toLocaleString('en')} day rows, ${Number(hourRows.n).toLocaleString('en')} hour rows, `
    + `${history.incidents} incidents; generated in ${seconds(generated)}; retention job ${seconds(retentionMs)} `
    + `(rolled ${retention.rolledDays.length} days); database ${(bytes / 2 ** 30).toFixed(2)} GB`,
);

// 2. the pages people open
// Wall time, and this process's CPU time during the call (process.cpuUsage: on SQLite the queries run in this
// process, so it is the server's own work without the wait for a core on a loaded machine; on PostgreSQL it leaves
// out the database server's part).
async function timeIt(name: string, fn: () => Promise<unknown>): Promise<void> {
  await fn(); // warm
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < FLAGS.queries; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const f = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(0)} ms, p99 ${pct(xs, 99).toFixed(0)} ms`;
  say(`${name}: ${f(ms)}; this process's CPU ${f(cpu)} (${FLAGS.queries} runs)`);
}
const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString();
await timeIt('baseline: 7-day probe count of all sites from raw probes only', () =>
  deps.db
    .selectFrom('watch_probes')
    .select((eb) => ['site_id', 'ok', eb.fn.countAll().as('n')])
    .where('site_id', 'in', reg.siteIds)
    .where('at', '>=', weekAgo)
    .groupBy(['site_id', 'ok'])
    .execute(),
);
await timeIt(`overview (监测总览, ${FLAGS.sites} sites)`, () => overview(deps, egov));
await timeIt('site page (网站详情)', () => getSiteDetail(deps, egov, reg.siteIds[1]));
await timeIt('incident list (异常事件, 100 newest)', () => listIncidentViews(deps, egov, {}));

// 3. the scheduler under compressed time, in app-node processes (--minutes 0: not run)
if (FLAGS.minutes <= 0) {
  fixture.stop();
  await deps.close();
  process.exit(0);
}
const probeSeconds = Math.round(300 / FLAGS.compress);
const nodes = engine === 'sqlite' ? 1 : 2;
const groups = probeGroups({ watchProbeSeconds: 300 }); // the real schedule's groups, whatever the compression
const env = {
  ...deps.cliEnv,
  GONGKAI_WATCH_ALLOW_PRIVATE: '1',
  GONGKAI_WATCH_PROBE_SECONDS: String(probeSeconds),
  SCALE_MINUTES: String(FLAGS.minutes),
  SCALE_FULL_MS: String(Math.round(3_600_000 / FLAGS.compress)),
  SCALE_GROUPS: String(groups),
};
const startedAt = Date.now();
const outputs = await Promise.all(
  Array.from(
    { length: nodes },
    () =>
      new Promise<string>((resolve, reject) => {
        const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/watch-scale-node.ts'], {
          cwd: root,
          env: { ...process.env, ...env },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
        });
        child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`node exited with ${code}`))));
      }),
  ),
);
fixture.stop();
const lines = outputs.map((o) =>
  o
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, number>),
);
const perNode = lines.map((l) => l.at(-1) as { probes: number; fullRuns: number; peakRssMb: number });
const ready = Math.max(...lines.map((l) => l[0].ready));

// Slots due from when every node was ready to one interval before the end (the last runs may still be under way).
const jobs = availabilityJobs({ watchProbeSeconds: probeSeconds }, groups);
const intervalMs = probeSeconds * 1000;
const from = ready + 1000;
const to = startedAt + FLAGS.minutes * 60_000 - intervalMs;
const runs = await deps.db
  .selectFrom('watch_runs')
  .select(['site_id', 'started_at'])
  .where('monitor', '=', 'availability')
  .where('started_at', '>=', new Date(from).toISOString())
  .where('started_at', '<', new Date(to).toISOString())
  .execute();
const probes = await deps.db
  .selectFrom('watch_probes')
  .select(['site_id', 'at'])
  .where('at', '>=', new Date(from).toISOString())
  .execute();
const full = await deps.db
  .selectFrom('watch_runs')
  .select(['site_id', 'started_at'])
  .where('monitor', '=', 'links')
  .where('started_at', '>=', new Date(from - 3_600_000).toISOString())
  .execute();
const fullStarts = new Set(full.map((r) => `${r.site_id} ${(Date.parse(r.started_at) / 1000) | 0}`));
const probesOf = new Map<string, number[]>();
for (const p of probes) {
  const at = Date.parse(p.at);
  if (fullStarts.has(`${p.site_id} ${(at / 1000) | 0}`)) continue; // the full run's own homepage fetch
  probesOf.set(p.site_id as string, [...(probesOf.get(p.site_id as string) ?? []), at]);
}
let expected = 0;
for (const siteId of reg.siteIds) {
  const job = jobs[groupOf(siteId, jobs.length)];
  for (let due = nextDue(job, from - 1); due.at < to; due = nextDue(job, due.at)) expected++;
}
const seen = new Map<string, number>();
for (const r of runs) seen.set(`${r.site_id} ${r.started_at}`, (seen.get(`${r.site_id} ${r.started_at}`) ?? 0) + 1);
const twice = [...seen.values()].filter((n) => n > 1).length;
const late: number[] = [];
for (const key of seen.keys()) {
  const [siteId, slot] = key.split(' ');
  const slotMs = Date.parse(slot);
  const at = (probesOf.get(siteId) ?? []).filter((x) => x >= slotMs).sort((a, b) => a - b)[0];
  late.push(at === undefined ? Infinity : at - slotMs);
}
say(
  `scheduler (${nodes} node${nodes > 1 ? 's' : ''}, ${FLAGS.minutes} min at ×${FLAGS.compress}, `
    + `probe every ${probeSeconds} s, `
    + `${jobs.length} groups, measured from ${seconds(from - startedAt)} after start): `
    + `${seen.size} of ${expected} slots probed, ${twice} twice; probe start after its slot: `
    + `p50 ${pct(late, 50)} ms, p99 ${pct(late, 99)} ms, max ${Math.max(0, ...late)} ms, `
    + `over 10 s: ${late.filter((x) => x > 10_000).length}`,
);
say(
  `nodes: ${perNode
    .map((n, i) => `node ${i + 1} ran ${n.probes} probes and ${n.fullRuns} full runs, peak RSS ${n.peakRssMb} MB`)
    .join('; ')}`,
);
await deps.close();
process.exit(0);
