// Migrated template databases for one `npm test` run, made once by scripts/test.mjs instead of once per test
// database: a SQLite file that each test copies, and a PostgreSQL database that each test clones with
// `create database … template …` (about 0.2 s, against 3 s for the migrations, and in parallel: migrating a private
// schema inside the one shared database had to take turns with every other file's under an advisory lock).
//
//   node db-templates.js create DIR [PG_URL]   → prints {"sqlite": FILE, "postgres": DBNAME|null}
//   node db-templates.js drop PG_URL RUN_ID     → drops the run's template and every test database it left behind
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDb } from '../../src/platform/db/index.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

/** The schema the tests' tables live in, inside each PostgreSQL test database. */
export const TEST_SCHEMA = 't_test';

/** Databases of one run are named `gk_test_<run>_…`, so the runner can drop what a killed file left behind. */
export const testDatabasePrefix = (runId: string) => `gk_test_${runId}_`;

const checkedName = (name: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`非法的数据库名称：${name}`);
  return name;
};

/** `url` pointing at database `name` on the same server. */
export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${checkedName(name)}`;
  return u.toString();
}

export async function adminQuery(url: string, statement: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new database `name` with the test schema: a clone of `template` (migrated), or empty. */
export async function createTestDatabase(url: string, name: string, template?: string): Promise<void> {
  if (template) {
    await adminQuery(url, `create database ${checkedName(name)} template ${checkedName(template)}`);
    return;
  }
  await adminQuery(url, `create database ${checkedName(name)}`);
  await adminQuery(databaseUrl(url, name), `create schema ${TEST_SCHEMA}`);
}

export const dropTestDatabase = (url: string, name: string) =>
  adminQuery(url, `drop database if exists ${checkedName(name)} with (force)`);

async function createTemplates(dir: string, pgUrl: string | undefined, runId: string) {
  const sqliteFile = path.join(dir, 'template.sqlite');
  const sqlite = openDb({ url: sqliteFile });
  await migrateToLatest(sqlite.db);
  await sqlite.close();
  let postgres: string | null = null;
  if (pgUrl) {
    postgres = `${testDatabasePrefix(runId)}template`;
    await createTestDatabase(pgUrl, postgres);
    const opened = openDb({ url: databaseUrl(pgUrl, postgres), schema: TEST_SCHEMA, poolSize: 4 });
    try {
      await migrateToLatest(opened.db, TEST_SCHEMA);
    } finally {
      await opened.close();
    }
  }
  return { sqlite: sqliteFile, postgres };
}

async function dropRun(pgUrl: string, runId: string) {
  const { rows } = await adminQuery(
    pgUrl,
    `select datname from pg_database where starts_with(datname, '${checkedName(testDatabasePrefix(runId))}')`,
  );
  await Promise.all(rows.map((r) => dropTestDatabase(pgUrl, r.datname)));
  return rows.length;
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url))) {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'create') {
    const [dir, runId, pgUrl] = args;
    console.log(JSON.stringify(await createTemplates(dir, pgUrl || undefined, runId)));
  } else if (command === 'drop') {
    const [pgUrl, runId] = args;
    await dropRun(pgUrl, runId);
  } else {
    console.error('用法：db-templates create DIR RUN_ID [PG_URL] | drop PG_URL RUN_ID');
    process.exit(2);
  }
}
