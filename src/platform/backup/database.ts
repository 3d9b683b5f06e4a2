// The database half of a backup: a consistent copy taken while the server writes, the row count of every table and
// the ledger head from that same copy; and putting a copy back. SQLite through its online backup API
// (better-sqlite3 `backup()`), never a file copy; PostgreSQL through the installed pg_dump / pg_restore, in custom
// format, inside one exported snapshot so that the counts and the dump see the same rows.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { BackupError } from './model.ts';

export interface Snapshot {
  tables: Record<string, number>;
  ledger: { size: number; root: string };
  migrations: string[];
  databaseVersion: string;
  dumpTool: string;
}

type Progress = (message: string) => void;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

// ---- SQLite ------------------------------------------------------------------------------------------------------

function sqliteSnapshot(file: string): Omit<Snapshot, 'dumpTool'> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const names = db
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
      .pluck()
      .all() as string[];
    const tables: Record<string, number> = {};
    for (const t of names)
      tables[t] = Number(
        db
          .prepare(`select count(*) from ${quote(t)}`)
          .pluck()
          .get(),
      );
    const head = db.prepare('select seq, hash from ledger_head where id = 1').get() as { seq: number; hash: string };
    const migrations = db.prepare('select name from kysely_migration order by name').pluck().all() as string[];
    const version = String(db.prepare('select sqlite_version()').pluck().get());
    return { tables, ledger: { size: Number(head.seq), root: head.hash }, migrations, databaseVersion: version };
  } finally {
    db.close();
  }
}

/** Copies the live database to `dest` with SQLite's online backup API, in one step so writers never restart it. */
export async function backupSqlite(source: string, dest: string, progress: Progress): Promise<Snapshot> {
  if (!fs.existsSync(source)) throw new BackupError(`找不到数据库文件：${source}`, 1);
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    let reported = false;
    await db.backup(dest, {
      progress({ totalPages, remainingPages }) {
        if (!reported) progress(`正在复制数据库（${Math.ceil((totalPages * 4096) / 1048576)} MB 左右）……`);
        reported = true;
        return Math.max(remainingPages, 1); // the rest in one step: one read snapshot, WAL writers go on
      },
    });
  } finally {
    db.close();
  }
  return { ...sqliteSnapshot(dest), dumpTool: 'better-sqlite3 backup()' };
}

export function sqliteCheck(file: string): Omit<Snapshot, 'dumpTool'> & { integrity: string } {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  let integrity: string;
  try {
    integrity = String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
  return { ...sqliteSnapshot(file), integrity };
}

/** Whether the SQLite file holds any of our tables. */
export function sqliteHasData(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return Number(db.prepare(`select count(*) from sqlite_master where type = 'table'`).pluck().get()) > 0;
  } finally {
    db.close();
  }
}

/** Puts the copy in place of `target` (a new file, renamed over it; the old WAL and shared memory removed). */
export function restoreSqlite(copy: string, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.restoring`;
  fs.copyFileSync(copy, tmp);
  for (const side of ['-wal', '-shm']) fs.rmSync(`${target}${side}`, { force: true });
  fs.renameSync(tmp, target);
}

// ---- PostgreSQL --------------------------------------------------------------------------------------------------

function run(cmd: string, args: string[], progress: Progress): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
      const table = /(?:dumping contents of table|processing data for table) "?([^"\n]+)"?/.exec(String(d));
      if (table) progress(`  ${table[1]}`);
    });
    child.on('error', (e) =>
      reject(
        new BackupError(
          (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? `找不到 ${cmd}：请安装 PostgreSQL 客户端（主版本不低于服务器，见 README）`
            : `${cmd} 无法运行：${e.message}`,
          1,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new BackupError(`${cmd} 失败（退出码 ${code}）：${err.trim().slice(-2000)}`, 1)),
    );
  });
}

export const pgToolVersion = (tool: 'pg_dump' | 'pg_restore') =>
  run(tool, ['--version'], () => {}).then((v) => v.trim());

/** The schema a URL's connections use: the first of its search_path (public unless the URL sets another). */
export async function pgTargetSchema(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ path: string }>(`select current_setting('search_path') as path`);
  const first = rows[0].path
    .split(',')
    .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
    .find((s) => s && s !== '$user');
  return first ?? 'public';
}

async function pgCounts(client: pg.Client, schema: string): Promise<Omit<Snapshot, 'dumpTool'>> {
  const { rows: names } = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'
     order by table_name`,
    [schema],
  );
  const tables: Record<string, number> = {};
  for (const { name } of names) {
    const { rows } = await client.query(`select count(*)::int as n from ${quote(schema)}.${quote(name)}`);
    tables[name] = rows[0].n;
  }
  const head = await client.query(`select seq, hash from ${quote(schema)}.ledger_head where id = 1`);
  const mig = await client.query(`select name from ${quote(schema)}.kysely_migration order by name`);
  const version = await client.query('show server_version');
  return {
    tables,
    ledger: { size: Number(head.rows[0].seq), root: head.rows[0].hash },
    migrations: mig.rows.map((r) => r.name),
    databaseVersion: `PostgreSQL ${version.rows[0].server_version}`,
  };
}

