// 统计 for the dashboards of the 督查, the e-gov center and each unit's leaders: per unit (or every unit in the reader's
// scope) and period, computed from the 登记台账 (stats-model.ts). Each figure keeps the entries it counts; `figureEntries`
// lists them readable, and `statsXlsx` exports the tables. Who sees what: src/org/policy/oversight.ts statsScope.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canViewStats, statsScope } from '../org/policy/oversight.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { listChannels, listUnits } from '../org/service.ts';
import type { Calendar } from '../platform/calendar/model.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { titledTableXlsx } from '../platform/documents/xlsx.ts';
import { invalid, notFound } from '../platform/errors.ts';
import type { LedgerRow } from '../platform/ledger/model.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { STAGE_NAME } from '../publish/model.ts';
import { MONITOR_NAME } from '../watch/service.ts';
import { type LedgerEntryView, readableEntries } from './ledger-read.ts';
import {
  checkIns,
  type Count,
  type Durations,
  dismissals,
  type Entry,
  type IncidentTimes,
  incidentsByMonitor,
  publishedByChannel,
  type Returns,
  returns,
  secrecyTimeliness,
  timeAtLevels,
  toEntry,
} from './stats-model.ts';
import { beijingDayRange } from './time.ts';

export interface StatsQuery {
  unitId?: string; // absent: every unit the reader may see
  from: string; // YYYY-MM-DD, Beijing, inclusive
  to: string; // YYYY-MM-DD, Beijing, inclusive
}

export interface Stats {
  unitId: string | null;
  unitName: string;
  from: string;
  to: string;
  published: Count[];
  levels: Durations[];
  returns: Returns;
  secrecy: Count[];
  dismissedByCategory: Count[];
  dismissedByPerson: Count[];
  incidents: IncidentTimes[];
  checkIns: Count[];
}

const stageName = (s: string) => STAGE_NAME[s as keyof typeof STAGE_NAME] ?? s;
const monitorName = (m: string) => MONITOR_NAME[m as keyof typeof MONITOR_NAME] ?? m;

/** The units a query covers (null: all, with district-wide entries) and the name the dashboard shows. */
async function scopeOf(deps: Deps, actor: Actor, unitId: string | undefined) {
  const units = await listUnits(deps.db);
  if (unitId) {
    assertAllowed(canViewStats(actor, unitId));
    const unit = units.find((u) => u.id === unitId);
    if (!unit) throw notFound('单位');
    return { unitIds: [unitId] as string[] | null, name: unit.name };
  }
  const scope = statsScope(actor);
  if (scope === 'all') return { unitIds: null, name: '全区' };
  if (!Array.isArray(scope)) {
    assertAllowed(scope);
    return { unitIds: [] as string[] | null, name: '' };
  }
  const mine = scope;
  return {
    unitIds: mine,
    name: units
      .filter((u) => mine.includes(u.id))
      .map((u) => u.name)
      .join('、'),
  };
}

const MODULE_PREFIXES = ['publish.', 'secrecy.', 'watch.incident_', 'duty.check_in'];

/** The period's entries of the scope, and every entry of the items and incidents they concern (for durations). */
async function entriesOf(deps: Deps, unitIds: string[] | null, range: { from?: string; to?: string }) {
  const scope = unitIds ? { unitIds } : {};
  const lists = await Promise.all(
    MODULE_PREFIXES.map((p) => listLedger(deps.db, { ...scope, ...range, actionPrefix: p })),
  );
  const period = lists.flat();
  const subjects = [
    ...new Set(
      period
        .filter((e) => e.subject.startsWith('item:') || e.subject.startsWith('watchIncident:'))
        .map((e) => e.subject),
    ),
  ];
  const history: LedgerRow[] = [];
  for (let i = 0; i < subjects.length; i += 500) {
    history.push(...(await listLedger(deps.db, { ...scope, subjects: subjects.slice(i, i + 500) })));
  }
  return { period, history };
}

type Figures = Omit<Stats, 'unitId' | 'unitName' | 'from' | 'to'>;
interface Lookups {
  cal: Calendar;
  channelName: Map<string, string>;
}

async function lookups(deps: Deps): Promise<Lookups> {
  const [cal, channels] = await Promise.all([loadCalendar(deps.db), listChannels(deps.db)]);
  return { cal, channelName: new Map(channels.map((c) => [c.id, c.name])) };
}

function figures(period: Entry[], history: Entry[], range: { from: string; to: string }, l: Lookups): Figures {
  const dismissed = dismissals(period);
  return {
    published: publishedByChannel(period, (id) => l.channelName.get(id) ?? id),
    levels: timeAtLevels(history, range.from, range.to, l.cal, stageName),
    returns: returns(period, stageName),
    secrecy: secrecyTimeliness(period),
    dismissedByCategory: dismissed.byCategory,
    dismissedByPerson: dismissed.byPerson,
    incidents: incidentsByMonitor(history, range.from, range.to, monitorName),
    checkIns: checkIns(period),
  };
}

