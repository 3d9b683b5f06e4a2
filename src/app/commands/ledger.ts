// `gongkai ledger verify` and `gongkai ledger export`.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Runtime } from '../runtime.ts';
import { runCommand } from './run.ts';

export function registerLedgerCommands(program: Command, open: () => Promise<Runtime>): void {
  const ledger = program.command('ledger').description('登记台账：校验与导出');

  ledger.command('verify').description('重新计算哈希链，发现被改动、删除或调换顺序的记录')
    .action(() => runCommand(open, async ({ deps }) => {
      const { verifyLedger } = await import('../../platform/ledger/service.ts');
      const result = await verifyLedger(deps.db);
      if (result.ok) {
        console.log(`台账完整：共 ${result.checked} 条记录，哈希链校验通过。`);
        return 0;
      }
      console.error(`台账校验失败：第 ${result.problem!.seq} 条记录有问题。${result.problem!.reason}`);
      return 1;
    }));

  ledger.command('export').description('导出单位的登记台账（.xlsx 或 .csv）')
    .requiredOption('--unit <单位>', '单位名称或 ID，如 区科技局')
    .requiredOption('--from <日期>', '开始日期 YYYY-MM-DD（含）')
    .requiredOption('--to <日期>', '结束日期 YYYY-MM-DD（含）')
    .option('--format <格式>', 'xlsx 或 csv', 'xlsx')
    .option('--out <文件>', '输出文件；默认 台账-单位-开始-结束.格式')
    .action((o: { unit: string; from: string; to: string; format: string; out?: string }) => runCommand(open, async ({ deps }) => {
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
    }));
}
