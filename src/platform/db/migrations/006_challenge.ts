// Schema of 质疑申请 (65号 保密审查制度 第十五条; src/secrecy/challenge-*.ts): the cases and their yearly numbering.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('challenge_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('item_id', 'text', (c) => c.references('items.id'))
    .addColumn('subject', 'text')
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('asker_name', 'text', (c) => c.notNull())
    .addColumn('asker_org', 'text')
    .addColumn('asker_phone', 'text')
    .addColumn('asker_email', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('first_due_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('extended_at', 'text')
    .addColumn('extended_by', 'text', (c) => c.references('users.id'))
    .addColumn('extension_days', 'integer')
    .addColumn('extension_reason', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id'))
    .addColumn('answer_basis', 'text')
    .addColumn('answer_reason', 'text')
    .addUniqueConstraint('challenges_year_seq', ['year', 'seq'])
    .execute();
  // The unit's list and the overdue scans: open cases by deadline.
  await db.schema
    .createIndex('challenges_unit_state_due')
    .on('challenges')
    .columns(['unit_id', 'state', 'due_on'])
    .execute();
  await db.schema.createIndex('challenges_state_due').on('challenges').columns(['state', 'due_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('challenges').execute();
  await db.schema.dropTable('challenge_counters').execute();
}
