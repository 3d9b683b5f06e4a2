// 换班 and 离岗 (§4.6: the officer may not leave the post unless the duty leader agrees and the replacement has arrived).
// A swap is for a shift not yet begun: once a duty leader approves it the people change places at once (the roster must
// stay free of new findings). A 离岗 is for a shift under way or about to be: approval does not release the person
// leaving — they stay on duty, and stay the one notified, until the replacement checks in (attendance.ts).
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canDecideChange, canRequestChange, canViewDuty, dutyScope } from '../org/policy/duty.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { getUserEmails, usersHoldingRole } from '../org/service.ts';
import type { Executor } from '../platform/db/types.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { enqueueMail, notifyUsers } from '../platform/notify/service.ts';
import { attendees, loadPublishedShift } from './attendance.ts';
import { dutyPool, findingsOf, record, roleIn, stintOf, surroundings, withoutNewFindings } from './context.ts';
import { LIMITS, optionalText, requireText, type Shift, when } from './model.ts';
import { noNewFindings } from './rules/roster.ts';
import { changeShape, noPendingChange, requestComplete, swapIn, undecided } from './rules/post.ts';
import { enforce } from './rules/verdict.ts';
import * as store from './store.ts';
import * as log from './store-log.ts';

export const CHANGE_KIND_NAME: Record<log.ChangeKind, string> = { swap: '换班', leave: '离岗' };
export const CHANGE_STATE_NAME: Record<log.ChangeState, string> = {
  requested: '待批准',
  approved: '已批准（待接替人员到岗）',
  rejected: '未批准',
  completed: '已办结',
};

export interface ChangeInput {
  kind: log.ChangeKind;
  shiftId: string;
  leavingId?: string; // default: the requester
  replacementId?: string;
  counterShiftId?: string | null; // swap: the replacement's shift the person leaving takes in return
  reason: string;
}

/** The replacement's shift given in return for a swap, loaded; null for a 离岗 or a swap without one. */
async function counterOf(tx: Executor, input: ChangeInput): Promise<Shift | null> {
  return input.kind === 'swap' && input.counterShiftId ? loadPublishedShift(tx, input.counterShiftId) : null;
}

/** §4.6 changeShape on the shift's facts: its people, the unit's duty pool, the shift given in return. */
async function checkShape(
  tx: Executor,
  input: ChangeInput,
  leavingId: string,
  shift: Shift,
  people: string[],
  now: string,
): Promise<Shift | null> {
  const pool = await dutyPool(tx, shift.unitId);
  const counter = await counterOf(tx, input);
  enforce(
    changeShape(
      { ...input, leavingId },
      { shift, people, now, counter, leaders: pool.leaders.map((p) => p.id), officers: pool.officers.map((p) => p.id) },
    ),
  );
  return counter;
}

/** 换班 / 离岗申请, waiting for a duty leader; the unit's duty leaders and the replacement are told. */
export async function requestChange(deps: Deps, actor: Actor, input: ChangeInput): Promise<log.Change> {
  enforce(requestComplete(input.kind, input.replacementId));
  const reason = requireText('reason', '原因', input.reason, LIMITS.reason);
  return deps.db.transaction().execute(async (tx) => {
    const shift = await loadPublishedShift(tx, input.shiftId);
    const leavingId = input.leavingId ?? actor.id;
    const { people } = await attendees(tx, shift);
    assertAllowed(canRequestChange(actor, { unitId: shift.unitId, people }, leavingId));
    const now = deps.clock.now();
    const counter = await checkShape(tx, input, leavingId, shift, people, now.toISOString());
    const pending = await log.listChanges(tx, { shiftIds: [shift.id], states: ['requested', 'approved'] });
    enforce(noPendingChange(pending, leavingId, shift.id));
    const change: log.Change = {
      id: randomUUID(),
      unitId: shift.unitId,
      kind: input.kind,
      shiftId: shift.id,
      counterShiftId: counter?.id ?? null,
      leavingId,
      replacementId: input.replacementId!,
      reason,
      state: 'requested',
      requestedBy: actor.id,
      requestedAt: now.toISOString(),
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      completedAt: null,
    };
    await log.insertChange(tx, change);
    const leaders = (await usersHoldingRole(tx, 'dutyLeader', shift.unitId))
      .map((u) => u.id)
      .filter((id) => id !== leavingId);
    const what = `${when(shift.startsAt)}「${shift.name}」`;
    await notifyUsers(
      tx,
      leaders,
      {
        kind: 'duty.changeRequested',
        title: `${CHANGE_KIND_NAME[change.kind]}申请待批准：${what}`,
        body: `${actor.name}申请${CHANGE_KIND_NAME[change.kind]}，原因：${reason}`,
        subject: `duty-change:${change.id}`,
      },
      now,
    );
    await record(
      tx,
      actor,
      roleIn(actor, shift.unitId, ['dutyOfficer', 'dutyLeader']),
      shift.unitId,
      'duty.change_request',
      `shift:${shift.id}`,
      {
        changeId: change.id,
        kind: change.kind,
        leavingId,
        replacementId: change.replacementId,
        counterShiftId: change.counterShiftId,
        reason,
      },
      now,
    );
    return change;
  });
}

