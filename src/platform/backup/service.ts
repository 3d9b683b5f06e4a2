// 备份与恢复 (backup and restore): `gongkai backup`, `gongkai backup verify`, `gongkai restore` and the scheduled
// backup call these. A backup is one archive (archive.ts) holding the database copy (database.ts), the ledger's
// public key and checkpoint file, the settings a new server needs, and a manifest (model.ts) with versions, sizes,
// SHA-256 of every file and the ledger head at backup time. The private signing key only with `includeKey`, and then
// the archive is encrypted with a passphrase.
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Config, redactUrl, sqlitePath } from '../config.ts';
import { openDb } from '../db/index.ts';
import { checkpointsPath, ledgerKeyPath, publicKeyPem, readCheckpointFile } from '../ledger/keys.ts';
import { verifyLedger, type VerifyResult } from '../ledger/service.ts';
import {
  backupTimeOf,
  archiveName,
  BackupError,
  compareWithManifest,
  corrupted,
  FILES,
  MANIFEST,
  type Manifest,
  ManifestSchema,
} from './model.ts';
import { decryptFile, encryptFile, isEncrypted, pack, sha256File, unpack } from './archive.ts';
import * as database from './database.ts';
import { backupsToDelete, type Retention } from './retention.ts';

export { BackupError, type Manifest } from './model.ts';
export type Progress = (message: string) => void;
/** Asked only when the archive is encrypted (or a key is to be included). */
export type PassphraseSource = () => Promise<string>;

const GONGKAI_VERSION = '0.1.0';
const quiet: Progress = () => {};
const engineOf = (config: Config) => (config.databaseUrl ? 'postgres' : 'sqlite');

/** A private working directory beside `near` (same disk as the archive), removed by the caller. */
const workDir = (near: string) => {
  fs.mkdirSync(near, { recursive: true });
  return fs.mkdtempSync(path.join(near, '.gongkai-backup-'));
};

/** The settings a new server needs to run this data (no password, no secret). */
function portableConfig(config: Config) {
  return {
    engine: engineOf(config),
    databaseUrl: config.databaseUrl ? redactUrl(config.databaseUrl) : undefined,
    dataDir: config.dataDir,
    ledgerKeyFile: config.ledgerKeyFile,
    checkpointsFile: config.checkpointsFile,
    publicUrl: config.publicUrl,
    backupCron: config.backupCron,
    backupDir: config.backupDir,
    retention: { daily: config.backupKeepDaily, weekly: config.backupKeepWeekly, monthly: config.backupKeepMonthly },
  };
}

export interface BackupResult {
  file: string;
  bytes: number;
  sha256: string;
  manifest: Manifest;
}

export interface BackupOptions {
  outDir: string;
  now: Date;
  /** Include the private signing key; the archive is then encrypted with this passphrase. */
  passphrase?: string;
  progress?: Progress;
}

