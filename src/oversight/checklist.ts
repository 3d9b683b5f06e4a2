// 随机抽查的检查: the checklist of every item a recorded sample drew (checklist-model.ts), prefilled from each item's
// 审签单 and live pages, confirmed or corrected by the 督查 one check at a time. A confirmation is a ledger entry
// (oversight.sample_check) on the sample's subject, so the result is as tamper-evident as what it judges, and the
// result per unit is computed from those entries. Who: src/org/policy/oversight.ts canViewInspection / canConfirmCheck.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canConfirmCheck, canViewInspection } from '../org/policy/oversight.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { listUnits } from '../org/service.ts';
import { invalid, notFound, unprocessable } from '../platform/errors.ts';
import { appendLedger, listLedger } from '../platform/ledger/service.ts';
import type { LedgerRow } from '../platform/ledger/model.ts';
import {
  type Check,
  CHECK_NAME,
  type CheckResult,
  checklistOf,
  type Confirmation,
  type LiveEvidence,
  type Outcome,
  OUTCOME_NAME,
  type UnitResult,
  unitResult,
} from './checklist-model.ts';
import { getSignoff } from './signoff.ts';

interface DrawPayload {
  seed: string;
  from: string;
  to: string;
  perUnit: number;
  units: { unitId: string; population: number; items: string[] }[];
}

export interface InspectedItem {
  itemId: string;
  title: string;
  revision: number;
  publishedAt: string | null;
  checks: CheckResult[];
}

export interface Inspection {
  seq: number; // the ledger entry of the draw
  seed: string;
  from: string;
  to: string;
  perUnit: number;
  drawnBy: string;
  units: (UnitResult & { population: number; items: InspectedItem[] })[];
}

const payloadOf = <T>(row: LedgerRow) => JSON.parse(row.payload) as T;

async function drawEntry(deps: Deps, seq: number): Promise<LedgerRow> {
  const [row] = await listLedger(deps.db, { seqs: [seq], action: 'oversight.sample_draw' });
  if (!row) throw notFound('随机抽查样本');
  return row;
}

/** The item's 发布网址 (publish.live_url) and the 发布内容与审定稿不一致 incidents opened on those pages. */
async function liveEvidence(deps: Deps, unitId: string, itemId: string): Promise<LiveEvidence> {
  const recorded = await listLedger(deps.db, { subject: `item:${itemId}`, action: 'publish.live_url' });
  const urls = [...new Set(recorded.map((r) => payloadOf<{ url: string }>(r).url))];
  if (!urls.length) return { urls, mismatches: [] };
  const opened = await listLedger(deps.db, { unitId, action: 'watch.incident_open' });
  const mismatches = opened.flatMap((r) => {
    const p = payloadOf<{ rule: string; target: string; summary: string }>(r);
    const url = urls.find((u) => p.target.startsWith('page:') && p.target.endsWith(`:${u}`));
    return p.rule === 'text-mismatch' && url ? [{ url, summary: p.summary, seq: r.seq }] : [];
  });
  return { urls, mismatches };
}

async function confirmationsOf(deps: Deps, draw: LedgerRow): Promise<Confirmation[]> {
  const rows = await listLedger(deps.db, { subject: draw.subject, action: 'oversight.sample_check' });
  return rows.map((r) => ({ ...payloadOf<Omit<Confirmation, 'by' | 'seq'>>(r), by: r.actor_name, seq: r.seq }));
}

/** The sample drawn in ledger entry `seq`, each item with its checklist, and the result per unit. */
export async function getInspection(deps: Deps, actor: Actor, seq: number): Promise<Inspection> {
  assertAllowed(canViewInspection(actor));
  const draw = await drawEntry(deps, seq);
  const p = payloadOf<DrawPayload>(draw);
  const [confirmations, units] = await Promise.all([confirmationsOf(deps, draw), listUnits(deps.db)]);
  const nameOf = new Map(units.map((u) => [u.id, u.name]));
  const out: Inspection['units'] = [];
  for (const u of p.units) {
    const items: InspectedItem[] = [];
    for (const itemId of u.items) {
      const sheet = await getSignoff(deps, actor, itemId);
      const live = await liveEvidence(deps, u.unitId, itemId);
      const checks = checklistOf(sheet, live, confirmations);
      items.push({ itemId, title: sheet.title, revision: sheet.revision, publishedAt: sheet.publishedAt, checks });
    }
    const result = unitResult({ unitId: u.unitId, unitName: nameOf.get(u.unitId) ?? u.unitId }, items);
    out.push({ ...result, population: u.population, items });
  }
  return { seq, seed: p.seed, from: p.from, to: p.to, perUnit: p.perUnit, drawnBy: draw.actor_name, units: out };
}

export interface ConfirmInput {
  itemId: string;
  check: Check;
  outcome: Outcome;
  note?: string;
}

/** The 督查 confirms one check of one sampled item, or corrects its prefill (a correction needs a reason). */
export async function confirmCheck(deps: Deps, actor: Actor, seq: number, input: ConfirmInput): Promise<CheckResult> {
  assertAllowed(canConfirmCheck(actor));
  const draw = await drawEntry(deps, seq);
  const unit = payloadOf<DrawPayload>(draw).units.find((u) => u.items.includes(input.itemId));
  if (!unit) throw unprocessable('NOT_IN_SAMPLE', '该稿件不在本次抽查的样本中');
  const sheet = await getSignoff(deps, actor, input.itemId);
  const prefill = checklistOf(sheet, await liveEvidence(deps, unit.unitId, input.itemId), []);
  const before = prefill.find((c) => c.check === input.check) as CheckResult;
  const note = input.note?.trim() ?? '';
  if (input.outcome !== before.prefilled && !note)
    throw invalid(
      'note',
      `“${CHECK_NAME[input.check]}”按数据为${OUTCOME_NAME[before.prefilled]}，改为${OUTCOME_NAME[input.outcome]}须写明理由`,
    );
  const row = await deps.db.transaction().execute((tx) =>
    appendLedger(
      tx,
      {
        actor: { id: actor.id, name: actor.name },
        role: 'inspector',
        unitId: unit.unitId,
        action: 'oversight.sample_check',
        subject: draw.subject,
        payload: { sampleSeq: seq, itemId: input.itemId, check: input.check, outcome: input.outcome, note },
      },
      deps.clock.now(),
    ),
  );
  const confirmation = { itemId: input.itemId, check: input.check, outcome: input.outcome, note };
  const [after] = checklistOf(sheet, { urls: [], mismatches: [] }, [
    { ...confirmation, by: actor.name, seq: row.seq },
  ]).filter((c) => c.check === input.check);
  return { ...after, prefilled: before.prefilled, prefillNote: before.prefillNote, note: note || before.prefillNote };
}
