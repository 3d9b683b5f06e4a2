// The one verdict (一个结论): each judgement the monitors, the overview, the site page and the incidents show is made
// here and nowhere else — the 7-day availability share against its lines (with fewer probes than one day's worth it
// warns, never reaches the veto line), and the stale and blank column counts (a blank column is blank, not stale; a
// list page that could not be read is neither). Pure: counts and lines in, level and words out.
import { LEVEL_RANK, type Thresholds, type WatchLevel, worse } from './model.ts';

/** INSPECTION.md asks ≥ 20 probes a day: below that the share is not judged against the veto line. */
export const AVAILABILITY_MIN_PROBES = 20;

/** What a screen shows for a line or a site: a level, or 未检测 before the first check. */
export type ShownLevel = WatchLevel | 'unchecked';
export const SHOWN_LEVELS = ['unchecked', 'ok', 'warning', 'veto'] as const satisfies readonly ShownLevel[];

/** The worst of the lines that were checked; 未检测 only when none was. */
export function shownWorst(levels: readonly ShownLevel[]): ShownLevel {
  const checked = levels.filter((l): l is WatchLevel => l !== 'unchecked');
  return checked.length ? checked.reduce((a, b) => (LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b), 'ok') : 'unchecked';
}

export interface ProbeCount {
  total: number;
  failures: number;
}

export interface AvailabilityVerdict extends ProbeCount {
  level: WatchLevel;
  /** Failure share in percent (0 with no probe). */
  percent: number;
  /** Enough probes for the veto line (≥ AVAILABILITY_MIN_PROBES). */
  judged: boolean;
  /** e.g. 近 7 天探测 10 次，失败 1 次（10.0%；不足 20 次，暂不判定否决） */
  text: string;
}

/** The 7-day share against the site's lines, compared without rounding (7 failures of 140 is exactly 5 %). */
export function availabilityVerdict(
  c: ProbeCount,
  t: Pick<Thresholds, 'availabilityWarnPct' | 'availabilityVetoPct'>,
  minProbes = AVAILABILITY_MIN_PROBES,
): AvailabilityVerdict {
  const scaled = c.failures * 100;
  let level: WatchLevel = !c.total
    ? 'ok'
    : scaled >= t.availabilityVetoPct * c.total
      ? 'veto'
      : scaled >= t.availabilityWarnPct * c.total
        ? 'warning'
        : 'ok';
  const judged = c.total >= minProbes;
  if (level === 'veto' && !judged) level = 'warning';
  const percent = c.total ? (c.failures / c.total) * 100 : 0;
  const note = judged ? '' : `；不足 ${minProbes} 次，暂不判定否决`;
  const text = c.total
    ? `近 7 天探测 ${c.total} 次，失败 ${c.failures} 次（${percent.toFixed(1)}%${note}）`
    : '近 7 天暂无探测记录';
  return { ...c, level, percent, judged, text };
}

/** A column as the freshness monitor last found it. */
export type ColumnState = 'ok' | 'stale' | 'blank' | 'unreadable';

export interface ColumnTally {
  /** Not updated within its clock (blank and unreadable columns are not counted here). */
  stale: number;
  /** Of those, 动态要闻, 通知公告 and 政策文件. */
  key: number;
  blank: number;
  unreadable: number;
}

/** `n`: that many columns in that state (the overview's counts from the database); one when absent. */
export function tallyColumns(columns: readonly { state: ColumnState; key: boolean; n?: number }[]): ColumnTally {
  const tally: ColumnTally = { stale: 0, key: 0, blank: 0, unreadable: 0 };
  for (const c of columns) {
    const n = c.n ?? 1;
    if (c.state === 'stale') {
      tally.stale += n;
      if (c.key) tally.key += n;
    } else if (c.state === 'blank') tally.blank += n;
    else if (c.state === 'unreadable') tally.unreadable += n;
  }
  return tally;
}

/** "Above" lines warn when the count exceeds them; veto lines are reached at the count. */
const judge = (count: number, warnAbove: number, veto: number): WatchLevel =>
  count >= veto ? 'veto' : count > warnAbove ? 'warning' : 'ok';

export function staleColumnsVerdict(c: ColumnTally, t: Thresholds): { level: WatchLevel; summary: string } {
  return {
    level: worse(
      judge(c.key, t.staleKeyWarnAbove, t.staleKeyVeto),
      judge(c.stale, t.staleAnyWarnAbove, t.staleAnyVeto),
    ),
    summary:
      `不更新栏目 ${c.stale} 个（其中动态要闻、通知公告、政策文件类 ${c.key} 个）；`
      + `否决线：三类合计 ${t.staleKeyVeto} 个或全部 ${t.staleAnyVeto} 个`,
  };
}

export function blankColumnsVerdict(c: ColumnTally, t: Thresholds): { level: WatchLevel; summary: string } {
  return {
    level: judge(c.blank, t.blankWarnAbove, t.blankVeto),
    summary: `空白栏目 ${c.blank} 个；否决线 ${t.blankVeto} 个`,
  };
}

/** A column's state from its stored status (statuses written before `state` was kept are read by their details). */
export function columnStateOf(s: { level: WatchLevel; details: Record<string, unknown> }): ColumnState {
  const state = s.details.state;
  if (state === 'ok' || state === 'stale' || state === 'blank' || state === 'unreadable') return state;
  if (s.level === 'ok') return 'ok';
  if (s.details.blank === true) return 'blank';
  return 'items' in s.details ? 'stale' : 'unreadable';
}
