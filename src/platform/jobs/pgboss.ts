// Several nodes on one PostgreSQL: each job is a pg-boss queue (policy `stately`: at most one run active and one
// waiting, across all nodes, so runs never overlap). At each due time every node sends the slot with the same job
// id (model.ts slotJobId); the first insert wins, the others are dropped by the primary key, and one node's worker
// (pgboss-worker.ts) runs it: each slot runs once, however many nodes there are and however their clocks differ.
// A failed run is recorded as failed and not retried; the next slot comes as planned. pg-boss's own cron is not
// used (minute-granular, and one more clock): due times come from model.ts on every node.
import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { type Scheduler, slotJobId } from './model.ts';
import { type QueueWorker, type SlotData, startQueueWorker } from './pgboss-worker.ts';
import { schedulerOn } from './scheduler.ts';

export interface PgBossSchedulerOptions {
  connectionString: string;
  /** pg-boss's schema (model.ts jobsSchemaFor), or how to find it when starting. */
  schema: string | (() => Promise<string>);
  /** How often an idle worker asks for work (default 2); the node whose send won asks at once. */
  pollingIntervalSeconds?: number;
  poolSize?: number;
  /** This node's wall clock (Date.now); a test gives one node a clock that is behind the other's. */
  now?: () => number;
}

export function createPgBossScheduler(log: Logger, opts: PgBossSchedulerOptions): Scheduler {
  let boss: PgBoss | null = null;
  const workers = new Map<string, QueueWorker>(); // job name → this node's worker
  const sending = new Set<Promise<unknown>>();
  const started = (): PgBoss => {
    if (!boss) throw new Error('任务队列尚未启动');
    return boss;
  };

  return schedulerOn(
    {
      async start() {
        const schema = typeof opts.schema === 'string' ? opts.schema : await opts.schema();
        boss = new PgBoss({
          connectionString: opts.connectionString,
          schema,
          max: opts.poolSize ?? 4,
          application_name: 'gongkai-jobs',
          schedule: false,
        }); // no pg-boss cron: no timekeeper queues or clock checks
        boss.on('error', (err) => log.error({ err }, '任务队列（pg-boss）出错，继续运行'));
        await boss.start();
      },
      async add(runner) {
        const { name } = runner.spec;
        await createQueue(started(), name);
        workers.set(name, startQueueWorker(started(), runner, (opts.pollingIntervalSeconds ?? 2) * 1000, log));
      },
      fire(runner, due) {
        const { name } = runner.spec;
        const data: SlotData = { slot: due.slot, scheduledAt: new Date(due.at).toISOString() };
        const send = started()
          .send(name, data, { id: slotJobId(name, due.slot), retryLimit: 0 })
          .then(
            (id) => {
              log.debug(
                { job: name, slot: due.slot, queued: !!id },
                id
                  ? `定时任务「${runner.title}」本轮已排队`
                  : `定时任务「${runner.title}」本轮未重复排队（其他节点已排队，或上一轮仍在等待）`,
              );
              if (id) workers.get(name)?.wake();
            },
            (err) => log.error({ err, job: name, slot: due.slot }, `定时任务「${runner.title}」排队失败，本轮不运行`),
          );
        sending.add(send);
        void send.finally(() => sending.delete(send));
      },
      async stop() {
        await Promise.all(sending);
        await Promise.all([...workers.values()].map((w) => w.stop()));
        await boss?.stop({ graceful: true, wait: true, timeout: 30_000 });
      },
    },
    log,
    opts.now,
  );
}

/**
 * Creates the job's queue unless it exists. Two nodes creating the same queue at once can deadlock in PostgreSQL
 * (pg-boss 10 attaches a partition per queue; measured here: 1 start in 3); the loser retries and finds it made.
 */
async function createQueue(boss: PgBoss, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await boss.createQueue(name, { name, policy: 'stately', retryLimit: 0 });
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err; // 40P01: deadlock_detected
      await sleep(50 * attempt);
    }
  }
}
