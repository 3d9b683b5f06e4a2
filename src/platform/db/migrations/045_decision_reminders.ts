// 重大行政决策 reminders (src/decisions/reminders.ts): one row per item, kind and basis (the planned month, or the
// day a comment window closes), written in the transaction that queues the reminder, so that it goes out exactly once
// however often, and on however many nodes, the job runs.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decision_reminders')
    .addColumn('item_id', 'text', (c) => c.notNull().references('decision_items.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_reminders_pk', ['item_id', 'kind', 'basis'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('decision_reminders').execute();
}
