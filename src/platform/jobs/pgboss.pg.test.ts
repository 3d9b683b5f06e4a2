// Several app nodes on one PostgreSQL: two separate processes run the same interval job against the same pg-boss
// schema; every slot runs once in total, runs never overlap, and both nodes offered every slot.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { createSchema, dropSchema } from '../db/pg-schema.ts';
import { jobsSchemaFor } from './model.ts';
import { createPgBossScheduler } from './pgboss.ts';

const PG_URL = process.env.GONGKAI_TEST_PG_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const ROOT = path.resolve(import.meta.dirname, '../../..');
const INTERVAL_MS = 1000;
const SLOTS = 4;

interface Node {
  child: ChildProcess;
  lines: { msg: string; slot?: string }[];
  exited: Promise<number | null>;
}

function startNode(env: Record<string, string>): Node {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/jobs-node.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Node['lines'] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop()!;
    for (const p of parts) if (p.startsWith('{')) lines.push(JSON.parse(p));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, exited };
}

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`等待超时：${what}`);
    await sleep(100);
  }
}

const alive = (n: Node) => n.child.exitCode === null && n.child.signalCode === null;

test('PostgreSQL：两个进程运行同一间隔任务，每一轮总共只运行一次', { timeout: 60_000 }, async () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const bossSchema = jobsSchemaFor(schema);
  const db = new pg.Client({ connectionString: PG_URL });
  await createSchema(PG_URL, schema);
  await db.connect();
  const nodes: Node[] = [];
  try {
    await db.query(`create table ${schema}.job_runs (id serial primary key, slot text not null, pid int not null,
      started_at timestamptz not null default clock_timestamp(), ended_at timestamptz)`);
    const env = {
      JOBS_TEST_PG_URL: PG_URL,
      JOBS_TEST_SCHEMA: schema,
      JOBS_TEST_PGBOSS_SCHEMA: bossSchema,
      JOBS_TEST_INTERVAL_MS: String(INTERVAL_MS),
    };
    // Both install pg-boss's schema at once, as two fresh nodes would. The second one's clock is behind, so it offers
    // each slot while the first node's run of it is under way: the queue's one-run-at-a-time rule alone would let
    // that second offer wait and run again; the slot's job id must drop it.
    nodes.push(startNode(env), startNode({ ...env, JOBS_TEST_LAG_MS: '400' }));
    await waitFor(
      '两个节点就绪',
      () => nodes.every((n) => n.lines.some((l) => l.msg === '节点就绪') || !alive(n)),
      30_000,
    );
    assert.ok(nodes.every(alive), '两个节点都应在运行');
    const firstSlot = Math.floor(Date.now() / INTERVAL_MS) + 1; // the first slot both nodes were ready for
    const ranSlots = async () =>
      Number(
        (
          await db.query(
            `select count(distinct slot) as n from ${schema}.job_runs
      where slot::bigint >= $1 and ended_at is not null`,
            [firstSlot],
          )
        ).rows[0].n,
      );
    await waitFor(`${SLOTS} 轮运行`, async () => (await ranSlots()) >= SLOTS || !nodes.every(alive), 30_000);
    assert.ok(nodes.every(alive), '两个节点在整个过程中都应在运行');
    for (const n of nodes) n.child.stdin!.end();
    assert.deepEqual(await Promise.all(nodes.map((n) => n.exited)), [0, 0]);

    const { rows } = await db.query<{ slot: string; pid: number; started_at: Date; ended_at: Date | null }>(
      `select slot, pid, started_at, ended_at from ${schema}.job_runs order by started_at`,
    );
    const perSlot = new Map<string, number>();
    for (const r of rows) perSlot.set(r.slot, (perSlot.get(r.slot) ?? 0) + 1);
    assert.deepEqual(
      [...perSlot].filter(([, n]) => n > 1),
      [],
      '每一轮只能运行一次',
    );
    assert.ok([...perSlot.keys()].filter((s) => Number(s) >= firstSlot).length >= SLOTS);
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i].started_at >= rows[i - 1].ended_at!, '两次运行不能重叠');
    // Each node offered each slot: the proof is not that one node happened to do all the work.
    for (const n of nodes) {
      const offered = new Set(
        n.lines
          .filter((l) => l.msg.startsWith('定时任务「测试任务」本轮') && Number(l.slot) >= firstSlot)
          .map((l) => l.slot),
      );
      assert.ok(offered.size >= SLOTS - 1, `每个节点都应为各轮排队（${offered.size}）`);
    }
  } finally {
    for (const n of nodes) if (alive(n)) n.child.kill();
    await db.end();
    await dropSchema(PG_URL, schema);
    await dropSchema(PG_URL, bossSchema);
  }
});

test('PostgreSQL：运行出错记为失败，不重试，之后照常运行；runNow 在本进程运行', { timeout: 60_000 }, async () => {
  const bossSchema = `t_${randomBytes(6).toString('hex')}_pgboss`;
  const scheduler = createPgBossScheduler(pino({ level: 'silent' }), {
    connectionString: PG_URL,
    schema: bossSchema,
    pollingIntervalSeconds: 0.5,
  });
  const slots: string[] = [];
  scheduler.every({ name: 'flaky', when: { intervalMs: 500 } }, async ({ slot }) => {
    slots.push(slot);
    if (slots.length === 1) throw new Error('数据库暂时不可用');
  });
  try {
    await scheduler.start();
    await waitFor('出错后又运行两次', () => slots.length >= 3, 30_000);
    await scheduler.runNow('flaky');
    assert.ok(slots.at(-1)!.startsWith('manual:'));
  } finally {
    await scheduler.stop();
  }
  const db = new pg.Client({ connectionString: PG_URL });
  await db.connect();
  try {
    const { rows } =
      await db.query(`select data->>'slot' as slot, state, retry_count from ${bossSchema}.job where name = 'flaky'
      union all select data->>'slot', state, retry_count from ${bossSchema}.archive where name = 'flaky'`);
    const failed = rows.filter((r) => r.state === 'failed');
    assert.deepEqual(
      failed.map((r) => [r.slot, r.retry_count]),
      [[slots[0], 0]],
    ); // the first run, not retried
    assert.ok(rows.filter((r) => r.state === 'completed').length >= 2);
  } finally {
    await db.end();
    await dropSchema(PG_URL, bossSchema);
  }
});
