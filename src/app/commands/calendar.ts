// `gongkai calendar import FILE` and `gongkai calendar list`: the operator loads next year's holiday schedule
// (published every winter by 国务院办公厅) as the system actor, through the same use case as the admin screen: the
// notice's text as published (.txt), a table (.csv / .xlsx: 日期, 类型, 名称) or JSON. `--dry-run` only shows it.
import fs from 'node:fs';
import type { Command } from 'commander';
import { invalid } from '../../platform/errors.ts';
import type { ImportSource } from '../calendar-import.ts';
import type { Runtime } from '../runtime.ts';
import { runCommand } from './run.ts';

function readSource(file: string, year?: number): ImportSource {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    throw invalid('file', `无法读取文件 ${file}`);
  }
  if (/\.xlsx$/i.test(file)) return { format: 'xlsx', content: buf.toString('base64'), year };
  const text = buf.toString('utf8').replace(/^\uFEFF/, ''); // files saved by Windows editors start with a BOM
  if (/\.csv$/i.test(file)) return { format: 'csv', content: text, year };
  if (!/\.json$/i.test(file)) return { format: 'notice', content: text, year };
  try {
    return { format: 'json', content: JSON.parse(text), year };
  } catch (err) {
    throw invalid('file', `文件 ${file} 不是有效的 JSON：${err instanceof Error ? err.message : String(err)}`);
  }
}

export function registerCalendarCommands(program: Command, open: () => Promise<Runtime>): void {
  const calendar = program.command('calendar').description('工作日历：法定节假日与调休上班日');

  calendar
    .command('import')
    .description('导入某年的节假日安排（已有的年份将被替换），并重算按暂定日历推算的期限')
    .argument('<文件>', '通知原文（.txt，国务院办公厅通知全文）、表格（.csv/.xlsx：日期、类型、名称）或 JSON')
    .option('--year <年份>', '通知中没有标题时指明年份', (v) => Number(v))
    .option('--dry-run', '只列出解析结果，不保存')
    .action((file: string, opts: { year?: number; dryRun?: boolean }) =>
      runCommand(open, async ({ deps }) => {
        const src = readSource(file, opts.year);
        const { importCalendarYear, previewCalendarImport } = await import('../calendar-import.ts');
        const { SYSTEM_ACTOR } = await import('../../platform/ledger/service.ts');
        const { year } = await previewCalendarImport(deps, src);
        for (const h of year.holidays) {
          console.log(`放假\t${h.name}\t${h.days[0]} 至 ${h.days[h.days.length - 1]}，共 ${h.days.length} 天`);
        }
        for (const d of year.makeupWorkdays) console.log(`上班\t调休\t${d}`);
        if (opts.dryRun) return 0;
        const r = await importCalendarYear(deps, { actor: SYSTEM_ACTOR, role: '' }, src);
        const days = year.holidays.reduce((n, h) => n + h.days.length, 0);
        console.log(
          `已${r.result === 'replaced' ? '替换' : '导入'} ${year.year} 年节假日安排：`
            + `${year.holidays.length} 个节日共 ${days} 天放假，${year.makeupWorkdays.length} 个调休上班日。来源：${year.source}`,
        );
        const moved = r.recomputed.filter((d) => d.from !== d.to.date);
        console.log(`重算暂定期限 ${r.recomputed.length} 个，其中 ${moved.length} 个期限改变，已通知相关人员。`);
        return 0;
      }),
    );

  calendar
    .command('list')
    .description('列出已有节假日安排的年份')
    .action(() =>
      runCommand(open, async ({ deps }) => {
        const { listCalendarYears } = await import('../../platform/calendar/service.ts');
        for (const y of await listCalendarYears(deps.db)) {
          const origin = y.origin === 'imported' ? `管理员导入 ${y.importedAt}` : '随版本发布';
          console.log(`${y.year}\t放假 ${y.holidayDays} 天\t调休上班 ${y.makeupWorkdays} 天\t${origin}\t${y.source}`);
        }
        return 0;
      }),
    );
}
