// Kysely queries of the roster: settings, templates, special days, unavailability, rosters, shifts and the people on
// them, contacts. With store-log.ts, the only files that name the duty_* tables; every query runs on both engines.
import type { Selectable } from 'kysely';
import type { Executor } from '../platform/db/types.ts';
import type {
  DutyShiftsTable,
  DutySpecialDaysTable,
  DutyTemplatesTable,
  DutyUnavailabilityTable,
} from '../platform/db/tables/duty.ts';
import {
  DEFAULT_SETTINGS,
  type DayKind,
  type DutySettings,
  type Shift,
  type SpecialDay,
  type SpecialKind,
  type Template,
} from './model.ts';

export async function getSettings(db: Executor, unitId: string): Promise<DutySettings> {
  const r = await db.selectFrom('duty_settings').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  if (!r) return { unitId, ...DEFAULT_SETTINGS, readings: { ...DEFAULT_SETTINGS.readings } };
  return {
    unitId,
    minRestMinutes: Number(r.min_rest_minutes),
    remindMinutes: Number(r.remind_minutes),
    readings: {
      working: Number(r.readings_working),
      rest: Number(r.readings_rest),
      holiday: Number(r.readings_holiday),
    },
  };
}

export async function saveSettings(db: Executor, s: DutySettings, by: string, at: string): Promise<void> {
  const values = {
    min_rest_minutes: s.minRestMinutes,
    remind_minutes: s.remindMinutes,
    readings_working: s.readings.working,
    readings_rest: s.readings.rest,
    readings_holiday: s.readings.holiday,
    updated_by: by,
    updated_at: at,
  };
  await db
    .insertInto('duty_settings')
    .values({ unit_id: s.unitId, ...values })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
    .execute();
}

const toTemplate = (r: Selectable<DutyTemplatesTable>): Template => ({
  id: r.id,
  unitId: r.unit_id,
  name: r.name,
  start: r.start_time,
  end: r.end_time,
  dayKinds: JSON.parse(r.day_kinds) as DayKind[],
  leaderRequired: Number(r.leader_required) === 1,
  hard: Number(r.hard) === 1,
  active: Number(r.active) === 1,
  sort: Number(r.sort),
});

export async function listTemplates(db: Executor, unitId: string): Promise<Template[]> {
  return (
    await db
      .selectFrom('duty_templates')
      .selectAll()
      .where('unit_id', '=', unitId)
      .orderBy('sort')
      .orderBy('name')
      .execute()
  ).map(toTemplate);
}

export async function getTemplate(db: Executor, id: string): Promise<Template | null> {
  const r = await db.selectFrom('duty_templates').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toTemplate(r) : null;
}

export async function findTemplateByName(db: Executor, unitId: string, name: string): Promise<Template | null> {
  const r = await db
    .selectFrom('duty_templates')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('name', '=', name)
    .executeTakeFirst();
  return r ? toTemplate(r) : null;
}

export async function saveTemplate(db: Executor, t: Template, at: string, isNew: boolean): Promise<void> {
  const values = {
    name: t.name,
    start_time: t.start,
    end_time: t.end,
    day_kinds: JSON.stringify(t.dayKinds),
    leader_required: t.leaderRequired ? 1 : 0,
    hard: t.hard ? 1 : 0,
    active: t.active ? 1 : 0,
    sort: t.sort,
    updated_at: at,
  };
  if (isNew)
    await db
      .insertInto('duty_templates')
      .values({ id: t.id, unit_id: t.unitId, created_at: at, ...values })
      .execute();
  else await db.updateTable('duty_templates').set(values).where('id', '=', t.id).execute();
}

const toSpecialDay = (r: Selectable<DutySpecialDaysTable>): SpecialDay => ({
  id: r.id,
  unitId: r.unit_id,
  day: r.day,
  kind: r.kind as SpecialKind,
  name: r.name,
});

