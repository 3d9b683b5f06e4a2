// 年度考核 (annual assessment): the results of the reviews count in the year's 政务公开 assessment (DOMAIN.md §8). A
// scheme is a list of items, each with its points, the source metric it reads (from the 登记台账), the points
// deducted per unit of that metric and a cap on the deduction. A unit's score per item is points − min(cap,
// perUnit × value), and every value keeps the ledger entries it counts, so each point lost traces to its source. Pure.

export const METRICS = ['returnPercent', 'secrecyOverdue', 'sampleProblems', 'incidents', 'dutyLate'] as const;
export type Metric = (typeof METRICS)[number];
export const METRIC_NAME: Record<Metric, string> = {
  returnPercent: '审核退回比例（百分点）',
  secrecyOverdue: '保密审查超期件数',
  sampleProblems: '随机抽查不符合项数',
  incidents: '读网值班异常事件数',
  dutyLate: '值班迟到签到次数',
};

export interface SchemeItem {
  key: string;
  name: string;
  metric: Metric;
  points: number; // full marks of the item
  perUnit: number; // points deducted per unit of the metric
  cap: number; // at most this many points deducted (≤ points)
}

export const DEFAULT_SCHEME: readonly SchemeItem[] = [
  { key: 'review', name: '三审三校执行', metric: 'returnPercent', points: 20, perUnit: 0.5, cap: 20 },
  { key: 'secrecy', name: '保密审查按期办理', metric: 'secrecyOverdue', points: 20, perUnit: 2, cap: 20 },
  { key: 'sampling', name: '随机抽查', metric: 'sampleProblems', points: 30, perUnit: 5, cap: 30 },
  { key: 'watch', name: '读网值班', metric: 'incidents', points: 20, perUnit: 1, cap: 20 },
  { key: 'duty', name: '值班签到', metric: 'dutyLate', points: 10, perUnit: 1, cap: 10 },
];

/** What a scheme must be: unique keys, non-negative numbers, a cap not above the points. A zh-CN reason, or null. */
export function schemeProblem(items: readonly SchemeItem[]): string | null {
  if (!items.length) return '考核方案至少要有一项';
  const keys = new Set<string>();
  for (const i of items) {
    if (keys.has(i.key)) return `考核项代码“${i.key}”重复`;
    keys.add(i.key);
    if (!(i.points > 0)) return `考核项“${i.name}”的分值应大于 0`;
    if (i.perUnit < 0 || i.cap < 0) return `考核项“${i.name}”的扣分不能为负数`;
    if (i.cap > i.points) return `考核项“${i.name}”的扣分上限（${i.cap}）不能超过分值（${i.points}）`;
  }
  return null;
}

/** A metric's value for one unit and the ledger entries it counts. */
export interface MetricValue {
  value: number;
  seqs: number[];
}

export interface ItemScore {
  key: string;
  name: string;
  metric: Metric;
  metricName: string;
  value: number;
  points: number;
  deducted: number;
  score: number;
  seqs: number[];
}

export interface UnitScore {
  unitId: string;
  unitName: string;
  rank: number; // 1 = best; equal totals share a rank
  total: number;
  items: ItemScore[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function scoreUnit(items: readonly SchemeItem[], values: Record<Metric, MetricValue>): ItemScore[] {
  return items.map((i) => {
    const v = values[i.metric];
    const deducted = round2(Math.min(i.cap, i.perUnit * v.value));
    const score = round2(i.points - deducted);
    return { ...i, metricName: METRIC_NAME[i.metric], value: v.value, deducted, score, seqs: v.seqs };
  });
}

/** Units by total, best first; equal totals share a rank (1, 2, 2, 4) and are listed by name. */
export function rank(units: readonly Omit<UnitScore, 'rank' | 'total'>[]): UnitScore[] {
  const totals = units.map((u) => ({ ...u, total: round2(u.items.reduce((s, i) => s + i.score, 0)) }));
  totals.sort((a, b) => b.total - a.total || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  return totals.map((u) => ({ ...u, rank: totals.findIndex((x) => x.total === u.total) + 1 }));
}
