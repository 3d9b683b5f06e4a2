// 定时任务: one scheduler for every recurring job. On SQLite (one machine) jobs run in this process; on PostgreSQL
// they go through pg-boss, so that with several app nodes each run happens once (ARCHITECTURE.md, jobs).
import type { Deps } from '../deps.ts';
import { currentSchema } from '../db/pg-schema.ts';
import { createLocalScheduler } from './local.ts';
import { jobsSchemaFor, type Scheduler } from './model.ts';
import { createPgBossScheduler } from './pgboss.ts';

export type { JobHandler, JobRun, JobSpec, Scheduler, When } from './model.ts';
export { jobsSchemaFor } from './model.ts';
export { type LocalJob, startLocalJob } from './local.ts';

/** A scheduler for the database in deps; register jobs with every(), then start(). */
export function createScheduler(deps: Pick<Deps, 'engine' | 'db' | 'config' | 'log'>): Scheduler {
  if (deps.engine === 'sqlite') return createLocalScheduler(deps.log);
  if (!deps.config.databaseUrl) throw new Error('使用 PostgreSQL 时必须配置 DATABASE_URL');
  return createPgBossScheduler(deps.log, {
    connectionString: deps.config.databaseUrl,
    // Next to the application's schema (public, or a test's own), so parallel tests never share a queue.
    schema: async () => jobsSchemaFor(await currentSchema(deps.db)),
  });
}
