// What the duty use cases share: the unit and its facts, the people of its duty pool, the ledger line, and everything
// the roster check needs about a roster's surroundings (neighbouring shifts, special days, open emergencies).
import type { Actor } from '../org/model.ts';
import { dutyRole } from '../org/policy/duty.ts';
import { getUnit, getUsersByIds, listChannels, listUnits, usersHoldingRole } from '../org/service.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import type { Calendar } from '../platform/calendar/model.ts';
import type { Executor } from '../platform/db/types.ts';
import { notFound } from '../platform/errors.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import {
  addDays,
  type DutySettings,
  type EmergencyWindow,
  type Person,
  type Shift,
  shiftTimes,
  type SpecialDay,
} from './model.ts';
import { checkRoster, type Finding, type NeighbourShift } from './roster-check.ts';
import { inPool, noNewFindings } from './rules/roster.ts';
import { enforce } from './rules/verdict.ts';
import * as store from './store.ts';
import { type Change, listChanges, listEmergencies, reinforcementsOf } from './store-log.ts';

export interface UnitFacts {
  id: string;
  name: string;
  /** §4.1: a unit with a website or a new-media account is read without interruption. */
  mustCover: boolean;
  settings: DutySettings;
}

export async function unitFacts(db: Executor, unitId: string): Promise<UnitFacts> {
  const unit = await getUnit(db, unitId);
  if (!unit) throw notFound('单位');
  const [channels, settings] = await Promise.all([listChannels(db, unitId), store.getSettings(db, unitId)]);
  return { id: unit.id, name: unit.name, mustCover: channels.length > 0, settings };
}

export const districtUnitIds = async (db: Executor): Promise<string[]> =>
  (await listUnits(db)).filter((u) => u.districtWide).map((u) => u.id);

/** The role an actor signs a duty action with in a unit (policy/duty.ts `dutyRole`). */
export const roleIn = dutyRole;

export async function record(
  tx: Executor,
  actor: Actor,
  role: string,
  unitId: string | null,
  action: string,
  subject: string,
  payload: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await appendLedger(
    tx,
    { actor: { id: actor.id, name: actor.name }, role, unitId: unitId ?? '', action, subject, payload },
    now,
  );
}

/** Names and duty phones of people, by id. */
export async function peopleOf(db: Executor, ids: readonly string[]): Promise<Map<string, Person>> {
  const unique = [...new Set(ids)];
  const [users, phones] = await Promise.all([getUsersByIds(db, unique), store.phonesOf(db, unique)]);
  return new Map([...users.values()].map((u) => [u.id, { id: u.id, name: u.name, phone: phones.get(u.id) ?? null }]));
}

export interface DutyPool {
  officers: Person[]; // 值班人员 (带班领导 may stand an officer's shift too)
  leaders: Person[]; // 带班领导
}

export async function dutyPool(db: Executor, unitId: string): Promise<DutyPool> {
  const [officers, leaders] = await Promise.all([
    usersHoldingRole(db, 'dutyOfficer', unitId),
    usersHoldingRole(db, 'dutyLeader', unitId),
  ]);
  const people = await peopleOf(
    db,
    [...officers, ...leaders].map((u) => u.id),
  );
  const ids = (list: { id: string }[]) => list.map((u) => people.get(u.id)!).filter(Boolean);
  return {
    officers: ids([...officers, ...leaders.filter((l) => !officers.some((o) => o.id === l.id))]),
    leaders: ids(leaders),
  };
}

/** Each id must be in the pool: a 400 naming the field (officerIds.2) and the person otherwise. */
export async function checkPool(
  db: Executor,
  pool: DutyPool,
  ids: readonly string[],
  role: 'officer' | 'leader',
  field: string,
  indexed = true,
): Promise<void> {
  const allowed = (role === 'officer' ? pool.officers : pool.leaders).map((p) => p.id);
  const names = new Map([...(await peopleOf(db, ids)).values()].map((p) => [p.id, p.name]));
  enforce(inPool(allowed, ids, role, field, names, indexed));
}

export const openEmergencies = async (db: Executor, unitId: string): Promise<EmergencyWindow[]> =>
  (await listEmergencies(db, { unitIds: [unitId], openOnly: true })).map((e) => ({
    id: e.id,
    title: e.title,
    startsAt: e.startsAt,
    until: e.until,
  }));

export interface Surroundings {
  cal: Calendar;
  unit: UnitFacts;
  specials: SpecialDay[];
  emergencies: EmergencyWindow[];
}

export async function surroundings(db: Executor, unitId: string, from: string, to: string): Promise<Surroundings> {
  const [cal, unit, specials, emergencies] = await Promise.all([
    loadCalendar(db),
    unitFacts(db, unitId),
    store.listSpecialDays(db, unitId, addDays(from, -1), addDays(to, 1)),
    openEmergencies(db, unitId),
  ]);
  return { cal, unit, specials, emergencies };
}

/**
 * A 离岗's stint: the replacement stands the rest of the shift — from check-in once the 离岗 is completed, else from
 * `from` (the decision, or the shift's start if later) — as its officer, or as its leader when the leader left.
 */
export function stintOf(
  shift: Shift,
  change: Pick<Change, 'id' | 'leavingId' | 'replacementId' | 'completedAt'>,
  from: string,
): Shift {
  const leads = shift.leaderId === change.leavingId;
  const at = change.completedAt ?? from;
  return {
    ...shift,
    id: `${shift.id}:${change.id}`,
    startsAt: at.localeCompare(shift.startsAt) > 0 ? at : shift.startsAt,
    leaderId: leads ? change.replacementId : null,
    officerIds: leads ? [] : [change.replacementId],
  };
}

