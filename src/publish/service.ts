// Use cases of 三审三校 and publishing: draft, edit (a new revision), submit, approve, return, publish when due.
// One transaction each, with its ledger entry inside it. Reads (item, history, lists, queue) are in queries.ts.
import type { UploadedFile } from '../platform/http/upload.ts';
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Checker } from '../checks/index.ts';
import { getChecker } from '../dictionaries/service.ts';
import type { Actor } from '../org/model.ts';
import { canDraft, canEdit, canReview, canRunPublishing, canSubmit, canView, ROLE_AT } from '../org/policy/publish.ts';
import { canDraftGazetteIssue } from '../org/policy/gazette.ts';
import { assertAllowed, type Verdict } from '../org/policy/verdict.ts';
import { docxToHtml } from '../platform/documents/docx.ts';
import { htmlToText, sanitizeHtml } from '../platform/documents/html.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, invalid } from '../platform/errors.ts';
import { appendLedger, type LedgerActor, SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import * as secrecy from '../secrecy/chain.ts';
import { type DraftFields, type ItemMeta, resolveMeta } from './meta.ts';
import {
  attestationProblem,
  type Body,
  bodyProblem,
  type BodyFormat,
  type DecisionKind,
  decide,
  edit,
  type Item,
  type Level,
  LIMITS,
  publishIfDue,
  submit,
  titleFromImport,
  toBody,
} from './model.ts';
import { secrecyFindingsOf } from './findings-api.ts';
import { assertProofread, checkRevision } from './findings-service.ts';
import { detailOf, type ItemDetail, lastReturnedRevision, loadItem, reviewViewOf } from './queries.ts';
import { recordPublication } from './publication.ts';
import * as store from './store.ts';

export {
  getHistory,
  getItem,
  type History,
  type ItemDetail,
  type ItemSummary,
  listItems,
  listMyDrafts,
  listReviewQueue,
  type Page,
  type PageRequest,
} from './queries.ts';
export { chainReader, getPublishedBody, itemsByIds, itemsTitled, loadForStep, type StepContext } from './step-api.ts';
export { type PublishedDocument, type PublishedHit, publishedDocument, searchPublished } from './published-api.ts';
export { giveOpinion, resumeReferral, returnForRevision } from './secrecy-step.ts';
export type { DraftFields } from './meta.ts';
export { type Dismissal, listDismissals } from './findings-service.ts';
export { type Standing, STANDING_NAME } from './findings-model.ts';

const race = () => conflict('RACE', '稿件已被他人处理，请刷新后查看');
const who = (actor: Actor): LedgerActor => ({ id: actor.id, name: actor.name });

type StoredBody = Body & { format: BodyFormat };

export interface DraftInput extends DraftFields {
  body: { format: 'text' | 'html'; content: string };
}

export type { UploadedFile };

export async function draftItem(deps: Deps, actor: Actor, input: DraftInput): Promise<ItemDetail> {
  if (input.itemType === 'gazette') throw invalid('itemType', '政府公报由公报室编辑后报审，不能在此起草');
  return createDraft(deps, actor, input, typedBody(input.body));
}

/** An issue of the 政府公报 enters 三审三校 as an item of type 'gazette', its author the 公报室 (src/gazette). */
export async function draftGazetteIssue(
  deps: Deps,
  actor: Actor,
  fields: Omit<DraftFields, 'itemType' | 'major'>,
  text: string,
): Promise<ItemDetail> {
  const input = { ...fields, itemType: 'gazette' as const, major: false };
  return createDraft(deps, actor, input, typedBody({ format: 'text', content: text }), canDraftGazetteIssue);
}

/** .docx → new draft; the title defaults to the document's first line. */
export async function importDraft(
  deps: Deps,
  actor: Actor,
  fields: Omit<DraftFields, 'title'> & { title?: string },
  file: UploadedFile,
): Promise<ItemDetail> {
  if (fields.itemType === 'gazette') throw invalid('itemType', '政府公报由公报室编辑后报审，不能在此起草');
  const body = await docxBody(deps, file);
  return createDraft(
    deps,
    actor,
    { ...fields, title: fields.title || titleFromImport(body.text, file.fileName) },
    body,
  );
}

async function createDraft(
  deps: Deps,
  actor: Actor,
  fields: DraftFields,
  body: StoredBody,
  mayDraft: (actor: Actor, unitId: string) => Verdict = canDraft,
): Promise<ItemDetail> {
  const problem = bodyProblem(body, body.format === 'docx' ? 'file' : 'body.content');
  if (problem) throw problem;
  const checker = await getChecker(deps);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const meta = await resolveMeta(tx, fields, null);
    assertAllowed(mayDraft(actor, meta.unitId));
    const at = now.toISOString();
    const item: Item = {
      id: randomUUID(),
      unitId: meta.unitId,
      sectionId: meta.sectionId,
      authorId: actor.id,
      title: meta.title,
      itemType: meta.itemType,
      source: meta.source,
      major: meta.major,
      stage: 'draft',
      revision: 1,
      version: 1,
      publishAt: meta.publishAt,
      publishedAt: null,
      createdAt: at,
      updatedAt: at,
    };
    await store.insertItem(tx, item);
    const findings = await writeRevision(tx, checker, item, meta, body, actor, at);
    const coIssuerUnitIds = await secrecy.setCoIssuers(tx, item.id, item.unitId, fields.coIssuerUnitIds);
    await appendLedger(
      tx,
      {
        actor: who(actor),
        role: 'staff',
        unitId: item.unitId,
        action: 'publish.draft',
        subject: `item:${item.id}`,
        payload: { itemId: item.id, revision: 1, ...metaPayload(meta, body), coIssuerUnitIds, findings },
      },
      now,
    );
    return detailOf(tx, actor, item);
  });
}

