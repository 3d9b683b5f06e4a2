// Private PostgreSQL schemas, so that parallel test files and benchmark runs never see each other's rows.
import { type Kysely, sql } from 'kysely';
import pg from 'pg';

async function run(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const checked = (name: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`非法的 schema 名称：${name}`);
  return name;
};

export const createSchema = (url: string, name: string) => run(url, `create schema ${checked(name)}`);
export const dropSchema = (url: string, name: string) => run(url, `drop schema if exists ${checked(name)} cascade`);

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
