// 重大行政决策 预公开 (src/decisions/consultation.ts): the public's comments on a draft decision, as received (seen only
// by the 承办单位) and as screened for personal data (what the public may see), with the unit's 采纳 answer.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decision_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('decision_items.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('contact', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('public_body', 'text', (c) => c.notNull())
    .addColumn('pii_count', 'integer', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answer_reason', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id'))
    .addColumn('answered_at', 'text')
    .addUniqueConstraint('decision_comments_item_seq', ['item_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('decision_comments').execute();
}
