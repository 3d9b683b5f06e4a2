// The publishing job: every minute, publish approved items whose publish_at has come (定时发布).
// publishDue is safe when several nodes run it at once; the scheduler (src/platform/jobs) keeps runs from overlapping.
import type { Deps } from '../platform/deps.ts';
import { type JobSpec, type LocalJob, startLocalJob } from '../platform/jobs/index.ts';
import { publishDue } from './service.ts';

export const PUBLISH_JOB: JobSpec = { name: 'publish.due', title: '定时发布', when: { cron: '* * * * *' } };

export async function runPublishJob(deps: Deps): Promise<void> {
  const { published } = await publishDue(deps);
  if (published.length) deps.log.info(`定时发布：已发布 ${published.length} 篇稿件`);
}

export type PublishScheduler = LocalJob;

/** This job alone, in this process; `serve` runs it with the others (src/app/jobs.ts). */
export function startPublishScheduler(deps: Deps): PublishScheduler {
  return startLocalJob(deps.log, PUBLISH_JOB, () => runPublishJob(deps));
}
