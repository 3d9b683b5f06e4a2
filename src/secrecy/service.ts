// The secrecy office's step (保密审查): the opinion (公开 / 部分公开 / 免于公开 / 需报审), the answer to a referral, a
// return for revision — each in two halves that publish (src/publish/secrecy-step.ts) calls inside its transaction:
// decide* checks, asks the policy and returns the outcome, publish moves the item to the stage it maps to, record*
// writes secrecy's tables and the ledger entry. Dismissing a finding is a use case of its own here.
// Consents are in consent.ts, reads in record.ts, deadline reminders in reminders.ts.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../org/model.ts';
import { canView } from '../org/policy/publish.ts';
import { canDismissFinding, canGiveSecrecyOpinion, canResume, type SecrecyView } from '../org/policy/secrecy.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { textToHtml } from '../platform/documents/html.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, invalid, notFound } from '../platform/errors.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import type { LedgerRow } from '../platform/ledger/model.ts';
import { type ChainReader, type ChainStep, declassificationOf, enterSecrecyStep } from './chain.ts';
import {
  checkOpinion,
  checkSpans,
  covered,
  decideSecrecy,
  dismissalProblem,
  LIMITS,
  type Opinion,
  type OpinionInput,
  redact,
  type SecrecyOutcome,
  type SecrecyWait,
  type Span,
  stepProblem,
} from './model.ts';
import * as store from './store.ts';

export { getSecrecyRecord, listSecrecyQueue, recordOf, type SecrecyRecord } from './record.ts';
export { consentInApp, fileConsentDocument } from './consent.ts';

const race = () => conflict('RACE', '稿件已被他人处理，请刷新后查看');
const ROLE = 'secrecy';

export interface Referral {
  authority: string; // 有权确定密级的机关或保密工作部门 (第十条)
  referenceNo: string; // 报审文号
}

export interface OpinionRequest extends Partial<OpinionInput> {
  itemId: string;
  revision: number;
  spans?: Span[]; // 部分公开: offsets into the revision's body_text
  referral?: Partial<Referral>; // 需报审
}

function text(field: string, label: string, value: unknown, max: number): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (!t) throw invalid(field, `请填写${label}`);
  if (t.length > max) throw invalid(field, `${label}不能超过 ${max} 字`);
  return t;
}

function checked(input: Partial<OpinionInput>, at: string): Opinion {
  const o = checkOpinion(input, at);
  if (o instanceof AppError) throw o;
  return o;
}

export async function secrecyViewOf(
  db: Executor,
  ctx: Pick<ChainStep, 'item' | 'view' | 'coIssuerUnitIds'>,
): Promise<SecrecyView> {
  const secrecyActorIds = (await store.secrecyActorsOf(db, [ctx.item])).get(ctx.item.id) ?? [];
  return {
    unitId: ctx.item.unitId,
    authorId: ctx.item.authorId,
    approverIds: ctx.view.approverIds,
    secrecyActorIds,
    coIssuerUnitIds: ctx.coIssuerUnitIds,
  };
}

/** The item for a secrecy action: 404 if missing, 403 if the actor may not even see it. */
async function open(tx: Executor, chain: ChainReader, actor: Actor, itemId: string): Promise<ChainStep> {
  const ctx = await chain.loadForStep(tx, itemId);
  assertAllowed(canView(actor, { ...ctx.item, coIssuerUnitIds: ctx.coIssuerUnitIds }));
  return ctx;
}

/** An opinion request checked before any reading (400 naming the field). */
export interface CheckedOpinion {
  opinion: Opinion;
  referral: Referral | null;
  spans: Span[] | undefined;
  revision: number; // the revision the actor saw
}

export function checkOpinionRequest(input: OpinionRequest): CheckedOpinion {
  const opinion = checked(input, '');
  if (opinion.opinion !== 'partial' && input.spans?.length)
    throw invalid('spans', '只有“部分公开”需要标出不予公开的内容');
  const referral =
    opinion.opinion === 'refer'
      ? {
          authority: text('referral.authority', '报审机关', input.referral?.authority, LIMITS.authority),
          referenceNo: text('referral.referenceNo', '报审文号', input.referral?.referenceNo, LIMITS.referenceNo),
        }
      : null;
  if (!referral && input.referral) throw invalid('referral', '只有“需报审”需要填写报审机关和文号');
  return { opinion, referral, spans: input.spans, revision: input.revision };
}

