// From the registry (what the e-gov center entered) to what one monitor run is given (src/watch/spec.ts): the two
// sides name column kinds in their own words (the registry's Chinese kinds, the rules' clocks), and this is the one
// place that translates. Warning and veto lines are one type on both sides.
import type { Account, Column, Page, Site } from './store.ts';
import type { ColumnKind as RegistryKind } from './model.ts';
import type { ColumnKind as RuleKind, ProbeRecord, SiteSpec } from './spec.ts';
import type { Probe } from './store-runs.ts';

const RULE_KIND: Record<RegistryKind, RuleKind> = {
  动态要闻: 'news',
  通知公告: 'notice',
  政策文件: 'policy',
  人事: 'plan',
  规划计划: 'plan',
  互动: 'other',
  专题: 'other',
  其他: 'other',
};

export interface RegisteredSite extends Site {
  columns: Column[];
  pages: Page[];
}

/** The site as one monitor run sees it; `accounts` are the hosting unit's accounts that have a feed or page URL. */
export function siteSpecOf(site: RegisteredSite, accounts: readonly Account[]): SiteSpec {
  return {
    id: site.id,
    name: site.name,
    url: site.url,
    columns: site.columns
      .filter((c) => c.active)
      .map((c) => ({
        id: c.id,
        name: c.name,
        listUrl: c.url,
        kind: RULE_KIND[c.kind],
        maxAgeDays: c.clockDays ?? undefined,
        dateSelector: c.dateSelector ?? undefined,
      })),
    accounts: accounts
      .filter((a) => a.active && a.url && a.unitId === site.unitId)
      .map((a) => ({ id: a.id, name: a.name, platform: a.platform, feedUrl: a.url ?? undefined })),
    thresholds: site.thresholds,
    stablePages: site.pages.map((p) => p.url),
    baselines: Object.fromEntries(
      site.pages.filter((p) => p.baselineHash).map((p) => [p.url, p.baselineHash as string]),
    ),
  };
}

export function probeRecordOf(p: Probe): ProbeRecord {
  return { at: new Date(p.at), ok: p.ok, ms: p.ms, status: p.statusCode ?? undefined, error: p.error ?? undefined };
}
