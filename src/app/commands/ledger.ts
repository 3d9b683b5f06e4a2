// `gongkai ledger checkpoint`, `gongkai ledger verify` and `gongkai ledger export`.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Runtime } from '../runtime.ts';
import { runCommand } from './run.ts';

export function registerLedgerCommands(program: Command, open: () => Promise<Runtime>): void {
  const ledger = program.command('ledger').description('登记台账：签名检查点、校验与导出');

  ledger
    .command('checkpoint')
    .description('立即签署一个检查点（台账自上一个检查点后有新记录时），以 JSON 输出')
    .action(() =>
      runCommand(open, async ({ deps }) => {
        const { checkpointNow } = await import('../../oversight/checkpoints.ts');
        const { noteText } = await import('../../platform/ledger/checkpoint.ts');
        const { checkpoint, created } = await checkpointNow(deps);
        if (!checkpoint) {
          console.error('台账还没有记录，无需签署检查点。');
          return 0;
        }
        console.log(JSON.stringify({ ...checkpoint, created, note: noteText(checkpoint) }, null, 2));
        if (!created) console.error('台账自上一个检查点以来没有新记录：输出的是最新的检查点。');
        return 0;
      }),
    );

  ledger
    .command('verify')
    .description('重新计算整棵 Merkle 树，与每个签名检查点核对，发现被截断、改写、调换顺序的记录')
    .option('--checkpoints <文件>', '检查点文件（每行一个 JSON）；默认为数据目录旁的 checkpoints.jsonl')
    .option('--public-key <文件>', '校验签名用的公钥（PEM）；默认由本机的签名密钥得出')
    .action((o: { checkpoints?: string; publicKey?: string }) =>
      runCommand(open, async ({ deps }) => {
        if (o.checkpoints && !fs.existsSync(o.checkpoints)) {
          console.error(`检查点文件不存在：${o.checkpoints}`);
          return 2;
        }
        const publicKey = o.publicKey ? fs.readFileSync(o.publicKey, 'utf8') : undefined;
        let shown = 0;
        const progress = (checked: number, total: number) => {
          if (total < 20000 || checked - shown < 20000) return;
          shown = checked;
          process.stderr.write(`已校验 ${checked} / ${total} 条……\n`);
        };
        const { verifyWithCheckpoints } = await import('../../oversight/checkpoints.ts');
        const result = await verifyWithCheckpoints(deps, o.checkpoints, publicKey, progress);
        for (const e of result.fileErrors) console.error(`警告：${e}`);
        if (result.ok) {
          console.log(
            `台账完整：共 ${result.checked} 条记录，与 ${result.checkpoints} 个签名检查点一致。根哈希 ${result.root}`,
          );
          if (result.checkpoints === 0) console.log('注意：没有可核对的检查点，只检查了记录本身。');
          return 0;
        }
        console.error(`台账校验失败：发现 ${result.problems.length} 处问题。`);
        for (const p of result.problems) console.error(`- ${p.reason}`);
        return 1;
      }),
    );

  ledger
    .command('export')
    .description('导出单位的登记台账（.xlsx 或 .csv）')
    .requiredOption('--unit <单位>', '单位名称或 ID，如 区科技局')
    .requiredOption('--from <日期>', '开始日期 YYYY-MM-DD（含）')
    .requiredOption('--to <日期>', '结束日期 YYYY-MM-DD（含）')
    .option('--format <格式>', 'xlsx 或 csv', 'xlsx')
    .option('--out <文件>', '输出文件；默认 台账-单位-开始-结束.格式')
    .action((o: { unit: string; from: string; to: string; format: string; out?: string }) =>
      runCommand(open, async ({ deps }) => {
        if (o.format !== 'xlsx' && o.format !== 'csv') {
          console.error(`不支持的格式「${o.format}」，请使用 xlsx 或 csv`);
          return 2;
        }
        const { ledgerCsv, ledgerTable, ledgerXlsx } = await import('../../oversight/ledger-export.ts');
        const { unitName, rows } = await ledgerTable(deps, o);
        const out = o.out ?? `台账-${unitName}-${o.from}-${o.to}.${o.format}`;
        const body = o.format === 'csv' ? ledgerCsv(rows) : await ledgerXlsx(unitName, `${o.from} 至 ${o.to}`, rows);
        fs.writeFileSync(out, body);
        console.log(`已导出 ${rows.length} 条记录到 ${out}`);
        return 0;
      }),
    );
}
