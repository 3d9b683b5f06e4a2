// The text hash of each page the hourly site run proofread (读网值班, 智能校对 on live pages): only new or changed pages
// are proofread again, so a large site costs the checker only what changed since the last run.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('watch_page_hashes')
    .addColumn('site_id', 'text', (c) => c.notNull().references('watch_sites.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('watch_page_hashes_pk', ['site_id', 'url'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('watch_page_hashes').execute();
}