export interface EditInput extends Omit<DraftInput, 'unitId'> {
  itemId: string;
  revision: number; // the revision the author edited; an older one → 409
}

/** A changed text is a new revision (DOMAIN §2.3); the hosting unit stays. */
export async function editItem(deps: Deps, actor: Actor, input: EditInput): Promise<ItemDetail> {
  return revise(deps, actor, input.itemId, input.revision, input, typedBody(input.body));
}

/** .docx → new revision of an item; everything but the text (and the title, if given) stays. */
export async function importRevision(
  deps: Deps,
  actor: Actor,
  input: { itemId: string; revision: number; title?: string },
  file: UploadedFile,
): Promise<ItemDetail> {
  return revise(
    deps,
    actor,
    input.itemId,
    input.revision,
    input.title ? { title: input.title } : {},
    await docxBody(deps, file),
  );
}

async function revise(
  deps: Deps,
  actor: Actor,
  itemId: string,
  base: number,
  fields: Partial<DraftFields>,
  body: StoredBody,
): Promise<ItemDetail> {
  const problem = bodyProblem(body, body.format === 'docx' ? 'file' : 'body.content');
  if (problem) throw problem;
  const checker = await getChecker(deps);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const item = await loadItem(tx, itemId);
    assertAllowed(canEdit(actor, item));
    const next = edit(item, base);
    if (next instanceof AppError) throw next;
    const meta = await resolveMeta(tx, fields, item);
    const patch = { ...meta, revision: next.revision };
    if (!(await store.moveStage(tx, item, item.stage, now, patch))) throw race();
    const at = now.toISOString();
    const findings = await writeRevision(tx, checker, next, meta, body, actor, at);
    const coIssuerUnitIds = await secrecy.setCoIssuers(tx, item.id, item.unitId, fields.coIssuerUnitIds);
    await appendLedger(
      tx,
      {
        actor: who(actor),
        role: 'staff',
        unitId: item.unitId,
        action: 'publish.edit',
        subject: `item:${item.id}`,
        payload: { itemId: item.id, revision: next.revision, ...metaPayload(meta, body), coIssuerUnitIds, findings },
      },
      now,
    );
    return detailOf(tx, actor, { ...item, ...meta, revision: next.revision, version: item.version + 1, updatedAt: at });
  });
}

