// The contract between the monitors (which fetch and judge pages) and the incident service (which stores, opens,
// recovers and notifies). A monitor run returns observations; it never touches the database itself, so that
// `gongkai watch URL` can run every check once with no database at all.

/** The five monitors of 读网值班 (issue 6). */
export type MonitorKind = 'availability' | 'freshness' | 'links' | 'integrity' | 'content';

/** Against the inspection's veto lines: green, warning (the market's early line), veto risk (单项否决 reached). */
export type WatchLevel = 'ok' | 'warning' | 'veto';

/** What a monitor looks at, stable across runs so that one open incident per monitor and target can be kept. */
export type WatchTarget =
  | { kind: 'site'; siteId: string }
  | { kind: 'column'; siteId: string; columnId: string }
  | { kind: 'account'; accountId: string }
  | { kind: 'page'; siteId: string; url: string };

/** One judgement from one monitor run, in Chinese for the people on duty. */
export interface Observation {
  monitor: MonitorKind;
  target: WatchTarget;
  /** What was judged, e.g. 'homepage-unreachable', 'homepage-stale', 'stale-columns', 'blank-columns',
   *  'column-stale', 'account-dormant', 'dead-link', 'bad-domain', 'defaced', 'hidden-link', 'text-mismatch',
   *  'serious-finding'. */
  rule: string;
  level: WatchLevel;
  /** True when this must be an incident at once (a live outage, defacement, 暗链, a serious finding on a live
   *  page), whatever the level. An 'ok' observation of the same monitor and target recovers an availability
   *  incident automatically. */
  incident: boolean;
  /** One zh-CN line, e.g. "首页连续 3 次无法访问（超时 15 秒）". */
  summary: string;
  /** Evidence for the incident page: URLs, counts, dates, the finding's context. Never credentials. */
  details: Record<string, unknown>;
  observedAt: Date;
}

/** The key of "one open incident per monitor and target". */
export function targetKey(t: WatchTarget): string {
  switch (t.kind) {
    case 'site':
      return `site:${t.siteId}`;
    case 'column':
      return `column:${t.columnId}`;
    case 'account':
      return `account:${t.accountId}`;
    case 'page':
      return `page:${t.siteId}:${t.url}`;
  }
}
