// 政府公报 (src/gazette): issues and the published 公文 placed in them, with their parsed GB/T 9704 elements.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('gazette_issues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('total_number', 'integer', (c) => c.notNull().unique())
    .addColumn('publish_date', 'text', (c) => c.notNull())
    .addColumn('foreword_title', 'text')
    .addColumn('foreword', 'text')
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('gazette_issues_year_number', ['year', 'number'])
    .execute();

  await db.schema
    .createTable('gazette_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issue_id', 'text', (c) => c.notNull().references('gazette_issues.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text')
    .addColumn('issuers', 'text', (c) => c.notNull())
    .addColumn('doc_date', 'text')
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('gazette_entries_issue_item', ['issue_id', 'item_id'])
    .execute();
  await db.schema.createIndex('gazette_entries_item').on('gazette_entries').column('item_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('gazette_entries').execute();
  await db.schema.dropTable('gazette_issues').execute();
}
