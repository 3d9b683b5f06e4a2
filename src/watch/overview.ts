// 监测总览 and the detail pages: each site against every veto line, each account against the 僵尸号 line, a site's
// columns, pages, statuses, probes, runs and incidents. Scoped to the units the actor watches.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import {
  canCheckSite,
  canManageWatch,
  canReportLastPost,
  canUseWatch,
  canViewWatch,
  watchScope,
} from '../org/policy/watch.ts';
import { assertAllowed, isAllowed } from '../org/policy/verdict.ts';
import { listUnits } from '../org/service.ts';
import type { Executor } from '../platform/db/types.ts';
import { loadSite, shanghaiDay } from './context.ts';
import { accountLevel, type LineView, siteLines } from './levels.ts';
import { worst } from './model.ts';
import { type ShownLevel, shownWorst } from './verdict.ts';
import { availabilityShare, type AvailabilityShare } from './observe.ts';
import * as store from './store.ts';
import { latestCheck, type SiteCheck } from './store-checks.ts';
import * as incidents from './store-incidents.ts';
import * as probeDays from './store-probe-days.ts';
import * as runs from './store-runs.ts';

type D = Pick<Deps, 'db' | 'clock' | 'engine'>;
const DAY_MS = 86400000;

export interface SiteSummary {
  site: store.Site;
  unitName: string;
  /** The worst checked line; 未检测 (unchecked) before any monitor has judged the site. */
  level: ShownLevel;
  lines: LineView[];
  openIncidents: number;
  /** When a monitor last judged the site (null: not yet checked). */
  lastCheckedAt: string | null;
}

export interface AccountSummary {
  account: store.Account;
  unitName: string;
  level: ShownLevel;
  daysSincePost: number | null;
  summary: string;
  openIncidents: number;
  /** This person may enter the last-post date (the unit's duty people, the e-gov center). */
  canReportLastPost: boolean;
}

async function unitNames(db: Executor): Promise<Map<string, string>> {
  return new Map((await listUnits(db)).map((u) => [u.id, u.name]));
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string | null): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

async function summarise(deps: D, sites: store.Site[], now: Date): Promise<Omit<SiteSummary, 'unitName'>[]> {
  const ids = sites.map((s) => s.id);
  const [probes, facts, open] = await Promise.all([
    probeDays.countProbes(
      deps.db,
      ids,
      new Date(now.getTime() - 7 * DAY_MS).toISOString(),
      new Date(now.getTime() + 1).toISOString(),
    ),
    runs.siteStatusFacts(deps.db, ids),
    incidents.listIncidents(deps.db, { unitIds: 'all', states: ['found', 'notified', 'handling'], limit: 5000 }),
  ]);
  // Grouped once: 500 sites × 22 statuses filtered per site was most of the overview's time; the columns' states
  // come as counts (siteStatusFacts), not as 10,000 rows.
  const statusesOf = groupBy(facts.statuses, (s) => s.siteId);
  const columnsOf = groupBy(facts.columns, (c) => c.siteId);
  const openOf = groupBy(open, (i) => i.siteId);
  return sites.map((site) => {
    const lines = siteLines({
      thresholds: site.thresholds,
      probes: probes.get(site.id) ?? { total: 0, failures: 0 },
      statuses: statusesOf.get(site.id) ?? [],
      columnCounts: columnsOf.get(site.id) ?? [],
    });
    return {
      site,
      level: shownWorst(lines.map((l) => l.level)),
      lines,
      openIncidents: openOf.get(site.id)?.length ?? 0,
      lastCheckedAt: facts.lastObservedAt.get(site.id) ?? null,
    };
  });
}

export interface Overview {
  at: string;
  sites: SiteSummary[];
  accounts: AccountSummary[];
  counts: Record<ShownLevel, number>;
  /** This person registers sites and accounts (the e-gov center, the admin). */
  abilities: { canManage: boolean };
}

