// Schema of 读网值班 monitoring (src/watch): sites, columns, pages that should not change, new-media accounts, unit
// settings and webhooks; the latest status per monitor/target/rule, availability probes, monitor runs; incidents with
// their steps and notification deliveries.
import type { Kysely } from 'kysely';

const TABLES = [
  'watch_deliveries',
  'watch_incident_steps',
  'watch_incidents',
  'watch_runs',
  'watch_probes',
  'watch_status',
  'watch_webhooks',
  'watch_unit_settings',
  'watch_accounts',
  'watch_pages',
  'watch_columns',
  'watch_sites',
];

const text = 'text';
const int = 'integer';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('watch_sites')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('unit_id', text, (c) => c.notNull().references('units.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('url', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('contact_ids', text, (c) => c.notNull())
    .addColumn('thresholds', text, (c) => c.notNull())
    .addColumn('active', int, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('watch_sites_unit').on('watch_sites').columns(['unit_id']).execute();

  await db.schema
    .createTable('watch_columns')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('site_id', text, (c) => c.notNull().references('watch_sites.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('url', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('clock_days', int)
    .addColumn('date_selector', text)
    .addColumn('active', int, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('watch_columns_site').on('watch_columns').columns(['site_id']).execute();

  await db.schema
    .createTable('watch_pages')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('site_id', text, (c) => c.notNull().references('watch_sites.id'))
    .addColumn('url', text, (c) => c.notNull())
    .addColumn('label', text, (c) => c.notNull())
    .addColumn('baseline_hash', text)
    .addColumn('baseline_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('watch_pages_url', ['site_id', 'url'])
    .execute();

  await db.schema
    .createTable('watch_accounts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('unit_id', text, (c) => c.notNull().references('units.id'))
    .addColumn('platform', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('url', text)
    .addColumn('last_post_on', text)
    .addColumn('last_post_by', text)
    .addColumn('last_post_at', text)
    .addColumn('active', int, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('watch_accounts_unit').on('watch_accounts').columns(['unit_id']).execute();

  await db.schema
    .createTable('watch_unit_settings')
    .addColumn('unit_id', text, (c) => c.primaryKey().references('units.id'))
    .addColumn('contact_ids', text, (c) => c.notNull())
    .addColumn('ack_minutes', int, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('watch_webhooks')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('unit_id', text, (c) => c.notNull().references('units.id'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('url', text, (c) => c.notNull())
    .addColumn('active', int, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('watch_webhooks_unit').on('watch_webhooks').columns(['unit_id']).execute();

  await db.schema
    .createTable('watch_status')
    .addColumn('monitor', text, (c) => c.notNull())
    .addColumn('target_key', text, (c) => c.notNull())
    .addColumn('rule', text, (c) => c.notNull())
    .addColumn('site_id', text)
    .addColumn('account_id', text)
    .addColumn('level', text, (c) => c.notNull())
    .addColumn('summary', text, (c) => c.notNull())
    .addColumn('details', text, (c) => c.notNull())
    .addColumn('observed_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('watch_status_pk', ['monitor', 'target_key', 'rule'])
    .execute();
  await db.schema.createIndex('watch_status_site').on('watch_status').columns(['site_id']).execute();
  await db.schema.createIndex('watch_status_account').on('watch_status').columns(['account_id']).execute();

  // The trailing 7-day failure share reads one site's probes by time.
  await db.schema
    .createTable('watch_probes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('site_id', text, (c) => c.notNull().references('watch_sites.id'))
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('ok', int, (c) => c.notNull())
    .addColumn('ms', int, (c) => c.notNull())
    .addColumn('status_code', int)
    .addColumn('error', text)
    .execute();
  await db.schema.createIndex('watch_probes_site').on('watch_probes').columns(['site_id', 'at']).execute();

  await db.schema
    .createTable('watch_runs')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('monitor', text, (c) => c.notNull())
    .addColumn('site_id', text)
    .addColumn('account_id', text)
    .addColumn('started_at', text, (c) => c.notNull())
    .addColumn('duration_ms', int, (c) => c.notNull())
    .addColumn('outcome', text, (c) => c.notNull())
    .addColumn('observations', int, (c) => c.notNull())
    .addColumn('error', text)
    .execute();
  await db.schema.createIndex('watch_runs_site').on('watch_runs').columns(['site_id', 'started_at']).execute();

  await db.schema
    .createTable('watch_incidents')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('open_key', text, (c) => c.unique()) // NULL once recovered: several NULLs are allowed on both engines
    .addColumn('monitor', text, (c) => c.notNull())
    .addColumn('target_key', text, (c) => c.notNull())
    .addColumn('target', text, (c) => c.notNull())
    .addColumn('rule', text, (c) => c.notNull())
    .addColumn('site_id', text)
    .addColumn('account_id', text)
    .addColumn('unit_id', text, (c) => c.notNull().references('units.id'))
    .addColumn('medium', text, (c) => c.notNull())
    .addColumn('level', text, (c) => c.notNull())
    .addColumn('summary', text, (c) => c.notNull())
    .addColumn('details', text, (c) => c.notNull())
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('opened_at', text, (c) => c.notNull())
    .addColumn('last_observed_at', text, (c) => c.notNull())
    .addColumn('observations', int, (c) => c.notNull())
    .addColumn('escalations', int, (c) => c.notNull())
    .addColumn('escalated_at', text)
    .addColumn('version', int, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('watch_incidents_unit').on('watch_incidents').columns(['unit_id', 'opened_at']).execute();
  await db.schema.createIndex('watch_incidents_state').on('watch_incidents').columns(['state', 'opened_at']).execute();

  await db.schema
    .createTable('watch_incident_steps')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('incident_id', text, (c) => c.notNull().references('watch_incidents.id'))
    .addColumn('seq', int, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('actor_id', text, (c) => c.notNull())
    .addColumn('actor_name', text, (c) => c.notNull())
    .addColumn('note', text, (c) => c.notNull())
    .addUniqueConstraint('watch_incident_steps_seq', ['incident_id', 'seq'])
    .execute();

  await db.schema
    .createTable('watch_deliveries')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('incident_id', text, (c) => c.notNull().references('watch_incidents.id'))
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('channel', text, (c) => c.notNull())
    .addColumn('target', text, (c) => c.notNull())
    .addColumn('label', text, (c) => c.notNull())
    .addColumn('payload', text, (c) => c.notNull())
    .addColumn('ref_id', text)
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('attempts', int, (c) => c.notNull())
    .addColumn('next_attempt_at', text)
    .addColumn('last_error', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('sent_at', text)
    .execute();
  await db.schema.createIndex('watch_deliveries_incident').on('watch_deliveries').columns(['incident_id']).execute();
  await db.schema
    .createIndex('watch_deliveries_pending')
    .on('watch_deliveries')
    .columns(['state', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) await db.schema.dropTable(t).ifExists().execute();
}
