// What a monitor run is given: the site as registered (栏目, 政务新媒体 accounts, should-not-change pages, approved
// texts) and what the caller kept from earlier runs (probe history, baseline hashes, page hashes). Plain data, no
// database: the incident service loads these from its tables, `gongkai watch URL` builds a minimal one by hand.

import { DEFAULT_THRESHOLDS, type Thresholds } from './model.ts';
import { AVAILABILITY_MIN_PROBES } from './verdict.ts';

/** A run's crawl limits when the caller gives none (also `gongkai watch`'s defaults). */
export const DEFAULTS = { maxDepth: 3, maxPages: 500, concurrency: 4 };

/** Column kinds and their update clocks (INSPECTION.md: 动态/要闻 14 days; 通知公告/政策文件 6 months; 人事/规划计划 1 year). */
export type ColumnKind = 'news' | 'notice' | 'policy' | 'plan' | 'other';

export const COLUMN_KIND_NAME: Record<ColumnKind, string> = {
  news: '动态要闻',
  notice: '通知公告',
  policy: '政策文件',
  plan: '人事/规划计划',
  other: '其他栏目',
};

export const DEFAULT_MAX_AGE_DAYS: Record<ColumnKind, number> = {
  news: 14,
  notice: 183,
  policy: 183,
  plan: 365,
  other: 365,
};

/** A column (栏目) whose list page carries dated items. */
export interface ColumnSpec {
  id: string;
  name: string;
  listUrl: string;
  kind: ColumnKind;
  /** Defaults to DEFAULT_MAX_AGE_DAYS[kind]. */
  maxAgeDays?: number;
  /** CSS selector of the elements holding item dates; without it dates are found next to item links. */
  dateSelector?: string;
}

/** A 政务新媒体 account: its newest post date comes from a feed (RSS/Atom/any dated page) or is entered by hand. */
export interface AccountSpec {
  id: string;
  name: string;
  platform: string;
  feedUrl?: string;
  /** 'YYYY-MM-DD', entered by the duty officer when there is no feed. */
  lastPostDate?: string;
}

/**
 * The lines one run judges by: the site's registered warning and veto lines (src/watch/model.ts, INSPECTION.md, admin-
 * changeable), plus what the registry does not keep per site.
 */
export interface RunThresholds extends Thresholds {
  /** Below this many probes in the window a failure share is not judged as a veto (the rule asks ≥ 20 a day). */
  availabilityMinProbes: number;
  /** 政务新媒体 without a post: warn at, veto at (INSPECTION.md: 2 weeks). */
  accountWarnDays: number;
  accountVetoDays: number;
}

export const DEFAULT_RUN_THRESHOLDS: RunThresholds = {
  ...DEFAULT_THRESHOLDS,
  availabilityMinProbes: AVAILABILITY_MIN_PROBES,
  accountWarnDays: 10,
  accountVetoDays: 14,
};

/** One homepage probe, kept by the caller for the 7-day failure share. */
export interface ProbeRecord {
  at: Date;
  ok: boolean;
  ms: number;
  status?: number;
  error?: string;
}

export interface SiteSpec {
  id: string;
  name: string;
  /** The homepage (首页). */
  url: string;
  columns: ColumnSpec[];
  accounts?: AccountSpec[];
  thresholds?: Partial<RunThresholds>;
  /** Should-not-change pages (机构概况, 领导信息 …) watched for defacement (a homepage changes with every item). */
  stablePages?: string[];
  /** Normalized-text hashes of the should-not-change pages, by URL, from earlier runs. */
  baselines?: Record<string, string>;
  /** Approved texts of items published through gongkai, by the URL they were published at. */
  approvedTexts?: Record<string, string>;
  /** Hosts that belong to the site (sub-sites, a CDN): links to them are neither external nor 暗链. */
  relatedHosts?: string[];
  /** Known expired or hijacked domains; a link to one (or a sub-domain) is reported. */
  badDomains?: string[];
  /** Text hashes of pages already proofread, by URL: only new or changed pages go through 智能校对. */
  pageHashes?: Record<string, string>;
  /** Links 无法确认 (429, 503, timeout) on the runs just before, by URL: how many runs in a row. */
  unconfirmedStreaks?: Record<string, number>;
}

export function thresholdsOf(spec: SiteSpec): RunThresholds {
  return { ...DEFAULT_RUN_THRESHOLDS, ...spec.thresholds };
}

export function maxAgeOf(column: ColumnSpec): number {
  return column.maxAgeDays ?? DEFAULT_MAX_AGE_DAYS[column.kind];
}
