// 读网值班 at scale: one row per site and hour (UTC hours, which are Shanghai hours too) of homepage probes, kept up to
// date as each probe is saved and pruned with the raw probes. The 7-day veto count then reads whole days from
// watch_probe_days, whole hours from here and only the two partial hours at its ends from the raw probes (up to
// 12 a site), instead of up to two days of raw probes. Filled from the raw probes already there.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('watch_probe_hours')
    .addColumn('site_id', 'text', (c) => c.notNull().references('watch_sites.id'))
    .addColumn('hour', 'text', (c) => c.notNull()) // '2026-10-01T08', UTC: the first 13 characters of an ISO time
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('watch_probe_hours_pk', ['site_id', 'hour'])
    .execute();
  await db.schema.createIndex('watch_probe_hours_hour').on('watch_probe_hours').columns(['hour']).execute();
  await sql`insert into watch_probe_hours (site_id, hour, total, failures)
    select site_id, substr(at, 1, 13), count(*), sum(case when ok = 0 then 1 else 0 end)
    from watch_probes group by site_id, substr(at, 1, 13)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('watch_probe_hours').execute();
}
