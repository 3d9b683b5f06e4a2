// 备份 (backups): what an archive holds and how its manifest reads. Pure: no files, no database.
import { z } from 'zod';

export const FORMAT = 'gongkai-backup';

/** The files an archive may hold besides manifest.json. */
export const FILES = {
  sqlite: 'database.sqlite',
  postgres: 'database.pgdump',
  publicKey: 'ledger-public.pem',
  privateKey: 'ledger-private.pem',
  checkpoints: 'checkpoints.jsonl',
  config: 'config.json',
} as const;
export const MANIFEST = 'manifest.json';

const FileEntry = z.object({
  name: z.enum(Object.values(FILES) as [string, ...string[]]),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const ManifestSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(1),
  createdAt: z.iso.datetime(),
  versions: z.object({ gongkai: z.string(), node: z.string(), database: z.string(), dumpTool: z.string() }),
  engine: z.enum(['sqlite', 'postgres']),
  /** PostgreSQL: the schema the dump holds (public, or a private one). */
  schema: z.string().optional(),
  /**
   * PostgreSQL: the extensions the schema's objects use (pg_trgm for the gazette search), with the schema each lives
   * in. A dump of one schema does not hold them; restore creates them first. Absent in archives made before.
   */
  extensions: z.array(z.object({ name: z.string(), schema: z.string() })).optional(),
  migrations: z.array(z.string()),
  /** Rows of every table at the moment of the backup (the same snapshot as the dump). */
  tables: z.record(z.string(), z.number().int().min(0)),
  ledger: z.object({ size: z.number().int().min(0), root: z.string() }),
  checkpoints: z.number().int().min(0),
  includesPrivateKey: z.boolean(),
  files: z.array(FileEntry).min(1),
});
export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestFile = z.infer<typeof FileEntry>;

/** An archive that cannot be used, or a restore that must not go ahead: the message is for the operator. */
export class BackupError extends Error {
  constructor(
    message: string,
    /** 2: the input is wrong (corrupted archive, existing data); 1: something failed on the way. */
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}

export const corrupted = (why: string) =>
  new BackupError(
    `备份文件已损坏，不能使用：${why}。请改用另一份备份（每份备份都应先用 gongkai backup verify 检查）。`,
  );

/** Archive names: gongkai-backup-20261207T020000123Z.tar.gz, `.age` after it when encrypted. */
export function archiveName(at: Date, encrypted: boolean): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `gongkai-backup-${stamp}.tar.gz${encrypted ? '.age' : ''}`;
}

const NAME = /^gongkai-backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.tar\.gz(\.age)?$/;

/** When the archive of that name was made; null for any other name. */
export function backupTimeOf(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The reasons a manifest's tables and ledger head differ from what was found (empty when they agree). */
export function compareWithManifest(
  m: Pick<Manifest, 'tables' | 'ledger'>,
  found: Pick<Manifest, 'tables' | 'ledger'>,
): string[] {
  const out: string[] = [];
  for (const [table, rows] of Object.entries(m.tables)) {
    const got = found.tables[table];
    if (got === undefined) out.push(`缺少表 ${table}`);
    else if (got !== rows) out.push(`表 ${table} 应有 ${rows} 行，实有 ${got} 行`);
  }
  if (found.ledger.size !== m.ledger.size || found.ledger.root !== m.ledger.root) {
    out.push(
      `台账应为 ${m.ledger.size} 条、根哈希 ${m.ledger.root}，实为 ${found.ledger.size} 条、根哈希 ${found.ledger.root}`,
    );
  }
  return out;
}
