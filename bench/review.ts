// `npm run bench:review [-- --items 100000 | --million] [--db sqlite|postgres] [--approvals 2000] [--concurrency 4]`
// Seeds N items, then measures through real HTTP on loopback: approvals per second (二审 by a section head,
// each one transaction with its ledger entry) and the p50/p99 latency of listing that reviewer's queue. In the
// same run it measures the raw rate of one-row write transactions on the same database, as the baseline.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildServer } from '../src/app/server.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/org/demo.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import type { Db } from '../src/platform/db/types.ts';
import { benchDeps, LEVEL2_APPROVAL, openBenchDb, seedItems } from './seed.ts';
import { median, percentile, machineLine } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string', default: '100000' },
    million: { type: 'boolean', default: false },
    db: { type: 'string', default: 'sqlite' },
    approvals: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '4' },
    'queue-samples': { type: 'string', default: '300' },
  },
});
const N = args.million ? 1_000_000 : Number(args.items);
const APPROVALS = Number(args.approvals);
const CONCURRENCY = Number(args.concurrency);
async function rawWriteRate(db: Db, count: number): Promise<number> {
  await db.schema
    .createTable('bench_raw')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('v', 'text')
    .execute();
  const started = performance.now();
  await inParallel(count, CONCURRENCY, (i) =>
    db.transaction().execute((tx) =>
      tx
        .insertInto('bench_raw' as never)
        .values({ id: randomUUID(), v: `行 ${i}` } as never)
        .execute(),
    ),
  );
  return count / ((performance.now() - started) / 1000);
}

async function inParallel(count: number, width: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

async function main(): Promise<void> {
  const opened = await openBenchDb(args.db);
  const deps = benchDeps(opened);
  await migrateToLatest(deps.db, opened.schema);
  await loadDemo(deps);
  console.log(`数据库 ${opened.engine}；写入 ${N.toLocaleString()} 条背景稿件 + ${APPROVALS} 条待二审稿件…`);
  const seedStart = performance.now();
  // The items the benchmark's section head approves: 科技局's first section, at 二审, by its staff member.
  const kjj = await deps.db
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .select(['role_assignments.section_id', 'role_assignments.unit_id', 'users.username', 'users.id'])
    .where('users.username', 'in', ['kjj.section', 'kjj.staff'])
    .execute();
  const head = kjj.find((r) => r.username === 'kjj.section')!;
  const author = kjj.find((r) => r.username === 'kjj.staff')!;
  const [queueItems] = await seedItems(deps.db, opened.engine, N, [
    { unitId: head.unit_id, sectionId: head.section_id!, authorId: author.id, count: APPROVALS },
  ]);
  console.log(`写入用时 ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const app = await buildServer(deps);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'kjj.section', password: DEMO_PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
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
    const res = await fetch(`${address}/api/items/${queueItems[i]}/approve`, {
      method: 'POST',
      headers,
      body: JSON.stringify(LEVEL2_APPROVAL),
    });
    if (res.status !== 200) failures++;
    await res.arrayBuffer();
  });
  const approveRate = queueItems.length / ((performance.now() - approveStart) / 1000);
  const rawRate = await rawWriteRate(deps.db, queueItems.length);
  await app.close();
  await opened.close();

  console.log(`\n${machineLine()}`);
  console.log(`数据库 ${opened.engine}，稿件 ${(N + APPROVALS).toLocaleString()} 条，并发 ${CONCURRENCY}`);
  console.log(
    `待审列表（HTTP GET /api/review-queue?limit=20，${samples.length} 次）：`
      + `p50 ${median(samples).toFixed(2)} ms，p99 ${percentile(samples, 0.99).toFixed(2)} ms`,
  );
  console.log(
    `审核通过（HTTP POST …/approve，${queueItems.length} 次，失败 ${failures}）：${approveRate.toFixed(0)} 次/秒`,
  );
  console.log(`基线：单行写事务 ${rawRate.toFixed(0)} 次/秒（同一数据库、同样并发）`);
  console.log(`比值：审核通过 / 单行写事务 = ${(approveRate / rawRate).toFixed(3)}`);
  if (failures) process.exitCode = 1;
}

await main();
