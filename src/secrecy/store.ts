// Kysely queries of 保密审查: opinions, receipts at the secrecy step, reminders, redactions, findings, co-issuers and
// consents. The only file that names the secrecy_* tables; every query runs unchanged on SQLite and PostgreSQL.
import type { Selectable } from 'kysely';
import type { Executor } from '../platform/db/types.ts';
import { type Where, whereSql } from '../platform/db/where.ts';
import type { SecrecyConsentsTable, SecrecyOpinionsTable, SecrecyReviewsTable } from '../platform/db/tables/secrecy.ts';
import type { Declassification, OpinionKind, Span, Step } from './model.ts';

export interface OpinionRow {
  id: string;
  itemId: string;
  revision: number;
  step: Step;
  kind: 'opinion' | 'return' | 'resume';
  actorId: string;
  role: string;
  opinion: OpinionKind | null;
  basisIds: string[];
  basisText: string;
  reason: string;
  secrecyMatter: boolean | null;
  declassification: Declassification | null;
  createdAt: string;
}

const toOpinion = (r: Selectable<SecrecyOpinionsTable>): OpinionRow => ({
  id: r.id,
  itemId: r.item_id,
  revision: Number(r.revision),
  step: r.step as Step,
  kind: r.kind as OpinionRow['kind'],
  actorId: r.actor_id,
  role: r.role,
  opinion: r.opinion as OpinionKind | null,
  basisIds: JSON.parse(r.basis_ids) as string[],
  basisText: r.basis_text,
  reason: r.reason,
  secrecyMatter: r.secrecy_matter === null ? null : Number(r.secrecy_matter) === 1,
  declassification: r.declassification as Declassification | null,
  createdAt: r.created_at,
});

export async function insertOpinion(db: Executor, o: OpinionRow): Promise<void> {
  await db
    .insertInto('secrecy_opinions')
    .values({
      id: o.id,
      item_id: o.itemId,
      revision: o.revision,
      step: o.step,
      kind: o.kind,
      actor_id: o.actorId,
      role: o.role,
      opinion: o.opinion,
      basis_ids: JSON.stringify(o.basisIds),
      basis_text: o.basisText,
      reason: o.reason,
      secrecy_matter: o.secrecyMatter === null ? null : o.secrecyMatter ? 1 : 0,
      declassification: o.declassification,
      created_at: o.createdAt,
    })
    .execute();
}

export async function listOpinions(db: Executor, itemId: string, revision?: number): Promise<OpinionRow[]> {
  let q = db.selectFrom('secrecy_opinions').selectAll().where('item_id', '=', itemId);
  if (revision !== undefined) q = q.where('revision', '=', revision);
  // Steps of one approval chain may share a timestamp (a fixed clock, a fast office):
  // level1 < level2 < secrecy sorts them.
  return (await q.orderBy('created_at').orderBy('revision').orderBy('step').orderBy('id').execute()).map(toOpinion);
}