function validRange(q: { from: string; to: string }): { from: string; to: string } {
  const range = beijingDayRange(q.from, q.to);
  if (!range.from || !range.to) throw invalid('from', '请选择统计的开始和结束日期');
  return { from: range.from, to: range.to };
}

export async function getStats(deps: Deps, actor: Actor, q: StatsQuery): Promise<Stats> {
  const range = validRange(q);
  const { unitIds, name } = await scopeOf(deps, actor, q.unitId);
  const [{ period, history }, l] = await Promise.all([entriesOf(deps, unitIds, range), lookups(deps)]);
  const f = figures(period.map(toEntry), history.map(toEntry), range, l);
  return { unitId: q.unitId ?? null, unitName: name, from: q.from, to: q.to, ...f };
}

/**
 * Every unit's 统计 for a period (年度考核 scores 60 units): the calendar and channels loaded once, the ledger read per
 * unit through its (unit_id, at) index. One read of the whole district grouped by unit in Node was measured slower at
 * 1,000,000 entries (bench/RESULTS.md, bench:stats). For the assessment, whose caller checked canViewAssessment.
 */
export async function statsOfEveryUnit(
  deps: Deps,
  units: readonly { id: string; name: string }[],
  q: { from: string; to: string },
): Promise<Map<string, Stats>> {
  const range = validRange(q);
  const l = await lookups(deps);
  const out = new Map<string, Stats>();
  for (const u of units) {
    const { period, history } = await entriesOf(deps, [u.id], range);
    const f = figures(period.map(toEntry), history.map(toEntry), range, l);
    out.set(u.id, { unitId: u.id, unitName: u.name, from: q.from, to: q.to, ...f });
  }
  return out;
}

export const FIGURES = [
  'published',
  'levels',
  'returns',
  'submitted',
  'secrecy',
  'dismissedByCategory',
  'dismissedByPerson',
  'incidents',
  'checkIns',
] as const;
export type Figure = (typeof FIGURES)[number];

/** The entries one number counts: a figure and the key of its row (a channel, a stage, a monitor…). */
export function seqsOf(stats: Stats, figure: Figure, key: string | undefined): number[] {
  if (figure === 'submitted') return stats.returns.submittedSeqs;
  const rows: { key: string; seqs: number[] }[] = figure === 'returns' ? stats.returns.byLevel : stats[figure];
  const picked = key === undefined ? rows : rows.filter((r) => r.key === key);
  return [...new Set(picked.flatMap((r) => r.seqs))].sort((a, b) => b - a);
}

/** The ledger entries behind one number, readable (at most `limit`, newest first). */
export async function figureEntries(
  deps: Deps,
  actor: Actor,
  q: StatsQuery & { figure: Figure; key?: string; limit: number },
): Promise<{ total: number; entries: LedgerEntryView[] }> {
  const seqs = seqsOf(await getStats(deps, actor, q), q.figure, q.key);
  const rows = seqs.length ? await listLedger(deps.db, { seqs: seqs.slice(0, q.limit), newestFirst: true }) : [];
  return { total: seqs.length, entries: await readableEntries(deps, rows) };
}

const med = (d: { median: number | null; p90: number | null }) =>
  [d.median === null ? '—' : String(d.median), d.p90 === null ? '—' : String(d.p90)] as const;

/** The dashboard's tables as one sheet each section (.xlsx). */
export async function statsXlsx(s: Stats): Promise<Buffer> {
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const rows: string[][] = [
    ...s.published.map((c) => ['发布数量（按渠道）', c.label, String(c.count), '', '']),
    ...s.levels.map((d) => ['各级审核用时（工作日）', d.label, String(d.count), ...med(d)]),
    ['退回比例', '提交', String(s.returns.submitted), '', ''],
    ['退回比例', '退回', String(s.returns.returned), pct(s.returns.share), ''],
    ...s.returns.byLevel.map((c) => [
      '退回（按环节）',
      c.label,
      String(c.count),
      '',
      c.reasons.map((r) => r.text).join('；'),
    ]),
    ...s.secrecy.map((c) => ['保密审查办理', c.label, String(c.count), '', '']),
    ...s.dismissedByCategory.map((c) => ['排除的发现（按类别）', c.label, String(c.count), '', '']),
    ...s.dismissedByPerson.map((c) => ['排除的发现（按排除人）', c.label, String(c.count), '', '']),
    ...s.incidents.flatMap((c) => [
      ['读网异常事件（按监测项）', c.label, String(c.count), '', ''],
      ['　接手用时（分钟）', c.label, String(c.toHandle.count), ...med(c.toHandle)],
      ['　关闭用时（分钟）', c.label, String(c.toClose.count), ...med(c.toClose)],
    ]),
    ...s.checkIns.map((c) => ['值班签到', c.label, String(c.count), '', '']),
  ];
  return titledTableXlsx({
    sheet: '统计',
    title: `${s.unitName} 政务公开统计（${s.from} 至 ${s.to}）`,
    headings: ['指标', '项目', '数量', '中位数 / 比例', '第 90 百分位 / 说明'],
    rows,
    widths: [26, 24, 10, 14, 60],
    wrap: true,
  });
}
