// 统计 for the dashboards of the 督查, the e-gov center and each unit's leaders: per unit (or every unit in the reader's
// scope) and period, counted in SQL from the 登记台账's roll-up (facts.ts, facts-store.ts) with the same rules as
// stats-model.ts applies entry by entry. Each number links down: `figureEntries` lists the entries it counts, readable,
// and `statsXlsx` exports the tables. Who sees what: src/org/policy/oversight.ts statsScope.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canViewStats, statsScope } from '../org/policy/oversight.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { listChannels, listUnits } from '../org/service.ts';
import { type Calendar, workingDaysBetween } from '../platform/calendar/model.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { titledTableXlsx } from '../platform/documents/xlsx.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { STAGE_NAME } from '../publish/model.ts';
import { MONITOR_NAME } from '../watch/service.ts';
import { type LedgerEntryView, readableEntries } from './ledger-read.ts';
import {
  ANSWER_ACTIONS,
  channelGroups,
  type FactGroup,
  factGroups,
  type FigureFilter,
  figureSeqs,
  RETURN_ACTIONS,
} from './facts-store.ts';
import { DISMISS_ACTIONS, REVIEW_STAGES, spread } from './stats-model.ts';
import { beijingDayRange } from './time.ts';

export interface StatsQuery {
  unitId?: string; // absent: every unit the reader may see
  from: string; // YYYY-MM-DD, Beijing, inclusive
  to: string; // YYYY-MM-DD, Beijing, inclusive
}

/** One row of a figure: its key (a channel id, a level, a monitor…), its name and how many entries it counts. */
export interface Tally {
  key: string;
  label: string;
  count: number;
}
export interface Spread {
  median: number | null;
  p90: number | null;
  count: number;
}
export type Durations = Tally & Omit<Spread, 'count'>;

export interface Stats {
  unitId: string | null;
  unitName: string;
  from: string;
  to: string;
  published: Tally[];
  levels: Durations[];
  returns: {
    submitted: number;
    returned: number;
    share: number | null; // returned ÷ submitted, 0..1
    byLevel: (Tally & { reasons: { text: string; count: number }[] })[]; // the reasons' texts, most given first
  };
  secrecy: Tally[];
  dismissedByCategory: Tally[];
  dismissedByPerson: Tally[];
  incidents: (Tally & { toHandle: Spread; toClose: Spread })[];
  checkIns: Tally[];
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

type Figures = Omit<Stats, 'unitId' | 'unitName' | 'from' | 'to'>;
interface Lookups {
  cal: Calendar;
  channelName: Map<string, string>;
}

async function lookups(deps: Deps): Promise<Lookups> {
  const [cal, channels] = await Promise.all([loadCalendar(deps.db), listChannels(deps.db)]);
  return { cal, channelName: new Map(channels.map((c) => [c.id, c.name])) };
}

/** Rows by count, most first, then by name (as the dashboard lists them). */
const byCount = <T extends Tally>(rows: T[]) =>
  rows.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));

function tally(groups: readonly FactGroup[], keyOf: (g: FactGroup) => string, label: (key: string) => string): Tally[] {
  const n = new Map<string, number>();
  for (const g of groups) n.set(keyOf(g), (n.get(keyOf(g)) ?? 0) + g.n);
  return byCount([...n].map(([key, count]) => ({ key, label: label(key), count })));
}

/** Two fixed rows (on time / late), in this order, zero when none. */
function lateness(groups: readonly FactGroup[], rows: [string, string][]): Tally[] {
  const late = groups.reduce((s, g) => s + (g.late ? g.n : 0), 0);
  const all = groups.reduce((s, g) => s + g.n, 0);
  return [
    { key: rows[0][0], label: rows[0][1], count: all - late },
    { key: rows[1][0], label: rows[1][1], count: late },
  ];
}

