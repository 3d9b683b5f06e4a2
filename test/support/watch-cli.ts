// Test-only entry: `gongkai watch` alone, so CLI tests spawn a real process without the rest of the application.
import { Command } from 'commander';
import { registerWatchCommand } from '../../src/app/commands/watch.ts';

const program = new Command('gongkai');
registerWatchCommand(program);
await program.parseAsync(process.argv);
