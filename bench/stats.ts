// Small statistics, the machine line every benchmark prints with its figures, and a free loopback port.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export const median = (samples: number[]): number => percentile(samples, 0.5);

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return (
    `机器：${cpu}，${os.cpus().length} 核，内存 ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB，`
    + `Node ${process.version}，${os.platform()} ${os.release()}`
  );
}

/** A TCP port free on 127.0.0.1 just now (for a server the benchmark starts). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** CPU milliseconds a running process has used so far (Linux /proc; NaN elsewhere): not slowed by other jobs. */
export function cpuMsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000; // utime + stime, in USER_HZ (100 a second)
  } catch {
    return NaN;
  }
}
