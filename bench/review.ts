// `npm run bench:review [-- --items 100000 | --million] [--db sqlite|postgres] [--approvals 2000] [--concurrency 4]`
// Seeds N items, then measures through real HTTP on loopback: approvals per second (二审 by a section head,
// each one transaction with its ledger entry) and the p50/p99 latency of listing that reviewer's queue. In the
// same run it measures the raw rate of one-row write transactions on the same database, as the baseline.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import pino from 'pino';
import type { Deps } from '../src/platform/deps.ts';
import { buildServer } from '../src/app/server.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/org/demo.ts';
import { systemClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDb } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { createSchema, dropSchema } from '../src/platform/db/pg-schema.ts';
import type { Db, ItemChannelsTable, ItemsTable, ReviewStepsTable, RevisionsTable } from '../src/platform/db/types.ts';
import type { Insertable } from 'kysely';
import { median, percentile, machineLine } from './stats.ts';

const { values: args } = parseArgs({ options: {
  items: { type: 'string', default: '100000' }, million: { type: 'boolean', default: false },
  db: { type: 'string', default: 'sqlite' }, approvals: { type: 'string', default: '2000' },
  concurrency: { type: 'string', default: '4' }, 'queue-samples': { type: 'string', default: '300' },
} });
const N = args.million ? 1_000_000 : Number(args.items);
const APPROVALS = Number(args.approvals);
const CONCURRENCY = Number(args.concurrency);
const PG_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

async function openBenchDb(): Promise<{ db: Db; engine: 'sqlite' | 'postgres'; schema?: string; close(): Promise<void> }> {
  if (args.db === 'postgres') {
    const schema = `bench_${Date.now()}`;
    await createSchema(PG_URL, schema);
    const o = openDb({ url: PG_URL, schema, poolSize: 10 });
    return { db: o.db, engine: 'postgres', schema, async close() {
      await o.close();
      await dropSchema(PG_URL, schema);
    } };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-'));
  const o = openDb({ url: path.join(dir, 'bench.sqlite') });
  return { db: o.db, engine: 'sqlite', async close() { await o.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

const STAGES = [['published', 0.9], ['level1', 0.04], ['level2', 0.03], ['level3', 0.03]] as const;
const BODY = '为深入贯彻落实党中央、国务院关于优化营商环境的决策部署，进一步规范政务公开工作，现就有关事项通知如下。';

/** Background items straight into the tables (setup, not measured): every unit, section and stage. */
async function seedItems(db: Db, count: number, ownItems: number): Promise<string[]> {
  const units = await db.selectFrom('units').select(['id']).execute();
  const sections = await db.selectFrom('sections').select(['id', 'unit_id']).execute();
  const sites = await db.selectFrom('channels').innerJoin('columns', 'columns.channel_id', 'channels.id')
    .select(['channels.id as channel_id', 'channels.unit_id', 'columns.id as column_id']).where('channels.kind', '=', 'website').execute();
  const staff = await db.selectFrom('role_assignments').select(['user_id', 'unit_id']).where('role', '=', 'staff').execute();
  const kjjStaff = await db.selectFrom('users').select('id').where('username', '=', 'kjj.staff').executeTakeFirstOrThrow();
  const kjjSection = await db.selectFrom('role_assignments').innerJoin('users', 'users.id', 'role_assignments.user_id')
    .select(['role_assignments.section_id', 'role_assignments.unit_id']).where('users.username', '=', 'kjj.section').executeTakeFirstOrThrow();
  const bar = process.stdout.isTTY ? new cliProgress.SingleBar({ format: '写入稿件 {bar} {value}/{total}' }, cliProgress.Presets.shades_classic) : null;
  bar?.start(count + ownItems, 0);
  const base = Date.parse('2026-01-01T00:00:00Z');
  const mine: string[] = [];
  const BATCH = 500;
  for (let start = 0; start < count + ownItems; start += BATCH) {
    const items: Insertable<ItemsTable>[] = []; const revisions: Insertable<RevisionsTable>[] = [];
    const links: Insertable<ItemChannelsTable>[] = []; const steps: Insertable<ReviewStepsTable>[] = [];
    for (let i = start; i < Math.min(start + BATCH, count + ownItems); i++) {
      const own = i >= count; // the items the benchmark's section head approves: 科技局 first section, at 二审
      const unit = own ? { id: kjjSection.unit_id } : units[i % units.length];
      const section = own ? { id: kjjSection.section_id! } : sections.filter((s) => s.unit_id === unit.id)[i % 2];
      const author = own ? kjjStaff.id : staff.find((s) => s.unit_id === unit.id)!.user_id;
      const site = sites.filter((s) => s.unit_id === unit.id)[i % 4];
      let r = (i * 7919) % 1000 / 1000; let stage = 'published';
      for (const [s, share] of STAGES) { if (r < share) { stage = s; break; } r -= share; }
      if (own) stage = 'level2';
      const id = randomUUID(); const at = new Date(base + i * 1000).toISOString();
      items.push({ id, unit_id: unit.id, section_id: section.id, author_id: author, title: `稿件 ${i}`, item_type: 'original',
        source: null, major: i % 20 === 0 ? 1 : 0, stage, current_revision: 1, version: 1, publish_at: null,
        published_at: stage === 'published' ? at : null, created_at: at, updated_at: at });
      revisions.push({ id: randomUUID(), item_id: id, number: 1, title: `稿件 ${i}`, body_html: `<p>${BODY}</p>`, body_text: BODY,
        format: 'text', created_by: author, created_at: at });
      links.push({ item_id: id, channel_id: site.channel_id, column_id: site.column_id });
      if (stage !== 'level1') steps.push({ id: randomUUID(), item_id: id, revision: 1, level: 1, reviewer_id: author, role: 'staff',
        decision: 'approve', opinion: '同意', proofreading: '已校对', standards_attested: 1, created_at: at });
      if (own) mine.push(id);
    }
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('items').values(items).execute();
      await tx.insertInto('revisions').values(revisions).execute();
      await tx.insertInto('item_channels').values(links).execute();
      if (steps.length) await tx.insertInto('review_steps').values(steps).execute();
    });
    bar?.update(Math.min(start + BATCH, count + ownItems));
  }
  bar?.stop();
  return mine;
}

async function rawWriteRate(db: Db, count: number): Promise<number> {
  await db.schema.createTable('bench_raw').ifNotExists().addColumn('id', 'text', (c) => c.primaryKey()).addColumn('v', 'text').execute();
  const started = performance.now();
  await inParallel(count, CONCURRENCY, (i) => db.transaction().execute((tx) => tx.insertInto('bench_raw' as never)
    .values({ id: randomUUID(), v: `行 ${i}` } as never).execute()));
  return count / ((performance.now() - started) / 1000);
}

async function inParallel(count: number, width: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => { while (next < count) await task(next++); }));
}

