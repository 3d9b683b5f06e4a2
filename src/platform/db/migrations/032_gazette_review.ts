// 政府公报: an issue goes through 三审三校 as an item of its own (items.item_type 'gazette'); the issue names it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('gazette_issues')
    .addColumn('item_id', 'text', (c) => c.references('items.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('gazette_issues').dropColumn('item_id').execute();
}
