// The `gongkai` command line: one entry for the server and every administrative task. Only the command
// definitions load at start (commander and what the options need): each action imports its modules when it runs, so
// `gongkai --help` and `gongkai check` do not load the server, the databases or the monitors (cli-imports.test.ts).
import { Command } from 'commander';
import { registerOrgCommands } from './commands/org.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerCalendarCommands } from './commands/calendar.ts';
import { registerCheckCommand } from './commands/check.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerGazetteCommands } from './commands/gazette.ts';
import { registerLedgerCommands } from './commands/ledger.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerWatchCommand } from './commands/watch.ts';
import { registerWebCommands } from './commands/web.ts';

const program = new Command('gongkai')
  .description('gongkai（公开）：政府网站与政务新媒体信息发布的三审三校、保密审查与读网值班平台')
  .version('0.1.0', '-v, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .addHelpCommand('help [命令]', '显示命令的帮助');

// Administrative commands log only warnings: their output is for the person at the terminal.
const open = async () => (await import('./runtime.ts')).openRuntime({ logLevel: 'warn' });

registerServeCommand(program);
registerDbCommands(program, open);
registerOrgCommands(program, open);
registerLedgerCommands(program, open);
registerCalendarCommands(program, open);
registerBackupCommands(program);
registerCheckCommand(program);
registerWatchCommand(program);
registerGazetteCommands(program, open);
registerWebCommands(program);

await program.parseAsync(process.argv);
