// 到岗、离岗 and 交接班记录. §4.6: the officer may not leave the post unless the duty leader agrees and the replacement
// has arrived — so a check-out before the shift ends is refused, and an approved 离岗 completes when the replacement
// checks in: only then is the person leaving checked out and told they may go.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canAttend, canViewDuty, DUTY_ROLES } from '../org/policy/duty.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import type { Executor } from '../platform/db/types.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { notifyUsers } from '../platform/notify/service.ts';
import { peopleOf, record, roleIn } from './context.ts';
import { checkRange, LIMITS, type Person, requireText, type Shift, shiftTimes, timeOf, when } from './model.ts';
import { CHECK_OUT_EARLY_MINUTES, checkInAllowed, checkOutAllowed, notCheckedIn } from './rules/post.ts';
import { isPublished } from './rules/roster.ts';
import { enforce } from './rules/verdict.ts';
import * as store from './store.ts';
import * as log from './store-log.ts';

const MINUTE_MS = 60 * 1000;

export interface ShiftRecord {
  shiftId: string;
  unitId: string;
  name: string;
  startsAt: string;
  endsAt: string;
  people: (Person & { role: 'officer' | 'leader' | 'replacement' })[];
  attendance: (log.AttendanceRow & { name: string })[];
  changes: log.Change[];
  /** The 交接班记录 of the unit's shift that ended when this one began, for the one taking over. */
  previousHandover: { shiftId: string; name: string; by: string; at: string; note: string }[];
}

export async function loadPublishedShift(db: Executor, shiftId: string): Promise<Shift> {
  const shift = await store.getShift(db, shiftId);
  if (!shift) throw notFound('班次');
  const roster = await store.getRoster(db, shift.rosterId);
  enforce(isPublished(roster?.state));
  return shift;
}

/** Everyone who may attend the shift: its people and the replacements of approved 离岗. */
export async function attendees(db: Executor, shift: Shift): Promise<{ people: string[]; leaves: log.Change[] }> {
  const leaves = (await log.listChanges(db, { shiftIds: [shift.id], states: ['approved', 'completed'] })).filter(
    (c) => c.kind === 'leave' && c.shiftId === shift.id,
  );
  return {
    people: [...shift.officerIds, ...(shift.leaderId ? [shift.leaderId] : []), ...leaves.map((l) => l.replacementId)],
    leaves,
  };
}

export async function getShiftRecord(deps: Deps, actor: Actor, shiftId: string): Promise<ShiftRecord> {
  const shift = await store.getShift(deps.db, shiftId);
  if (!shift) throw notFound('班次');
  assertAllowed(canViewDuty(actor, shift.unitId));
  return shiftRecord(deps.db, shift);
}

async function shiftRecord(db: Executor, shift: Shift): Promise<ShiftRecord> {
  const { leaves } = await attendees(db, shift);
  const [attendance, changes, before] = await Promise.all([
    log.attendanceOf(db, [shift.id]),
    log.listChanges(db, { shiftIds: [shift.id] }),
    store.findShifts(db, {
      from: new Date(Date.parse(shift.startsAt) - MINUTE_MS).toISOString(),
      to: shift.startsAt,
      unitIds: [shift.unitId],
    }),
  ]);
  // The notes written at the previous shift's end (a 离岗 earlier in that shift is in its own record, and in 交接班记录).
  const ending = new Map(
    before
      .filter((b) => b.endsAt === shift.startsAt)
      .map((b) => [b.id, Date.parse(b.endsAt) - CHECK_OUT_EARLY_MINUTES * MINUTE_MS]),
  );
  const handed = (await log.attendanceOf(db, [...ending.keys()])).filter(
    (a) => a.handoverNote && a.checkedOutAt && Date.parse(a.checkedOutAt) >= ending.get(a.shiftId)!,
  );
  const people = await peopleOf(db, [
    ...shift.officerIds,
    ...(shift.leaderId ? [shift.leaderId] : []),
    ...leaves.map((l) => l.replacementId),
    ...attendance.map((a) => a.userId),
    ...handed.map((h) => h.userId),
  ]);
  const p = (id: string) => people.get(id) ?? { id, name: '', phone: null };
  return {
    shiftId: shift.id,
    unitId: shift.unitId,
    name: shift.name,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    people: [
      ...shift.officerIds.map((id) => ({ ...p(id), role: 'officer' as const })),
      ...(shift.leaderId ? [{ ...p(shift.leaderId), role: 'leader' as const }] : []),
      ...leaves.map((l) => ({ ...p(l.replacementId), role: 'replacement' as const })),
    ],
    attendance: attendance.map((a) => ({ ...a, name: p(a.userId).name })),
    changes,
    previousHandover: handed.map((h) => ({
      shiftId: h.shiftId,
      name: before.find((b) => b.id === h.shiftId)?.name ?? '',
      by: p(h.userId).name,
      at: h.checkedOutAt ?? '',
      note: h.handoverNote ?? '',
    })),
  };
}