export async function submitItem(
  deps: Deps,
  actor: Actor,
  input: { itemId: string; revision: number },
): Promise<ItemDetail> {
  const checker = await getChecker(deps);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const item = await loadItem(tx, input.itemId);
    assertAllowed(canSubmit(actor, item));
    const next = submit(item, input.revision, await lastReturnedRevision(tx, item.id));
    if (next instanceof AppError) throw next;
    // 65号 第五条(四): nothing open; a dismissal proposed for 二审 to decide does not hold the submission back.
    await assertProofread(tx, checker, item, now.toISOString(), 'entry');
    if (!(await store.moveStage(tx, item, next.stage, now))) throw race();
    await appendLedger(
      tx,
      {
        actor: who(actor),
        role: 'staff',
        unitId: item.unitId,
        action: 'publish.submit',
        subject: `item:${item.id}`,
        payload: { itemId: item.id, revision: item.revision, from: item.stage, to: next.stage },
      },
      now,
    );
    return detailOf(tx, actor, { ...next, version: item.version + 1, updatedAt: now.toISOString() });
  });
}

export interface ReviewInput {
  itemId: string;
  level: Level;
  revision: number;
  opinion: string;
  proofreading?: string; // 校对 done at this level
  standardsAttested?: boolean; // DOMAIN §2.4 审核标准
  disclosure?: secrecy.StepOpinionInput; // 保密审查制度 第八条(一)(二): levels 1 and 2 state whether to disclose
}

export const approveItem = (deps: Deps, actor: Actor, input: ReviewInput) => review(deps, actor, 'approve', input);
export const returnItem = (deps: Deps, actor: Actor, input: ReviewInput) => review(deps, actor, 'return', input);

async function review(deps: Deps, actor: Actor, kind: DecisionKind, input: ReviewInput): Promise<ItemDetail> {
  // An approval must attest the review standards; a return may (it is sent back whatever the attestation).
  const attested = attestationProblem(input.standardsAttested);
  if (kind === 'approve' && attested) throw attested;
  const opinion = checkedText('opinion', '审核意见', input.opinion, LIMITS.opinion, true);
  const proofreading = checkedText('proofreading', '校对情况', input.proofreading ?? '', LIMITS.proofreading, false);
  const disclosure = secrecy.checkStepOpinion(input.level, kind, input.disclosure);
  const checker = kind === 'approve' ? await getChecker(deps) : null;
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const item = await loadItem(tx, input.itemId);
    assertAllowed(canView(actor, item));
    // Stage and revision first: a second click, or a colleague who was faster, is a 409 "already handled",
    // not a 403 about roles.
    const decided = decide(item, { kind, level: input.level, revision: input.revision }, now);
    if (decided instanceof AppError) throw decided;
    const view = await reviewViewOf(tx, item);
    assertAllowed(canReview(actor, view, input.level));
    // 65号 第五条(四), DOMAIN §2.5: 一审 passes with proposals pending; 二审 and above only once each serious or error
    // finding is fixed or its dismissal accepted at level 2 or above — so nothing is ever published past one.
    if (checker) await assertProofread(tx, checker, item, now.toISOString(), input.level === 1 ? 'entry' : 'decided');
    const publishing = decided.effects.some((e) => e.kind === 'publish');
    const final = decided.effects.length > 0;
    // 保密审查制度 第九条、第十一条: no final approval while a co-issuer's consent is missing or a declassified secret may
    // not go out.
    const blocked = final ? await secrecy.publicationProblem(tx, item) : null;
    if (blocked) throw blocked;
    const text = final ? await secrecy.publishableText(tx, item) : null;
    const at = now.toISOString();
    if (!(await store.moveStage(tx, item, decided.next.stage, now, publishing ? { publishedAt: at } : {})))
      throw race();
    const role = ROLE_AT[input.level];
    await store.insertReviewStep(tx, item.id, {
      id: randomUUID(),
      revision: item.revision,
      level: input.level,
      reviewerId: actor.id,
      role,
      decision: kind,
      opinion,
      proofreading,
      standardsAttested: !attested,
      createdAt: at,
    });
    if (disclosure)
      await secrecy.recordStepOpinion(tx, item, input.level as 1 | 2, { id: actor.id, role }, disclosure, at);
    const receipt =
      decided.next.stage === 'secrecy'
        ? await secrecy.enterSecrecyStep(tx, item, secrecyFindingsOf(tx, item.id), now)
        : null;
    await appendLedger(
      tx,
      {
        actor: who(actor),
        role,
        unitId: item.unitId,
        action: `publish.${kind}`,
        subject: `item:${item.id}`,
        payload: {
          itemId: item.id,
          revision: item.revision,
          level: input.level,
          from: item.stage,
          to: decided.next.stage,
          opinion,
          proofreading,
          standardsAttested: !attested,
          ...(disclosure && secrecy.stepOpinionPayload(disclosure)),
          ...(receipt && { secrecyReceipt: receipt }),
          ...(text && { text: text.text }),
        },
      },
      now,
    );
    // 谁审核谁负责: publishing at once on the last approval is signed by that approver.
    if (publishing) await recordPublication(tx, item, who(actor), role, now);
    const approverIds = kind === 'approve' ? [...view.approverIds, actor.id] : view.approverIds;
    return detailOf(
      tx,
      actor,
      { ...decided.next, version: item.version + 1, updatedAt: at, publishedAt: publishing ? at : null },
      { ...view, approverIds },
    );
  });
}