/** What a secrecy action decided: the outcome publish maps to a stage, and what the record needs afterwards. */
export interface Decided<R = OpinionDecision> {
  outcome: SecrecyOutcome;
  receipt: store.ReviewRow;
  record: R;
}

interface OpinionDecision {
  opinion: Opinion;
  referral: Referral | null;
  spans: Span[];
}

/** 第八条(三)、第十二条: the secrecy office's opinion with its basis and reason; 409/422/403 before anything moves. */
export async function decideOpinion(tx: Executor, actor: Actor, ctx: ChainStep, req: CheckedOpinion): Promise<Decided> {
  const spans = req.opinion.opinion === 'partial' ? spansOf(ctx, req.spans) : [];
  const outcome = await decide(tx, ctx, req.revision, req.opinion, spans, 'secrecy');
  assertAllowed(canGiveSecrecyOpinion(actor, await secrecyViewOf(tx, ctx)));
  const receipt = await store.reviewInState(tx, ctx.item.id, 'open');
  if (!receipt) throw race();
  return { outcome, receipt, record: { opinion: req.opinion, referral: req.referral, spans } };
}

/** The 台账 entry of a secrecy step on an item, by the secrecy office. */
function secrecyLedger(
  tx: Executor,
  actor: Actor,
  ctx: Pick<ChainStep, 'item'>,
  action: string,
  payload: Record<string, unknown>,
  now: Date,
): Promise<LedgerRow> {
  const subject = `item:${ctx.item.id}`;
  return appendLedger(
    tx,
    { actor: { id: actor.id, name: actor.name }, role: ROLE, unitId: ctx.item.unitId, action, subject, payload },
    now,
  );
}

/** After the chain moved the item to `to`: the receipt is answered (or referred), the ledger entry, the opinion. */
export async function recordOpinionDecision(
  tx: Executor,
  actor: Actor,
  ctx: ChainStep,
  d: Decided,
  to: string,
  now: Date,
): Promise<void> {
  const { opinion, referral, spans } = d.record;
  const { receipt } = d;
  const at = now.toISOString();
  const moved = referral
    ? await store.moveReview(tx, receipt.id, 'open', 'referred', { ...referral, referredAt: at })
    : await store.moveReview(tx, receipt.id, 'open', 'answered', { answeredAt: at });
  if (!moved) throw race();
  await secrecyLedger(
    tx,
    actor,
    ctx,
    referral ? 'secrecy.refer' : 'secrecy.opinion',
    {
      itemId: ctx.item.id,
      revision: ctx.item.revision,
      from: ctx.item.stage,
      to,
      ...opinion,
      ...(referral && { referral }),
      receivedOn: receipt.receivedOn,
      dueOn: receipt.dueOn,
      ...(receipt.dueProvisional && { dueProvisional: true }),
    },
    now,
  );
  await recordOpinion(tx, actor, ctx, 'opinion', opinion, spans, now);
}

export interface ResumeRequest {
  itemId: string;
  revision: number;
  answer: string; // the authority's answer (第十条: 报有权机关确定)
  answerRef?: string;
  /** The opinion the answer settles; omitted: back to the secrecy step for a fresh opinion. */
  decision?: Partial<OpinionInput> & { spans?: Span[] };
}

export interface CheckedResume {
  answer: string;
  answerRef: string;
  decision: Opinion | null;
  spans: Span[] | undefined;
  revision: number;
}

export function checkResumeRequest(input: ResumeRequest): CheckedResume {
  const answer = text('answer', '报审答复', input.answer, LIMITS.answer);
  const answerRef = typeof input.answerRef === 'string' ? input.answerRef.trim().slice(0, LIMITS.referenceNo) : '';
  const decision = input.decision ? checked(input.decision, 'decision') : null;
  if (decision?.opinion === 'refer') {
    throw invalid('decision.opinion', '报审答复后请提出公开、部分公开或免于公开的意见，或退回保密审查环节');
  }
  return { answer, answerRef, decision, spans: input.decision?.spans, revision: input.revision };
}

interface ResumeDecision {
  req: CheckedResume;
  spans: Span[];
}

