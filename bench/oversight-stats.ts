// 督查考核 at scale (issue 18): with 1,000,000 ledger entries over 60 units and 100,000 items, each 统计 dashboard
// query (one unit and the whole district, a quarter and a year) p95 ≤ 300 ms, and the 年度考核 scores of all 60 units
// ≤ 5 s, on SQLite and PostgreSQL. The entries are written straight into the ledger table by the database (setup, not
// measured, and migration 046's trigger fills the 统计's roll-up as they go in; their hashes are not a tree — verify is
// not what is measured here): per item one submit, three approvals, a 保密审查 opinion, a publication, an incident
// opened, a duty check-in, a return and a login.
// npm run bench:stats -- --db sqlite|postgres [--entries 1000000] [--items 100000] [--runs 20]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadDemo } from '../src/org/demo.ts';
import { createUnit, listUnits, loadActor } from '../src/org/service.ts';
import type { Actor } from '../src/org/model.ts';
import { assessYear } from '../src/oversight/assessment.ts';
import { getStats } from '../src/oversight/stats.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import type { Deps } from '../src/platform/deps.ts';
import { benchDeps, dialect, openBenchDb, seedItems } from './seed.ts';
import { machineLine, percentile } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    entries: { type: 'string', default: '1000000' },
    items: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '20' },
  },
});
const ENTRIES = Number(args.entries);
const ITEMS = Number(args.items);
const RUNS = Number(args.runs);
const UNITS = 60;

/** The ten entries of item n.i / 10, by n.i % 10: action and canonical payload (SQL, both engines). */
const STEP = [
  ['publish.submit', `'{"from":"draft","to":"level1"}'`],
  ['publish.approve', `'{"from":"level1","to":"level2"}'`],
  ['publish.approve', `'{"from":"level2","to":"secrecy"}'`],
  ['secrecy.opinion', `'{"dueOn":"2026-06-30","from":"secrecy","to":"level3"}'`],
  ['publish.approve', `'{"from":"level3","to":"approved"}'`],
  ['publish.publish', `'{"channels":[{"channelId":"bench"}],"from":"approved","to":"published"}'`],
  ['watch.incident_open', `'{"monitor":"links"}'`],
  ['duty.check_in', `'{"late":false}'`],
  ['publish.return', `'{"from":"level1","opinion":"请补充依据","to":"returned"}'`],
  ['auth.login', `'{}'`],
];

async function seedLedger(deps: Deps, engine: 'sqlite' | 'postgres'): Promise<void> {
  const db = deps.db;
  const units = await listUnits(db);
  await sql`create table bench_units (k integer primary key, id text)`.execute(db);
  for (const [k, u] of units.slice(0, UNITS).entries())
    await sql`insert into bench_units values (${k}, ${u.id})`.execute(db);
  const { max } = await db
    .selectFrom('ledger')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirstOrThrow();
  const offset = Number(max ?? 0);
  const d = dialect(engine);
  const step = (col: 0 | 1) =>
    `case n.i % 10 ${STEP.map((s, k) => `when ${k} then ${col ? s[1] : `'${s[0]}'`}`).join(' ')} end`;
  // One entry every 30 seconds from 2026-01-01: 1,000,000 entries span the year.
  const at = engine === 'postgres' ? d.at.replace(`+ n.i)`, `+ n.i * 30)`) : d.at.replace(`+ n.i,`, `+ n.i * 30,`);
  const subject = `case when n.i % 10 = 6 then 'watchIncident:' || (n.i / 10) else 'item:' || (n.i / 10) end`;
  for (let start = 0; start < ENTRIES; start += 100000) {
    await sql
      .raw(
        `insert into ledger (seq, at, actor_id, actor_name, role, unit_id, action, subject, payload, leaf_hash)
         select ${offset} + n.i + 1, ${at}, 'bench', '压测用户', 'staff', u.id, ${step(0)}, ${subject}, ${step(1)}, ''
         from ${d.from(start, Math.min(start + 100000, ENTRIES))} join bench_units u on u.k = (n.i / 10) % ${UNITS}`,
      )
      .execute(db);
  }
  if (engine === 'postgres') await sql`analyze ledger`.execute(db);
  else await sql`analyze`.execute(db);
}

async function time<T>(f: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

async function main(): Promise<void> {
  const opened = await openBenchDb(args.db!);
  const deps = benchDeps(opened);
  try {
    await migrateToLatest(deps.db, opened.schema);
    await loadDemo(deps);
    const seedStart = performance.now();
    await seedItems(deps.db, opened.engine, ITEMS, []); // over the demo's units, which have sections and sites
    for (let k = (await listUnits(deps.db)).length; k < UNITS; k++)
      await createUnit(deps, 'system', {
        name: `压测单位${k}`,
        fullName: `重庆市綦江区压测单位${k}`,
        kind: 'department',
      });
    await seedLedger(deps, opened.engine);
    const seeded = ((performance.now() - seedStart) / 1000).toFixed(0);
    const inspector = await deps.db
      .selectFrom('users')
      .innerJoin('role_assignments', 'role_assignments.user_id', 'users.id')
      .select(['users.id'])
      .where('role_assignments.role', '=', 'inspector')
      .executeTakeFirstOrThrow();
    const actor = (await loadActor(deps.db, inspector.id)) as Actor;
    const unit = (await listUnits(deps.db))[0];
    console.log(machineLine());
    console.log(
      `负载（1/5/15 分钟）：${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')}`,
    );
    console.log(
      `数据库 ${opened.engine}；${ENTRIES.toLocaleString()} 条台账、${ITEMS.toLocaleString()} 篇稿件、${UNITS} 个单位（写入 ${seeded} 秒）`,
    );
    const queries: [string, () => Promise<unknown>][] = [
      ['一个单位·一个季度', () => getStats(deps, actor, { unitId: unit.id, from: '2026-01-01', to: '2026-03-31' })],
      ['一个单位·全年', () => getStats(deps, actor, { unitId: unit.id, from: '2026-01-01', to: '2026-12-31' })],
      ['全区·一周', () => getStats(deps, actor, { from: '2026-03-02', to: '2026-03-08' })],
      ['全区·一个季度', () => getStats(deps, actor, { from: '2026-01-01', to: '2026-03-31' })],
    ];
    for (const [name, q] of queries) {
      const ms: number[] = [];
      for (let r = 0; r < RUNS; r++) ms.push(await time(q));
      const p95 = percentile(ms, 0.95);
      console.log(
        `统计 ${name}：p50 ${percentile(ms, 0.5).toFixed(0)} ms，`
          + `p95 ${p95.toFixed(0)} ms（${p95 <= 300 ? '≤' : '>'} 300 ms）`,
      );
    }
    const scores: number[] = [];
    for (let r = 0; r < 3; r++) scores.push(await time(() => assessYear(deps, actor, 2026)));
    const worst = Math.max(...scores);
    console.log(
      `年度考核 ${UNITS} 个单位：${scores.map((s) => (s / 1000).toFixed(2)).join(' / ')} 秒`
        + `（最慢 ${(worst / 1000).toFixed(2)} 秒，${worst <= 5000 ? '≤' : '>'} 5 秒）`,
    );
  } finally {
    await opened.close();
  }
}

await main();
