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
import { createSchema, dropSchema, urlWithSchema } from '../../src/platform/db/pg-schema.ts';
import { jobsSchemaFor } from '../../src/platform/jobs/model.ts';

export const TEST_ENGINE = process.env.GONGKAI_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
const PG_URL = process.env.GONGKAI_TEST_PG_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

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
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await createSchema(PG_URL, schema);
    // Files beside the data (the ledger's signing key, its checkpoint file) go to a private directory too.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-test-'));
    const opened = openDb({ url: PG_URL, schema, poolSize: 8 });
    if (migrate) await migrateToLatest(opened.db, schema);
    return {
      db: opened.db,
      engine: 'postgres',
      clock,
      config: { ...config, databaseUrl: PG_URL, dataDir },
      log,
      ports: PORTS,
      cliEnv: {
        DATABASE_URL: urlWithSchema(PG_URL, schema),
        GONGKAI_DATA_DIR: dataDir,
        GONGKAI_DEMO: '0',
        LOG_LEVEL: 'silent',
      },
      async close() {
        await opened.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
        await dropSchema(PG_URL, schema);
        await dropSchema(PG_URL, jobsSchemaFor(schema)); // pg-boss's, when the test started a scheduler
      },
    };
  }
  // A file, not :memory:, so that a `gongkai` subprocess started by the test can open the same database.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-test-'));
  const opened = openDb({ url: path.join(dir, 'gongkai.sqlite') });
  if (migrate) await migrateToLatest(opened.db);
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
