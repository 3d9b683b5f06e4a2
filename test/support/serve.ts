// `gongkai serve` — what `npm start` runs — started by a test as a real process on a free loopback port, and waited
// for until /api/health answers.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GONGKAI_BIN } from './cli.ts';
import { freePort } from './net.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface Served {
  child: ChildProcess;
  base: string;
  /** What the process wrote to stderr so far: its start-up errors, for the assertion message. */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `gongkai serve` with `env`; fails with the process's stderr if it exits or does not answer in 2 minutes. */
export async function serveUntilReady(env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const child = spawn(process.execPath, [GONGKAI_BIN, 'serve'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', GONGKAI_BACKUP_CRON: 'off' },
  });
  let errors = '';
  child.stderr?.on('data', (d) => {
    errors += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const served: Served = {
    child,
    base: `http://127.0.0.1:${port}`,
    stderr: () => errors,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  for (let i = 0; i < 480; i++) {
    const up = await fetch(`${served.base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return served;
    if (child.exitCode !== null) break;
    await sleep(250);
  }
  await served.stop();
  throw new Error(`gongkai serve 没有启动：${errors}`);
}
