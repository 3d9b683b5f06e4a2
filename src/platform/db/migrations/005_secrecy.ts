// Schema of 保密审查 (src/secrecy): opinions per step, the secrecy step's receipts (deadline, referral), reminders
// sent, redactions, blocking findings, co-issuers and their consents; and which text a publication carried.
import type { Kysely } from 'kysely';

const TABLES = [
  'secrecy_consents',
  'secrecy_co_issuers',
  'secrecy_findings',
  'secrecy_redactions',
  'secrecy_reminders',
  'secrecy_reviews',
  'secrecy_opinions',
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('secrecy_opinions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text')
    .addColumn('basis_ids', 'text', (c) => c.notNull())
    .addColumn('basis_text', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('secrecy_matter', 'integer')
    .addColumn('declassification', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('secrecy_opinions_item')
    .on('secrecy_opinions')
    .columns(['item_id', 'revision'])
    .execute();

  await db.schema
    .createTable('secrecy_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('authority', 'text')
    .addColumn('reference_no', 'text')
    .addColumn('referred_at', 'text')
    .addColumn('answer', 'text')
    .addColumn('answer_ref', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('secrecy_reviews_item')
    .on('secrecy_reviews')
    .columns(['item_id', 'created_at'])
    .execute();
  // The reminder job's scan: open receipts by due date.
  await db.schema.createIndex('secrecy_reviews_open').on('secrecy_reviews').columns(['state', 'due_on']).execute();

  await db.schema
    .createTable('secrecy_reminders')
    .addColumn('review_id', 'text', (c) => c.notNull().references('secrecy_reviews.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('secrecy_reminders_pk', ['review_id', 'kind'])
    .execute();

  await db.schema
    .createTable('secrecy_redactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('spans', 'text', (c) => c.notNull())
    .addColumn('redacted_text', 'text', (c) => c.notNull())
    .addColumn('redacted_html', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('secrecy_redactions_item')
    .on('secrecy_redactions')
    .columns(['item_id', 'revision'])
    .execute();

  await db.schema
    .createTable('secrecy_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('start_at', 'integer', (c) => c.notNull())
    .addColumn('end_at', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolved_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('secrecy_findings_item')
    .on('secrecy_findings')
    .columns(['item_id', 'revision'])
    .execute();

  await db.schema
    .createTable('secrecy_co_issuers')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('secrecy_co_issuers_pk', ['item_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('secrecy_co_issuers_unit').on('secrecy_co_issuers').column('unit_id').execute();

  await db.schema
    .createTable('secrecy_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('file_sha256', 'text')
    .addColumn('file_size', 'integer')
    .addColumn('file_base64', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('secrecy_consents_item')
    .on('secrecy_consents')
    .columns(['item_id', 'revision'])
    .execute();

  // 第十四条: a publication records which text went out — 'full', or 'redacted' (脱密) when a redaction exists.
  await db.schema
    .alterTable('publications')
    .addColumn('text', 'text', (c) => c.notNull().defaultTo('full'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('publications').dropColumn('text').execute();
  for (const t of TABLES) await db.schema.dropTable(t).ifExists().execute();
}
