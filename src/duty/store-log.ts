// Kysely queries of what happens on duty: attendance with 交接班记录, swap and 离岗 requests, 上级通知登记, 读网记录,
// emergencies, calendar feed tokens and 班前提醒. With store.ts, the only files that name the duty_* tables.
import type { Selectable } from 'kysely';
import type { Executor } from '../platform/db/types.ts';
import type { DutyChangesTable, DutyEmergenciesTable } from '../platform/db/tables/duty.ts';
import type { Attendance } from './presence.ts';

export interface AttendanceRow extends Attendance {
  id: string;
  handoverNote: string | null;
}

export async function attendanceOf(db: Executor, shiftIds: readonly string[]): Promise<AttendanceRow[]> {
  if (shiftIds.length === 0) return [];
  const rows = await db
    .selectFrom('duty_attendance')
    .selectAll()
    .where('shift_id', 'in', [...shiftIds])
    .orderBy('checked_in_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    shiftId: r.shift_id,
    userId: r.user_id,
    checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at,
    handoverNote: r.handover_note,
  }));
}

export async function insertAttendance(db: Executor, a: AttendanceRow): Promise<void> {
  await db
    .insertInto('duty_attendance')
    .values({
      id: a.id,
      shift_id: a.shiftId,
      user_id: a.userId,
      checked_in_at: a.checkedInAt,
      checked_out_at: a.checkedOutAt,
      handover_note: a.handoverNote,
    })
    .execute();
}

/** Checks a person out once; false if they were not checked in or already out. */
export async function checkOut(
  db: Executor,
  shiftId: string,
  userId: string,
  at: string,
  note: string | null,
): Promise<boolean> {
  const res = await db
    .updateTable('duty_attendance')
    .set({ checked_out_at: at, handover_note: note })
    .where('shift_id', '=', shiftId)
    .where('user_id', '=', userId)
    .where('checked_out_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Check-outs with a 交接班记录 of a unit's shifts over [from, to), newest first. */
export async function handovers(db: Executor, unitIds: readonly string[], from: string, to: string) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('duty_attendance as a')
    .innerJoin('duty_shifts as s', 's.id', 'a.shift_id')
    .select([
      'a.shift_id',
      'a.user_id',
      'a.checked_in_at',
      'a.checked_out_at',
      'a.handover_note',
      's.unit_id',
      's.name',
      's.starts_at',
      's.ends_at',
    ])
    .where('s.unit_id', 'in', [...unitIds])
    .where('a.checked_out_at', '>=', from)
    .where('a.checked_out_at', '<', to)
    .where('a.handover_note', 'is not', null)
    .orderBy('a.checked_out_at', 'desc')
    .limit(500)
    .execute();
}

export type ChangeKind = 'swap' | 'leave';
export type ChangeState = 'requested' | 'approved' | 'rejected' | 'completed';

export interface Change {
  id: string;
  unitId: string;
  kind: ChangeKind;
  shiftId: string;
  counterShiftId: string | null;
  leavingId: string;
  replacementId: string;
  reason: string;
  state: ChangeState;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  completedAt: string | null;
}

const toChange = (r: Selectable<DutyChangesTable>): Change => ({
  id: r.id,
  unitId: r.unit_id,
  kind: r.kind as ChangeKind,
  shiftId: r.shift_id,
  counterShiftId: r.counter_shift_id,
  leavingId: r.leaving_id,
  replacementId: r.replacement_id,
  reason: r.reason,
  state: r.state as ChangeState,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
  completedAt: r.completed_at,
});

export async function insertChange(db: Executor, c: Change): Promise<void> {
  await db
    .insertInto('duty_changes')
    .values({
      id: c.id,
      unit_id: c.unitId,
      kind: c.kind,
      shift_id: c.shiftId,
      counter_shift_id: c.counterShiftId,
      leaving_id: c.leavingId,
      replacement_id: c.replacementId,
      reason: c.reason,
      state: c.state,
      requested_by: c.requestedBy,
      requested_at: c.requestedAt,
      decided_by: null,
      decided_at: null,
      decision_note: null,
      completed_at: null,
    })
    .execute();
}

export async function getChange(db: Executor, id: string): Promise<Change | null> {
  const r = await db.selectFrom('duty_changes').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toChange(r) : null;
}

export async function listChanges(
  db: Executor,
  q: {
    unitIds?: readonly string[];
    shiftIds?: readonly string[];
    replacementIds?: readonly string[];
    kinds?: readonly ChangeKind[];
    states?: readonly ChangeState[];
  },
): Promise<Change[]> {
  if (q.unitIds?.length === 0 || q.shiftIds?.length === 0 || q.replacementIds?.length === 0) return [];
  let query = db.selectFrom('duty_changes').selectAll();
  if (q.unitIds) query = query.where('unit_id', 'in', [...q.unitIds]);
  if (q.replacementIds) query = query.where('replacement_id', 'in', [...q.replacementIds]);
  if (q.kinds) query = query.where('kind', 'in', [...q.kinds]);
  if (q.shiftIds) {
    const ids = [...q.shiftIds];
    query = query.where((eb) => eb.or([eb('shift_id', 'in', ids), eb('counter_shift_id', 'in', ids)]));
  }
  if (q.states) query = query.where('state', 'in', [...q.states]);
  return (await query.orderBy('requested_at', 'desc').orderBy('id').limit(500).execute()).map(toChange);
}

/** Moves a change from one state to the next; false if it was no longer in `from`. */
export async function moveChange(
  db: Executor,
  id: string,
  from: ChangeState,
  to: ChangeState,
  p: { decidedBy?: string; decidedAt?: string; decisionNote?: string | null; completedAt?: string },
): Promise<boolean> {
  const res = await db
    .updateTable('duty_changes')
    .set({
      state: to,
      ...(p.decidedBy !== undefined && {
        decided_by: p.decidedBy,
        decided_at: p.decidedAt,
        decision_note: p.decisionNote ?? null,
      }),
      ...(p.completedAt !== undefined && { completed_at: p.completedAt }),
    })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface Notice {
  id: string;
  unitId: string;
  receivedAt: string;
  fromWhom: string;
  content: string;
  toldUserIds: string[];
  toldOthers: string;
  recordedBy: string;
  createdAt: string;
}

export async function insertNotice(db: Executor, n: Notice): Promise<void> {
  await db
    .insertInto('duty_notices')
    .values({
      id: n.id,
      unit_id: n.unitId,
      received_at: n.receivedAt,
      from_whom: n.fromWhom,
      content: n.content,
      told_user_ids: JSON.stringify(n.toldUserIds),
      told_others: n.toldOthers,
      recorded_by: n.recordedBy,
      created_at: n.createdAt,
    })
    .execute();
}

export async function listNotices(
  db: Executor,
  unitIds: readonly string[],
  from: string,
  to: string,
): Promise<Notice[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('duty_notices')
    .selectAll()
    .where('unit_id', 'in', [...unitIds])
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .orderBy('received_at', 'desc')
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    receivedAt: r.received_at,
    fromWhom: r.from_whom,
    content: r.content,
    toldUserIds: JSON.parse(r.told_user_ids) as string[],
    toldOthers: r.told_others,
    recordedBy: r.recorded_by,
    createdAt: r.created_at,
  }));
}

