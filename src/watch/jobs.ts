// The monitors on the application's scheduler (src/app/jobs.ts): each with its own jittered interval, so that probes
// of many sites do not all leave at the same second, and through pg-boss on PostgreSQL so each run happens once.
//   availability  every 5 minutes (≥ 20 probes a day, INSPECTION.md), 15 s timeout, in groups spread over the interval;
//                 a failure re-checked before it opens an incident (GONGKAI_WATCH_CONFIRM_CHECKS / _SECONDS), and
//                 on PostgreSQL with several nodes once more from another node (node-checks.ts)
//   retention     every hour: roll up the days that ended, prune raw probes and runs after GONGKAI_WATCH_RAW_DAYS
//   full run      every hour: crawl, links, freshness, integrity, content (runSiteChecks)
//   escalation    every minute; deliveries every 30 s; 僵尸号 by the entered last-post date once a day
import { createHash } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Config } from '../platform/config.ts';
import { approvedTextsOf } from '../publish/service.ts';
import type { JobRun, JobSpec } from '../platform/jobs/index.ts';
import { createFetcher } from './fetch.ts';
import { askOtherNode } from './node-checks.ts';
import { type Confirmation, judgeAvailabilityOn, probeHomepage, recheck } from './rules/availability.ts';
import { mapLimit, runSiteChecks, type RunOptions } from './run.ts';
import {
  checkAccounts,
  deliverPending,
  escalateOverdue,
  listWatchTargets,
  recordObservations,
  recordProbe,
  setPageBaseline,
  type WatchTargets,
} from './service.ts';
import { probeRecordOf, siteSpecOf, type RegisteredSite } from './spec-of.ts';
import type { ProbeRecord } from './spec.ts';
import { countProbes } from './store-probe-days.ts';
import { listStatuses, pageHashes, recentProbes, savePageHashes } from './store-runs.ts';

const MINUTE = 60_000;
/** Seven days of probes every 5 minutes, and some to spare. */
const PROBE_HISTORY = 2100;

/** 探测分组: the sites are split into groups probed one after another through the interval, a group every 10 s (at
 *  most 30 groups), so that 500 sites do not all leave at once and, with several nodes, each group can run on any. */
export function probeGroups(config: Pick<Config, 'watchProbeSeconds'>): number {
  return Math.max(1, Math.min(30, Math.floor(config.watchProbeSeconds / 10)));
}

/** The group a site is probed in (the same on every node). */
export function groupOf(siteId: string, groups: number): number {
  return createHash('sha256').update(siteId).digest().readUInt32BE(0) % groups;
}

/** One job per group, every 5 minutes by default (GONGKAI_WATCH_PROBE_SECONDS), group k at k/groups of the interval.
 *  `groups` other than the default: a benchmark compressing time keeps the groups of the real interval. */
export function availabilityJobs(config: Pick<Config, 'watchProbeSeconds'>, groups = probeGroups(config)): JobSpec[] {
  const intervalMs = config.watchProbeSeconds * 1000;
  return Array.from({ length: groups }, (_, k) => ({
    name: `watch.availability.${k}`,
    title: `首页可用性监测（第 ${k + 1}/${groups} 组）`,
    when: { intervalMs, offsetMs: Math.floor((k * intervalMs) / groups) },
  }));
}

/** Probes at once per node and group: a slow or failing site (15 s) does not hold up the others' slots. */
const PROBE_CONCURRENCY = 32;

export const WATCH_JOBS = {
  full: {
    name: 'watch.sites',
    title: '网站巡检（栏目更新、链接、防篡改、暗链、智能校对）',
    when: { intervalMs: 60 * MINUTE, jitterMs: 5 * MINUTE },
  },
  escalate: { name: 'watch.escalate', title: '异常事件超时升级', when: { cron: '* * * * *' } },
  deliver: { name: 'watch.deliver', title: '异常事件通知发送', when: { cron: '*/30 * * * * *' } },
  accounts: { name: 'watch.accounts', title: '政务新媒体更新检查', when: { cron: '0 9 * * *' } },
} satisfies Record<string, JobSpec>;

type WatchDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log'>;

function runOptions(deps: WatchDeps): RunOptions {
  return {
    allowPrivate: deps.config.watchAllowPrivate === '1',
    clock: deps.clock,
    confirm: confirmationOf(deps.config),
    hostConcurrency: deps.config.watchHostConcurrency,
  };
}