/** Who filled the secrecy step of each item's current revision (separation of duties is per revision). */
export async function secrecyActorsOf(
  db: Executor,
  items: readonly { id: string; revision: number }[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(items.map((i) => [i.id, []]));
  if (items.length === 0) return out;
  const rows = await db
    .selectFrom('secrecy_opinions')
    .select(['item_id', 'revision', 'actor_id'])
    .where(
      'item_id',
      'in',
      items.map((i) => i.id),
    )
    .where('step', '=', 'secrecy')
    .execute();
  const current = new Map(items.map((i) => [i.id, i.revision]));
  for (const r of rows) {
    const list = out.get(r.item_id);
    if (Number(r.revision) === current.get(r.item_id) && list && !list.includes(r.actor_id)) list.push(r.actor_id);
  }
  return out;
}

/** The newest revision the secrecy office returned (退回修改), or null. */
export async function lastReturnedRevision(db: Executor, itemId: string): Promise<number | null> {
  const row = await db
    .selectFrom('secrecy_opinions')
    .select((eb) => eb.fn.max('revision').as('r'))
    .where('item_id', '=', itemId)
    .where('kind', '=', 'return')
    .executeTakeFirst();
  return row?.r === null || row?.r === undefined ? null : Number(row.r);
}

export interface ReviewRow {
  id: string;
  itemId: string;
  revision: number;
  unitId: string;
  state: 'open' | 'answered' | 'referred' | 'resumed' | 'closed';
  receivedOn: string;
  dueOn: string;
  dueProvisional: boolean; // 暂定: counted Monday–Friday over a year without the State Council's schedule
  authority: string | null;
  referenceNo: string | null;
  referredAt: string | null;
  answer: string | null;
  answerRef: string | null;
  answeredAt: string | null;
  createdAt: string;
}

const toReview = (r: Selectable<SecrecyReviewsTable>): ReviewRow => ({
  id: r.id,
  itemId: r.item_id,
  revision: Number(r.revision),
  unitId: r.unit_id,
  state: r.state as ReviewRow['state'],
  receivedOn: r.received_on,
  dueOn: r.due_on,
  dueProvisional: Number(r.due_provisional) === 1,
  authority: r.authority,
  referenceNo: r.reference_no,
  referredAt: r.referred_at,
  answer: r.answer,
  answerRef: r.answer_ref,
  answeredAt: r.answered_at,
  createdAt: r.created_at,
});

export async function insertReview(db: Executor, r: ReviewRow): Promise<void> {
  await db
    .insertInto('secrecy_reviews')
    .values({
      id: r.id,
      item_id: r.itemId,
      revision: r.revision,
      unit_id: r.unitId,
      state: r.state,
      received_on: r.receivedOn,
      due_on: r.dueOn,
      due_provisional: r.dueProvisional ? 1 : 0,
      authority: r.authority,
      reference_no: r.referenceNo,
      referred_at: r.referredAt,
      answer: r.answer,
      answer_ref: r.answerRef,
      answered_at: r.answeredAt,
      created_at: r.createdAt,
    })
    .execute();
}

export async function listReviews(db: Executor, itemId: string): Promise<ReviewRow[]> {
  const rows = await db
    .selectFrom('secrecy_reviews')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toReview);
}

/** The item's receipt in `state` (at most one is open or referred at a time). */
export async function reviewInState(
  db: Executor,
  itemId: string,
  state: ReviewRow['state'],
): Promise<ReviewRow | null> {
  const row = await db
    .selectFrom('secrecy_reviews')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('state', '=', state)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row ? toReview(row) : null;
}

export type ReviewPatch = Partial<
  Pick<ReviewRow, 'authority' | 'referenceNo' | 'referredAt' | 'answer' | 'answerRef' | 'answeredAt'>
>;

