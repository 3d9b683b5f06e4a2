// One job in this process: its runs never overlap here, a failure is logged in Chinese and never escapes a
// scheduled run (the next run comes as planned), and stop waits for the run under way.
import type { Logger } from 'pino';
import type { JobHandler, JobRun, JobSpec } from './model.ts';

export type Outcome = { kind: 'done' } | { kind: 'skipped' } | { kind: 'failed'; error: unknown };

export class JobRunner {
  private current: Promise<Outcome> | null = null;
  readonly title: string;

  constructor(
    readonly spec: JobSpec,
    private readonly handler: JobHandler,
    private readonly log: Logger,
  ) {
    this.title = spec.title ?? spec.name;
  }

  /** A scheduled run: skipped while the previous one is still under way; never throws. */
  async tick(run: JobRun): Promise<Outcome> {
    if (this.current) {
      this.log.warn({ job: this.spec.name, slot: run.slot }, `定时任务「${this.title}」上一次运行尚未结束，跳过本次`);
      return { kind: 'skipped' };
    }
    const outcome = await this.execute(run);
    if (outcome.kind === 'failed') {
      this.log.error(
        { err: outcome.error, job: this.spec.name, slot: run.slot },
        `定时任务「${this.title}」运行失败，将在下次运行时重试`,
      );
    }
    return outcome;
  }

  /** A run asked for by hand: after the one under way, if any; rejects with the handler's error. */
  async runNow(now: Date): Promise<void> {
    while (this.current) await this.current;
    const outcome = await this.execute({ slot: `manual:${now.toISOString()}`, scheduledAt: now });
    if (outcome.kind === 'failed') throw outcome.error;
  }

  /** Resolves when no run is under way. */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  private execute(run: JobRun): Promise<Outcome> {
    const started = Date.now();
    const current = Promise.resolve()
      .then(() => this.handler(run))
      .then(
        (): Outcome => ({ kind: 'done' }),
        (error: unknown): Outcome => ({ kind: 'failed', error }),
      )
      .finally(() => {
        if (this.current === current) this.current = null;
        this.log.debug(
          { job: this.spec.name, slot: run.slot, ms: Date.now() - started },
          `定时任务「${this.title}」运行结束`,
        );
      });
    this.current = current;
    return current;
  }
}