const confirmationOf = (c: Pick<Config, 'watchConfirmChecks' | 'watchConfirmSeconds'>): Confirmation => ({
  checks: c.watchConfirmChecks,
  intervalMs: c.watchConfirmSeconds * 1000,
});

async function history(deps: WatchDeps, siteId: string) {
  return (await recentProbes(deps.db, siteId, PROBE_HISTORY)).map(probeRecordOf);
}

/**
 * The re-checks of failed probes that run after their group's slot ended (the scheduler's availability jobs): a
 * confirmation takes up to checks × (interval + 15 s), 105 s by default, and a group's next slot must not wait for it
 * (on SQLite the slot would be skipped, on PostgreSQL queued behind it). One at a time per site; `idle` waits for all.
 */
export class Confirmations {
  private readonly running = new Map<string, Promise<void>>();
  private readonly closing = new Set<Promise<void>>();

  busy(siteId: string): boolean {
    return this.running.has(siteId);
  }

  start(siteId: string, confirm: () => Promise<void>): Promise<void> {
    const done = confirm().finally(() => this.running.delete(siteId));
    this.running.set(siteId, done);
    return done;
  }

  /** A run's fetcher is closed once its confirmations are over. */
  after(confirmations: Promise<unknown>[], close: () => Promise<void>): void {
    const done = Promise.allSettled(confirmations)
      .then(close)
      .finally(() => this.closing.delete(done));
    this.closing.add(done);
  }

  async idle(): Promise<void> {
    while (this.running.size || this.closing.size)
      await Promise.allSettled([...this.running.values(), ...this.closing]);
  }
}

/** One probe of every active site's homepage (or of one group's sites); a failing probe is re-checked, and a
 *  confirmed outage is an incident. The run is recorded under its scheduled time, so that "each slot once across
 *  nodes" can be checked in the database. The 7-day share is counted in the database (day rows and raw probes), not
 *  read probe by probe. With `confirmations` (the scheduler's jobs), the run ends once every probe is saved and every
 *  answering site judged: the re-checks go on outside the slot, and a site still being confirmed from an earlier slot
 *  has its new probe saved (counted in the share) without a second confirmation. */
export async function runAvailabilityJob(
  deps: WatchDeps,
  run?: JobRun,
  group?: { index: number; of: number },
  confirmations?: Confirmations,
): Promise<void> {
  // Only the group's sites are read with their columns and pages: a group's probes leave seconds after its slot.
  const { sites: mine, accounts } = await listWatchTargets(
    deps,
    (s) => s.active && (!group || groupOf(s.id, group.of) === group.index),
  );
  const fetcher = createFetcher({ allowPrivate: runOptions(deps).allowPrivate });
  const detached: Promise<void>[] = [];
  try {
    await mapLimit(mine, PROBE_CONCURRENCY, (site) =>
      eachSite(deps, site, async () => {
        const spec = siteSpecOf(site, accounts);
        const now = deps.clock.now();
        const { probe } = await probeHomepage(fetcher, spec, now);
        const prior = await probeCount(deps, site.id, now);
        await saveProbe(deps, site.id, probe);
        const judge = async () => {
          const rechecks = probe.ok ? [] : await recheck(fetcher, spec, confirmationOf(deps.config), deps.clock);
          // Still down from here: on PostgreSQL with another node alive, that node re-checks too (node-checks.ts).
          const other = rechecks.every((p) => !p.ok) && !probe.ok ? await askOtherNode(deps, site.id, spec.url) : null;
          if (other) rechecks.push(other);
          const observations = judgeAvailabilityOn(spec, probe, prior, now, rechecks);
          await recordObservations(deps, { siteId: site.id }, observations, {
            monitor: 'availability',
            startedAt: run?.scheduledAt ?? now,
            durationMs: probe.ms,
          });
        };
        if (probe.ok || !confirmations) return judge();
        if (!confirmations.busy(site.id))
          detached.push(confirmations.start(site.id, () => eachSite(deps, site, judge)));
      }),
    );
  } finally {
    if (confirmations) confirmations.after(detached, () => fetcher.close());
    else await fetcher.close();
  }
}

const saveProbe = (deps: WatchDeps, siteId: string, p: ProbeRecord) =>
  recordProbe(deps, siteId, { at: p.at, ok: p.ok, ms: p.ms, statusCode: p.status ?? null, error: p.error ?? null });

