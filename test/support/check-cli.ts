// Test-only entry: `gongkai check` alone, so CLI tests spawn a real process without the rest of the application.
import { Command } from 'commander';
import { registerCheckCommand } from '../../src/app/commands/check.ts';

const program = new Command('gongkai');
registerCheckCommand(program);
await program.parseAsync(process.argv);
