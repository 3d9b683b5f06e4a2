// The secrecy office's step in the chain (保密审查制度 第八条(三), DOMAIN.md §3): src/secrecy decides an outcome and
// keeps its own record; publish moves the item to the stage the outcome maps to (model.ts STAGE_AFTER_SECRECY). One
// transaction each: load the item, secrecy decides (409/422/403), the guarded move, secrecy records it in the ledger.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canView } from '../org/policy/publish.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import type { Executor } from '../platform/db/types.ts';
import { conflict } from '../platform/errors.ts';
import {
  checkOpinionRequest,
  checkResumeRequest,
  checkReturnReason,
  type Decided,
  decideOpinion,
  decideResume,
  decideReturn,
  type OpinionRequest,
  recordOf,
  recordOpinionDecision,
  recordResume,
  recordReturn,
  type ResumeRequest,
  type SecrecyRecord,
} from '../secrecy/service.ts';
import { type Stage, STAGE_AFTER_SECRECY } from './model.ts';
import { chainReader, loadForStep, type StepContext } from './step-api.ts';
import * as store from './store.ts';

/** The item for a secrecy action: 404 if missing, 403 if the actor may not even see it. */
async function open(tx: Executor, actor: Actor, itemId: string): Promise<StepContext> {
  const ctx = await loadForStep(tx, itemId);
  assertAllowed(canView(actor, { ...ctx.item, coIssuerUnitIds: ctx.coIssuerUnitIds }));
  return ctx;
}

type Recorder<R> = (tx: Executor, actor: Actor, ctx: StepContext, d: Decided<R>, to: Stage, now: Date) => Promise<void>;

/**
 * One secrecy action in one transaction: secrecy decides the outcome (409/422/403), the guarded move to the stage it
 * maps to (409 when someone else moved the item first), secrecy records it; the answer is the item's secrecy record.
 */
async function act<R>(
  deps: Deps,
  actor: Actor,
  itemId: string,
  decide: (tx: Executor, ctx: StepContext) => Promise<Decided<R>>,
  record: Recorder<R>,
): Promise<SecrecyRecord> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const ctx = await open(tx, actor, itemId);
    const decided = await decide(tx, ctx);
    const to = STAGE_AFTER_SECRECY[decided.outcome];
    if (!(await store.moveStage(tx, ctx.item, to, now))) throw conflict('RACE', '稿件已被他人处理，请刷新后查看');
    await record(tx, actor, ctx, decided, to, now);
    return recordOf(tx, chainReader, actor, ctx.item.id);
  });
}

/** 第八条(三)、第十二条: the secrecy office's opinion (公开 / 部分公开 / 免于公开 / 需报审) with its basis and reason. */
export async function giveOpinion(deps: Deps, actor: Actor, input: OpinionRequest): Promise<SecrecyRecord> {
  const req = checkOpinionRequest(input);
  return act(deps, actor, input.itemId, (tx, ctx) => decideOpinion(tx, actor, ctx, req), recordOpinionDecision);
}

/** 需报审 (第十条): the item waited; the answer is recorded and the item resumes at the secrecy step or onward. */
export async function resumeReferral(deps: Deps, actor: Actor, input: ResumeRequest): Promise<SecrecyRecord> {
  const req = checkResumeRequest(input);
  return act(deps, actor, input.itemId, (tx, ctx) => decideResume(tx, actor, ctx, req), recordResume);
}

/** The secrecy office sends the item back to its author (退回修改); the chain restarts on a new revision. */
export async function returnForRevision(
  deps: Deps,
  actor: Actor,
  input: { itemId: string; revision: number; reason: string },
): Promise<SecrecyRecord> {
  const reason = checkReturnReason(input.reason);
  const decide = (tx: Executor, ctx: StepContext) => decideReturn(tx, actor, ctx, input.revision, reason);
  return act(deps, actor, input.itemId, decide, recordReturn);
}