/** The figures from the grouped roll-up (facts-store.ts); what stats-model.ts computes entry by entry. */
export function figuresOf(
  groups: readonly FactGroup[],
  channels: readonly { channel_id: string; n: number }[],
  l: Lookups,
): Figures {
  const of = (actions: readonly string[]) => groups.filter((g) => actions.includes(g.action));
  const back = of(RETURN_ACTIONS);
  const submitted = of(['publish.submit']).reduce((s, g) => s + g.n, 0);
  const returned = back.reduce((s, g) => s + g.n, 0);
  const dismissed = of(DISMISS_ACTIONS);
  const opened = of(['watch.incident_open']);
  const days = new Map<string, number>();
  const workingDays = (a: string, b: string) => {
    const k = `${a} ${b}`;
    if (!days.has(k)) days.set(k, workingDaysBetween(l.cal, a, b));
    return days.get(k)!;
  };
  const levels: Durations[] = REVIEW_STAGES.flatMap((stage) => {
    const spans = groups.filter((g) => g.start_day !== null && g.end_day !== null && g.from_stage === stage);
    if (!spans.length) return [];
    const d = spread(spans.map((g) => [workingDays(g.start_day!, g.end_day!), g.n]));
    return [{ key: stage, label: stageName(stage), count: d.count, median: d.median, p90: d.p90 }];
  });
  return {
    published: byCount(
      [
        ...channels.reduce((m, c) => m.set(c.channel_id, (m.get(c.channel_id) ?? 0) + c.n), new Map<string, number>()),
      ].map(([key, count]) => ({ key, label: key ? (l.channelName.get(key) ?? key) : '（未登记渠道）', count })),
    ),
    levels,
    returns: {
      submitted,
      returned,
      share: submitted ? returned / submitted : null,
      byLevel: tally(back, (g) => g.from_stage, stageName).map((t) => ({
        ...t,
        reasons: tally(
          back.filter((g) => g.from_stage === t.key),
          (g) => g.reason,
          (k) => k,
        ).map((r) => ({ text: r.key, count: r.count })),
      })),
    },
    secrecy: lateness(of(ANSWER_ACTIONS), [
      ['onTime', '按期'],
      ['overdue', '超期'],
    ]),
    dismissedByCategory: tally(
      dismissed,
      (g) => g.key,
      (k) => k,
    ),
    dismissedByPerson: tally(
      dismissed,
      (g) => g.person,
      (k) => k,
    ),
    incidents: tally(opened, (g) => g.key, monitorName).map((t) => {
      const mine = opened.filter((g) => g.key === t.key);
      const times = (f: (g: FactGroup) => number | null) =>
        spread(mine.flatMap((g) => (f(g) === null ? [] : [[f(g)!, g.n] as [number, number]])));
      return { ...t, toHandle: times((g) => g.to_handle), toClose: times((g) => g.to_close) };
    }),
    checkIns: lateness(of(['duty.check_in']), [
      ['onTime', '按时签到'],
      ['late', '迟到签到'],
    ]),
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
  const scope = { unitIds, ...range };
  const [groups, channels, l] = await Promise.all([
    factGroups(deps.db, deps.engine, scope),
    channelGroups(deps.db, scope),
    lookups(deps),
  ]);
  return { unitId: q.unitId ?? null, unitName: name, from: q.from, to: q.to, ...figuresOf(groups, channels, l) };
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

/** The roll-up's rows one number counts: a figure and the key of its row (a channel, a stage, a monitor…). */
export function figureFilter(figure: Figure, key: string | undefined): FigureFilter {
  const late = (onTime: string) => (key === undefined ? undefined : key === onTime ? 0 : 1);
  switch (figure) {
    case 'published':
      return { table: 'channels', channelId: key };
    case 'levels':
      return { table: 'facts', moved: true, fromStage: key };
    case 'returns':
      return { table: 'facts', actions: RETURN_ACTIONS, fromStage: key };
    case 'submitted':
      return { table: 'facts', actions: ['publish.submit'] };
    case 'secrecy':
      return { table: 'facts', actions: ANSWER_ACTIONS, late: late('onTime') };
    case 'dismissedByCategory':
      return { table: 'facts', actions: DISMISS_ACTIONS, key };
    case 'dismissedByPerson':
      return { table: 'facts', actions: DISMISS_ACTIONS, person: key };
    case 'incidents':
      return { table: 'facts', actions: ['watch.incident_open'], key };
    case 'checkIns':
      return { table: 'facts', actions: ['duty.check_in'], late: late('onTime') };
  }
}

/** The ledger entries behind one number, readable (at most `limit`, newest first), and how many there are. */
export async function figureEntries(
  deps: Deps,
  actor: Actor,
  q: StatsQuery & { figure: Figure; key?: string; limit: number },
): Promise<{ total: number; entries: LedgerEntryView[] }> {
  const range = validRange(q);
  const { unitIds } = await scopeOf(deps, actor, q.unitId);
  const { total, seqs } = await figureSeqs(deps.db, { unitIds, ...range }, figureFilter(q.figure, q.key), q.limit);
  const rows = seqs.length ? await listLedger(deps.db, { seqs, newestFirst: true }) : [];
  return { total, entries: await readableEntries(deps, rows) };
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