/**
 * Publishes approved items whose publish_at has come. Safe on many nodes and when re-run: each item moves
 * approved → published by a conditional UPDATE, so exactly one caller publishes it.
 */
export async function publishDue(deps: Deps): Promise<{ published: string[] }> {
  const now = deps.clock.now();
  const published: string[] = [];
  for (;;) {
    const due = await store.listDue(deps.db, now.toISOString(), 100);
    let moved = 0;
    for (const candidate of due) {
      if (await publishOne(deps, candidate.id, now)) {
        published.push(candidate.id);
        moved += 1;
      }
    }
    if (due.length < 100 || moved === 0) return { published };
  }
}

/** An operator runs the due publications by hand (the scheduler calls publishDue itself, as the system). */
export async function runPublishing(deps: Deps, actor: Actor): Promise<{ published: string[] }> {
  assertAllowed(canRunPublishing(actor));
  return publishDue(deps);
}

async function publishOne(deps: Deps, itemId: string, now: Date): Promise<boolean> {
  return deps.db.transaction().execute(async (tx) => {
    const item = await store.getItem(tx, itemId);
    const decided = item && publishIfDue(item, now);
    if (!item || !decided) return false;
    if (!(await store.moveStage(tx, item, decided.next.stage, now, { publishedAt: now.toISOString() }))) return false;
    await recordPublication(tx, item, SYSTEM_ACTOR, '', now);
    return true;
  });
}

/** The new revision, its channels, and its 智能校对 findings (whose open counts it returns for the ledger). */
async function writeRevision(
  tx: Executor,
  checker: Checker,
  item: Item,
  meta: ItemMeta,
  body: StoredBody,
  actor: Actor,
  at: string,
) {
  await store.insertRevision(tx, randomUUID(), item.id, {
    number: item.revision,
    title: meta.title,
    bodyHtml: body.html,
    bodyText: body.text,
    format: body.format,
    createdBy: actor.id,
    createdAt: at,
  });
  await store.setItemChannels(tx, item.id, meta.channels);
  return checkRevision(tx, checker, item, at, body.text);
}

const metaPayload = (meta: ItemMeta, body: StoredBody) => ({
  title: meta.title,
  itemType: meta.itemType,
  source: meta.source,
  major: meta.major,
  sectionId: meta.sectionId,
  channels: meta.channels,
  publishAt: meta.publishAt,
  format: body.format,
});

const typedBody = (b: DraftInput['body']): StoredBody => ({ ...toBody(b.format, b.content), format: b.format });

/** Word in, sanitized HTML out; the converted page is bounded like a typed one (plus room for embedded images). */
async function docxBody(deps: Deps, file: UploadedFile): Promise<StoredBody> {
  const { html } = await docxToHtml(file.buffer);
  const clean = sanitizeHtml(html);
  if (clean.length > 2 * deps.config.maxUploadMb * 1024 * 1024) throw invalid('file', '文档转换后内容过大');
  return { html: clean, text: htmlToText(clean), format: 'docx' };
}

function checkedText(field: string, label: string, value: unknown, max: number, required: boolean): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (required && !text) throw invalid(field, `请填写${label}`);
  if (text.length > max) throw invalid(field, `${label}不能超过 ${max} 字`);
  return text;
}
export { approvedTextsOf, recordLiveUrl, type LiveUrlInput } from './live-url.ts';
