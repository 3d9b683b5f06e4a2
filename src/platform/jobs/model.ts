// 定时任务 (recurring jobs): what a schedule is, and when its runs fall. Pure: no timers, no database.
// Every node computes the same run times and slot ids from the same job, so on PostgreSQL the nodes agree on
// which run is which, and the queue lets each run (slot) through once.
import { createHash } from 'node:crypto';
import { Cron } from 'croner';

/** Every `intervalMs` (aligned to the epoch, then `offsetMs` later), each run moved by up to ±`jitterMs`; or a cron
 *  pattern. */
export type When = { intervalMs: number; offsetMs?: number; jitterMs?: number } | { cron: string };

export interface JobSpec {
  /** Stable id, also the PostgreSQL queue name: lower-case letters, digits, `.`, `_`, `-` (`publish.due`). */
  name: string;
  /** Chinese name for the log (定时发布); the id when missing. */
  title?: string;
  when: When;
}

/** One run: its slot (the same on every node) and when it was due. A manual run's slot starts with `manual:`. */
export interface JobRun {
  slot: string;
  scheduledAt: Date;
}

export type JobHandler = (run: JobRun) => Promise<void>;

export interface Scheduler {
  /** Registers a job; before start(), or after it (then it is scheduled at once). A name is registered once. */
  every(job: JobSpec, handler: JobHandler): void;
  start(): Promise<void>;
  /** Stops scheduling and waits for the runs under way in this process. */
  stop(): Promise<void>;
  /** Runs the job once now, in this process, after any run of it under way here; rejects with its error. */
  runNow(name: string): Promise<void>;
  /** When this process will next fire the job (null when stopped or unknown). */
  nextRun(name: string): Date | null;
}

/** Cron patterns are read in the district's time zone. */
export const TIME_ZONE = 'Asia/Shanghai';

export interface Due {
  slot: string;
  at: number;
}

/** The job's spec, or an Error in Chinese saying what is wrong with it. */
export function checkSpec(job: JobSpec): JobSpec | Error {
  if (!/^[a-z0-9][a-z0-9._-]{0,99}$/.test(job.name)) return new Error(`定时任务名称不合法：${job.name}`);
  const { when } = job;
  if ('cron' in when) {
    try {
      new Cron(when.cron, { timezone: TIME_ZONE, paused: true });
    } catch (err) {
      return new Error(`定时任务「${job.name}」的 cron 表达式有误：${when.cron}（${(err as Error).message}）`);
    }
    return job;
  }
  const jitter = when.jitterMs ?? 0;
  if (!Number.isInteger(when.intervalMs) || when.intervalMs <= 0)
    return new Error(`定时任务「${job.name}」的间隔必须是正整数毫秒`);
  if (!Number.isInteger(jitter) || jitter < 0 || jitter * 2 >= when.intervalMs) {
    return new Error(`定时任务「${job.name}」的抖动必须小于间隔的一半`);
  }
  const offset = when.offsetMs ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset >= when.intervalMs) {
    return new Error(`定时任务「${job.name}」的错开时间必须小于间隔`);
  }
  return job;
}

/** The first run of `job` due strictly after `afterMs`. Interval slots are numbered from the epoch; cron slots are
 *  their time. */
export function nextDue(job: JobSpec, afterMs: number): Due {
  const { when } = job;
  if ('cron' in when) {
    const next = new Cron(when.cron, { timezone: TIME_ZONE, paused: true }).nextRun(new Date(afterMs));
    if (!next) throw new Error(`定时任务「${job.name}」的 cron 表达式没有下一次运行时间：${when.cron}`);
    return { slot: next.toISOString(), at: next.getTime() };
  }
  // |jitter| < interval / 2, so due times keep the order of their slots and k - 1 is early enough to start from.
  for (let k = Math.floor(afterMs / when.intervalMs) - 1; ; k++) {
    const at = k * when.intervalMs + (when.offsetMs ?? 0) + jitterOf(job.name, k, when.jitterMs ?? 0);
    if (at > afterMs) return { slot: String(k), at };
  }
}

/** The same offset in [-jitterMs, +jitterMs] on every node for a job's slot. */
export function jitterOf(name: string, slot: number, jitterMs: number): number {
  if (jitterMs === 0) return 0;
  const unit = createHash('sha256').update(`${name}\n${slot}`).digest().readUInt32BE(0) / 0xffffffff; // 0..1
  return Math.round((unit * 2 - 1) * jitterMs);
}

/** The queue's job id for a slot, the same on every node, so the second node's send of the slot is dropped. */
export function slotJobId(name: string, slot: string): string {
  const h = createHash('sha256').update(`gongkai.jobs\n${name}\n${slot}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** pg-boss keeps its tables in a schema of its own next to the application's: `pgboss` beside `public`. */
export function jobsSchemaFor(appSchema: string): string {
  return appSchema === 'public' ? 'pgboss' : `${appSchema}_pgboss`;
}
