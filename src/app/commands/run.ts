// Runs one CLI action against an opened runtime, turning errors into a zh-CN message and an exit code.
import { AppError } from '../../platform/errors.ts';
import type { Runtime } from '../runtime.ts';

export async function runCommand(
  open: () => Promise<Runtime>,
  action: (rt: Runtime) => Promise<number>,
): Promise<void> {
  let rt: Runtime | null = null;
  let code = 1;
  try {
    rt = await open();
    code = await action(rt);
  } catch (err) {
    console.error(`错误：${err instanceof Error ? err.message : String(err)}`);
    code = err instanceof AppError && (err.status === 400 || err.status === 404) ? 2 : 1;
  } finally {
    await rt?.close();
  }
  process.exitCode = code;
}