export async function listSpecialDays(
  db: Executor,
  unitId: string | null,
  from: string,
  to: string,
): Promise<SpecialDay[]> {
  const rows = await db
    .selectFrom('duty_special_days')
    .selectAll()
    .where('day', '>=', from)
    .where('day', '<', to)
    .where((eb) =>
      unitId ? eb.or([eb('unit_id', '=', unitId), eb('unit_id', 'is', null)]) : eb('unit_id', 'is', null),
    )
    .orderBy('day')
    .orderBy('id')
    .execute();
  return rows.map(toSpecialDay);
}

export async function getSpecialDay(db: Executor, id: string): Promise<SpecialDay | null> {
  const r = await db.selectFrom('duty_special_days').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toSpecialDay(r) : null;
}

export async function insertSpecialDay(db: Executor, d: SpecialDay, by: string, at: string): Promise<void> {
  await db
    .insertInto('duty_special_days')
    .values({ id: d.id, unit_id: d.unitId, day: d.day, kind: d.kind, name: d.name, created_by: by, created_at: at })
    .execute();
}

export const deleteSpecialDay = async (db: Executor, id: string) => {
  await db.deleteFrom('duty_special_days').where('id', '=', id).execute();
};

export interface Unavailability {
  id: string;
  unitId: string;
  userId: string;
  startsOn: string;
  endsOn: string; // exclusive: the day after the last (the API speaks of the last day, setup.ts daysOf)
  reason: string;
}

const toUnavailability = (r: Selectable<DutyUnavailabilityTable>): Unavailability => ({
  id: r.id,
  unitId: r.unit_id,
  userId: r.user_id,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  reason: r.reason,
});

/** Entries of these people (or of a unit) overlapping [from, to). */
export async function listUnavailability(
  db: Executor,
  by: { userIds?: readonly string[]; unitId?: string },
  from: string,
  to: string,
): Promise<Unavailability[]> {
  if (by.userIds?.length === 0) return [];
  let q = db.selectFrom('duty_unavailability').selectAll().where('starts_on', '<', to).where('ends_on', '>', from);
  if (by.userIds) q = q.where('user_id', 'in', [...by.userIds]);
  if (by.unitId) q = q.where('unit_id', '=', by.unitId);
  return (await q.orderBy('starts_on').orderBy('id').execute()).map(toUnavailability);
}

export async function getUnavailability(db: Executor, id: string): Promise<Unavailability | null> {
  const r = await db.selectFrom('duty_unavailability').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toUnavailability(r) : null;
}

export async function insertUnavailability(db: Executor, u: Unavailability, by: string, at: string): Promise<void> {
  await db
    .insertInto('duty_unavailability')
    .values({
      id: u.id,
      unit_id: u.unitId,
      user_id: u.userId,
      starts_on: u.startsOn,
      ends_on: u.endsOn,
      reason: u.reason,
      created_by: by,
      created_at: at,
    })
    .execute();
}

export const deleteUnavailability = async (db: Executor, id: string) => {
  await db.deleteFrom('duty_unavailability').where('id', '=', id).execute();
};

export interface Roster {
  id: string;
  unitId: string;
  from: string;
  to: string; // exclusive
  state: 'draft' | 'published';
  version: number;
  createdBy: string;
  createdAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
}

const ROSTER_COLUMNS = [
  'id',
  'unit_id',
  'starts_on',
  'ends_on',
  'state',
  'version',
  'created_by',
  'created_at',
  'published_by',
  'published_at',
] as const;
type RosterRow = {
  [K in (typeof ROSTER_COLUMNS)[number]]: K extends 'version'
    ? number
    : K extends 'published_by' | 'published_at'
      ? string | null
      : string;
};
const toRoster = (r: RosterRow): Roster => ({
  id: r.id,
  unitId: r.unit_id,
  from: r.starts_on,
  to: r.ends_on,
  state: r.state as Roster['state'],
  version: Number(r.version),
  createdBy: r.created_by,
  createdAt: r.created_at,
  publishedBy: r.published_by,
  publishedAt: r.published_at,
});

