// One app node for src/platform/jobs/pgboss.test.ts: a pg-boss scheduler, its clock behind by JOBS_TEST_LAG_MS,
// running one interval job whose runs are recorded in JOBS_TEST_SCHEMA.job_runs (slot, process id, start, end).
// Debug log as JSON lines on stdout; stops gracefully, and exits 0, when its stdin closes.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import pino from 'pino';
import { createPgBossScheduler } from '../../src/platform/jobs/pgboss.ts';

const {
  JOBS_TEST_PG_URL: url,
  JOBS_TEST_SCHEMA: schema,
  JOBS_TEST_PGBOSS_SCHEMA: bossSchema,
  JOBS_TEST_INTERVAL_MS: interval,
} = process.env;
if (!url || !schema || !bossSchema || !interval) throw new Error('缺少 JOBS_TEST_* 环境变量');

const log = pino({ level: 'debug' });
const pool = new pg.Pool({ connectionString: url, max: 2 });
const lagMs = Number(process.env.JOBS_TEST_LAG_MS ?? 0); // this node's clock is behind by this much
const scheduler = createPgBossScheduler(log, {
  connectionString: url,
  schema: bossSchema,
  pollingIntervalSeconds: 0.5,
  poolSize: 3,
  now: () => Date.now() - lagMs,
});
scheduler.every({ name: 'test.tick', title: '测试任务', when: { intervalMs: Number(interval) } }, async ({ slot }) => {
  const { rows } = await pool.query(`insert into ${schema}.job_runs (slot, pid) values ($1, $2) returning id`, [
    slot,
    process.pid,
  ]);
  await sleep(150); // long enough for another node to try the same slot meanwhile
  await pool.query(`update ${schema}.job_runs set ended_at = clock_timestamp() where id = $1`, [rows[0].id]);
});
await scheduler.start();
log.info({ pid: process.pid }, '节点就绪');

process.stdin.resume();
process.stdin.on('end', async () => {
  await scheduler.stop();
  await pool.end();
  log.info({ pid: process.pid }, '节点已停止');
  process.exit(0);
});
