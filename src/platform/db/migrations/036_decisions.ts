// 重大行政决策 (src/decisions): the yearly 事项目录 per level, its items with their statutory procedure, and every
// version of each 目录 (63号 四: the 目录 is managed dynamically, so what applied when is kept).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decision_catalogs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('decision_catalogs_unit_year', ['unit_id', 'year'])
    .execute();

  await db.schema
    .createTable('decision_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('decision_catalogs.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead_unit', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('planned_month', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('decision_items_catalog_seq', ['catalog_id', 'seq'])
    .execute();
  await db.schema.createIndex('decision_items_lead_unit').on('decision_items').column('lead_unit_id').execute();

  await db.schema
    .createTable('decision_catalog_versions')
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('decision_catalogs.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_catalog_versions_pk', ['catalog_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('decision_catalog_versions').execute();
  await db.schema.dropTable('decision_items').execute();
  await db.schema.dropTable('decision_catalogs').execute();
}
