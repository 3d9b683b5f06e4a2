// Runs the schema migrations in order; called at start and by `gongkai db migrate`.
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { withSchemaLock } from './pg-schema.ts';
import * as m001 from './migrations/001_initial.ts';
import * as m002 from './migrations/002_publish_indexes.ts';
import * as m003 from './migrations/003_calendar.ts';
import * as m004 from './migrations/004_notify.ts';
import * as m005 from './migrations/005_secrecy.ts';
import * as m006 from './migrations/006_challenge.ts';
import * as m007 from './migrations/007_findings.ts';
import * as m008 from './migrations/008_dictionaries.ts';
import * as m009 from './migrations/009_duty.ts';
import * as m010 from './migrations/010_watch.ts';
import * as m011 from './migrations/011_publication_url.ts';
import * as m012 from './migrations/012_watch_page_hashes.ts';
import * as m013 from './migrations/013_ledger_merkle.ts';
import * as m014 from './migrations/014_admin_separation.ts';
import * as m015 from './migrations/015_finding_dismissals.ts';
import * as m016 from './migrations/016_provisional_deadlines.ts';
import * as m017 from './migrations/017_login_throttle.ts';
import * as m018 from './migrations/018_one_findings_table.ts';
import * as m019 from './migrations/019_watch_probe_days.ts';
import * as m020 from './migrations/020_watch_site_checks.ts';
import * as m026 from './migrations/026_gazette.ts';
import * as m027 from './migrations/027_drop_account_lock.ts';
import * as m028 from './migrations/028_watch_probe_hours.ts';
import * as m030 from './migrations/030_watch_node_checks.ts';
import * as m032 from './migrations/032_gazette_review.ts';
import * as m033 from './migrations/033_gazette_search.ts';
import * as m034 from './migrations/034_assessment_schemes.ts';
import * as m036 from './migrations/036_decisions.ts';
import * as m037 from './migrations/037_watch_overview_indexes.ts';
import * as m038 from './migrations/038_gazette_search_order.ts';
import * as m039 from './migrations/039_decision_comments.ts';
import * as m040 from './migrations/040_decision_proposals.ts';
import * as m042 from './migrations/042_duty_emergency_overrides.ts';
import * as m043 from './migrations/043_gazette_settings_word_search.ts';
import * as m044 from './migrations/044_watch_live_counts.ts';
import * as m045 from './migrations/045_decision_reminders.ts';
import * as m046 from './migrations/046_ledger_facts.ts';

// Listed by hand, not read from disk: the order is explicit and works the same under tsx and a bundle.
const MIGRATIONS: Record<string, Migration> = {
  '001_initial': m001,
  '002_publish_indexes': m002,
  '003_calendar': m003,
  '004_notify': m004,
  '005_secrecy': m005,
  '006_challenge': m006,
  '007_findings': m007,
  '008_dictionaries': m008,
  '009_duty': m009,
  '010_watch': m010,
  '011_publication_url': m011,
  '012_watch_page_hashes': m012,
  '013_ledger_merkle': m013,
  '014_admin_separation': m014,
  '015_finding_dismissals': m015,
  '016_provisional_deadlines': m016,
  '017_login_throttle': m017,
  '018_one_findings_table': m018,
  '019_watch_probe_days': m019,
  '020_watch_site_checks': m020,
  '026_gazette': m026,
  '027_drop_account_lock': m027,
  '028_watch_probe_hours': m028,
  '030_watch_node_checks': m030,
  '032_gazette_review': m032,
  '033_gazette_search': m033,
  '034_assessment_schemes': m034,
  '036_decisions': m036,
  '037_watch_overview_indexes': m037,
  '038_gazette_search_order': m038,
  '039_decision_comments': m039,
  '040_decision_proposals': m040,
  '042_duty_emergency_overrides': m042,
  '043_gazette_settings_word_search': m043,
  '044_watch_live_counts': m044,
  '045_decision_reminders': m045,
  '046_ledger_facts': m046,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

// PostgreSQL (a schema is given): name the schema, or Kysely finds its migration tables in *any* schema (another test
// file's) and skips creating them in this one; and take turns with schema drops (see withSchemaLock).
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = schema
    ? await withSchemaLock(db, () => migrator.migrateToLatest())
    : await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Runs the migrations up to and including `target` (tests of a migration that converts existing rows). */
export async function migrateTo(db: Kysely<any>, target: string, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const run = () => migrator.migrateTo(target);
  const { error } = schema ? await withSchemaLock(db, run) : await run();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
