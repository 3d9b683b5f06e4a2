// The outbox job: every 30 seconds, deliverOutbox. Several nodes may run it at once because each message is
// claimed before it is sent; the scheduler (src/platform/jobs) keeps runs from overlapping.
import type { Deps } from '../deps.ts';
import { type JobSpec, type LocalJob, startLocalJob } from '../jobs/index.ts';
import { deliverOutbox } from './service.ts';

type OutboxDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log'>;

export const OUTBOX_JOB: JobSpec = { name: 'notify.outbox', title: '邮件发送队列', when: { cron: '*/30 * * * * *' } };

export async function runOutboxJob(deps: OutboxDeps): Promise<void> {
  const { sent, failed } = await deliverOutbox(deps);
  if (sent || failed) deps.log.info(`邮件发送队列：发出 ${sent} 封，失败 ${failed} 封（失败的将重试）`);
}

export type OutboxWorker = LocalJob;

/** This job alone, in this process; `serve` runs it with the others (src/app/jobs.ts). */
export function startOutboxWorker(deps: OutboxDeps): OutboxWorker {
  return startLocalJob(deps.log, OUTBOX_JOB, () => runOutboxJob(deps));
}
