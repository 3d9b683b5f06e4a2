// 读网值班 at scale (src/watch/retention.ts): homepage probes are kept raw for a while (90 days by default) and as one
// row per site and day (Asia/Shanghai) for ever, so that the 5 % veto line and a year's report keep working; the
// roll-up remembers the day it has rolled up to. Indexes for the incident list and the pruning of runs by time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('watch_probe_days')
    .addColumn('site_id', 'text', (c) => c.notNull().references('watch_sites.id'))
    .addColumn('day', 'text', (c) => c.notNull()) // '2026-10-01', Asia/Shanghai
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('ms_sum', 'integer', (c) => c.notNull())
    .addColumn('ms_max', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('watch_probe_days_pk', ['site_id', 'day'])
    .execute();
  await db.schema.createIndex('watch_probe_days_day').on('watch_probe_days').columns(['day']).execute();
  // One row: every day before `through` (a Shanghai midnight, ISO UTC) is in watch_probe_days.
  await db.schema
    .createTable('watch_rollups')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('through', 'text', (c) => c.notNull())
    .addColumn('pruned_before', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('watch_probes_at').on('watch_probes').columns(['at']).execute();
  await db.schema.createIndex('watch_runs_started').on('watch_runs').columns(['started_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('watch_runs_started').execute();
  await db.schema.dropIndex('watch_probes_at').execute();
  await db.schema.dropTable('watch_rollups').execute();
  await db.schema.dropTable('watch_probe_days').execute();
}
