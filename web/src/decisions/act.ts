// One step of an item's procedure (POST /api/decisions/items/:id/actions); the answer carries the item as it now
// stands and any warnings (e.g. 合法性审查 given fewer than 7 working days, 条例第二十七条).
import { post } from '../api.ts';
import type { DecisionItem, LegalityOpinion, StepKey } from './types.ts';

export type Action =
  | { kind: 'complete'; step: StepKey; on: string; outcome: string; reference?: string | null }
  | { kind: 'notApplicable'; step: StepKey; reason: string }
  | { kind: 'openConsultation'; opensOn: string; closesOn: string; shortReason?: string | null; draftItemId: string }
  | { kind: 'publishReport'; on: string }
  | { kind: 'requestLegality'; on: string }
  | { kind: 'opinion'; opinion: LegalityOpinion; on: string; risk?: string | null; reference?: string | null }
  | { kind: 'submit'; on: string };

export interface Acted {
  item: DecisionItem;
  warnings: string[];
}

export const act = (item: DecisionItem, action: Action) =>
  post<Acted>(`/api/decisions/items/${item.id}/actions`, { revision: item.revision, action });

/** 公众参与 (unless lawfully not disclosed), 合法性审查, 集体讨论决定 and 决策启动 can never be 不适用 (条例). */
export const isMandatory = (item: DecisionItem, step: StepKey) =>
  step === 'participation'
    ? item.procedure.notDisclosedReason === null
    : step === 'launch' || step === 'legality' || step === 'collective';