/** The probes of the 7 days before `now` (judgeAvailability's window), from the day rows and the raw probes. */
async function probeCount(deps: WatchDeps, siteId: string, now: Date) {
  const from = new Date(now.getTime() - 7 * 86_400_000 + 1).toISOString();
  return (await countProbes(deps.db, [siteId], from, now.toISOString())).get(siteId) ?? { total: 0, failures: 0 };
}

/** Every monitor once on every active site; observations about a unit's 政务新媒体 go to that account. */
export async function runFullWatchJob(deps: WatchDeps): Promise<void> {
  const { sites, accounts } = await listWatchTargets(deps);
  for (const site of sites.filter((s) => s.active))
    await eachSite(deps, site, async () => void (await checkSite(deps, site, accounts)));
}

export interface SiteCheckResult {
  observations: number;
  /** Observations at the warning or veto line. */
  problems: number;
}

/** Every monitor once on one site (the hourly run, and 立即检测): probe, crawl, judge, record. */
export async function checkSite(
  deps: WatchDeps,
  site: RegisteredSite,
  accounts: WatchTargets['accounts'],
): Promise<SiteCheckResult> {
  const startedAt = deps.clock.now();
  const spec = {
    ...siteSpecOf(site, accounts),
    approvedTexts: onSite(site.url, await approvedTextsOf(deps, site.unitId)),
    pageHashes: await pageHashes(deps.db, site.id),
    unconfirmedStreaks: await unconfirmedStreaks(deps, site.id),
  };
  const result = await runSiteChecks(spec, { ...runOptions(deps), probeHistory: await history(deps, site.id) });
  await saveProbe(deps, site.id, result.probe);
  const [ofAccounts, ofSite] = partition(result.observations, (o) => o.target.kind === 'account');
  await recordObservations(deps, { siteId: site.id }, ofSite, { startedAt, durationMs: result.stats.ms });
  for (const o of ofAccounts)
    if (o.target.kind === 'account')
      await recordObservations(deps, { accountId: o.target.accountId }, [o], { startedAt });
  await savePageHashes(deps.db, site.id, result.pageHashes, startedAt.toISOString());
  for (const page of site.pages) {
    const hash = result.baselines[page.url];
    if (hash && !page.baselineHash) await setPageBaseline(deps, page.id, hash);
  }
  if (result.stats.errors.length)
    deps.log.warn(
      { siteId: site.id, errors: result.stats.errors.slice(0, 5) },
      `网站巡检「${site.name}」中有页面处理出错`,
    );
  return {
    observations: result.observations.length,
    problems: result.observations.filter((o) => o.level !== 'ok').length,
  };
}

/** The links 无法确认 on the runs just before, with how many in a row (kept in the last run's status). */
async function unconfirmedStreaks(deps: WatchDeps, siteId: string): Promise<Record<string, number>> {
  const last = (await listStatuses(deps.db, { siteIds: [siteId] })).find((s) => s.rule === 'unconfirmed-links');
  return (last?.details.streaks ?? {}) as Record<string, number>;
}

/** One site's failure is logged; the other sites are still watched (a site's own faults are observations,
 *  not errors). */
async function eachSite(deps: WatchDeps, site: RegisteredSite, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    deps.log.error({ err, siteId: site.id }, `网站「${site.name}」监测失败，将在下次运行时重试`);
  }
}

/** The approved texts whose pages are on this site (a unit may have several sites). */
function onSite(siteUrl: string, texts: Record<string, string>): Record<string, string> {
  const host = new URL(siteUrl).host;
  return Object.fromEntries(Object.entries(texts).filter(([url]) => new URL(url).host === host));
}

function partition<T>(items: readonly T[], test: (t: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const i of items) (test(i) ? yes : no).push(i);
  return [yes, no];
}

export async function runEscalationJob(deps: WatchDeps): Promise<void> {
  const ids = await escalateOverdue(deps, deps.clock.now());
  if (ids.length) deps.log.info(`异常事件超时未处理，已再次通知带班领导和区电子政务中心：${ids.length} 件`);
}

export async function runDeliveryJob(deps: WatchDeps): Promise<void> {
  await deliverPending(deps, deps.clock.now());
}

export async function runAccountsJob(deps: WatchDeps): Promise<void> {
  await checkAccounts(deps, deps.clock.now());
}