export async function insertRoster(db: Executor, r: Roster): Promise<void> {
  await db
    .insertInto('duty_rosters')
    .values({
      id: r.id,
      unit_id: r.unitId,
      starts_on: r.from,
      ends_on: r.to,
      state: r.state,
      version: r.version,
      created_by: r.createdBy,
      created_at: r.createdAt,
      updated_at: r.createdAt,
      published_by: null,
      published_at: null,
    })
    .execute();
}

export async function getRoster(db: Executor, id: string): Promise<Roster | null> {
  const r = await db.selectFrom('duty_rosters').select(ROSTER_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toRoster(r) : null;
}

/** A unit's rosters, newest period first; with from/to only those overlapping [from, to). */
export async function listRosters(db: Executor, unitId: string, from?: string, to?: string): Promise<Roster[]> {
  let q = db.selectFrom('duty_rosters').select(ROSTER_COLUMNS).where('unit_id', '=', unitId);
  if (from && to) q = q.where('starts_on', '<', to).where('ends_on', '>', from);
  return (await q.orderBy('starts_on', 'desc').orderBy('id').limit(200).execute()).map(toRoster);
}

/** Bumps the version the caller saw (optimistic lock); false if someone changed the roster first. */
export async function touchRoster(db: Executor, r: Roster, at: string, publish?: { by: string }): Promise<boolean> {
  const res = await db
    .updateTable('duty_rosters')
    .set({
      version: r.version + 1,
      updated_at: at,
      ...(publish && { state: 'published', published_by: publish.by, published_at: at }),
    })
    .where('id', '=', r.id)
    .where('version', '=', r.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function countShifts(db: Executor, rosterIds: readonly string[]): Promise<Map<string, number>> {
  if (rosterIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('duty_shifts')
    .select(['roster_id', (eb) => eb.fn.countAll().as('n')])
    .where('roster_id', 'in', [...rosterIds])
    .groupBy('roster_id')
    .execute();
  return new Map(rows.map((r) => [r.roster_id, Number(r.n)]));
}

export async function deleteRoster(db: Executor, id: string): Promise<void> {
  const shifts = db.selectFrom('duty_shifts').select('id').where('roster_id', '=', id);
  await db.deleteFrom('duty_shift_people').where('shift_id', 'in', shifts).execute();
  await db.deleteFrom('duty_shifts').where('roster_id', '=', id).execute();
  await db.deleteFrom('duty_rosters').where('id', '=', id).execute();
}

type ShiftRow = Selectable<DutyShiftsTable>;

async function withPeople(db: Executor, rows: ShiftRow[]): Promise<Shift[]> {
  if (rows.length === 0) return [];
  const people = await db
    .selectFrom('duty_shift_people')
    .selectAll()
    .where(
      'shift_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('shift_id')
    .orderBy('role')
    .orderBy('user_id')
    .execute();
  return rows.map((r) => {
    const mine = people.filter((p) => p.shift_id === r.id);
    return {
      id: r.id,
      rosterId: r.roster_id,
      unitId: r.unit_id,
      templateId: r.template_id,
      name: r.name,
      day: r.day,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      hard: Number(r.hard) === 1,
      leaderRequired: Number(r.leader_required) === 1,
      version: Number(r.version),
      leaderId: mine.find((p) => p.role === 'leader')?.user_id ?? null,
      officerIds: mine.filter((p) => p.role === 'officer').map((p) => p.user_id),
    };
  });
}

export async function shiftsOfRoster(db: Executor, rosterId: string): Promise<Shift[]> {
  const rows = await db
    .selectFrom('duty_shifts')
    .selectAll()
    .where('roster_id', '=', rosterId)
    .orderBy('starts_at')
    .orderBy('name')
    .execute();
  return withPeople(db, rows);
}

export async function getShift(db: Executor, id: string): Promise<Shift | null> {
  const rows = await db.selectFrom('duty_shifts').selectAll().where('id', '=', id).execute();
  return (await withPeople(db, rows))[0] ?? null;
}

export interface ShiftQuery {
  from: string; // ISO instant
  to: string;
  unitIds?: readonly string[];
  userIds?: readonly string[]; // held by any of these people
  excludeRosterId?: string;
  publishedOnly?: boolean;
}

/** Shifts overlapping [from, to): of some units and/or held by some people; published only unless asked otherwise. */
export async function findShifts(db: Executor, q: ShiftQuery): Promise<Shift[]> {
  if (q.unitIds?.length === 0 || q.userIds?.length === 0) return [];
  let query = db
    .selectFrom('duty_shifts as s')
    .innerJoin('duty_rosters as r', 'r.id', 's.roster_id')
    .selectAll('s')
    .where('s.starts_at', '<', q.to)
    .where('s.ends_at', '>', q.from);
  if (q.publishedOnly !== false) query = query.where('r.state', '=', 'published');
  if (q.unitIds) query = query.where('s.unit_id', 'in', [...q.unitIds]);
  if (q.excludeRosterId) query = query.where('s.roster_id', '!=', q.excludeRosterId);
  if (q.userIds)
    query = query.where(
      's.id',
      'in',
      db
        .selectFrom('duty_shift_people')
        .select('shift_id')
        .where('user_id', 'in', [...q.userIds!]),
    );
  return withPeople(db, await query.orderBy('s.starts_at').orderBy('s.name').limit(5000).execute());
}

export async function insertShifts(db: Executor, shifts: readonly Shift[], at: string): Promise<void> {
  if (shifts.length === 0) return;
  for (let i = 0; i < shifts.length; i += 200) {
    const batch = shifts.slice(i, i + 200);
    await db
      .insertInto('duty_shifts')
      .values(
        batch.map((s) => ({
          id: s.id,
          roster_id: s.rosterId,
          unit_id: s.unitId,
          template_id: s.templateId,
          name: s.name,
          day: s.day,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
          hard: s.hard ? 1 : 0,
          leader_required: s.leaderRequired ? 1 : 0,
          version: s.version,
          created_at: at,
        })),
      )
      .execute();
    const people = batch.flatMap((s) => [
      ...s.officerIds.map((u) => ({ shift_id: s.id, user_id: u, role: 'officer' })),
      ...(s.leaderId ? [{ shift_id: s.id, user_id: s.leaderId, role: 'leader' }] : []),
    ]);
    if (people.length) await db.insertInto('duty_shift_people').values(people).execute();
  }
}

export async function deleteShift(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('duty_reminders').where('shift_id', '=', id).execute();
  await db.deleteFrom('duty_shift_people').where('shift_id', '=', id).execute();
  await db.deleteFrom('duty_shifts').where('id', '=', id).execute();
}

/** Replaces a shift's times and people (a drag-and-drop edit, a swap); false if its version moved on. */
export async function replaceShift(db: Executor, s: Shift): Promise<boolean> {
  const res = await db
    .updateTable('duty_shifts')
    .set({
      template_id: s.templateId,
      name: s.name,
      day: s.day,
      starts_at: s.startsAt,
      ends_at: s.endsAt,
      hard: s.hard ? 1 : 0,
      leader_required: s.leaderRequired ? 1 : 0,
      version: s.version + 1,
    })
    .where('id', '=', s.id)
    .where('version', '=', s.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await db.deleteFrom('duty_shift_people').where('shift_id', '=', s.id).execute();
  const people = [
    ...s.officerIds.map((u) => ({ shift_id: s.id, user_id: u, role: 'officer' })),
    ...(s.leaderId ? [{ shift_id: s.id, user_id: s.leaderId, role: 'leader' }] : []),
  ];
  if (people.length) await db.insertInto('duty_shift_people').values(people).execute();
  return true;
}

export async function phonesOf(db: Executor, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('duty_contacts')
    .select(['user_id', 'phone'])
    .where('user_id', 'in', [...userIds])
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.phone]));
}

export async function savePhone(db: Executor, userId: string, phone: string, by: string, at: string): Promise<void> {
  await db
    .insertInto('duty_contacts')
    .values({ user_id: userId, phone, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ phone, updated_by: by, updated_at: at }))
    .execute();
}
