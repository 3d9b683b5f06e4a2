// Private PostgreSQL schemas, so that parallel test files and benchmark runs never see each other's rows.
import { type Kysely, sql } from 'kysely';
import pg from 'pg';

/** Each statement on its own, so each commits before the next starts (one query string would be one transaction). */
async function run(url: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

const checked = (name: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`非法的 schema 名称：${name}`);
  return name;
};

/**
 * Kysely's migrator reads the catalog of every schema in the database, and a schema dropped meanwhile (a parallel test
 * file's, a benchmark's) fails that read with "schema … does not exist". Migrations and schema drops therefore take
 * turns under one advisory lock; it is held on a connection of its own while the migration uses the pool, and a
 * session that ends releases it.
 */
const SCHEMA_LOCK = 724_631_101;

export async function withSchemaLock<T>(db: Kysely<any>, run: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (holder) => {
    await sql`select pg_advisory_lock(${SCHEMA_LOCK})`.execute(holder);
    try {
      return await run();
    } finally {
      await sql`select pg_advisory_unlock(${SCHEMA_LOCK})`.execute(holder);
    }
  });
}

export const createSchema = (url: string, name: string) => run(url, `create schema ${checked(name)}`);
/** The lock is let go only after the drop has committed: a migration that starts then sees the schema gone. */
export const dropSchema = (url: string, name: string) =>
  run(
    url,
    `select pg_advisory_lock(${SCHEMA_LOCK})`,
    `drop schema if exists ${checked(name)} cascade`,
    `select pg_advisory_unlock(${SCHEMA_LOCK})`,
  );

/** The same URL with every connection's search_path set to `schema` (for a subprocess given only a URL). */
export function urlWithSchema(url: string, schema: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${checked(schema)}`)}`;
}

/**
 * The schema the connection's search_path points at (public, or a test's private schema). The migrator must look
 * for its tables there only, or it may find another schema's (one being dropped by a parallel test).
 */
export async function currentSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0].schema;
}
