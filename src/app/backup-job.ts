// 定时备份 (the scheduled backup): by default every day at 02:00 Asia/Shanghai (GONGKAI_BACKUP_CRON), once per
// cluster on PostgreSQL (pg-boss lets each run through once). Each run makes an archive in the backup directory, keeps
// the newest of the last 7 days, 4 weeks and 12 months (configurable), and writes its result in the ledger; a failure
// is also sent to every 系统管理员 (in-app notice and mail). Scheduled archives never hold the private signing key:
// nobody is there to type a passphrase.
import { usersHoldingRole, getUserEmails } from '../org/service.ts';
import { currentSchema, urlWithSchema } from '../platform/db/pg-schema.ts';
import type { Deps } from '../platform/deps.ts';
import type { JobSpec } from '../platform/jobs/index.ts';
import { appendLedger, SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import { enqueueMail, kickOutbox, notifyUsers } from '../platform/notify/service.ts';

export const BACKUP_JOB_NAME = 'backup.scheduled';

/** The job, or null when GONGKAI_BACKUP_CRON is "off". */
export function backupJob(deps: Pick<Deps, 'config'>): JobSpec | null {
  const cron = deps.config.backupCron.trim();
  if (cron === 'off') return null;
  return { name: BACKUP_JOB_NAME, title: '定时备份', when: { cron } };
}

export interface BackupJobResult {
  ok: boolean;
  file?: string;
  pruned: string[];
  error?: string;
}

export async function runBackupJob(deps: Deps): Promise<BackupJobResult> {
  // Loaded when a backup runs: tar and age-encryption stay out of the server's start.
  const { backupDirOf, createBackup, pruneBackups } = await import('../platform/backup/service.ts');
  const dir = backupDirOf(deps.config);
  const now = deps.clock.now();
  const { config } = deps;
  try {
    const made = await createBackup(await withOwnSchema(deps), { outDir: dir, now });
    const keep = { daily: config.backupKeepDaily, weekly: config.backupKeepWeekly, monthly: config.backupKeepMonthly };
    const pruned = pruneBackups(dir, keep);
    await deps.db.transaction().execute((tx) =>
      appendLedger(
        tx,
        {
          actor: SYSTEM_ACTOR,
          role: '',
          unitId: '',
          action: 'system.backup',
          subject: `backup:${made.file.split(/[\\/]/).pop()}`,
          payload: {
            file: made.file,
            bytes: made.bytes,
            sha256: made.sha256,
            ledgerSize: made.manifest.ledger.size,
            ledgerRoot: made.manifest.ledger.root,
            pruned,
          },
        },
        deps.clock.now(),
      ),
    );
    deps.log.info(`定时备份完成：${made.file}（${made.bytes} 字节），清理旧备份 ${pruned.length} 份`);
    return { ok: true, file: made.file, pruned };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await recordFailure(deps, dir, error);
    deps.log.error({ err }, `定时备份失败：${error}`);
    return { ok: false, pruned: [], error };
  }
}

/** On PostgreSQL, the URL the dump reads points at the schema this process's pool uses (public, or a private one). */
async function withOwnSchema(deps: Deps): Promise<Deps['config']> {
  const url = deps.config.databaseUrl;
  if (deps.engine !== 'postgres' || !url) return deps.config;
  const schema = await currentSchema(deps.db);
  return schema === 'public' ? deps.config : { ...deps.config, databaseUrl: urlWithSchema(url, schema) };
}

async function recordFailure(deps: Deps, dir: string, error: string): Promise<void> {
  const at = deps.clock.now();
  const title = '定时备份失败';
  const body =
    `gongkai 定时备份于 ${at.toISOString()} 失败：${error}\n备份目录：${dir}\n`
    + '请尽快处理，并手动执行 gongkai backup 补做一次备份（见 README「备份与恢复」）。';
  await deps.db.transaction().execute(async (tx) => {
    await appendLedger(
      tx,
      {
        actor: SYSTEM_ACTOR,
        role: '',
        unitId: '',
        action: 'system.backup_failed',
        subject: 'backup:failed',
        payload: { dir, error },
      },
      at,
    );
    const admins = await usersHoldingRole(tx, 'sysAdmin', '');
    const ids = admins.map((u) => u.id);
    await notifyUsers(tx, ids, { kind: 'backup.failed', title, body, subject: 'backup:failed' }, at);
    const emails = [...(await getUserEmails(tx, ids)).values()].filter((e): e is string => !!e);
    await enqueueMail(tx, { to: emails, subject: `【gongkai】${title}`, text: body }, at);
  });
  void kickOutbox(deps);
}
