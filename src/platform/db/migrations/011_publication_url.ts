// Where a publication can be read on the live site (发布后的网页地址): the 读网值班 integrity monitor compares that
// page with the approved text (issue 6). Entered by the unit after the CMS has put the item online.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('publications').addColumn('live_url', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('publications').dropColumn('live_url').execute();
}
