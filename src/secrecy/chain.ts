// The part of 保密审查 the 三审三校 chain calls inside its own transactions: the opinions of levels 1 and 2, the
// receipt at the secrecy step (deadline, 智能校对 findings), who filled the step, what blocks publication and which
// text may go out. It reads and writes only secrecy's tables, and its findings through the SecrecyFindings publish
// hands in (model.ts), so publish can call it without a cycle. Items move only in publish
// (src/publish/secrecy-step.ts): secrecy decides an outcome, publish/model.ts maps it to a stage.
import { randomUUID } from 'node:crypto';
import type { Stage } from '../org/policy/chain.ts';
import { getUnit, listUnits } from '../org/service.ts';
import { toShanghaiDate, workingDeadline } from '../platform/calendar/model.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import type { Executor } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, invalid } from '../platform/errors.ts';
import {
  ART13_OPINION_WORKING_DAYS,
  checkLevel1Marks,
  checkOpinion,
  consentProblem,
  declassificationProblem,
  type Level1Marks,
  type Opinion,
  type OpinionInput,
  type SecrecyFindings,
} from './model.ts';
import * as store from './store.ts';

export { lastReturnedRevision, redactedTextsOf, secrecyActorsOf } from './store.ts';

/** What levels 1 and 2 send with an approval: the disclosure opinion, and at level 1 the marks of 第十一、十二条. */
export type StepOpinionInput = Partial<OpinionInput> & Partial<Level1Marks>;

export interface StepOpinion {
  opinion: Opinion;
  marks: Level1Marks | null;
}

/**
 * 第八条 (一)(二): an approval at level 1 or 2 carries the disclosure opinion; other levels and returns carry none.
 * null: nothing to record.
 */
export function checkStepOpinion(
  level: number,
  kind: 'approve' | 'return',
  input: StepOpinionInput | undefined,
): StepOpinion | null {
  const recorded = kind === 'approve' && (level === 1 || level === 2);
  if (!recorded) {
    if (input !== undefined)
      throw invalid('disclosure', kind === 'return' ? '退回修改时不填写公开属性意见' : '三审及以上不填写公开属性意见');
    return null;
  }
  const opinion = checkOpinion(input, 'disclosure');
  if (opinion instanceof AppError) throw opinion;
  if (level === 2) {
    if (
      input?.secrecyMatter !== undefined
      || input?.declassified !== undefined
      || input?.declassification !== undefined
    ) {
      throw invalid('disclosure.secrecyMatter', '是否属于保密事项及解密意见由一审（信息产生机构）标明');
    }
    return { opinion, marks: null };
  }
  const marks = checkLevel1Marks(input, 'disclosure');
  if (marks instanceof AppError) throw marks;
  return { opinion, marks };
}

export interface ChainItem {
  id: string;
  unitId: string;
  revision: number;
}

/** An item as secrecy reads it: publish owns the items table, secrecy reads them through the ChainReader. */
export interface StepItem extends ChainItem {
  authorId: string;
  title: string;
  stage: Stage;
}

/** An item as the chain hands it to a secrecy action (publish's loadForStep builds it; secrecy never loads items). */
export interface ChainStep {
  item: StepItem;
  view: { approverIds: readonly string[] }; // every step of the current revision, the secrecy step included
  revision: { bodyText: string };
  coIssuerUnitIds: string[];
  findings: SecrecyFindings; // the item's 密级标志 / 个人信息 findings, kept by publish
}

/**
 * The port through which secrecy reads the chain's items: declared here, implemented by publish
 * (src/publish/step-api.ts `chainReader`) and handed in by the composition root on `deps.ports.chain`
 * (src/app/ports.ts), or passed by publish itself when it calls secrecy inside its own transaction. Both reads use the
 * caller's `db`, so they run inside the caller's transaction.
 */
export interface ChainReader {
  /** The items that exist, in the order of `ids`: one query. */
  itemsByIds(db: Executor, ids: readonly string[]): Promise<StepItem[]>;
  /** The item (404 if missing) with its policy view, current revision, co-issuers and findings. */
  loadForStep(db: Executor, itemId: string): Promise<ChainStep>;
}

declare module '../platform/deps.ts' {
  interface Ports {
    chain: ChainReader;
  }
}

/** The ChainReader the composition root wired (a clear failure if it did not). */
export function chainOf(deps: Pick<Deps, 'ports'>): ChainReader {
  const chain = deps.ports?.chain;
  if (!chain) throw new Error('deps.ports.chain is not wired (src/app/ports.ts)');
  return chain;
}

export async function recordStepOpinion(
  tx: Executor,
  item: ChainItem,
  level: 1 | 2,
  by: { id: string; role: string },
  o: StepOpinion,
  at: string,
): Promise<void> {
  await store.insertOpinion(tx, {
    id: randomUUID(),
    itemId: item.id,
    revision: item.revision,
    step: level === 1 ? 'level1' : 'level2',
    kind: 'opinion',
    actorId: by.id,
    role: by.role,
    ...o.opinion,
    secrecyMatter: o.marks?.secrecyMatter ?? null,
    declassification: o.marks?.declassification ?? null,
    createdAt: at,
  });
}

/** The ledger's view of a step opinion. */
export const stepOpinionPayload = (o: StepOpinion) => ({ disclosure: { ...o.opinion, ...(o.marks ?? {}) } });