export async function overview(deps: D, actor: Actor): Promise<Overview> {
  assertAllowed(canUseWatch(actor));
  const now = deps.clock.now();
  const scope = watchScope(actor);
  const [sites, accounts, names] = await Promise.all([
    store.listSites(deps.db, scope),
    store.listAccounts(deps.db, scope),
    unitNames(deps.db),
  ]);
  const siteViews = (await summarise(deps, sites, now)).map((s) => ({
    ...s,
    unitName: names.get(s.site.unitId) ?? '',
  }));
  const [statuses, open] = await Promise.all([
    runs.listStatuses(deps.db, { accountIds: accounts.map((a) => a.id) }),
    incidents.listIncidents(deps.db, { unitIds: scope, states: ['found', 'notified', 'handling'], limit: 5000 }),
  ]);
  const statusesOf = groupBy(statuses, (s) => s.accountId);
  const openOf = groupBy(open, (i) => i.accountId);
  const accountViews = accounts.map((account): AccountSummary => {
    const mine = statusesOf.get(account.id) ?? [];
    const manual = account.url ? null : accountLevel(account.lastPostOn, shanghaiDay(now));
    const level = shownWorst([...(manual ? [manual.level] : []), ...mine.map((s) => s.level)]);
    const summary =
      mine.find((s) => s.level === level)?.summary
      ?? (manual?.days === null
        ? '尚未登记最近发布日期'
        : manual
          ? `最近发布于 ${account.lastPostOn}（${manual.days} 天前）`
          : '尚未检测');
    return {
      account,
      unitName: names.get(account.unitId) ?? '',
      level,
      daysSincePost: manual?.days ?? null,
      summary,
      openIncidents: openOf.get(account.id)?.length ?? 0,
      canReportLastPost: isAllowed(canReportLastPost(actor, account)),
    };
  });
  const counts: Record<ShownLevel, number> = { unchecked: 0, ok: 0, warning: 0, veto: 0 };
  for (const v of [...siteViews, ...accountViews]) counts[v.level]++;
  return {
    at: now.toISOString(),
    sites: siteViews,
    accounts: accountViews,
    counts,
    abilities: { canManage: isAllowed(canManageWatch(actor)) },
  };
}

export async function listSiteSummaries(deps: D, actor: Actor): Promise<SiteSummary[]> {
  return (await overview(deps, actor)).sites;
}

export async function listAccountSummaries(deps: D, actor: Actor): Promise<AccountSummary[]> {
  return (await overview(deps, actor)).accounts;
}

export interface ColumnView extends store.Column {
  level: ShownLevel;
  summary: string;
  observedAt: string | null;
}

export interface SiteDetail extends SiteSummary {
  columns: ColumnView[];
  pages: store.Page[];
  statuses: runs.Status[];
  availability: AvailabilityShare;
  probes: runs.Probe[];
  runs: runs.Run[];
  incidents: incidents.Incident[];
  /** 立即检测: the latest check a person asked for (null: none yet). */
  check: SiteCheck | null;
  abilities: { canManage: boolean; canCheck: boolean };
}

/** 网站详情 with its history: the latest statuses, the last 100 probes, the last 50 runs and incidents. */
export async function getSiteDetail(deps: D, actor: Actor, id: string): Promise<SiteDetail> {
  const site = await loadSite(deps.db, id);
  assertAllowed(canViewWatch(actor, site.unitId));
  const now = deps.clock.now();
  const [[summary], names, columns, pages, statuses, availability, probes, lastRuns, list, check] = await Promise.all([
    summarise(deps, [site], now),
    unitNames(deps.db),
    store.listColumns(deps.db, [id]),
    store.listPages(deps.db, id),
    runs.listStatuses(deps.db, { siteIds: [id] }),
    availabilityShare(deps, id, now),
    runs.recentProbes(deps.db, id, 100),
    runs.recentRuns(deps.db, { siteId: id }, 50),
    incidents.listIncidents(deps.db, { unitIds: 'all', siteId: id, limit: 50 }),
    latestCheck(deps.db, id),
  ]);
  const columnViews = columns.map((c): ColumnView => {
    const mine = statuses.filter((s) => s.targetKey === `column:${c.id}`);
    const level = mine.length ? worst(mine.map((s) => s.level)) : 'unchecked';
    return {
      ...c,
      level,
      summary: mine.find((s) => s.level === level)?.summary ?? '尚未检测',
      observedAt: mine[0]?.observedAt ?? null,
    };
  });
  return {
    ...summary,
    unitName: names.get(site.unitId) ?? '',
    columns: columnViews,
    pages,
    statuses,
    availability,
    probes,
    runs: lastRuns,
    incidents: list,
    check,
    abilities: {
      canManage: isAllowed(canManageWatch(actor)),
      canCheck: site.active && isAllowed(canCheckSite(actor, site)),
    },
  };
}