/** Moves a receipt from `from` to `to`; false if it was no longer in `from`. */
export async function moveReview(
  db: Executor,
  id: string,
  from: ReviewRow['state'],
  to: ReviewRow['state'],
  p: ReviewPatch = {},
): Promise<boolean> {
  const res = await db
    .updateTable('secrecy_reviews')
    .set({
      state: to,
      ...(p.authority !== undefined && { authority: p.authority }),
      ...(p.referenceNo !== undefined && { reference_no: p.referenceNo }),
      ...(p.referredAt !== undefined && { referred_at: p.referredAt }),
      ...(p.answer !== undefined && { answer: p.answer }),
      ...(p.answerRef !== undefined && { answer_ref: p.answerRef }),
      ...(p.answeredAt !== undefined && { answered_at: p.answeredAt }),
    })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Receipts still waiting for the secrecy office's answer (index secrecy_reviews(state, due_on)). */
export async function listOpenReviews(db: Executor, dueOnOrBefore: string): Promise<ReviewRow[]> {
  const rows = await db
    .selectFrom('secrecy_reviews')
    .selectAll()
    .where('state', '=', 'open')
    .where('due_on', '<=', dueOnOrBefore)
    .orderBy('due_on')
    .orderBy('id')
    .execute();
  return rows.map(toReview);
}

/** Receipts whose deadline was counted on the provisional calendar (暂定), to recompute when a year is imported. */
export async function listProvisionalReviews(db: Executor): Promise<ReviewRow[]> {
  const rows = await db
    .selectFrom('secrecy_reviews')
    .selectAll()
    .where('due_provisional', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map(toReview);
}

export async function setReviewDue(db: Executor, id: string, dueOn: string, provisional: boolean): Promise<void> {
  await db
    .updateTable('secrecy_reviews')
    .set({ due_on: dueOn, due_provisional: provisional ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

export async function reminderSent(db: Executor, reviewId: string, kind: string): Promise<boolean> {
  return !!(await db
    .selectFrom('secrecy_reminders')
    .select('kind')
    .where('review_id', '=', reviewId)
    .where('kind', '=', kind)
    .executeTakeFirst());
}

export async function insertReminder(
  db: Executor,
  reviewId: string,
  kind: string,
  recipients: string[],
  at: string,
): Promise<void> {
  await db
    .insertInto('secrecy_reminders')
    .values({ review_id: reviewId, kind, sent_at: at, recipients: JSON.stringify(recipients) })
    .execute();
}

export async function remindersOf(
  db: Executor,
  reviewIds: string[],
): Promise<{ reviewId: string; kind: string; sentAt: string }[]> {
  if (reviewIds.length === 0) return [];
  const rows = await db
    .selectFrom('secrecy_reminders')
    .selectAll()
    .where('review_id', 'in', reviewIds)
    .orderBy('sent_at')
    .execute();
  return rows.map((r) => ({ reviewId: r.review_id, kind: r.kind, sentAt: r.sent_at }));
}

export interface RedactionRow {
  id: string;
  itemId: string;
  revision: number;
  spans: Span[];
  redactedText: string;
  redactedHtml: string;
  createdBy: string;
  createdAt: string;
}

export async function insertRedaction(db: Executor, r: RedactionRow): Promise<void> {
  await db
    .insertInto('secrecy_redactions')
    .values({
      id: r.id,
      item_id: r.itemId,
      revision: r.revision,
      spans: JSON.stringify(r.spans),
      redacted_text: r.redactedText,
      redacted_html: r.redactedHtml,
      created_by: r.createdBy,
      created_at: r.createdAt,
    })
    .execute();
}

/** The newest redaction of a revision, or null. */
export async function redactionOf(db: Executor, itemId: string, revision: number): Promise<RedactionRow | null> {
  const r = await db
    .selectFrom('secrecy_redactions')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('revision', '=', revision)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        itemId: r.item_id,
        revision: Number(r.revision),
        spans: JSON.parse(r.spans) as Span[],
        redactedText: r.redacted_text,
        redactedHtml: r.redacted_html,
        createdBy: r.created_by,
        createdAt: r.created_at,
      }
    : null;
}

/** The newest redacted text of each (item, revision), keyed `itemId:revision`; one query for all. */
export async function redactedTextsOf(
  db: Executor,
  keys: readonly { itemId: string; revision: number }[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!keys.length) return out;
  const wanted = new Set(keys.map((k) => `${k.itemId}:${k.revision}`));
  const rows = await db
    .selectFrom('secrecy_redactions')
    .select(['item_id', 'revision', 'redacted_text'])
    .where('item_id', 'in', [...new Set(keys.map((k) => k.itemId))])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows)
    if (wanted.has(`${r.item_id}:${r.revision}`)) out.set(`${r.item_id}:${r.revision}`, r.redacted_text); // newest last
  return out;
}

export async function setCoIssuers(db: Executor, itemId: string, unitIds: readonly string[]): Promise<void> {
  await db.deleteFrom('secrecy_co_issuers').where('item_id', '=', itemId).execute();
  if (unitIds.length === 0) return;
  await db
    .insertInto('secrecy_co_issuers')
    .values(unitIds.map((u) => ({ item_id: itemId, unit_id: u })))
    .execute();
}

export async function coIssuersOf(db: Executor, itemIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(itemIds.map((id) => [id, []]));
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom('secrecy_co_issuers')
    .selectAll()
    .where('item_id', 'in', itemIds)
    .orderBy('item_id')
    .orderBy('unit_id')
    .execute();
  for (const r of rows) out.get(r.item_id)?.push(r.unit_id);
  return out;
}

/** A co-issuer of an item within a queue's filter, with the revisions it has consented to (any form). */
export interface CoIssue {
  itemId: string;
  unitId: string;
  consentedRevisions: number[];
}

/** The co-issuers the policy's filter admits, each with its consents — one query (the co-issuing leaders' queue). */
export async function listCoIssues(db: Executor, where: Where<'coIssuerUnitId'>): Promise<CoIssue[]> {
  if (where === false) return [];
  let query = db
    .selectFrom('secrecy_co_issuers as co')
    .leftJoin('secrecy_consents as c', (join) =>
      join.onRef('c.item_id', '=', 'co.item_id').onRef('c.unit_id', '=', 'co.unit_id'),
    )
    .select(['co.item_id', 'co.unit_id', 'c.revision']);
  if (where !== true) query = query.where((eb) => whereSql(eb, where, { coIssuerUnitId: 'co.unit_id' }));
  const out = new Map<string, CoIssue>();
  for (const r of await query.orderBy('co.item_id').orderBy('co.unit_id').execute()) {
    const key = `${r.item_id}|${r.unit_id}`;
    const entry = out.get(key) ?? { itemId: r.item_id, unitId: r.unit_id, consentedRevisions: [] };
    if (r.revision !== null) entry.consentedRevisions.push(Number(r.revision));
    out.set(key, entry);
  }
  return [...out.values()];
}

export interface ConsentRow {
  id: string;
  itemId: string;
  revision: number;
  unitId: string;
  kind: 'document' | 'approval';
  actorId: string;
  note: string;
  fileName: string | null;
  fileSha256: string | null;
  fileSize: number | null;
  createdAt: string;
}

export async function insertConsent(db: Executor, c: ConsentRow, fileBase64: string | null): Promise<void> {
  await db
    .insertInto('secrecy_consents')
    .values({
      id: c.id,
      item_id: c.itemId,
      revision: c.revision,
      unit_id: c.unitId,
      kind: c.kind,
      actor_id: c.actorId,
      note: c.note,
      file_name: c.fileName,
      file_sha256: c.fileSha256,
      file_size: c.fileSize,
      file_base64: fileBase64,
      created_at: c.createdAt,
    })
    .execute();
}

const toConsent = (r: Omit<Selectable<SecrecyConsentsTable>, 'file_base64'>): ConsentRow => ({
  id: r.id,
  itemId: r.item_id,
  revision: Number(r.revision),
  unitId: r.unit_id,
  kind: r.kind as ConsentRow['kind'],
  actorId: r.actor_id,
  note: r.note,
  fileName: r.file_name,
  fileSha256: r.file_sha256,
  fileSize: r.file_size === null ? null : Number(r.file_size),
  createdAt: r.created_at,
});

/** Consents without the files' bytes. */
export async function listConsents(db: Executor, itemId: string): Promise<ConsentRow[]> {
  const rows = await db
    .selectFrom('secrecy_consents')
    .select([
      'id',
      'item_id',
      'revision',
      'unit_id',
      'kind',
      'actor_id',
      'note',
      'file_name',
      'file_sha256',
      'file_size',
      'created_at',
    ])
    .where('item_id', '=', itemId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toConsent);
}

/** Receipts the policy's filter admits, in these states, oldest due first — one query (the secrecy office's queue). */
export async function listReceipts(
  db: Executor,
  where: Where<'unitId'>,
  states: ReviewRow['state'][],
): Promise<ReviewRow[]> {
  if (where === false) return [];
  let query = db.selectFrom('secrecy_reviews').selectAll().where('state', 'in', states);
  if (where !== true) query = query.where((eb) => whereSql(eb, where, { unitId: 'unit_id' }));
  return (await query.orderBy('due_on').orderBy('id').limit(500).execute()).map(toReview);
}