/** Makes one archive in `outDir` while the server may run and write. */
export async function createBackup(config: Config, opts: BackupOptions): Promise<BackupResult> {
  const progress = opts.progress ?? quiet;
  const engine = engineOf(config);
  const keyFile = ledgerKeyPath(config);
  if (opts.passphrase !== undefined && !fs.existsSync(keyFile))
    throw new BackupError(`没有签名私钥可备份：${keyFile} 不存在`);
  const work = workDir(opts.outDir);
  try {
    const dbFile = engine === 'sqlite' ? FILES.sqlite : FILES.postgres;
    const snap =
      engine === 'sqlite'
        ? await database.backupSqlite(sqlitePath(config), path.join(work, dbFile), progress)
        : await database.backupPostgres(config.databaseUrl ?? '', path.join(work, dbFile), progress);
    const names: string[] = [dbFile];
    // After the database: every checkpoint of the copied tree is already in the file (it is appended after commit).
    const cpFile = checkpointsPath(config);
    if (fs.existsSync(cpFile)) {
      fs.copyFileSync(cpFile, path.join(work, FILES.checkpoints));
      names.push(FILES.checkpoints);
    }
    if (fs.existsSync(keyFile)) {
      const pem = fs.readFileSync(keyFile);
      fs.writeFileSync(path.join(work, FILES.publicKey), publicKeyPem(createPrivateKey(pem)));
      names.push(FILES.publicKey);
      if (opts.passphrase !== undefined) {
        fs.writeFileSync(path.join(work, FILES.privateKey), pem, { mode: 0o600 });
        names.push(FILES.privateKey);
      }
    }
    fs.writeFileSync(path.join(work, FILES.config), `${JSON.stringify(portableConfig(config), null, 2)}\n`);
    names.push(FILES.config);
    progress('正在计算每个文件的 SHA-256……');
    const files = [];
    for (const name of names) {
      const full = path.join(work, name);
      files.push({ name, size: fs.statSync(full).size, sha256: await sha256File(full) });
    }
    const manifest: Manifest = {
      format: 'gongkai-backup',
      formatVersion: 1,
      createdAt: opts.now.toISOString(),
      versions: {
        gongkai: GONGKAI_VERSION,
        node: process.version,
        database: snap.databaseVersion,
        dumpTool: snap.dumpTool,
      },
      engine,
      schema: 'schema' in snap ? (snap.schema as string) : undefined,
      extensions: 'extensions' in snap ? (snap.extensions as database.PgExtension[]) : undefined,
      migrations: snap.migrations,
      tables: snap.tables,
      ledger: snap.ledger,
      checkpoints: fs.existsSync(cpFile) ? readCheckpointFile(cpFile).checkpoints.length : 0,
      includesPrivateKey: opts.passphrase !== undefined,
      files,
    };
    fs.writeFileSync(path.join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    const encrypted = opts.passphrase !== undefined;
    const file = path.resolve(opts.outDir, archiveName(opts.now, encrypted));
    progress('正在打包压缩……');
    const tarFile = path.join(work, 'archive.tar.gz');
    await pack(work, [MANIFEST, ...names], tarFile);
    const partial = path.join(work, 'archive.partial');
    if (opts.passphrase !== undefined) {
      progress('正在用口令加密（age 格式）……');
      await encryptFile(tarFile, partial, opts.passphrase);
    } else fs.renameSync(tarFile, partial);
    fs.renameSync(partial, file); // complete or absent: never a half-written archive under the final name
    return { file, bytes: fs.statSync(file).size, sha256: await sha256File(file), manifest };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

interface Opened {
  manifest: Manifest;
  dir: string;
  close(): void;
}

/** Decrypts (when needed) and unpacks the archive, then checks every file against the manifest. */
async function openArchive(file: string, passphrase: PassphraseSource, progress: Progress): Promise<Opened> {
  if (!fs.existsSync(file)) throw new BackupError(`备份文件不存在：${file}`);
  const work = workDir(os.tmpdir());
  const close = () => fs.rmSync(work, { recursive: true, force: true });
  try {
    let tarFile = path.resolve(file);
    if (isEncrypted(file)) {
      const pass = await passphrase();
      progress('正在解密……');
      tarFile = path.join(work, 'archive.tar.gz');
      await decryptFile(file, tarFile, pass);
    }
    progress('正在解包……');
    const dir = path.join(work, 'files');
    fs.mkdirSync(dir);
    await unpack(tarFile, dir);
    const manifest = readManifest(dir);
    progress('正在核对每个文件的大小和 SHA-256……');
    const listed = new Set(manifest.files.map((f) => f.name));
    for (const name of fs.readdirSync(dir)) {
      if (name !== MANIFEST && !listed.has(name)) throw corrupted(`归档里有清单未列出的文件 ${name}`);
    }
    for (const f of manifest.files) {
      const full = path.join(dir, f.name);
      if (!fs.existsSync(full)) throw corrupted(`缺少文件 ${f.name}`);
      if (fs.statSync(full).size !== f.size) throw corrupted(`${f.name} 的大小与清单不符`);
      if ((await sha256File(full)) !== f.sha256) throw corrupted(`${f.name} 的 SHA-256 与清单不符`);
    }
    return { manifest, dir, close };
  } catch (err) {
    close();
    throw err;
  }
}

function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw corrupted('缺少清单 manifest.json');
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw corrupted('清单 manifest.json 不是有效的 JSON');
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) throw corrupted(`清单 manifest.json 内容不完整（${parsed.error.issues[0]?.path.join('.')}）`);
  return parsed.data;
}

function archivedCheckpoints(opened: Opened) {
  const cp = path.join(opened.dir, FILES.checkpoints);
  const pub = path.join(opened.dir, FILES.publicKey);
  return {
    checkpoints: readCheckpointFile(cp).checkpoints,
    publicKey: fs.existsSync(pub) ? fs.readFileSync(pub, 'utf8') : undefined,
  };
}

/** Verifies the ledger in a database against the archive's checkpoints and public key, and the counts. */
async function checkRestored(
  url: string,
  opened: Opened,
  progress: Progress,
): Promise<VerifyResult & { mismatches: string[] }> {
  const db = openDb({ url, poolSize: 2 });
  try {
    progress('正在校验台账（重算 Merkle 树并核对签名检查点）……');
    const result = await verifyLedger(db.db, archivedCheckpoints(opened));
    const found = db.engine === 'sqlite' ? database.sqliteCheck(url) : await database.pgSnapshot(url);
    return { ...result, mismatches: compareWithManifest(opened.manifest, found) };
  } finally {
    await db.close();
  }
}

export interface VerifyReport {
  manifest: Manifest;
  /** SQLite: the copy's ledger against the archived checkpoints; PostgreSQL: the dump's table of contents only. */
  ledger?: VerifyResult;
}

/** `gongkai backup verify`: everything that can be checked without restoring. */
export async function verifyBackup(file: string, passphrase: PassphraseSource, progress: Progress = quiet) {
  const opened = await openArchive(file, passphrase, progress);
  try {
    const { manifest } = opened;
    if (manifest.engine === 'postgres') {
      progress('正在读取 pg_dump 归档目录……');
      await database.pgDumpList(path.join(opened.dir, FILES.postgres)).catch((err: Error) => {
        throw corrupted(`pg_restore 无法读取数据库导出（${err.message}）`);
      });
      return { manifest } satisfies VerifyReport;
    }
    const copy = path.join(opened.dir, FILES.sqlite);
    if (database.sqliteCheck(copy).integrity !== 'ok') throw corrupted('SQLite 数据库完整性检查未通过');
    const checked = await checkRestored(copy, opened, progress);
    if (checked.mismatches.length) throw corrupted(`数据库与清单不符：${checked.mismatches.join('；')}`);
    if (!checked.ok) throw corrupted(`台账校验未通过：${checked.problems.map((p) => p.reason).join('；')}`);
    return { manifest, ledger: checked } satisfies VerifyReport;
  } finally {
    opened.close();
  }
}

export interface RestoreOptions {
  force: boolean;
  passphrase: PassphraseSource;
  progress?: Progress;
}

export interface RestoreReport {
  manifest: Manifest;
  ledger: VerifyResult;
  /** Where the files beside the database went. */
  written: string[];
  /** The private key was not in the archive: where to put it. */
  keyMissingAt?: string;
  /** A private key is there, but not the one that signed the archived checkpoints. */
  otherKeyAt?: string;
}

function targetUrl(config: Config): string {
  return config.databaseUrl ?? sqlitePath(config);
}

/** `gongkai restore`: checks the archive, refuses to overwrite without `force`, restores, verifies the ledger. */
export async function restoreBackup(config: Config, file: string, opts: RestoreOptions): Promise<RestoreReport> {
  const progress = opts.progress ?? quiet;
  const opened = await openArchive(file, opts.passphrase, progress);
  try {
    const { manifest, dir } = opened;
    const engine = engineOf(config);
    if (manifest.engine !== engine) {
      throw new BackupError(
        `备份来自 ${manifest.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}，而本机配置的是 `
          + `${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}：请按备份时的数据库类型配置后再恢复`,
      );
    }
    const keyFile = ledgerKeyPath(config);
    const cpFile = checkpointsPath(config);
    const existing: string[] = [];
    if (engine === 'sqlite' && database.sqliteHasData(sqlitePath(config)))
      existing.push(`数据库 ${sqlitePath(config)}`);
    if (engine === 'postgres') {
      const pg = await database.pgHasData(targetUrl(config));
      if (pg.tables > 0) existing.push(`PostgreSQL schema ${pg.schema}（${pg.tables} 张表）`);
    }
    if (fs.existsSync(cpFile) && fs.statSync(cpFile).size > 0) existing.push(`检查点文件 ${cpFile}`);
    if (manifest.includesPrivateKey && fs.existsSync(keyFile)) existing.push(`签名私钥 ${keyFile}`);
    if (existing.length && !opts.force) {
      throw new BackupError(
        `目标已有数据，未做任何改动：${existing.join('、')}。确认要用备份覆盖它们时，请加 --force（先停止服务）。`,
      );
    }
    if (engine === 'sqlite') {
      progress('正在恢复 SQLite 数据库……');
      database.restoreSqlite(path.join(dir, FILES.sqlite), sqlitePath(config));
    } else {
      await database.restorePostgres(
        targetUrl(config),
        path.join(dir, FILES.postgres),
        manifest.schema ?? 'public',
        manifest.extensions ?? [],
        progress,
      );
    }
    const written: string[] = [];
    const place = (name: string, dest: string, mode: number) => {
      const src = path.join(dir, name);
      if (!fs.existsSync(src)) return;
      fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
      fs.copyFileSync(src, dest);
      fs.chmodSync(dest, mode);
      written.push(dest);
    };
    place(FILES.checkpoints, cpFile, 0o644);
    place(FILES.publicKey, `${keyFile.replace(/\.pem$/, '')}.pub.pem`, 0o644);
    if (manifest.includesPrivateKey) place(FILES.privateKey, keyFile, 0o600);
    const checked = await checkRestored(targetUrl(config), opened, progress);
    if (checked.mismatches.length)
      throw new BackupError(`恢复后的数据库与清单不符：${checked.mismatches.join('；')}`, 1);
    if (!checked.ok)
      throw new BackupError(`恢复后台账校验未通过：${checked.problems.map((p) => p.reason).join('；')}`, 1);
    const keyMissingAt = !manifest.includesPrivateKey && !fs.existsSync(keyFile) ? keyFile : undefined;
    const archivedPub = archivedCheckpoints(opened).publicKey;
    const otherKeyAt =
      fs.existsSync(keyFile) && archivedPub && publicKeyPem(createPrivateKey(fs.readFileSync(keyFile))) !== archivedPub
        ? keyFile
        : undefined;
    return { manifest, ledger: checked, written, keyMissingAt, otherKeyAt };
  } finally {
    opened.close();
  }
}

/** Deletes the archives in `dir` that the retention rule no longer keeps; returns their names. */
export function pruneBackups(dir: string, keep: Retention): string[] {
  if (!fs.existsSync(dir)) return [];
  const doomed = backupsToDelete(fs.readdirSync(dir), keep);
  for (const name of doomed) fs.rmSync(path.join(dir, name), { force: true });
  return doomed;
}

export const backupDirOf = (config: Config) => path.resolve(config.backupDir ?? path.join(config.dataDir, 'backups'));
export { backupTimeOf };
