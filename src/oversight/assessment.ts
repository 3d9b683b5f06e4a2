// 年度考核: the scheme of a year (the default until the 区政府办公室 saves one) and every unit's score under it, each
// item's value computed from the 登记台账 for the year (统计 figures, the 督查's confirmed 随机抽查 findings) with the
// entries it counts. Who: src/org/policy/oversight.ts canViewAssessment / canEditScheme.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canEditScheme, canViewAssessment } from '../org/policy/oversight.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { listUnits } from '../org/service.ts';
import { titledTableXlsx } from '../platform/documents/xlsx.ts';
import { invalid } from '../platform/errors.ts';
import { appendLedger, listLedger } from '../platform/ledger/service.ts';
import {
  DEFAULT_SCHEME,
  type Metric,
  type MetricValue,
  rank,
  type SchemeItem,
  schemeProblem,
  scoreUnit,
  type UnitScore,
} from './assessment-model.ts';
import * as store from './assessment-store.ts';
import { assessmentFacts, type FactScope } from './facts-store.ts';
import { beijingDayRange, type InstantRange } from './time.ts';

export interface Scheme {
  year: number;
  items: SchemeItem[];
  custom: boolean; // false: the default scheme
  updatedAt: string | null;
}

export async function getScheme(deps: Deps, actor: Actor, year: number): Promise<Scheme> {
  assertAllowed(canViewAssessment(actor));
  const row = await store.getScheme(deps.db, year);
  if (!row) return { year, items: [...DEFAULT_SCHEME], custom: false, updatedAt: null };
  return { year, items: row.items, custom: true, updatedAt: row.updatedAt };
}

export async function saveScheme(deps: Deps, actor: Actor, year: number, items: SchemeItem[]): Promise<Scheme> {
  assertAllowed(canEditScheme(actor));
  const problem = schemeProblem(items);
  if (problem) throw invalid('items', problem);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await store.putScheme(tx, { year, items, updatedBy: actor.id, updatedAt: now.toISOString() });
    await appendLedger(
      tx,
      {
        actor: { id: actor.id, name: actor.name },
        role: 'inspector',
        unitId: '',
        action: 'oversight.assessment_scheme',
        subject: `assessment:${year}`,
        payload: { year, items },
      },
      now,
    );
  });
  return { year, items, custom: true, updatedAt: now.toISOString() };
}

/** 随机抽查不符合项 per unit: the checks the 督查 confirmed as 不符合 in the year (the latest confirmation of each). */
async function sampleProblems(deps: Deps, range: InstantRange): Promise<Map<string, MetricValue>> {
  const rows = await listLedger(deps.db, { ...range, action: 'oversight.sample_check' });
  const latest = new Map<string, { unitId: string; seq: number; outcome: string }>();
  for (const r of rows) {
    const p = JSON.parse(r.payload) as { sampleSeq: number; itemId: string; check: string; outcome: string };
    latest.set(`${p.sampleSeq}:${p.itemId}:${p.check}`, { unitId: r.unit_id, seq: r.seq, outcome: p.outcome });
  }
  const out = new Map<string, MetricValue>();
  for (const f of latest.values()) {
    if (f.outcome !== 'fail') continue;
    const v = out.get(f.unitId) ?? { value: 0, seqs: [] };
    out.set(f.unitId, { value: v.value + 1, seqs: [...v.seqs, f.seq] });
  }
  return out;
}

/**
 * Every unit's metric values for the year and the entries they count, from the ledger's roll-up in two reads for all
 * units (facts-store.ts assessmentFacts), by the rules of 统计 (stats-model.ts: returns ÷ submissions, secrecy answers
 * after their 办理期限, incidents opened, late check-ins).
 */
async function unitMetrics(
  deps: Deps,
  range: FactScope,
): Promise<Map<string, Omit<Record<Metric, MetricValue>, 'sampleProblems'>>> {
  const { submitted, entries } = await assessmentFacts(deps.db, range);
  const seqs = new Map<string, number[]>(); // `${unit} ${metric}` → seqs
  for (const e of entries) {
    const k = `${e.unit_id} ${e.metric}`;
    const list = seqs.get(k) ?? seqs.set(k, []).get(k)!;
    list.push(e.seq);
  }
  const units = new Set([...submitted.keys(), ...entries.map((e) => e.unit_id)]);
  const out = new Map<string, Omit<Record<Metric, MetricValue>, 'sampleProblems'>>();
  for (const u of units) {
    const of = (metric: string) => {
      const list = seqs.get(`${u} ${metric}`) ?? [];
      return { value: list.length, seqs: list };
    };
    const returned = of('returned');
    const submits = submitted.get(u) ?? 0;
    const share = submits ? returned.value / submits : 0;
    out.set(u, {
      returnPercent: { value: Math.round(share * 1000) / 10, seqs: returned.seqs },
      secrecyOverdue: of('secrecyOverdue'),
      incidents: of('incidents'),
      dutyLate: of('dutyLate'),
    });
  }
  return out;
}

export interface Assessment {
  year: number;
  scheme: Scheme;
  units: UnitScore[];
}

const NONE: MetricValue = { value: 0, seqs: [] };

/** Every unit's scores for the year: the year's roll-up read once for all units, not once each. */
export async function assessYear(deps: Deps, actor: Actor, year: number): Promise<Assessment> {
  const scheme = await getScheme(deps, actor, year);
  const units = await listUnits(deps.db);
  const range = beijingDayRange(`${year}-01-01`, `${year}-12-31`);
  const [metrics, samples] = await Promise.all([
    unitMetrics(deps, { unitIds: null, from: range.from!, to: range.to! }),
    sampleProblems(deps, range),
  ]);
  const scored = units.map((u) => {
    const m = metrics.get(u.id);
    const values: Record<Metric, MetricValue> = {
      returnPercent: m?.returnPercent ?? NONE,
      secrecyOverdue: m?.secrecyOverdue ?? NONE,
      sampleProblems: samples.get(u.id) ?? NONE,
      incidents: m?.incidents ?? NONE,
      dutyLate: m?.dutyLate ?? NONE,
    };
    return { unitId: u.id, unitName: u.name, items: scoreUnit(scheme.items, values) };
  });
  return { year, scheme, units: rank(scored) };
}

export async function assessmentXlsx(a: Assessment): Promise<Buffer> {
  const items = a.scheme.items;
  return titledTableXlsx({
    sheet: `${a.year}年度考核`,
    title: `${a.year}年度政务公开考核得分（${a.scheme.custom ? '本年度考核方案' : '默认考核方案'}）`,
    headings: ['排名', '单位', '总分', ...items.map((i) => `${i.name}（${i.points}分）`), '扣分依据（台账序号）'],
    rows: a.units.map((u) => [
      String(u.rank),
      u.unitName,
      String(u.total),
      ...u.items.map((i) => `${i.score}（${i.metricName} ${i.value}，扣 ${i.deducted}）`),
      u.items
        .filter((i) => i.deducted > 0)
        .map((i) => `${i.name}：${i.seqs.join('、')}`)
        .join('；'),
    ]),
    widths: [6, 16, 8, ...items.map(() => 22), 40],
    wrap: true,
  });
}
