// `gongkai db migrate`: brings the schema up to date (the server also does this at start).
import type { Command } from 'commander';
import type { Runtime } from '../runtime.ts';
import { runCommand } from './run.ts';

export function registerDbCommands(program: Command, open: () => Promise<Runtime>): void {
  program
    .command('db')
    .description('数据库维护')
    .command('migrate')
    .description('执行数据库迁移')
    .action(() =>
      runCommand(open, async ({ migrated }) => {
        console.log(migrated.length ? `已执行迁移：${migrated.join('、')}` : '数据库已是最新结构，无需迁移。');
        return 0;
      }),
    );
}
