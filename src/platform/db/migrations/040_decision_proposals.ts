// 重大行政决策 目录的动态管理 (63号 四): a proposal to add, change or withdraw an item, with its reasons, and the
// 区政府办公室's decision on it; a withdrawn item stays (its procedure is part of the record) but leaves the 目录.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decision_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('decision_catalogs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.references('decision_items.id'))
    .addColumn('entry', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('version', 'integer')
    .execute();
  await db.schema.alterTable('decision_items').addColumn('withdrawn_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('decision_items').dropColumn('withdrawn_at').execute();
  await db.schema.dropTable('decision_proposals').execute();
}