export interface Receipt {
  reviewId: string;
  receivedOn: string;
  dueOn: string;
  dueProvisional: boolean; // 暂定 (DOMAIN.md §5)
  findings: number;
}

/**
 * The item reaches the secrecy step (收到审查申请): the 10-working-day clock starts (over a year without the
 * State Council's schedule it counts Monday–Friday and is kept 暂定, recomputed on import: DOMAIN.md §5) and 智能校对 runs on
 * the revision, keeping each 密级标志 / 个人信息 finding until it is resolved.
 */
export async function enterSecrecyStep(
  tx: Executor,
  item: ChainItem,
  findings: SecrecyFindings,
  now: Date,
): Promise<Receipt> {
  const calendar = await loadCalendar(tx);
  const receivedOn = toShanghaiDate(now);
  const due = workingDeadline(calendar, receivedOn, ART13_OPINION_WORKING_DAYS);
  const { date: dueOn, provisional: dueProvisional } = due;
  const at = now.toISOString();
  const reviewId = randomUUID();
  await store.insertReview(tx, {
    id: reviewId,
    itemId: item.id,
    revision: item.revision,
    unitId: item.unitId,
    state: 'open',
    receivedOn,
    dueOn,
    dueProvisional,
    authority: null,
    referenceNo: null,
    referredAt: null,
    answer: null,
    answerRef: null,
    answeredAt: null,
    createdAt: at,
  });
  return { reviewId, receivedOn, dueOn, dueProvisional, findings: await storeFindings(findings, item, at) };
}

/**
 * The revision's 密级标志 / 个人信息 findings are those publish kept when it checked the revision (二审 passed only after
 * that check); an earlier revision's open one is fixed when the new text no longer has it (第七条: fixed in a new
 * revision), superseded when the new revision lists it again. Returns how many are open on this revision.
 */
async function storeFindings(findings: SecrecyFindings, item: ChainItem, at: string): Promise<number> {
  const all = await findings.list();
  const current = all.filter((f) => f.revision === item.revision);
  for (const old of all.filter((f) => f.revision < item.revision && f.status === 'open')) {
    const again = current.some((f) => f.rule === old.rule && f.text === old.text);
    await findings.resolve(old, again ? 'superseded' : 'fixed', null, null, at);
  }
  return current.filter((f) => f.status === 'open').length;
}

/** The level-1 declassification choice (第十一条) of a revision, if any. */
export async function declassificationOf(db: Executor, item: ChainItem) {
  const level1 = (await store.listOpinions(db, item.id, item.revision)).filter(
    (o) => o.step === 'level1' && o.kind === 'opinion',
  );
  return level1.at(-1)?.declassification ?? null;
}

/** Why the item may not be approved for publication yet, or null: declassification (第十一条) and consents (第九条). */
export async function publicationProblem(db: Executor, item: ChainItem): Promise<AppError | null> {
  const declassified = declassificationProblem(await declassificationOf(db, item));
  if (declassified) return declassified;
  const coIssuers = (await store.coIssuersOf(db, [item.id])).get(item.id) ?? [];
  if (coIssuers.length === 0) return null;
  const consented = (await store.listConsents(db, item.id))
    .filter((c) => c.revision === item.revision)
    .map((c) => c.unitId);
  const names = new Map((await listUnits(db)).map((u) => [u.id, u.name]));
  return consentProblem(coIssuers, consented, names);
}

export interface PublishableText {
  text: 'full' | 'redacted';
  redactionId: string | null;
  html: string | null; // the redacted body; null: the revision's own body
  bodyText: string | null;
}

/** 第十四条: after 部分公开 only the redacted text of the revision can be published. */
export async function publishableText(db: Executor, item: ChainItem): Promise<PublishableText> {
  const secrecy = (await store.listOpinions(db, item.id, item.revision)).filter(
    (o) => o.step === 'secrecy' && o.opinion !== 'refer' && o.opinion !== null,
  );
  if (secrecy.at(-1)?.opinion !== 'partial') return { text: 'full', redactionId: null, html: null, bodyText: null };
  const redaction = await store.redactionOf(db, item.id, item.revision);
  if (!redaction) throw new Error(`部分公开的稿件 ${item.id} 缺少脱密文本`);
  return {
    text: 'redacted',
    redactionId: redaction.id,
    html: redaction.redactedHtml,
    bodyText: redaction.redactedText,
  };
}

/** 多机关共同形成 (第九条): the co-issuing units an item lists, set at draft and edit. */
export async function setCoIssuers(
  tx: Executor,
  itemId: string,
  hostUnitId: string,
  unitIds: readonly string[] | undefined,
): Promise<string[] | null> {
  if (unitIds === undefined) return null;
  const unique = [...new Set(unitIds)];
  for (const [i, id] of unique.entries()) {
    if (id === hostUnitId) throw invalid(`coIssuerUnitIds.${i}`, '承办单位本身不是共同发文单位');
    if (!(await getUnit(tx, id))) throw invalid(`coIssuerUnitIds.${i}`, '所选共同发文单位不存在');
  }
  await store.setCoIssuers(tx, itemId, unique);
  return unique;
}

export const coIssuersOf = store.coIssuersOf;
export const listOpinions = store.listOpinions;
export type { OpinionRow } from './store.ts';
