// 监测总览: a site's standing against every 单项否决 line (INSPECTION.md) — green, warning (the early line) or veto
// risk — from its probes and the monitors' latest statuses. Pure: facts in, levels out.
import {
  type ColumnKind,
  failureShareLevel,
  KEY_COLUMN_KINDS,
  type MonitorKind,
  type Thresholds,
  type WatchLevel,
  worse,
  worst,
} from './model.ts';

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
  /** The column's kind for a column target. */
  columnKind?: ColumnKind | null;
}

export interface SiteFacts {
  thresholds: Thresholds;
  probes: { total: number; failures: number };
  statuses: StatusFact[];
}

export interface LineView {
  line: VetoLine;
  level: WatchLevel;
  summary: string;
}

const pct = (n: number) => `${(Math.round(n * 100) / 100).toString()}%`;
const judge = (count: number, warnAbove: number, veto: number): WatchLevel =>
  count >= veto ? 'veto' : count > warnAbove ? 'warning' : 'ok';

function availability(f: SiteFacts): LineView {
  const { total, failures } = f.probes;
  const share = total ? (failures / total) * 100 : 0;
  let level = failureShareLevel(failures, total, f.thresholds);
  let summary = total ? `近 7 天探测 ${total} 次，失败 ${failures} 次（${pct(share)}）` : '近 7 天暂无探测记录';
  // INSPECTION.md: a live outage warns at once, whatever the share.
  const live = f.statuses.filter((s) => s.monitor === 'availability' && s.level !== 'ok');
  if (live.length) {
    level = worse(level, 'warning');
    summary = `${live[0].summary}；${summary}`;
  }
  return { line: 'availability', level, summary };
}

function fromRules(f: SiteFacts, line: VetoLine, rules: string[], none: string): LineView {
  const hits = f.statuses.filter((s) => rules.includes(s.rule));
  const bad = hits
    .filter((s) => s.level !== 'ok')
    .sort((a, b) => (a.level === 'veto' ? -1 : 0) - (b.level === 'veto' ? -1 : 0));
  return { line, level: worst(hits.map((s) => s.level)), summary: bad[0]?.summary ?? (hits[0]?.summary || none) };
}

/** Site-level judgements win when worse; otherwise the per-column statuses are counted against the site's lines. */
function staleColumns(f: SiteFacts): LineView {
  const stale = f.statuses.filter((s) => s.rule === 'column-stale' && s.level !== 'ok');
  const key = stale.filter((s) => s.columnKind && KEY_COLUMN_KINDS.includes(s.columnKind)).length;
  const counted = worse(
    judge(key, f.thresholds.staleKeyWarnAbove, f.thresholds.staleKeyVeto),
    judge(stale.length, f.thresholds.staleAnyWarnAbove, f.thresholds.staleAnyVeto),
  );
  const site = fromRules(f, 'staleColumns', ['stale-columns'], '');
  if (site.summary && site.level === worse(site.level, counted)) return site;
  return {
    line: 'staleColumns',
    level: counted,
    summary: `未按时更新的栏目 ${stale.length} 个（其中动态要闻、通知公告、政策文件 ${key} 个）`,
  };
}

function blankColumns(f: SiteFacts): LineView {
  const blank = f.statuses.filter((s) => s.rule === 'column-blank' && s.level !== 'ok').length;
  const counted = judge(blank, f.thresholds.blankWarnAbove, f.thresholds.blankVeto);
  const site = fromRules(f, 'blankColumns', ['blank-columns'], '');
  if (site.summary && site.level === worse(site.level, counted)) return site;
  return { line: 'blankColumns', level: counted, summary: `空白栏目 ${blank} 个` };
}

function byMonitor(f: SiteFacts, line: VetoLine, monitor: MonitorKind, none: string): LineView {
  const hits = f.statuses.filter((s) => s.monitor === monitor);
  const bad = hits.filter((s) => s.level !== 'ok');
  const level = worst(hits.map((s) => s.level));
  return {
    line,
    level,
    summary: bad.length
      ? `${bad.length} 项问题：${bad.find((s) => s.level === level)?.summary ?? bad[0].summary}`
      : hits.length
        ? '未发现问题'
        : none,
  };
}

export function siteLines(f: SiteFacts): LineView[] {
  return [
    availability(f),
    fromRules(f, 'homepage', ['homepage-stale'], '暂无首页更新检查结果'),
    staleColumns(f),
    blankColumns(f),
    byMonitor(f, 'deadLinks', 'links', '暂无链接检查结果'),
    byMonitor(f, 'integrity', 'integrity', '暂无防篡改检查结果'),
    byMonitor(f, 'content', 'content', '暂无内容检查结果'),
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
