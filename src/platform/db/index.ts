// Opens the database: SQLite (better-sqlite3, WAL) by default, PostgreSQL when a URL is given.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './types.ts';

export type Engine = 'sqlite' | 'postgres';

export interface DbTarget {
  /** postgres://… or a SQLite file path (':memory:' for a private in-memory database). */
  url: string;
  /** PostgreSQL only: the schema to use, so parallel test files never see each other's rows. */
  schema?: string;
  poolSize?: number;
}

export interface OpenDb {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
}

export function engineOf(url: string): Engine {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

export function openDb(target: DbTarget): OpenDb {
  const engine = engineOf(target.url);
  if (engine === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize ?? 10,
      options: target.schema ? `-c search_path=${target.schema}` : undefined,
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine, close: () => db.destroy() };
  }
  if (target.url !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(target.url)), { recursive: true });
  const sqlite = new SQLite(target.url);
  sqlite.pragma('journal_mode = WAL'); // readers never block the writer
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine, close: () => db.destroy() };
}