export interface Reading {
  id: string;
  unitId: string;
  userId: string;
  readAt: string;
  pages: string[];
  anomalies: string;
  createdAt: string;
}

export async function insertReading(db: Executor, r: Reading): Promise<void> {
  await db
    .insertInto('duty_readings')
    .values({
      id: r.id,
      unit_id: r.unitId,
      user_id: r.userId,
      read_at: r.readAt,
      pages: JSON.stringify(r.pages),
      anomalies: r.anomalies,
      created_at: r.createdAt,
    })
    .execute();
}

export async function listReadings(db: Executor, unitId: string, from: string, to: string): Promise<Reading[]> {
  const rows = await db
    .selectFrom('duty_readings')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('read_at', '>=', from)
    .where('read_at', '<', to)
    .orderBy('read_at')
    .orderBy('id')
    .limit(5000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    userId: r.user_id,
    readAt: r.read_at,
    pages: JSON.parse(r.pages) as string[],
    anomalies: r.anomalies,
    createdAt: r.created_at,
  }));
}

export interface Emergency {
  id: string;
  unitId: string | null;
  title: string;
  description: string;
  startsAt: string;
  until: string | null;
  state: 'open' | 'closed';
  declaredBy: string;
  closedBy: string | null;
  closedAt: string | null;
  summary: string | null;
  /** Why the roster findings of the people it added were overridden (null: none were). */
  overrideReason: string | null;
  findings: EmergencyFinding[];
  people: { userId: string; role: 'extra' | 'leader'; unitId: string }[];
}

/** A roster finding an emergency overrode with its reason: shown with the emergency, never silent. */
export interface EmergencyFinding {
  code: string;
  message: string;
  userId: string | null;
}

const toEmergency = (r: Selectable<DutyEmergenciesTable>): Omit<Emergency, 'people'> => ({
  id: r.id,
  unitId: r.unit_id,
  title: r.title,
  description: r.description,
  startsAt: r.starts_at,
  until: r.until,
  state: r.state as Emergency['state'],
  declaredBy: r.declared_by,
  closedBy: r.closed_by,
  closedAt: r.closed_at,
  summary: r.summary,
  overrideReason: r.override_reason,
  findings: JSON.parse(r.findings) as EmergencyFinding[],
});

export async function insertEmergency(db: Executor, e: Emergency): Promise<void> {
  await db
    .insertInto('duty_emergencies')
    .values({
      id: e.id,
      unit_id: e.unitId,
      title: e.title,
      description: e.description,
      starts_at: e.startsAt,
      until: e.until,
      state: e.state,
      declared_by: e.declaredBy,
      closed_by: null,
      closed_at: null,
      summary: null,
      override_reason: e.overrideReason,
      findings: JSON.stringify(e.findings),
    })
    .execute();
  if (e.people.length) {
    await db
      .insertInto('duty_emergency_people')
      .values(e.people.map((p) => ({ emergency_id: e.id, user_id: p.userId, role: p.role, unit_id: p.unitId })))
      .execute();
  }
}