/** 需报审 (第十条): the answer settles the opinion (an outcome like an opinion's) or reopens the secrecy step. */
export async function decideResume(
  tx: Executor,
  actor: Actor,
  ctx: ChainStep,
  req: CheckedResume,
): Promise<Decided<ResumeDecision>> {
  const spans = req.decision?.opinion === 'partial' ? spansOf(ctx, req.spans, 'decision.spans') : [];
  const wrong = stepProblem(ctx.item, req.revision, 'referred');
  if (wrong) throw wrong;
  const outcome = req.decision ? await decide(tx, ctx, req.revision, req.decision, spans, 'referred') : 'reopened';
  assertAllowed(canResume(actor, await secrecyViewOf(tx, ctx)));
  const receipt = await store.reviewInState(tx, ctx.item.id, 'referred');
  if (!receipt) throw race();
  return { outcome, receipt, record: { req, spans } };
}

/** After the move: the referral answered; a reopened step starts a new receipt (重新计时); the ledger; the opinion. */
export async function recordResume(
  tx: Executor,
  actor: Actor,
  ctx: ChainStep,
  d: Decided<ResumeDecision>,
  to: string,
  now: Date,
): Promise<void> {
  const {
    req: { answer, answerRef, decision },
    spans,
  } = d.record;
  const referred = d.receipt;
  const at = now.toISOString();
  const answered = { answer, answerRef: answerRef || null, answeredAt: at };
  if (!(await store.moveReview(tx, referred.id, 'referred', 'resumed', answered))) throw race();
  const receipt = d.outcome === 'reopened' ? await enterSecrecyStep(tx, ctx.item, ctx.findings, now) : null;
  await secrecyLedger(
    tx,
    actor,
    ctx,
    'secrecy.resume',
    {
      itemId: ctx.item.id,
      revision: ctx.item.revision,
      from: 'referred',
      to,
      authority: referred.authority,
      referenceNo: referred.referenceNo,
      answer,
      answerRef: answerRef || null,
      ...(decision ?? {}),
      ...(receipt && { secrecyReceipt: receipt }),
    },
    now,
  );
  await recordOpinion(tx, actor, ctx, 'resume', decision, spans, now, answer);
}

/** The secrecy office sends the item back to its author (退回修改); the reason is checked before any reading. */
export const checkReturnReason = (reason: unknown): string => text('reason', '退回理由', reason, LIMITS.reason);

export async function decideReturn(
  tx: Executor,
  actor: Actor,
  ctx: ChainStep,
  revision: number,
  reason: string,
): Promise<Decided<string>> {
  const wrong = stepProblem(ctx.item, revision);
  if (wrong) throw wrong;
  assertAllowed(canGiveSecrecyOpinion(actor, await secrecyViewOf(tx, ctx)));
  const receipt = await store.reviewInState(tx, ctx.item.id, 'open');
  if (!receipt) throw race();
  return { outcome: 'returned', receipt, record: reason };
}

/** After the move: the receipt closed, the return kept as the step's opinion, the ledger entry. */
export async function recordReturn(
  tx: Executor,
  actor: Actor,
  ctx: ChainStep,
  d: Decided<string>,
  to: string,
  now: Date,
): Promise<void> {
  const reason = d.record;
  if (!(await store.moveReview(tx, d.receipt.id, 'open', 'closed', { answeredAt: now.toISOString() }))) throw race();
  await store.insertOpinion(tx, {
    id: randomUUID(),
    itemId: ctx.item.id,
    revision: ctx.item.revision,
    step: 'secrecy',
    kind: 'return',
    actorId: actor.id,
    role: ROLE,
    opinion: null,
    basisIds: [],
    basisText: '',
    reason,
    secrecyMatter: null,
    declassification: null,
    createdAt: now.toISOString(),
  });
  await secrecyLedger(
    tx,
    actor,
    ctx,
    'secrecy.return',
    { itemId: ctx.item.id, revision: ctx.item.revision, from: 'secrecy', to, reason },
    now,
  );
}

/**
 * 第七条: a 密级标志 / 个人信息 finding the secrecy office judges harmless is dismissed with a reason, at its step only.
 * Publish's one dismiss route asks this for a finding of kind 'secrecy' (org/policy/publish.ts FINDING_DISMISSER).
 */
