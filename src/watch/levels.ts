// 监测总览: a site's standing against every 单项否决 line (INSPECTION.md) — green, warning (the early line) or veto
// risk, or 未检测 before any check — from its probes and the monitors' latest statuses, judged by the one verdict
// (verdict.ts) the monitors use. Pure: facts in, levels out.
import {
  type ColumnKind,
  KEY_COLUMN_KINDS,
  type MonitorKind,
  type Thresholds,
  type WatchLevel,
  worse,
  worst,
} from './model.ts';
import {
  availabilityVerdict,
  blankColumnsVerdict,
  type ColumnState,
  columnStateOf,
  type ShownLevel,
  staleColumnsVerdict,
  tallyColumns,
} from './verdict.ts';

export const VETO_LINES = [
  'availability',
  'homepage',
  'staleColumns',
  'blankColumns',
  'deadLinks',
  'integrity',
  'content',
] as const;
export type VetoLine = (typeof VETO_LINES)[number];
export const VETO_LINE_NAME: Record<VetoLine, string> = {
  availability: '首页可用性',
  homepage: '首页更新',
  staleColumns: '栏目不更新',
  blankColumns: '空白栏目',
  deadLinks: '错链断链',
  integrity: '防篡改与暗链',
  content: '严重错误与内容',
};

export interface StatusFact {
  monitor: MonitorKind;
  rule: string;
  level: WatchLevel;
  summary: string;
  details?: Record<string, unknown>;
  /** The column's kind for a column target; undefined: not a registered (active) column. */
  columnKind?: ColumnKind | null;
}

export interface SiteFacts {
  thresholds: Thresholds;
  probes: { total: number; failures: number };
  statuses: StatusFact[];
  /** The registered columns' latest states counted by the database (rows of rule column-stale left out of
   *  `statuses`): the overview reads 10,000 columns' states as a few counts a site. */
  columnCounts?: readonly { state: ColumnState; key: boolean; n: number }[];
}

export interface LineView {
  line: VetoLine;
  level: ShownLevel;
  summary: string;
}

const UNCHECKED = '尚未检测';

function availability(f: SiteFacts): LineView {
  const share = availabilityVerdict(f.probes, f.thresholds);
  const latest = f.statuses.find((s) => s.monitor === 'availability');
  if (!f.probes.total && !latest) return { line: 'availability', level: 'unchecked', summary: UNCHECKED };
  // INSPECTION.md: a live outage (the latest probe failed) warns at once, whatever the share.
  if (latest && latest.level !== 'ok' && latest.details?.ok !== true)
    return { line: 'availability', level: worse(share.level, 'warning'), summary: latest.summary };
  return { line: 'availability', level: share.level, summary: share.text };
}

function fromRules(f: SiteFacts, line: VetoLine, rules: string[]): LineView {
  const hits = f.statuses.filter((s) => rules.includes(s.rule));
  if (!hits.length) return { line, level: 'unchecked', summary: UNCHECKED };
  const bad = hits
    .filter((s) => s.level !== 'ok')
    .sort((a, b) => (a.level === 'veto' ? -1 : 0) - (b.level === 'veto' ? -1 : 0));
  return { line, level: worst(hits.map((s) => s.level)), summary: bad[0]?.summary ?? hits[0].summary };
}

/** The registered columns' latest states, counted by the same verdict as the run's (a blank column is not stale). */
function columnLines(f: SiteFacts): LineView[] {
  const columns = f.statuses.filter((s) => s.rule === 'column-stale' && s.columnKind !== undefined);
  const counted = f.columnCounts ?? [];
  const checked =
    columns.length > 0 || counted.some((c) => c.n > 0) || f.statuses.some((s) => s.rule === 'stale-columns');
  if (!checked)
    return [
      { line: 'staleColumns', level: 'unchecked', summary: UNCHECKED },
      { line: 'blankColumns', level: 'unchecked', summary: UNCHECKED },
    ];
  const tally = tallyColumns([
    ...columns.map((s) => ({
      state: columnStateOf({ level: s.level, details: s.details ?? {} }),
      key: !!s.columnKind && KEY_COLUMN_KINDS.includes(s.columnKind),
    })),
    ...counted,
  ]);
  return [
    { line: 'staleColumns', ...staleColumnsVerdict(tally, f.thresholds) },
    { line: 'blankColumns', ...blankColumnsVerdict(tally, f.thresholds) },
  ];
}

function byMonitor(f: SiteFacts, line: VetoLine, monitor: MonitorKind): LineView {
  const hits = f.statuses.filter((s) => s.monitor === monitor);
  if (!hits.length) return { line, level: 'unchecked', summary: UNCHECKED };
  const bad = hits.filter((s) => s.level !== 'ok');
  const level = worst(hits.map((s) => s.level));
  return {
    line,
    level,
    summary: bad.length
      ? `${bad.length} 项问题：${bad.find((s) => s.level === level)?.summary ?? bad[0].summary}`
      : '未发现问题',
  };
}

export function siteLines(f: SiteFacts): LineView[] {
  return [
    availability(f),
    fromRules(f, 'homepage', ['homepage-stale']),
    ...columnLines(f),
    byMonitor(f, 'deadLinks', 'links'),
    byMonitor(f, 'integrity', 'integrity'),
    byMonitor(f, 'content', 'content'),
  ];
}

/** 僵尸号 (INSPECTION.md): no post in the 2 weeks before a check is a veto; warn from day 10. */
export const ACCOUNT_WARN_DAYS = 10;
export const ACCOUNT_VETO_DAYS = 14;

export function accountLevel(lastPostOn: string | null, today: string): { level: WatchLevel; days: number | null } {
  if (!lastPostOn) return { level: 'warning', days: null };
  const days = Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${lastPostOn}T00:00:00Z`)) / 86400000);
  return { level: days >= ACCOUNT_VETO_DAYS ? 'veto' : days >= ACCOUNT_WARN_DAYS ? 'warning' : 'ok', days };
}