/** Emergencies of a unit (and the district's); open ones only, or all overlapping [from, to). */
export async function listEmergencies(
  db: Executor,
  q: { unitIds?: readonly string[] | 'all'; openOnly?: boolean; id?: string },
): Promise<Emergency[]> {
  let query = db.selectFrom('duty_emergencies').selectAll();
  if (q.id) query = query.where('id', '=', q.id);
  if (q.openOnly) query = query.where('state', '=', 'open');
  if (Array.isArray(q.unitIds)) {
    const ids = [...q.unitIds];
    query = query.where((eb) =>
      ids.length ? eb.or([eb('unit_id', 'in', ids), eb('unit_id', 'is', null)]) : eb('unit_id', 'is', null),
    );
  }
  const rows = await query.orderBy('starts_at', 'desc').orderBy('id').limit(200).execute();
  if (rows.length === 0) return [];
  const people = await db
    .selectFrom('duty_emergency_people')
    .selectAll()
    .where(
      'emergency_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('role')
    .orderBy('user_id')
    .execute();
  return rows.map((r) => ({
    ...toEmergency(r),
    people: people
      .filter((p) => p.emergency_id === r.id)
      .map((p) => ({ userId: p.user_id, role: p.role as 'extra' | 'leader', unitId: p.unit_id })),
  }));
}

/** The emergencies these people were added to as reinforcements (增加处置力量), begun before `to`. */
export async function reinforcementsOf(
  db: Executor,
  userIds: readonly string[],
  to: string,
): Promise<(Omit<Emergency, 'people'> & { userId: string })[]> {
  if (!userIds.length) return [];
  const rows = await db
    .selectFrom('duty_emergency_people as p')
    .innerJoin('duty_emergencies as e', 'e.id', 'p.emergency_id')
    .selectAll('e')
    .select('p.user_id as person')
    .where('p.role', '=', 'extra')
    .where('p.user_id', 'in', [...userIds])
    .where('e.starts_at', '<', to)
    .orderBy('e.starts_at')
    .execute();
  return rows.map((r) => ({ ...toEmergency(r), userId: r.person }));
}

export async function closeEmergency(
  db: Executor,
  id: string,
  by: string,
  at: string,
  summary: string,
): Promise<boolean> {
  const res = await db
    .updateTable('duty_emergencies')
    .set({ state: 'closed', closed_by: by, closed_at: at, summary })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface FeedToken {
  id: string;
  kind: 'user' | 'unit';
  ownerId: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

const FEED_COLUMNS = ['id', 'kind', 'owner_id', 'created_by', 'created_at', 'revoked_at'] as const;
const toFeed = (r: {
  id: string;
  kind: string;
  owner_id: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}): FeedToken => ({
  id: r.id,
  kind: r.kind as FeedToken['kind'],
  ownerId: r.owner_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

export async function insertFeedToken(db: Executor, f: FeedToken, tokenHash: string): Promise<void> {
  await db
    .insertInto('duty_feed_tokens')
    .values({
      id: f.id,
      kind: f.kind,
      owner_id: f.ownerId,
      token_hash: tokenHash,
      created_by: f.createdBy,
      created_at: f.createdAt,
      revoked_at: null,
    })
    .execute();
}

export async function feedByHash(db: Executor, tokenHash: string): Promise<FeedToken | null> {
  const r = await db
    .selectFrom('duty_feed_tokens')
    .select(FEED_COLUMNS)
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r ? toFeed(r) : null;
}

export async function getFeedToken(db: Executor, id: string): Promise<FeedToken | null> {
  const r = await db.selectFrom('duty_feed_tokens').select(FEED_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toFeed(r) : null;
}

export async function listFeedTokens(
  db: Executor,
  owners: { kind: 'user' | 'unit'; ownerId: string }[],
): Promise<FeedToken[]> {
  if (owners.length === 0) return [];
  const rows = await db
    .selectFrom('duty_feed_tokens')
    .select(FEED_COLUMNS)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or(owners.map((o) => eb.and([eb('kind', '=', o.kind), eb('owner_id', '=', o.ownerId)]))))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toFeed);
}

/** Revokes the owner's active tokens (a new one replaces them) or one token by id. */
export async function revokeFeedTokens(
  db: Executor,
  at: string,
  by: { kind: 'user' | 'unit'; ownerId: string } | { id: string },
): Promise<number> {
  let q = db.updateTable('duty_feed_tokens').set({ revoked_at: at }).where('revoked_at', 'is', null);
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('kind', '=', by.kind).where('owner_id', '=', by.ownerId);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function reminderSent(db: Executor, shiftId: string, userId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('duty_reminders')
    .select('shift_id')
    .where('shift_id', '=', shiftId)
    .where('user_id', '=', userId)
    .executeTakeFirst());
}

export async function insertReminder(db: Executor, shiftId: string, userId: string, at: string): Promise<void> {
  await db.insertInto('duty_reminders').values({ shift_id: shiftId, user_id: userId, sent_at: at }).execute();
}
