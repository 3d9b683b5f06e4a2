// `gongkai backup [--out 目录] [--include-key]`, `gongkai backup verify 备份文件` and `gongkai restore 备份文件 [--force]`.
// Each action loads the backup code only when it runs (cli-imports.test.ts). Progress goes to stderr, results to
// stdout.
import type { Command } from 'commander';

const PASS_ENV = 'GONGKAI_BACKUP_PASSPHRASE';

/** The passphrase from GONGKAI_BACKUP_PASSPHRASE, else typed at the terminal (twice when making a backup) or piped. */
const passphrase = (confirm: boolean) => async (): Promise<string> => {
  const fromEnv = process.env[PASS_ENV];
  if (fromEnv) return fromEnv;
  const { readPassword } = await import('./read-password.ts');
  const pass = await readPassword('备份口令：', confirm);
  if (!pass) throw new Error(`未读到备份口令：请设置环境变量 ${PASS_ENV}，或在提示时输入`);
  return pass;
};

function progress(started = Date.now()) {
  return (message: string) => {
    const s = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`[${s} 秒] ${message}\n`);
  };
}

/** Runs an action and sets the exit code: 0, or the BackupError's (2 for bad input), else 1. */
async function run(action: () => Promise<void>): Promise<void> {
  try {
    await action();
    process.exitCode = 0;
  } catch (err) {
    const { BackupError } = await import('../../platform/backup/model.ts');
    console.error(`错误：${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = err instanceof BackupError ? err.exitCode : 1;
  }
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(2)} MB`;

export function registerBackupCommands(program: Command): void {
  const backup = program
    .command('backup')
    .description('备份数据库、台账公钥与检查点（服务运行时也可进行）；backup verify 检查备份文件')
    .option('--out <目录>', '备份文件写到哪个目录；默认为数据目录下的 backups')
    .option('--include-key', `同时备份台账签名私钥，整个备份用口令加密（口令取自 ${PASS_ENV} 或提示输入）`)
    .action((o: { out?: string; includeKey?: boolean }) =>
      run(async () => {
        const { loadConfig } = await import('../../platform/config.ts');
        const { backupDirOf, createBackup } = await import('../../platform/backup/service.ts');
        const config = loadConfig();
        const pass = o.includeKey ? await passphrase(true)() : undefined;
        const outDir = o.out ?? backupDirOf(config);
        const r = await createBackup(config, { outDir, now: new Date(), passphrase: pass, progress: progress() });
        console.log(`备份完成：${r.file}`);
        console.log(`大小 ${mb(r.bytes)}，SHA-256 ${r.sha256}`);
        console.log(`台账 ${r.manifest.ledger.size} 条，根哈希 ${r.manifest.ledger.root}`);
        console.log(
          r.manifest.includesPrivateKey
            ? '已包含签名私钥并用口令加密：口令与备份分开保管，丢了口令就无法恢复私钥。'
            : '未包含签名私钥：请另行保管 ledger-ed25519.pem（见 README「备份与恢复」）。',
        );
      }),
    );

  backup
    .command('verify <备份文件>')
    .description('不恢复，只检查备份文件：解包、核对清单里每个文件的大小与 SHA-256；SQLite 备份还校验其中的台账')
    .action((file: string) =>
      run(async () => {
        const { verifyBackup } = await import('../../platform/backup/service.ts');
        const r = await verifyBackup(file, passphrase(false), progress());
        const m = r.manifest;
        console.log(`备份完好：${file}`);
        console.log(
          `时间 ${m.createdAt}，${m.engine === 'sqlite' ? 'SQLite' : `PostgreSQL（schema ${m.schema}）`}，`
            + `${Object.keys(m.tables).length} 张表，台账 ${m.ledger.size} 条，根哈希 ${m.ledger.root}`,
        );
        if (r.ledger) console.log(`台账与 ${r.ledger.checkpoints} 个签名检查点一致。`);
        else console.log('PostgreSQL 备份的台账在恢复后校验（gongkai restore 会自动进行）。');
      }),
    );

  program
    .command('restore <备份文件>')
    .description('从备份恢复到本机配置的数据目录或数据库：先核对校验和，恢复后校验台账；已有数据时需 --force')
    .option('--force', '目标已有数据时仍然覆盖（请先停止服务）')
    .action((file: string, o: { force?: boolean }) =>
      run(async () => {
        const { loadConfig } = await import('../../platform/config.ts');
        const { restoreBackup } = await import('../../platform/backup/service.ts');
        const r = await restoreBackup(loadConfig(), file, {
          force: !!o.force,
          passphrase: passphrase(false),
          progress: progress(),
        });
        console.log(`恢复完成：${Object.keys(r.manifest.tables).length} 张表，行数与备份清单一致。`);
        console.log(
          `台账完整：共 ${r.ledger.checked} 条记录，与 ${r.ledger.checkpoints} 个签名检查点一致。根哈希 ${r.ledger.root}`,
        );
        for (const f of r.written) console.log(`已写入 ${f}`);
        if (r.otherKeyAt) {
          console.log(
            `注意：${r.otherKeyAt} 不是签署这些检查点的私钥。请换回原服务器的私钥；`
              + '否则 gongkai ledger verify 需用 --public-key 指定恢复的公钥（.pub.pem）。',
          );
        }
        if (r.keyMissingAt) {
          console.log(
            `注意：备份不含签名私钥。请把原服务器的私钥放到 ${r.keyMissingAt} 后再启动服务；`
              + '否则启动时会生成新密钥，旧检查点要用恢复的公钥（.pub.pem）校验。',
          );
        }
      }),
    );
}