export interface PgExtension {
  name: string;
  schema: string;
}

/** The database's extensions other than the built-in plpgsql: a dump of one schema leaves them out. */
async function pgExtensions(client: pg.Client): Promise<PgExtension[]> {
  const { rows } = await client.query<PgExtension>(
    `select e.extname as name, n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
     where e.extname <> 'plpgsql' order by e.extname`,
  );
  return rows;
}

/** pg_dump -Fc of the URL's schema into `dest`; the counts come from the snapshot the dump reads. */
export async function backupPostgres(
  url: string,
  dest: string,
  progress: Progress,
): Promise<Snapshot & { schema: string; extensions: PgExtension[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ id: string }>('select pg_export_snapshot() as id');
    const schema = await pgTargetSchema(client);
    const counts = await pgCounts(client, schema);
    const extensions = await pgExtensions(client);
    const tool = await pgToolVersion('pg_dump');
    progress(`正在用 pg_dump 导出 schema ${schema}（${tool}）……`);
    await run(
      'pg_dump',
      [
        '-Fc',
        '--verbose',
        '--no-owner',
        '--no-privileges',
        `--snapshot=${rows[0].id}`,
        '-n',
        schema,
        '-f',
        dest,
        '-d',
        url,
      ],
      progress,
    );
    await client.query('commit');
    return { ...counts, dumpTool: tool, schema, extensions };
  } finally {
    await client.end();
  }
}

/** The table of contents of a custom-format dump (pg_restore --list): fails when the dump cannot be read. */
export const pgDumpList = (file: string) => run('pg_restore', ['--list', file], () => {});

export async function pgHasData(url: string): Promise<{ schema: string; tables: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const schema = await pgTargetSchema(client);
    const { rows } = await client.query(
      `select count(*)::int as n from information_schema.tables where table_schema = $1`,
      [schema],
    );
    return { schema, tables: rows[0].n };
  } finally {
    await client.end();
  }
}

/**
 * Replaces the URL's schema with the dump's contents: drops the schema (only when empty, or when forced — the caller
 * decides), pg_restore, and renames the dump's schema to the URL's when they differ.
 */
export async function restorePostgres(
  url: string,
  dump: string,
  dumpSchema: string,
  extensions: PgExtension[],
  progress: Progress,
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const target = await pgTargetSchema(client);
    if (dumpSchema !== target) {
      const { rows } = await client.query('select 1 from pg_namespace where nspname = $1', [dumpSchema]);
      if (rows.length) {
        throw new BackupError(
          `目标数据库已有 schema ${dumpSchema}（备份来自它），而连接指向 schema ${target}：请先处理后再恢复`,
        );
      }
    }
    await client.query(`drop schema if exists ${quote(target)} cascade`);
    // A dump of one schema leaves the extensions out (pg_trgm for the gazette search, usually in public): they must
    // exist, where they were, before pg_restore creates the objects that use them.
    for (const ext of extensions) {
      progress(`正在确认扩展 ${ext.name}（schema ${ext.schema}）……`);
      await client.query(`create schema if not exists ${quote(ext.schema)}`);
      await client
        .query(`create extension if not exists ${quote(ext.name)} with schema ${quote(ext.schema)}`)
        .catch((e: Error) => {
          throw new BackupError(
            `目标数据库缺少扩展 ${ext.name}，当前账号也无法创建它（${e.message}）：请数据库管理员先执行 `
              + `CREATE EXTENSION ${ext.name} WITH SCHEMA ${ext.schema}; 再恢复`,
            1,
          );
        });
    }
    progress(`正在用 pg_restore 恢复 schema ${dumpSchema}……`);
    await run(
      'pg_restore',
      ['--verbose', '--no-owner', '--no-privileges', '--exit-on-error', '-d', url, dump],
      progress,
    );
    if (dumpSchema !== target) {
      // An extension recreated in the target schema (public) moves into the restored schema, which then takes the
      // target's name; objects refer to the extension's by identity, not by name.
      const inTarget = extensions.filter((e) => e.schema === target);
      for (const ext of inTarget)
        await client.query(`alter extension ${quote(ext.name)} set schema ${quote(dumpSchema)}`);
      if (inTarget.length) await client.query(`drop schema ${quote(target)}`);
      await client.query(`alter schema ${quote(dumpSchema)} rename to ${quote(target)}`);
    }
  } finally {
    await client.end();
  }
}

/** Counts of the restored schema, for comparing with the manifest. */
export async function pgSnapshot(url: string): Promise<Omit<Snapshot, 'dumpTool'>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await pgCounts(client, await pgTargetSchema(client));
  } finally {
    await client.end();
  }
}