/** The stints of approved or completed 离岗 these people stand in [from, to): they count in every later check. */
async function stintsOf(db: Executor, people: readonly string[], from: string, to: string): Promise<NeighbourShift[]> {
  const changes = await listChanges(db, {
    replacementIds: people,
    kinds: ['leave'],
    states: ['approved', 'completed'],
  });
  const out: NeighbourShift[] = [];
  for (const c of changes) {
    const shift = await store.getShift(db, c.shiftId);
    if (!shift || shift.endsAt <= from || shift.startsAt >= to) continue;
    const stint = stintOf(shift, c, c.decidedAt ?? shift.startsAt);
    if (stint.startsAt < stint.endsAt)
      out.push({ ...stint, people: [c.replacementId], unitId: shift.unitId, name: `${shift.name}（接替）` });
  }
  return out;
}

/**
 * A reinforcement's stint in an emergency (增加处置力量): from its start to its close. While it is open it counts as the
 * moment it began (on duty then, rest runs from it): an expected end is a guess, and no emergency makes anyone leave
 * a shift they hold later — the real stint counts once it is closed.
 */
export function reinforcementStint(
  e: { id: string; title: string; startsAt: string; closedAt: string | null },
  userId: string,
): NeighbourShift {
  return {
    id: `emergency:${e.id}:${userId}`,
    unitId: '', // not a roster shift: it covers no unit's hours
    name: `突发事件处置：${e.title}`,
    startsAt: e.startsAt,
    endsAt: e.closedAt ?? e.startsAt,
    people: [userId],
  };
}

/**
 * Duty these people stand outside any roster in [from, to): the stints of approved or completed 离岗 they stand in and
 * of the emergencies they reinforced. Every later check sees them — publishing, changes, and generation.
 */
export async function dutiesBeyondRosters(
  db: Executor,
  people: readonly string[],
  from: string,
  to: string,
): Promise<NeighbourShift[]> {
  const emergencies = (await reinforcementsOf(db, people, to))
    .map((e) => reinforcementStint(e, e.userId))
    .filter((x) => x.endsAt >= from);
  return [...(await stintsOf(db, people, from, to)), ...emergencies];
}

/** The roster's findings against its surroundings: other published shifts of the unit and of the people on it. */
export async function findingsOf(
  db: Executor,
  s: Surroundings,
  roster: { id: string; from: string; to: string },
  shifts: readonly Shift[],
): Promise<Finding[]> {
  const restMs = s.unit.settings.minRestMinutes * 60 * 1000;
  const from = new Date(
    Date.parse(shiftTimes(roster.from, '00:00', '00:00').startsAt) - restMs - 86400000,
  ).toISOString();
  const to = new Date(Date.parse(shiftTimes(roster.to, '00:00', '00:00').startsAt) + restMs + 86400000).toISOString();
  const people = [...new Set(shifts.flatMap((x) => [...x.officerIds, ...(x.leaderId ? [x.leaderId] : [])]))];
  const [ofUnit, ofPeople] = await Promise.all([
    store.findShifts(db, { from, to, unitIds: [s.unit.id], excludeRosterId: roster.id }),
    store.findShifts(db, { from, to, userIds: people, excludeRosterId: roster.id }),
  ]);
  const neighbours = new Map(
    [...ofUnit, ...ofPeople].map((n) => [
      n.id,
      {
        id: n.id,
        unitId: n.unitId,
        name: n.name,
        startsAt: n.startsAt,
        endsAt: n.endsAt,
        people: [...n.officerIds, ...(n.leaderId ? [n.leaderId] : [])],
      },
    ]),
  );
  for (const stint of await dutiesBeyondRosters(db, people, from, to)) neighbours.set(stint.id, stint);
  const names = new Map([...(await peopleOf(db, people)).values()].map((p) => [p.id, p.name]));
  const hasPrevious = (await store.listRosters(db, s.unit.id, addDays(roster.from, -1), roster.from)).some(
    (r) => r.state === 'published' && r.to === roster.from,
  );
  const days = { from: addDays(roster.from, -1), to: addDays(roster.to, 1) };
  const unavailable = await store.listUnavailability(db, { userIds: people }, days.from, days.to);
  return checkRoster(s.cal, {
    unitId: s.unit.id,
    mustCover: s.unit.mustCover,
    hasPrevious,
    from: roster.from,
    to: roster.to,
    shifts,
    neighbours: [...neighbours.values()],
    specials: s.specials,
    emergencies: s.emergencies,
    unavailable,
    minRestMinutes: s.unit.settings.minRestMinutes,
    names,
  });
}

/**
 * Runs `apply` and refuses (422, rolled back with the caller's transaction) if it gave a published roster a finding it
 * did not have: a published roster only changes for the better or stays as good.
 */
export async function withoutNewFindings<T>(
  tx: Executor,
  rosters: readonly { id: string; unitId: string; from: string; to: string; state: string }[],
  apply: () => Promise<T>,
  refusal: string,
): Promise<T> {
  const published = rosters.filter((r) => r.state === 'published');
  const checks = await Promise.all(
    published.map(async (r) => ({ r, s: await surroundings(tx, r.unitId, r.from, r.to) })),
  );
  const current = async () =>
    (
      await Promise.all(checks.map(async ({ r, s }) => findingsOf(tx, s, r, await store.shiftsOfRoster(tx, r.id))))
    ).flat();
  const before = await current();
  const result = await apply();
  enforce(noNewFindings(before, await current(), refusal));
  return result;
}
