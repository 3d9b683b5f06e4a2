// `gongkai calendar import FILE` and `gongkai calendar list`: the operator loads next year's holiday schedule
// (published every winter by 国务院办公厅) as the system actor, through the same use case as the admin screen.
import fs from 'node:fs';
import type { Command } from 'commander';
import { runCommand } from '../../app/commands/run.ts';
import type { Runtime } from '../../app/runtime.ts';
import { invalid } from '../errors.ts';

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw invalid('file', `无法读取文件 ${file}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')); // files saved by Windows editors start with a BOM
  } catch (err) {
    throw invalid('file', `文件 ${file} 不是有效的 JSON：${err instanceof Error ? err.message : String(err)}`);
  }
}

export function registerCalendarCommands(program: Command, open: () => Promise<Runtime>): void {
  const calendar = program.command('calendar').description('工作日历：法定节假日与调休上班日');

  calendar.command('import').description('导入某年的节假日安排（JSON，按国务院办公厅通知填写；已有的年份将被替换）')
    .argument('<文件>', 'JSON 文件：{ "year", "source", "holidays": [{ "name", "days" }], "makeupWorkdays" }')
    .action((file: string) => runCommand(open, async ({ deps }) => {
      const input = readJson(file);
      const { SYSTEM_ACTOR } = await import('../ledger/service.ts');
      const { importCalendarYear } = await import('./service.ts');
      const { year, result } = await importCalendarYear(deps, { actor: SYSTEM_ACTOR, role: '' }, input);
      const days = year.holidays.reduce((n, h) => n + h.days.length, 0);
      console.log(`已${result === 'replaced' ? '替换' : '导入'} ${year.year} 年节假日安排：${year.holidays.length} 个节日共 ${days} 天放假，`
        + `${year.makeupWorkdays.length} 个调休上班日。来源：${year.source}`);
      return 0;
    }));

  calendar.command('list').description('列出已有节假日安排的年份')
    .action(() => runCommand(open, async ({ deps }) => {
      const { listCalendarYears } = await import('./service.ts');
      for (const y of await listCalendarYears(deps.db)) {
        const origin = y.origin === 'imported' ? `管理员导入 ${y.importedAt}` : '随版本发布';
        console.log(`${y.year}\t放假 ${y.holidayDays} 天\t调休上班 ${y.makeupWorkdays} 天\t${origin}\t${y.source}`);
      }
      return 0;
    }));
}
