// What every scheduler does, whatever runs the jobs: it keeps the registered jobs, fires each at its due times
// (trigger.ts) and hands the run to its backend: run here (local.ts) or queue it for all nodes (pgboss.ts).
import type { Logger } from 'pino';
import { checkSpec, type Due, type JobHandler, type JobSpec, type Scheduler } from './model.ts';
import { JobRunner } from './runner.ts';
import { startTrigger, type Trigger } from './trigger.ts';

export interface Backend {
  start(): Promise<void>;
  /** Prepares a job before its first due time (on PostgreSQL: its queue and this node's worker). */
  add(runner: JobRunner): Promise<void>;
  /** A due time has come on this node. Must not throw. */
  fire(runner: JobRunner, due: Due): void;
  /** Stops after the runs under way finished. */
  stop(): Promise<void>;
}

interface Entry {
  runner: JobRunner;
  trigger: Trigger | null;
}

/** `now`: this node's wall clock, for due times. */
export function schedulerOn(backend: Backend, log: Logger, now: () => number = Date.now): Scheduler {
  const jobs = new Map<string, Entry>();
  let state: 'new' | 'starting' | 'started' | 'stopped' = 'new';
  let adding: Promise<void> = Promise.resolve(); // jobs registered after start, prepared one after another

  const arm = (entry: Entry) => {
    if (state === 'started')
      entry.trigger = startTrigger(entry.runner.spec, (due) => backend.fire(entry.runner, due), now);
  };
  const entryOf = (name: string): Entry => {
    const entry = jobs.get(name);
    if (!entry) throw new Error(`没有名为「${name}」的定时任务`);
    return entry;
  };

  return {
    every(job: JobSpec, handler: JobHandler) {
      const checked = checkSpec(job);
      if (checked instanceof Error) throw checked;
      if (jobs.has(job.name)) throw new Error(`定时任务「${job.name}」已注册`);
      if (state === 'stopped') throw new Error(`调度器已停止，不能再注册定时任务「${job.name}」`);
      const entry: Entry = { runner: new JobRunner(job, handler, log), trigger: null };
      jobs.set(job.name, entry);
      if (state !== 'started') return; // start() prepares it
      adding = adding
        .then(() => backend.add(entry.runner))
        .then(
          () => arm(entry),
          (err) => log.error({ err, job: job.name }, `定时任务「${entry.runner.title}」启动失败`),
        );
    },
    async start() {
      if (state !== 'new') throw new Error('调度器只能启动一次');
      state = 'starting';
      await backend.start();
      for (const entry of jobs.values()) await backend.add(entry.runner); // also those registered meanwhile
      state = 'started';
      for (const entry of jobs.values()) arm(entry);
    },
    async stop() {
      if (state === 'stopped') return;
      const wasStarted = state !== 'new';
      state = 'stopped';
      for (const entry of jobs.values()) entry.trigger?.stop();
      await adding;
      if (wasStarted) await backend.stop();
      await Promise.all([...jobs.values()].map((e) => e.runner.idle()));
    },
    runNow: async (name) => entryOf(name).runner.runNow(new Date()),
    nextRun(name) {
      const due = entryOf(name).trigger?.next();
      return due ? new Date(due.at) : null;
    },
  };
}
