// Use cases of 质疑申请 (65号 保密审查制度 第十五条): a public open, one extension, the answer; reads for the unit and
// for the 督查. One transaction each, with its ledger entry inside it; mail and in-app notices leave through the
// outbox after commit, so a rollback tells no one.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor, Unit } from '../org/model.ts';
import { canHandleChallenge, challengeRole } from '../org/policy/challenge.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { getUnit, usersHoldingRole } from '../org/service.ts';
import { toShanghaiDate } from '../platform/calendar/model.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, invalid, notFound } from '../platform/errors.ts';
import { appendLedger, type LedgerActor } from '../platform/ledger/service.ts';
import { enqueueMail, notifyUsers } from '../platform/notify/service.ts';
import { type ChainReader, chainOf } from './chain.ts';
import {
  type AnswerInput,
  answerMail,
  type Asker,
  caseNumber,
  type Challenge,
  decideAnswer,
  decideExtend,
  type ExtendInput,
  deadlineInForce,
  extensionMail,
  type Mail,
} from './challenge-model.ts';
import { type ChallengeView, getChallengeView } from './challenge-queries.ts';
import * as store from './challenge-store.ts';

export {
  type ChallengePage,
  type ChallengeView,
  getChallengeView,
  listChallengeUnits,
  listOverdue,
  listUnitChallenges,
} from './challenge-queries.ts';

export interface OpenInput {
  asker: Asker;
  itemId?: string | null;
  subject?: string | null;
  unitId?: string | null; // when no item is named: the unit the asker chose
  question: string;
}

/** The public side signs as itself: whoever asks is not a user of gongkai (no session is ever consulted). */
const publicActor = (asker: Asker): LedgerActor => ({ id: 'public', name: asker.name });
const who = (actor: Actor): LedgerActor => ({ id: actor.id, name: actor.name });
/** A handler's ledger signature: who, in which role (policy/challenge.ts), for which unit. */
const signedBy = (actor: Actor, unitId: string) => ({ actor: who(actor), role: challengeRole(actor, unitId), unitId });
const race = () => conflict('RACE', '该质疑申请已被他人处理，请刷新后查看');

/** The answering unit: the named item's hosting unit (承办单位, 谁公开谁审查), else the one chosen. */
async function answeringUnit(tx: Executor, chain: ChainReader, input: OpenInput): Promise<Unit> {
  if (input.itemId) {
    const [item] = await chain.itemsByIds(tx, [input.itemId]);
    if (!item) throw invalid('itemId', '所指的信息不存在，请核对信息编号，或改为填写所询问的事项并选择单位');
    const unit = await getUnit(tx, item.unitId);
    if (!unit) throw notFound('单位');
    return unit;
  }
  if (!input.subject) throw invalid('subject', '请填写所询问的信息或事项，或提供信息编号');
  const unit = input.unitId ? await getUnit(tx, input.unitId) : null;
  if (!unit) throw invalid('unitId', '请选择被询问的单位');
  return unit;
}

export async function openChallenge(deps: Deps, input: OpenInput): Promise<Challenge & { unitName: string }> {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const unit = await answeringUnit(tx, chainOf(deps), input);
    const unitId = unit.id;
    const receivedOn = toShanghaiDate(now);
    const { date: dueOn, provisional: dueProvisional } = deadlineInForce(await loadCalendar(tx), receivedOn, null);
    const year = Number(receivedOn.slice(0, 4));
    const seq = await store.nextSeq(tx, year);
    const c: Challenge = {
      id: randomUUID(),
      caseNo: caseNumber(year, seq),
      unitId,
      itemId: input.itemId ?? null,
      subject: input.subject ?? null,
      question: input.question,
      asker: input.asker,
      state: 'open',
      receivedAt: now.toISOString(),
      receivedOn,
      firstDueOn: dueOn,
      dueOn,
      dueProvisional,
      extension: null,
      answer: null,
    };
    await store.insertChallenge(tx, c, year, seq);
    // Contact details stay out of the ledger: it is printed, exported and never erased (个人信息保护法 第十九条).
    await appendLedger(
      tx,
      {
        actor: publicActor(c.asker),
        role: '',
        unitId,
        action: 'challenge.open',
        subject: `challenge:${c.id}`,
        payload: {
          caseNo: c.caseNo,
          itemId: c.itemId,
          subject: c.subject,
          askerOrg: c.asker.org,
          receivedOn,
          dueOn,
          ...(dueProvisional && { dueProvisional }),
        },
      },
      now,
    );
    await tellHandlers(tx, c, now);
    return { ...c, unitName: unit.fullName };
  });
}

