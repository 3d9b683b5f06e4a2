// 立即检测 (src/watch/check-now.ts): a person runs every monitor of one site now. One row per site holds the latest
// such check — running while under way (a second one is refused, on every node), then done or failed with its result.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('watch_site_checks')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('watch_sites.id'))
    .addColumn('state', 'text', (c) => c.notNull()) // running | done | failed
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('observations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problems', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('watch_site_checks').execute();
}