export async function dismissSecrecyFinding(
  tx: Executor,
  chain: ChainReader,
  actor: Actor,
  input: { itemId: string; findingId: string },
  reason: string,
  now: Date,
): Promise<void> {
  const ctx = await open(tx, chain, actor, input.itemId);
  const finding = (await ctx.findings.list()).find((f) => f.id === input.findingId);
  if (!finding) throw notFound('校对发现');
  const problem = dismissalProblem(finding, ctx.item);
  if (problem) throw problem;
  assertAllowed(canDismissFinding(actor, await secrecyViewOf(tx, ctx)));
  if (!(await ctx.findings.resolve(finding, 'dismissed', actor.id, reason, now.toISOString()))) {
    throw conflict('ALREADY_RESOLVED', '该发现已处理，请刷新后查看');
  }
  await secrecyLedger(
    tx,
    actor,
    ctx,
    'secrecy.finding_dismiss',
    {
      itemId: ctx.item.id,
      revision: finding.revision,
      findingId: finding.id,
      rule: finding.rule,
      category: finding.category,
      reason,
    },
    now,
  ); // not the text: it may be personal data
}

/** Whether the actor may dismiss the open secrecy findings of the item's current revision now (第七条). */
export async function dismissesSecrecyFindings(
  db: Executor,
  actor: Actor,
  ctx: Pick<ChainStep, 'item' | 'view' | 'coIssuerUnitIds'>,
): Promise<boolean> {
  return ctx.item.stage === 'secrecy' && canDismissFinding(actor, await secrecyViewOf(db, ctx)).allowed;
}

function unwrap<T>(v: T | AppError): T {
  if (v instanceof AppError) throw v;
  return v;
}

function spansOf(ctx: ChainStep, spans: Span[] | undefined, field = 'spans'): Span[] {
  return unwrap(checkSpans(ctx.revision.bodyText, spans, field));
}

async function decide(
  tx: Executor,
  ctx: ChainStep,
  revision: number,
  o: Opinion,
  spans: Span[],
  from: SecrecyWait,
): Promise<SecrecyOutcome> {
  const findings = await ctx.findings.list(ctx.item.revision);
  const declassification = await declassificationOf(tx, ctx.item);
  return unwrap(decideSecrecy({ ...ctx.item, findings, declassification }, revision, o.opinion, spans, from));
}

/** The opinion row; after 部分公开 also the redaction (both texts and the spans are kept) and the findings it withholds. */
async function recordOpinion(
  tx: Executor,
  actor: Actor,
  ctx: ChainStep,
  kind: 'opinion' | 'resume',
  o: Opinion | null,
  spans: Span[],
  now: Date,
  answer?: string,
): Promise<void> {
  const at = now.toISOString();
  await store.insertOpinion(tx, {
    id: randomUUID(),
    itemId: ctx.item.id,
    revision: ctx.item.revision,
    step: 'secrecy',
    kind,
    actorId: actor.id,
    role: ROLE,
    opinion: o?.opinion ?? null,
    basisIds: o?.basisIds ?? [],
    basisText: o?.basisText ?? '',
    reason: o?.reason ?? answer ?? '',
    secrecyMatter: null,
    declassification: null,
    createdAt: at,
  });
  if (o?.opinion !== 'partial') return;
  const redactedText = redact(ctx.revision.bodyText, spans);
  const redactionId = randomUUID();
  await store.insertRedaction(tx, {
    id: redactionId,
    itemId: ctx.item.id,
    revision: ctx.item.revision,
    spans,
    redactedText,
    redactedHtml: textToHtml(redactedText),
    createdBy: actor.id,
    createdAt: at,
  });
  const withheld = (await ctx.findings.list(ctx.item.revision)).filter((f) => f.status === 'open' && covered(f, spans));
  for (const f of withheld) await ctx.findings.resolve(f, 'redacted', actor.id, null, at);
  await secrecyLedger(
    tx,
    actor,
    ctx,
    'secrecy.redact',
    {
      itemId: ctx.item.id,
      revision: ctx.item.revision,
      redactionId,
      spans,
      findingsWithheld: withheld.map((f) => f.id),
    },
    now,
  ); // the withheld words stay out of the 台账: they may be secret
}
