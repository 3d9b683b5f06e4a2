// `gongkai web build`: builds the browser UI now (npm start does it by itself when the sources changed).
import type { Command } from 'commander';
import { ensureWebBuild } from '../web-build.ts';

export function registerWebCommands(program: Command): void {
  const web = program.command('web').description('网页界面');
  web
    .command('build')
    .description('构建网页界面（源码未变时跳过）')
    .action(async () => {
      try {
        const built = await ensureWebBuild((m) => console.log(m));
        if (!built) console.log('网页界面已是最新，无需构建。');
      } catch (err) {
        console.error(`错误：网页界面构建失败：${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
      }
    });
}
