// Schema of 智能校对 findings kept on each revision (65号 三审三校制度 第五条(四)) and of an item's attachments (附件),
// both owned by src/publish. `revisions.checked_at` says the checks ran on a revision: one written before this
// migration is checked the first time it is needed (src/publish/findings-service.ts).
import { type Kysely, SqliteAdapter } from 'kysely';

/** Raw bytes: PostgreSQL calls them bytea, SQLite blob. */
const bytes = (db: Kysely<any>) => (db.getExecutor().adapter instanceof SqliteAdapter ? 'blob' : 'bytea');

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('revisions').addColumn('checked_at', 'text').execute();

  await db.schema
    .createTable('revision_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('start_at', 'integer', (c) => c.notNull())
    .addColumn('end_at', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('col', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('suggestion', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
    .addColumn('reason', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // A revision's findings; the lists' open counts per item.
  await db.schema
    .createIndex('revision_findings_item')
    .on('revision_findings')
    .columns(['item_id', 'revision', 'status'])
    .execute();

  await db.schema
    .createTable('item_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('revision_added', 'integer', (c) => c.notNull())
    .addColumn('revision_removed', 'integer')
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', bytes(db), (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_by', 'text', (c) => c.references('users.id'))
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema
    .createIndex('item_attachments_item')
    .on('item_attachments')
    .columns(['item_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('item_attachments').execute();
  await db.schema.dropTable('revision_findings').execute();
  await db.schema.alterTable('revisions').dropColumn('checked_at').execute();
}