/** In-app notice to the unit's 保密工作机构 and 分管领导: a case opened and its deadline. */
async function tellHandlers(tx: Executor, c: Challenge, now: Date): Promise<void> {
  const people = [
    ...(await usersHoldingRole(tx, 'secrecy', c.unitId)),
    ...(await usersHoldingRole(tx, 'leader', c.unitId)),
  ];
  const ids = [...new Set(people.map((p) => p.id))];
  if (ids.length === 0) return;
  await notifyUsers(
    tx,
    ids,
    {
      kind: 'challenge.open',
      title: `收到质疑申请 ${c.caseNo}`,
      subject: `challenge:${c.id}`,
      body:
        `${c.asker.name}询问${c.subject ? `「${c.subject}」` : '本单位信息'}未予公开的依据和理由，`
        + `请于${c.dueOn}${c.dueProvisional ? '（暂定）' : ''}前答复。`,
    },
    now,
  );
}

async function loadForHandling(tx: Executor, actor: Actor, id: string): Promise<Challenge> {
  const c = await store.getChallenge(tx, id);
  if (!c) throw notFound('质疑申请');
  assertAllowed(canHandleChallenge(actor, c));
  return c;
}

/** Queued in the transaction, sent by the outbox worker after commit; false when the asker left no e-mail. */
async function mail(tx: Executor, m: Mail | null, now: Date): Promise<boolean> {
  return m ? (await enqueueMail(tx, m, now)) !== null : false;
}

/** 条例 第三十三条: one extension of at most 20 working days, with a reason the asker is told. */
export async function extendChallenge(
  deps: Deps,
  actor: Actor,
  input: ExtendInput & { id: string },
): Promise<ChallengeView> {
  await deps.db.transaction().execute(async (tx) => {
    const c = await loadForHandling(tx, actor, input.id);
    const now = deps.clock.now();
    const ext = { days: input.days, reason: input.reason.trim() };
    const decided = decideExtend(c, ext, toShanghaiDate(now), await loadCalendar(tx));
    if (decided instanceof AppError) throw decided;
    const extension = { at: now.toISOString(), by: actor.id, ...ext };
    if (!(await store.recordExtension(tx, c.id, extension, decided))) throw race();
    const unitName = (await getUnit(tx, c.unitId))?.fullName ?? '';
    const mailed = await mail(tx, extensionMail(c, unitName, ext, decided), now);
    await appendLedger(
      tx,
      {
        ...signedBy(actor, c.unitId),
        action: 'challenge.extend',
        subject: `challenge:${c.id}`,
        payload: {
          caseNo: c.caseNo,
          days: ext.days,
          reason: ext.reason,
          dueOn: { from: c.dueOn, to: decided.date },
          ...(decided.provisional && { dueProvisional: true }),
          mailed,
        },
      },
      now,
    );
  });
  return getChallengeView(deps, actor, input.id);
}

/** The unit's answer: the basis (依据) and reasons (理由) for not disclosing, recorded and mailed to the asker. */
export async function answerChallenge(
  deps: Deps,
  actor: Actor,
  input: AnswerInput & { id: string },
): Promise<ChallengeView> {
  await deps.db.transaction().execute(async (tx) => {
    const c = await loadForHandling(tx, actor, input.id);
    const now = deps.clock.now();
    const answer = { basis: input.basis.trim(), reason: input.reason.trim() };
    const today = toShanghaiDate(now);
    const decided = decideAnswer(c, answer, today);
    if (decided instanceof AppError) throw decided;
    const recorded = { at: now.toISOString(), by: actor.id, ...answer };
    if (!(await store.recordAnswer(tx, c.id, recorded))) throw race();
    const unitName = (await getUnit(tx, c.unitId))?.fullName ?? '';
    const mailed = await mail(tx, answerMail(c, unitName, answer, today), now);
    await appendLedger(
      tx,
      {
        ...signedBy(actor, c.unitId),
        action: 'challenge.answer',
        subject: `challenge:${c.id}`,
        payload: {
          caseNo: c.caseNo,
          basis: answer.basis,
          reason: answer.reason,
          dueOn: c.dueOn,
          late: decided.late,
          mailed,
        },
      },
      now,
    );
  });
  return getChallengeView(deps, actor, input.id);
}
