// 预公开 (条例 §14–§16; 63号 二): the public's comments on a draft decision published through 三审三校 + 保密审查, the
// 承办单位's 采纳 answer to each, and what the public sees — the open consultations, the published draft, and once
// the unit publishes it the 意见收集和采纳情况. A comment is screened by 智能校对's personal-data detectors on receipt:
// its original (with name and contact) is seen only by the unit; anything public shows the masked text and no name.
import { randomUUID } from 'node:crypto';
import { findPersonalData } from '../checks/pii.ts';
import type { Actor } from '../org/model.ts';
import { canHandleComments } from '../org/policy/decisions.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { toShanghaiDate } from '../platform/calendar/model.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import type { Deps } from '../platform/deps.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, notFound, unprocessable } from '../platform/errors.ts';
import { publishedDocument } from '../publish/service.ts';
import { type Action, apply, type Consultation, isOpenOn } from './model.ts';
import { ledger } from './service.ts';
import * as store from './store.ts';

export const COMMENT_LIMITS = { name: 50, contact: 100, text: 3000 } as const;
export const ANSWER_NAME: Record<store.CommentAnswer, string> = {
  adopted: '采纳',
  partlyAdopted: '部分采纳',
  notAdopted: '不予采纳',
};

/** The text with every personal datum 智能校对 finds masked (its proposed mask, or asterisks). */
export function screen(text: string): { masked: string; found: number } {
  const found = findPersonalData(text).sort((a, b) => b.start - a.start);
  let masked = text;
  for (const f of found) {
    const mask = f.suggestion || '*'.repeat(f.end - f.start);
    masked = masked.slice(0, f.start) + mask + masked.slice(f.end);
  }
  return { masked, found: found.length };
}

const PUBLIC = { id: 'public', name: '公众' };

async function applyTo(tx: Executor, item: store.ItemRow, action: Action, deps: Deps) {
  const applied = apply(item.procedure, action, await loadCalendar(tx));
  if (applied instanceof AppError) throw applied;
  if (!(await store.saveProcedure(tx, item, applied.next, deps.clock.now())))
    throw conflict('RACE', '该事项刚被更新，请重试');
}

export interface CommentInput {
  name?: string | null;
  contact?: string | null;
  text: string;
}

/** A comment from the public (no login): taken only while the window is open; screened before it is stored. */
export async function submitComment(deps: Deps, itemId: string, input: CommentInput): Promise<{ seq: number }> {
  const text = input.text.trim();
  if (!text) throw unprocessable('TEXT_REQUIRED', '请填写意见内容');
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const item = await store.getItem(tx, itemId);
    if (!item || item.procedure.notDisclosedReason !== null || !item.procedure.consultation) throw notFound('征求意见');
    await applyTo(tx, item, { kind: 'comment', on: toShanghaiDate(now) }, deps);
    const seq = item.procedure.consultation.comments + 1;
    const { masked, found } = screen(text);
    const name = input.name?.trim() || null;
    const contact = input.contact?.trim() || null;
    await store.insertComment(tx, {
      id: randomUUID(),
      itemId,
      seq,
      receivedAt: now.toISOString(),
      name,
      contact,
      body: text,
      publicBody: masked,
      piiCount: found,
    });
    // No personal data in the ledger: the comment's number and how much 智能校对 masked.
    const payload = { title: item.title, seq, personalData: found };
    await ledger(tx, { ...PUBLIC, unitId: item.catalogUnitId }, 'comment', `decision:${itemId}`, payload, now);
    return { seq };
  });
}

/** The comments as received, for the 承办单位 (and the unit keeping the 目录) only. */
export async function listItemComments(deps: Deps, actor: Actor, itemId: string): Promise<store.CommentRow[]> {
  const item = await store.getItem(deps.db, itemId);
  if (!item) throw notFound('决策事项');
  assertAllowed(canHandleComments(actor, item));
  return store.listComments(deps.db, itemId);
}

export async function answerComment(
  deps: Deps,
  actor: Actor,
  itemId: string,
  commentId: string,
  input: { answer: store.CommentAnswer; reason: string },
): Promise<store.CommentRow> {
  const reason = input.reason.trim();
  if (!reason) throw unprocessable('REASON_REQUIRED', `请说明${ANSWER_NAME[input.answer]}的理由`);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const item = await store.getItem(tx, itemId);
    if (!item) throw notFound('决策事项');
    assertAllowed(canHandleComments(actor, item));
    const comment = (await store.listComments(tx, itemId)).find((c) => c.id === commentId);
    if (!comment) throw notFound('意见');
    if (item.procedure.consultation?.reportPublishedOn) throw conflict('REPORT_PUBLISHED', '采纳情况已公布');
    if (comment.answer) throw conflict('ANSWERED', `第${comment.seq}条意见已答复`);
    await applyTo(tx, item, { kind: 'answer' }, deps);
    if (!(await store.answerComment(tx, commentId, { ...input, reason, by: actor.id, at: now.toISOString() })))
      throw conflict('ANSWERED', `第${comment.seq}条意见已答复`);
    const payload = { title: item.title, seq: comment.seq, answer: input.answer, reason };
    await ledger(tx, actor, 'comment_answer', `decision:${itemId}`, payload, now);
  });
  return (await store.listComments(deps.db, itemId)).find((c) => c.id === commentId)!;
}

export interface PublicConsultation {
  id: string;
  title: string;
  leadUnit: string;
  consultation: Consultation;
  open: boolean;
  draft: { title: string; text: string; publishedAt: string } | null;
  /** 意见收集和采纳情况, once published: masked text, answer and reason; never a name or contact. */
  report: { seq: number; text: string; answer: string; reason: string }[] | null;
}

const isPublic = (i: store.ItemRow) => i.procedure.notDisclosedReason === null && i.procedure.consultation !== null;

/** The consultations the public page lists: open today first, then those whose report is published. */
export async function publicConsultations(deps: Deps): Promise<PublicConsultation[]> {
  const today = toShanghaiDate(deps.clock.now());
  const items = (await store.listAllItems(deps.db)).filter(isPublic);
  const shown = items.filter((i) => {
    const c = i.procedure.consultation!;
    return isOpenOn(c, today) || c.reportPublishedOn !== null;
  });
  return Promise.all(shown.map((i) => viewOf(deps, i, today, false)));
}

export async function publicConsultation(deps: Deps, itemId: string): Promise<PublicConsultation> {
  const item = await store.getItem(deps.db, itemId);
  const today = toShanghaiDate(deps.clock.now());
  if (!item || !isPublic(item) || item.procedure.consultation!.opensOn > today) throw notFound('征求意见');
  return viewOf(deps, item, today, true);
}

async function viewOf(deps: Deps, i: store.ItemRow, today: string, full: boolean): Promise<PublicConsultation> {
  const c = i.procedure.consultation!;
  let draft: PublicConsultation['draft'] = null;
  if (full && c.draftItemId) {
    const doc = await publishedDocument(deps.db, c.draftItemId);
    draft = { title: doc.title, text: doc.text, publishedAt: doc.publishedAt };
  }
  const report =
    full && c.reportPublishedOn
      ? (await store.listComments(deps.db, i.id)).map((x) => ({
          seq: x.seq,
          text: x.publicBody,
          answer: x.answer ? ANSWER_NAME[x.answer] : '',
          reason: x.answerReason ?? '',
        }))
      : null;
  return { id: i.id, title: i.title, leadUnit: i.leadUnit, consultation: c, open: isOpenOn(c, today), draft, report };
}
