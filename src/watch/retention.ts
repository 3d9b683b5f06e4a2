// 探测记录的保留与汇总 (retention and roll-ups): the homepage is probed 288 times a day, 144,000 probes a day for 500
// sites. Each complete day is rolled up into one row per site (kept for ever), and the raw probes and monitor runs are
// pruned after GONGKAI_WATCH_RAW_DAYS days (90 by default). The 5 % veto line reads the last 7 days — raw probes and
// whole rolled-up days give the same count — and a year's report reads the day rows: both the same before and after.
import type { Deps } from '../platform/deps.ts';
import type { JobSpec } from '../platform/jobs/index.ts';
import * as days from './store-probe-days.ts';

type D = Pick<Deps, 'db' | 'clock'>;

/** A day is rolled up an hour after its midnight: a probe is recorded seconds after it starts, a full run's within
 *  the hour. */
const GRACE_MS = 3_600_000;

export const RETENTION_JOB = {
  name: 'watch.retention',
  title: '监测记录汇总与清理（原始探测保留期满后删除，按日汇总永久保留）',
  when: { cron: '7 * * * *' },
} satisfies JobSpec;

export interface RollupReport {
  rolledDays: string[];
  prunedProbes: number;
  prunedRuns: number;
}

/** Rolls up every complete day not yet rolled up, oldest first, one transaction a day. */
export async function rollUpProbes(deps: D, now: Date): Promise<string[]> {
  const { through } = await days.rollupState(deps.db);
  const first = through ?? (await days.oldestProbeAt(deps.db));
  if (!first) return [];
  const rolled: string[] = [];
  for (
    let day = days.dayOf(Date.parse(first));
    days.dayStart(day) + days.DAY_MS + GRACE_MS <= now.getTime();
    day = days.dayOf(days.dayStart(day) + days.DAY_MS)
  ) {
    await deps.db.transaction().execute((tx) => days.rollUpDay(tx, day, now.toISOString()));
    rolled.push(day);
  }
  return rolled;
}

/** The Shanghai midnight before which raw probes and runs are pruned: `rawDays` whole days are kept before today. */
export function pruneCutoff(now: Date, rawDays: number): string {
  return new Date(days.dayStart(days.dayOf(now.getTime())) - rawDays * days.DAY_MS).toISOString();
}

/** Prunes raw probes (only of rolled-up days) and runs older than the retention period, one day per statement. */
export async function pruneHistory(deps: D, now: Date, rawDays: number): Promise<{ probes: number; runs: number }> {
  const cutoff = pruneCutoff(now, rawDays);
  const { through } = await days.rollupState(deps.db);
  const probesBefore = through ? [through, cutoff].sort()[0] : null; // the earlier of two ISO times
  let probes = 0;
  if (probesBefore) {
    const oldest = await days.oldestProbeAt(deps.db);
    // A day at a time: a first prune after a year deletes tens of millions of rows, without one huge transaction.
    for (let t = oldest ? days.dayStart(days.dayOf(Date.parse(oldest))) + days.DAY_MS : Infinity; ; t += days.DAY_MS) {
      const before = new Date(Math.min(t, Date.parse(probesBefore))).toISOString();
      probes += await days.pruneProbes(deps.db, before, now.toISOString());
      if (before === probesBefore) break;
    }
  }
  return { probes, runs: await days.pruneRuns(deps.db, cutoff) };
}

/** The hourly job: roll up the days that ended, then prune what is past the retention period. */
export async function runRetentionJob(deps: D & Pick<Deps, 'config'>): Promise<RollupReport> {
  const now = deps.clock.now();
  const rolledDays = await rollUpProbes(deps, now);
  const pruned = await pruneHistory(deps, now, deps.config.watchRawDays);
  return { rolledDays, prunedProbes: pruned.probes, prunedRuns: pruned.runs };
}

export interface MonthAvailability {
  month: string; // '2026-01'
  total: number;
  failures: number;
  /** Failure share in percent (0 with no probe). */
  percent: number;
}

export interface YearAvailability {
  siteId: string;
  year: number;
  months: MonthAvailability[];
  total: number;
  failures: number;
  percent: number;
}

const percentOf = (c: days.ProbeCount) => (c.total ? (c.failures / c.total) * 100 : 0);

/** 年度可用性报告: each site's homepage probes and failures per month of the year (Shanghai months), from day rows and
 *  raw probes. */
export async function availabilityYear(
  deps: Pick<Deps, 'db'>,
  siteIds: readonly string[],
  year: number,
): Promise<YearAvailability[]> {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const bounds = [...months, `${year + 1}-01`].map((m) => new Date(days.dayStart(`${m}-01`)).toISOString());
  const counts = await Promise.all(months.map((_, i) => days.countProbes(deps.db, siteIds, bounds[i], bounds[i + 1])));
  return siteIds.map((siteId) => {
    const perMonth = months.map((month, i): MonthAvailability => {
      const c = counts[i].get(siteId) ?? { total: 0, failures: 0 };
      return { month, ...c, percent: percentOf(c) };
    });
    const total = perMonth.reduce((n, m) => n + m.total, 0);
    const failures = perMonth.reduce((n, m) => n + m.failures, 0);
    return { siteId, year, months: perMonth, total, failures, percent: percentOf({ total, failures }) };
  });
}