/** 到岗. A replacement's check-in completes the 离岗 it answers: the person leaving is checked out and told. */
export async function checkIn(deps: Deps, actor: Actor, shiftId: string): Promise<ShiftRecord> {
  return deps.db.transaction().execute(async (tx) => {
    const shift = await loadPublishedShift(tx, shiftId);
    const { people, leaves } = await attendees(tx, shift);
    assertAllowed(canAttend(actor, { people }));
    const now = deps.clock.now();
    const t = now.toISOString();
    enforce(
      checkInAllowed(
        shift,
        now,
        (await log.attendanceOf(tx, [shift.id])).some((a) => a.userId === actor.id),
      ),
    );
    await log.insertAttendance(tx, {
      id: randomUUID(),
      shiftId,
      userId: actor.id,
      checkedInAt: t,
      checkedOutAt: null,
      handoverNote: null,
    });
    const role = roleIn(actor, shift.unitId, DUTY_ROLES);
    await record(
      tx,
      actor,
      role,
      shift.unitId,
      'duty.check_in',
      `shift:${shiftId}`,
      { shiftId, name: shift.name, startsAt: shift.startsAt },
      now,
    );
    for (const leave of leaves.filter((l) => l.state === 'approved' && l.replacementId === actor.id)) {
      if (!(await log.moveChange(tx, leave.id, 'approved', 'completed', { completedAt: t })))
        throw conflict('RACE', '离岗申请已被他人处理，请刷新');
      await log.checkOut(tx, shiftId, leave.leavingId, t, `离岗，由${actor.name}接替（${timeOf(t)}）`);
      await notifyUsers(
        tx,
        [leave.leavingId],
        {
          kind: 'duty.replaced',
          title: `${actor.name}已到岗接替，可以离岗`,
          body: `${when(shift.startsAt)}「${shift.name}」：接替人员${actor.name}已于 ${timeOf(t)} 到岗，您的离岗申请已办结。`,
          subject: `shift:${shiftId}`,
        },
        now,
      );
      await record(
        tx,
        actor,
        role,
        shift.unitId,
        'duty.leave_complete',
        `shift:${shiftId}`,
        { changeId: leave.id, shiftId, leavingId: leave.leavingId, replacementId: actor.id },
        now,
      );
    }
    return shiftRecord(tx, shift);
  });
}

/** 离岗 at the end of the shift with the 交接班记录; earlier only through an approved 离岗 (then it happens by itself). */
export async function checkOut(deps: Deps, actor: Actor, shiftId: string, handoverNote: string): Promise<ShiftRecord> {
  const note = requireText('handoverNote', '交接班记录', handoverNote, LIMITS.text);
  return deps.db.transaction().execute(async (tx) => {
    const shift = await loadPublishedShift(tx, shiftId);
    assertAllowed(canAttend(actor, { people: (await attendees(tx, shift)).people }));
    const now = deps.clock.now();
    enforce(checkOutAllowed(shift, now));
    if (!(await log.checkOut(tx, shiftId, actor.id, now.toISOString(), note))) throw notCheckedIn();
    await record(
      tx,
      actor,
      roleIn(actor, shift.unitId, DUTY_ROLES),
      shift.unitId,
      'duty.check_out',
      `shift:${shiftId}`,
      { shiftId, name: shift.name, handoverNote: note },
      now,
    );
    return shiftRecord(tx, shift);
  });
}

export interface HandoverEntry {
  shiftId: string;
  shiftName: string;
  startsAt: string;
  endsAt: string;
  person: Person;
  checkedInAt: string;
  checkedOutAt: string;
  note: string;
}

/** 交接班记录 of a unit over [from, to), newest first. */
export async function listHandovers(
  deps: Deps,
  actor: Actor,
  unitId: string,
  from: string,
  to: string,
): Promise<HandoverEntry[]> {
  checkRange(from, to);
  assertAllowed(canViewDuty(actor, unitId));
  const rows = await log.handovers(
    deps.db,
    [unitId],
    shiftTimes(from, '00:00', '00:00').startsAt,
    shiftTimes(to, '00:00', '00:00').startsAt,
  );
  const people = await peopleOf(
    deps.db,
    rows.map((r) => r.user_id),
  );
  return rows.map((r) => ({
    shiftId: r.shift_id,
    shiftName: r.name,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    person: people.get(r.user_id) ?? { id: r.user_id, name: '', phone: null },
    checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at ?? '',
    note: r.handover_note ?? '',
  }));
}
