// This node's worker for one job's queue: takes the next waiting run (the queue lets one run be active at a time),
// runs it, and records the outcome. Our loop rather than boss.work(): pg-boss 10's worker records the outcome
// without awaiting it, so a database outage at that moment would be an unhandled rejection, and stop the process.
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobRunner } from './runner.ts';

export interface SlotData {
  slot: string;
  scheduledAt: string;
}

export interface QueueWorker {
  /** Asks for work now (this node has just queued a run). */
  wake(): void;
  /** Stops asking, after the run under way is recorded. */
  stop(): Promise<void>;
}

export function startQueueWorker(boss: PgBoss, runner: JobRunner, pollMs: number, log: Logger): QueueWorker {
  const { name } = runner.spec;
  let stopping = false;
  let woken = false; // woken while not waiting: ask again before waiting
  let wakeUp: (() => void) | null = null;

  const runOne = async (job: PgBoss.Job<SlotData>) => {
    // never throws
    const outcome = await runner.tick({ slot: job.data.slot, scheduledAt: new Date(job.data.scheduledAt) });
    try {
      if (outcome.kind === 'failed')
        await boss.fail(name, job.id, { message: String((outcome.error as Error)?.message ?? outcome.error) });
      else await boss.complete(name, job.id);
    } catch (err) {
      // The run stays active in the queue until pg-boss expires it (15 minutes); the runs after it wait till then.
      log.error({ err, job: name, slot: job.data.slot }, `定时任务「${runner.title}」的运行结果未能记入任务队列`);
    }
  };

  const loop = (async () => {
    while (!stopping) {
      // fetch() answers [] when the database is unreachable or another node's run of this job is active.
      const [job] = await boss.fetch<SlotData>(name).catch(() => []);
      if (job) {
        await runOne(job);
        continue;
      }
      if (woken) {
        woken = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  })();

  return {
    wake() {
      woken = !wakeUp;
      wakeUp?.();
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      await loop;
    },
  };
}
