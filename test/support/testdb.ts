// A fresh, migrated database for one test file: a private SQLite file, or a private schema in
// PostgreSQL (GONGKAI_TEST_DB=postgres), so test files can run in parallel without seeing each other.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Deps } from '../../src/platform/deps.ts';
import { PORTS } from '../../src/app/ports.ts';
import { presetDemoPasswordHashes } from '../../src/org/demo.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openDb } from '../../src/platform/db/index.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { urlWithSchema } from '../../src/platform/db/pg-schema.ts';
import { createTestDatabase, databaseUrl, dropTestDatabase, TEST_SCHEMA, testDatabasePrefix } from './db-templates.ts';

export const TEST_ENGINE = process.env.GONGKAI_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
const PG_URL = process.env.GONGKAI_TEST_PG_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
// Migrated templates made once per `npm test` run (test/support/db-templates.ts); a file run on its own migrates.
const SQLITE_TEMPLATE = process.env.GONGKAI_TEST_SQLITE_TEMPLATE;
const PG_TEMPLATE = process.env.GONGKAI_TEST_PG_TEMPLATE;
// Under `npm test` a file's databases are dropped by the runner once the file's process has ended (a database dropped
// earlier would cut the connections of anything the file left running); a file run on its own drops its own.
const RUN_ID = process.env.GONGKAI_TEST_RUN_ID;

export type TestDeps = Deps & {
  clock: ReturnType<typeof fixedClock>;
  /** Environment that points a `gongkai` subprocess at this same database. */
  cliEnv: Record<string, string>;
  close(): Promise<void>;
};

// The demo accounts' password hashes made once for the whole run (test/support/demo-hashes.ts, by scripts/test.mjs).
const demoHashes = process.env.GONGKAI_TEST_DEMO_HASHES;
if (demoHashes) presetDemoPasswordHashes(JSON.parse(fs.readFileSync(demoHashes, 'utf8')));

/** Start time of every test clock: a Monday morning in Asia/Shanghai. */
export const TEST_START = '2026-03-02T01:00:00.000Z';

/** `migrate: false` leaves the database empty, as on a machine where gongkai has never run. */
export async function createTestDeps(env: Record<string, string> = {}, { migrate = true } = {}): Promise<TestDeps> {
  const config = loadConfig({ GONGKAI_DEMO: '0', LOG_LEVEL: 'silent', ...env });
  const log = pino({ level: 'silent' });
  const clock = fixedClock(TEST_START);
  if (TEST_ENGINE === 'postgres') {
    // A database of its own (a clone of the run's migrated template when there is one), with the tables in
    // TEST_SCHEMA: nothing it does — migrations, pg-boss, drops — can meet another file's catalog.
    const name = `${testDatabasePrefix(RUN_ID ?? 'solo')}${randomBytes(6).toString('hex')}`;
    const template = migrate ? PG_TEMPLATE : undefined;
    await createTestDatabase(PG_URL, name, template);
    const url = databaseUrl(PG_URL, name);
    // Files beside the data (the ledger's signing key, its checkpoint file) go to a private directory too.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-test-'));
    const opened = openDb({ url, schema: TEST_SCHEMA, poolSize: 8 });
    if (migrate && !template) await migrateToLatest(opened.db, TEST_SCHEMA);
    return {
      db: opened.db,
      engine: 'postgres',
      clock,
      config: { ...config, databaseUrl: url, dataDir },
      log,
      ports: PORTS,
      cliEnv: {
        DATABASE_URL: urlWithSchema(url, TEST_SCHEMA),
        GONGKAI_DATA_DIR: dataDir,
        GONGKAI_DEMO: '0',
        LOG_LEVEL: 'silent',
      },
      async close() {
        await opened.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
        if (!RUN_ID) await dropTestDatabase(PG_URL, name);
      },
    };
  }
  // A file, not :memory:, so that a `gongkai` subprocess started by the test can open the same database.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-test-'));
  const file = path.join(dir, 'gongkai.sqlite');
  if (migrate && SQLITE_TEMPLATE) fs.copyFileSync(SQLITE_TEMPLATE, file);
  const opened = openDb({ url: file });
  if (migrate && !SQLITE_TEMPLATE) await migrateToLatest(opened.db);
  return {
    db: opened.db,
    engine: 'sqlite',
    clock,
    config: { ...config, dataDir: dir },
    log,
    ports: PORTS,
    cliEnv: { GONGKAI_DATA_DIR: dir, DATABASE_URL: '', GONGKAI_DEMO: '0', LOG_LEVEL: 'silent' },
    async close() {
      await opened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