/** A duty leader's decision. A swap takes effect at once; an approved 离岗 waits for the replacement to check in. */
export async function decideChange(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { approve: boolean; note?: string },
): Promise<log.Change> {
  const note = optionalText('note', '意见', input.note, LIMITS.reason);
  return deps.db.transaction().execute(async (tx) => {
    const change = await log.getChange(tx, id);
    if (!change) throw notFound('换班或离岗申请');
    assertAllowed(canDecideChange(actor, change));
    enforce(undecided(change.state));
    const now = deps.clock.now();
    const t = now.toISOString();
    const shift = await loadPublishedShift(tx, change.shiftId);
    const next: log.ChangeState = !input.approve ? 'rejected' : change.kind === 'swap' ? 'completed' : 'approved';
    if (input.approve) {
      const counter = await checkShape(tx, change, change.leavingId, shift, (await attendees(tx, shift)).people, t);
      if (change.kind === 'swap') await applySwap(tx, change, shift, counter);
      else await checkReplacement(tx, change, shift, t);
    }
    if (
      !(await log.moveChange(tx, id, 'requested', next, {
        decidedBy: actor.id,
        decidedAt: t,
        decisionNote: note || null,
        ...(next === 'completed' && { completedAt: t }),
      }))
    )
      throw conflict('RACE', '该申请已被他人处理');
    await tell(tx, change, shift, next, actor, now);
    await record(
      tx,
      actor,
      'dutyLeader',
      change.unitId,
      input.approve ? 'duty.change_approve' : 'duty.change_reject',
      `shift:${shift.id}`,
      { changeId: id, kind: change.kind, leavingId: change.leavingId, replacementId: change.replacementId, note },
      now,
    );
    return {
      ...change,
      state: next,
      decidedBy: actor.id,
      decidedAt: t,
      decisionNote: note || null,
      completedAt: next === 'completed' ? t : null,
    };
  });
}

async function applySwap(tx: Executor, change: log.Change, shift: Shift, counter: Shift | null): Promise<void> {
  const rosters = await Promise.all(
    [...new Set([shift.rosterId, ...(counter ? [counter.rosterId] : [])])].map((r) => store.getRoster(tx, r)),
  );
  await withoutNewFindings(
    tx,
    rosters.filter((r): r is store.Roster => r !== null),
    async () => {
      if (!(await store.replaceShift(tx, swapIn(shift, change.leavingId, change.replacementId))))
        throw conflict('RACE', '班次已被修改，请刷新');
      if (counter && !(await store.replaceShift(tx, swapIn(counter, change.replacementId, change.leavingId))))
        throw conflict('RACE', '班次已被修改，请刷新');
    },
    '换班后值班表将出现问题，不能批准',
  );
}

/**
 * A 离岗 goes through the same roster check as any change: the replacement stands the rest of the shift (from now, or
 * from its start), so their rest, double booking and unavailability are checked against every shift they hold.
 */
async function checkReplacement(tx: Executor, change: log.Change, shift: Shift, now: string): Promise<void> {
  const roster = await store.getRoster(tx, shift.rosterId);
  if (!roster) return;
  const stint = stintOf(shift, { ...change, completedAt: null }, now);
  const s = await surroundings(tx, roster.unitId, roster.from, roster.to);
  const shifts = await store.shiftsOfRoster(tx, roster.id);
  const before = await findingsOf(tx, s, roster, shifts);
  const after = await findingsOf(tx, s, roster, [...shifts, stint]);
  const theirs = after.filter((f) => f.userId === change.replacementId);
  enforce(noNewFindings(before, theirs, '接替人员接班后值班表将出现问题，不能批准'));
}

async function tell(
  tx: Executor,
  change: log.Change,
  shift: Shift,
  state: log.ChangeState,
  actor: Actor,
  now: Date,
): Promise<void> {
  const what = `${when(shift.startsAt)}「${shift.name}」`;
  const kind = CHANGE_KIND_NAME[change.kind];
  const subject = `duty-change:${change.id}`;
  if (state === 'rejected') {
    await notifyUsers(
      tx,
      [change.requestedBy, change.leavingId],
      {
        kind: 'duty.changeRejected',
        title: `${kind}申请未获批准：${what}`,
        body: `${actor.name}未批准该${kind}申请，请按原安排值班。`,
        subject,
      },
      now,
    );
    return;
  }
  const toLeaving =
    state === 'approved'
      ? '已批准。接替人员到岗前您仍在值班，请勿离开；接替人员登记到岗后即可离岗。'
      : '已批准，班次已调整。';
  const toReplacement = state === 'approved' ? '请尽快到岗接替，并在系统中登记到岗。' : '班次已调整为由您值班。';
  await notifyUsers(
    tx,
    [change.leavingId],
    { kind: `duty.${change.kind}Approved`, title: `${kind}申请已批准：${what}`, body: toLeaving, subject },
    now,
  );
  const title = `${kind}：请接替 ${what}`;
  await notifyUsers(
    tx,
    [change.replacementId],
    { kind: `duty.${change.kind}Replacement`, title, body: toReplacement, subject },
    now,
  );
  const mail = (await getUserEmails(tx, [change.replacementId])).get(change.replacementId);
  if (mail)
    await enqueueMail(
      tx,
      { to: [mail], subject: `【值班】${title}`, text: `${toReplacement}\n\n（本邮件由 gongkai 自动发送）` },
      now,
    );
}

export interface ChangeList {
  changes: (log.Change & { canDecide: boolean })[];
}

export async function listChanges(
  deps: Deps,
  actor: Actor,
  q: { unitId?: string; state?: log.ChangeState },
): Promise<ChangeList> {
  if (q.unitId) assertAllowed(canViewDuty(actor, q.unitId));
  const scope = q.unitId ? [q.unitId] : dutyScope(actor);
  const changes = await log.listChanges(deps.db, {
    ...(scope !== 'all' && { unitIds: scope }),
    ...(q.state && { states: [q.state] }),
  });
  return {
    changes: changes.map((c) => ({ ...c, canDecide: c.state === 'requested' && canDecideChange(actor, c).allowed })),
  };
}
