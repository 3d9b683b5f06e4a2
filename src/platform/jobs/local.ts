// One machine (SQLite): each due time runs the job here, unless its previous run is still under way.
import type { Logger } from 'pino';
import { checkSpec, type Due, type JobHandler, type JobSpec, type Scheduler } from './model.ts';
import { JobRunner } from './runner.ts';
import { schedulerOn } from './scheduler.ts';
import { startTrigger } from './trigger.ts';

const runHere = (runner: JobRunner, due: Due) => void runner.tick({ slot: due.slot, scheduledAt: new Date(due.at) });

export function createLocalScheduler(log: Logger): Scheduler {
  return schedulerOn({ start: async () => {}, add: async () => {}, fire: runHere, stop: async () => {} }, log);
}

export interface LocalJob {
  stop(): void;
  runNow(): Promise<void>;
  nextRun(): Date | null;
}

/** One job on its own, in this process, started at once (a module's tests, tools); `serve` uses one Scheduler. */
export function startLocalJob(log: Logger, job: JobSpec, handler: JobHandler): LocalJob {
  const checked = checkSpec(job);
  if (checked instanceof Error) throw checked;
  const runner = new JobRunner(job, handler, log);
  const trigger = startTrigger(job, (due) => runHere(runner, due));
  return {
    stop: () => trigger.stop(),
    runNow: () => runner.runNow(new Date()),
    nextRun() {
      const due = trigger.next();
      return due ? new Date(due.at) : null;
    },
  };
}