async function main(): Promise<void> {
  const opened = await openBenchDb();
  const deps: Deps = { db: opened.db, engine: opened.engine, clock: systemClock,
    config: loadConfig({ GONGKAI_DEMO: '0', LOG_LEVEL: 'silent' }), log: pino({ level: 'silent' }) };
  await migrateToLatest(deps.db, opened.schema);
  await loadDemo(deps);
  console.log(`数据库 ${opened.engine}；写入 ${N.toLocaleString()} 条背景稿件 + ${APPROVALS} 条待二审稿件…`);
  const seedStart = performance.now();
  const queueItems = await seedItems(deps.db, N, APPROVALS);
  console.log(`写入用时 ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const app = await buildServer(deps);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'kjj.section', password: DEMO_PASSWORD }) });
  const { csrfToken } = await login.json() as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };

  const samples: number[] = [];
  for (let i = 0; i < Number(args['queue-samples']); i++) {
    const t = performance.now();
    const res = await fetch(`${address}/api/review-queue?limit=20`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`待审列表返回 ${res.status}`);
    await res.arrayBuffer();
    samples.push(performance.now() - t);
  }

  let failures = 0;
  const approveStart = performance.now();
  await inParallel(queueItems.length, CONCURRENCY, async (i) => {
    const res = await fetch(`${address}/api/items/${queueItems[i]}/approve`, { method: 'POST', headers,
      body: JSON.stringify({ level: 2, revision: 1, opinion: '同意发布', proofreading: '已校对全文', standardsAttested: true,
        disclosure: { opinion: 'disclose', basisIds: ['ogi-19'], reason: '属于应主动公开的信息' } }) }); // 保密审查制度 第八条(二)
    if (res.status !== 200) failures++;
    await res.arrayBuffer();
  });
  const approveRate = queueItems.length / ((performance.now() - approveStart) / 1000);
  const rawRate = await rawWriteRate(deps.db, queueItems.length);
  await app.close();
  await opened.close();

  console.log(`\n${machineLine()}`);
  console.log(`数据库 ${opened.engine}，稿件 ${(N + APPROVALS).toLocaleString()} 条，并发 ${CONCURRENCY}`);
  console.log(`待审列表（HTTP GET /api/review-queue?limit=20，${samples.length} 次）：`
    + `p50 ${median(samples).toFixed(2)} ms，p99 ${percentile(samples, 0.99).toFixed(2)} ms`);
  console.log(`审核通过（HTTP POST …/approve，${queueItems.length} 次，失败 ${failures}）：${approveRate.toFixed(0)} 次/秒`);
  console.log(`基线：单行写事务 ${rawRate.toFixed(0)} 次/秒（同一数据库、同样并发）`);
  console.log(`比值：审核通过 / 单行写事务 = ${(approveRate / rawRate).toFixed(3)}`);
  if (failures) process.exitCode = 1;
}

await main();
