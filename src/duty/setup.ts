// Setting up a unit's duty: settings (rest between shifts, 读网 rounds, reminder lead), shift templates (班次), 重大活动 /
// 重要节点 days, who cannot take duty when, duty phones; and the calendar the roster screen reads.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import {
  canEditPerson,
  canManageRoster,
  canMarkSpecialDay,
  canViewDuty,
  DUTY_ROLES,
  dutyUnitsOf,
} from '../org/policy/duty.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { loadActor } from '../org/service.ts';
import { isIsoDate } from '../platform/calendar/model.ts';
import { invalid, notFound } from '../platform/errors.ts';
import {
  type DutyPool,
  districtUnitIds,
  dutyPool,
  peopleOf,
  record,
  roleIn,
  surroundings,
  unitFacts,
} from './context.ts';
import {
  addDays,
  checkRange,
  checkSettings,
  checkTemplate,
  dayOf,
  type DutySettings,
  LIMITS,
  requireText,
  type SpecialDay,
  type SpecialKind,
  shiftTimes,
  type Template,
  type TemplateInput,
} from './model.ts';
import { type DayView, dayViews, type ShiftView, shiftViews } from './roster-view.ts';
import { dutyPhone, specialDayFields, templateFits } from './rules/setup.ts';
import { enforce } from './rules/verdict.ts';
import * as store from './store.ts';
import { listEmergencies } from './store-log.ts';

export interface DutySetup {
  unitId: string;
  unitName: string;
  mustCover: boolean;
  settings: DutySettings;
  templates: Template[];
  pool: DutyPool;
  abilities: { canManage: boolean };
}

export async function getSetup(deps: Deps, actor: Actor, unitId: string): Promise<DutySetup> {
  assertAllowed(canViewDuty(actor, unitId));
  const unit = await unitFacts(deps.db, unitId);
  const [templates, pool] = await Promise.all([store.listTemplates(deps.db, unitId), dutyPool(deps.db, unitId)]);
  return {
    unitId,
    unitName: unit.name,
    mustCover: unit.mustCover,
    settings: unit.settings,
    templates,
    pool,
    abilities: { canManage: canManageRoster(actor, unitId).allowed },
  };
}

export async function saveSettings(
  deps: Deps,
  actor: Actor,
  unitId: string,
  input: Omit<DutySettings, 'unitId'>,
): Promise<DutySetup> {
  assertAllowed(canManageRoster(actor, unitId));
  const settings = { unitId, ...checkSettings(input) };
  await deps.db.transaction().execute(async (tx) => {
    const before = (await unitFacts(tx, unitId)).settings;
    const now = deps.clock.now();
    await store.saveSettings(tx, settings, actor.id, now.toISOString());
    await record(
      tx,
      actor,
      roleIn(actor, unitId),
      unitId,
      'duty.settings',
      `unit:${unitId}`,
      { before, after: settings },
      now,
    );
  });
  return getSetup(deps, actor, unitId);
}

/** Creates a template (no id) or changes one; a template in use is never deleted, only switched off (active: false). */
export async function saveTemplate(
  deps: Deps,
  actor: Actor,
  where: { unitId?: string; id?: string },
  input: Partial<TemplateInput>,
): Promise<Template> {
  return deps.db.transaction().execute(async (tx) => {
    const existing = where.id ? await store.getTemplate(tx, where.id) : null;
    if (where.id && !existing) throw notFound('班次');
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const fields = checkTemplate({ ...existing, ...given });
    const unitId = existing?.unitId ?? where.unitId!;
    assertAllowed(canManageRoster(actor, unitId));
    await unitFacts(tx, unitId);
    const all = await store.listTemplates(tx, unitId);
    enforce(templateFits(all, fields.name, existing?.id ?? null));
    const template: Template = {
      id: existing?.id ?? randomUUID(),
      unitId,
      sort: existing?.sort ?? all.length + 1,
      active: existing?.active ?? true,
      ...fields,
    };
    const now = deps.clock.now();
    await store.saveTemplate(tx, template, now.toISOString(), !existing);
    await record(
      tx,
      actor,
      roleIn(actor, unitId),
      unitId,
      existing ? 'duty.template_edit' : 'duty.template_add',
      `duty-template:${template.id}`,
      { before: existing, after: template },
      now,
    );
    return template;
  });
}

export interface SpecialDayInput {
  unitId: string | null;
  day: string;
  kind: SpecialKind;
  name: string;
}

/** 重大活动 / 重要节点 (§4.2): every shift touching the day needs a duty leader. */
export async function markSpecialDay(deps: Deps, actor: Actor, input: SpecialDayInput): Promise<SpecialDay> {
  enforce(specialDayFields(input.day, input.kind));
  const name = requireText('name', '活动或节点名称', input.name, 50);
  return deps.db.transaction().execute(async (tx) => {
    if (input.unitId) await unitFacts(tx, input.unitId);
    assertAllowed(canMarkSpecialDay(actor, input.unitId, await districtUnitIds(tx)));
    const day: SpecialDay = { id: randomUUID(), unitId: input.unitId, day: input.day, kind: input.kind, name };
    const now = deps.clock.now();
    await store.insertSpecialDay(tx, day, actor.id, now.toISOString());
    await record(
      tx,
      actor,
      roleIn(actor, input.unitId),
      input.unitId,
      'duty.special_day_add',
      `duty-day:${day.id}`,
      { ...day },
      now,
    );
    return day;
  });
}

export async function unmarkSpecialDay(deps: Deps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const day = await store.getSpecialDay(tx, id);
    if (!day) throw notFound('重大活动或重要节点');
    assertAllowed(canMarkSpecialDay(actor, day.unitId, await districtUnitIds(tx)));
    await store.deleteSpecialDay(tx, id);
    await record(
      tx,
      actor,
      roleIn(actor, day.unitId),
      day.unitId,
      'duty.special_day_remove',
      `duty-day:${id}`,
      { ...day },
      deps.clock.now(),
    );
  });
}

/** The setup screen's lists run from today on, without an end: what is still to come. */
const ONWARDS = '9999-12-31';

export interface SpecialDayView extends SpecialDay {
  district: boolean;
  canRemove: boolean;
}

/** The unit's and the district's 重大活动 / 重要节点 from today (Asia/Shanghai) on, and who may mark which. */
export async function listSpecialDays(
  deps: Deps,
  actor: Actor,
  unitId: string,
): Promise<{ days: SpecialDayView[]; abilities: { canMark: boolean; canMarkDistrict: boolean } }> {
  assertAllowed(canViewDuty(actor, unitId));
  const [days, district] = await Promise.all([
    store.listSpecialDays(deps.db, unitId, dayOf(deps.clock.now().getTime()), ONWARDS),
    districtUnitIds(deps.db),
  ]);
  const may = (u: string | null) => canMarkSpecialDay(actor, u, district).allowed;
  return {
    days: days.map((d) => ({ ...d, district: d.unitId === null, canRemove: may(d.unitId) })),
    abilities: { canMark: may(unitId), canMarkDistrict: may(null) },
  };
}

/**
 * 不能值班的时间 as people and the API name it: the first and the last day, both included (含起止两天, README). The
 * store keeps the schema's end-exclusive range (`endsOn` is the day after), which the rotation and checks read.
 */
export interface UnavailabilityDays {
  id: string;
  unitId: string;
  userId: string;
  from: string;
  to: string; // the last day, included
  reason: string;
}

const daysOf = (u: store.Unavailability): UnavailabilityDays => ({
  id: u.id,
  unitId: u.unitId,
  userId: u.userId,
  from: u.startsOn,
  to: addDays(u.endsOn, -1),
  reason: u.reason,
});

/** A first and a last day (the last not before the first), at most LIMITS.rangeDays days; else a 400. */
function checkDays(from: string, to: string): void {
  if (isIsoDate(from) && isIsoDate(to) && to < from) throw invalid('to', '结束日期不能早于开始日期');
  checkRange(from, isIsoDate(to) ? addDays(to, 1) : to);
}

export interface UnavailabilityView extends UnavailabilityDays {
  name: string;
  canRemove: boolean;
}

export type UnavailabilityInput = Omit<UnavailabilityDays, 'id'>;

/** 不能值班的时间 (年休假、出差…): the rotation skips the person; a hand edit that ignores it is the keeper's call. */
export async function addUnavailability(
  deps: Deps,
  actor: Actor,
  input: UnavailabilityInput,
): Promise<UnavailabilityDays> {
  checkDays(input.from, input.to);
  const reason = requireText('reason', '原因', input.reason, LIMITS.reason);
  assertAllowed(canEditPerson(actor, { userId: input.userId, dutyUnitIds: [input.unitId] }));
  return deps.db.transaction().execute(async (tx) => {
    const pool = await dutyPool(tx, input.unitId);
    if (!pool.officers.some((p) => p.id === input.userId))
      throw invalid('userId', '所选人员不是本单位的值班人员或带班领导');
    const entry: store.Unavailability = {
      id: randomUUID(),
      unitId: input.unitId,
      userId: input.userId,
      startsOn: input.from,
      endsOn: addDays(input.to, 1),
      reason,
    };
    const now = deps.clock.now();
    await store.insertUnavailability(tx, entry, actor.id, now.toISOString());
    await record(
      tx,
      actor,
      roleIn(actor, input.unitId, [...DUTY_ROLES, 'leader', 'principal']),
      input.unitId,
      'duty.unavailable_add',
      `user:${input.userId}`,
      { ...entry },
      now,
    );
    return daysOf(entry);
  });
}

export async function removeUnavailability(deps: Deps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const entry = await store.getUnavailability(tx, id);
    if (!entry) throw notFound('不能值班的时间');
    assertAllowed(canEditPerson(actor, { userId: entry.userId, dutyUnitIds: [entry.unitId] }));
    await store.deleteUnavailability(tx, id);
    await record(
      tx,
      actor,
      roleIn(actor, entry.unitId, [...DUTY_ROLES, 'leader', 'principal']),
      entry.unitId,
      'duty.unavailable_remove',
      `user:${entry.userId}`,
      { ...entry },
      deps.clock.now(),
    );
  });
}

/** The unit's 不能值班的时间 not yet over (ending after today), with the person's name. */
export async function listUnavailability(deps: Deps, actor: Actor, unitId: string): Promise<UnavailabilityView[]> {
  assertAllowed(canViewDuty(actor, unitId));
  const entries = await store.listUnavailability(deps.db, { unitId }, dayOf(deps.clock.now().getTime()), ONWARDS);
  const people = await peopleOf(
    deps.db,
    entries.map((e) => e.userId),
  );
  return entries.map((e) => ({
    ...daysOf(e),
    name: people.get(e.userId)?.name ?? '',
    canRemove: canEditPerson(actor, { userId: e.userId, dutyUnitIds: [e.unitId] }).allowed,
  }));
}

/** 值班联系电话 (§4.6: reachable 24 hours). */
export async function setPhone(
  deps: Deps,
  actor: Actor,
  userId: string,
  phone: string,
): Promise<{ userId: string; phone: string }> {
  const value = typeof phone === 'string' ? phone.trim() : '';
  enforce(dutyPhone(value));
  return deps.db.transaction().execute(async (tx) => {
    const person = await loadActor(tx, userId);
    if (!person) throw notFound('用户');
    const dutyUnitIds = dutyUnitsOf(person);
    assertAllowed(canEditPerson(actor, { userId, dutyUnitIds }));
    const now = deps.clock.now();
    await store.savePhone(tx, userId, value, actor.id, now.toISOString());
    await record(
      tx,
      actor,
      roleIn(actor, dutyUnitIds[0] ?? null),
      dutyUnitIds[0] ?? null,
      'duty.phone',
      `user:${userId}`,
      { userId },
      now,
    );
    return { userId, phone: value };
  });
}

export interface DutyCalendar {
  unitId: string;
  from: string;
  to: string;
  days: DayView[];
  rosters: store.Roster[];
  shifts: ShiftView[]; // published and draft, each naming its roster
  unavailability: (UnavailabilityDays & { name: string })[];
  emergencies: {
    id: string;
    title: string;
    startsAt: string;
    until: string | null;
    state: string;
    district: boolean;
  }[];
}

/** The calendar screen: days with their kind and special marks, every roster's shifts, who is away, emergencies. */
export async function dutyCalendar(
  deps: Deps,
  actor: Actor,
  unitId: string,
  from: string,
  to: string,
): Promise<DutyCalendar> {
  checkRange(from, to);
  assertAllowed(canViewDuty(actor, unitId));
  const s = await surroundings(deps.db, unitId, from, to);
  const range = { from: shiftTimes(from, '00:00', '00:00').startsAt, to: shiftTimes(to, '00:00', '00:00').startsAt };
  const [rosters, shifts, away, emergencies] = await Promise.all([
    store.listRosters(deps.db, unitId, from, to),
    store.findShifts(deps.db, { ...range, unitIds: [unitId], publishedOnly: false }),
    store.listUnavailability(deps.db, { unitId }, from, to),
    listEmergencies(deps.db, { unitIds: [unitId] }),
  ]);
  const people = await peopleOf(deps.db, [
    ...shifts.flatMap((x) => [...x.officerIds, ...(x.leaderId ? [x.leaderId] : [])]),
    ...away.map((a) => a.userId),
  ]);
  return {
    unitId,
    from,
    to,
    days: dayViews(
      s.cal,
      from,
      to,
      s.specials.filter((d) => d.day >= from && d.day < to),
    ),
    rosters,
    shifts: shiftViews(s, shifts, people),
    unavailability: away.map((a) => ({ ...daysOf(a), name: people.get(a.userId)?.name ?? '' })),
    emergencies: emergencies
      .filter(
        (e) =>
          e.startsAt < range.to
          && (!e.until || e.until > range.from)
          && (e.state === 'open' || (e.closedAt ?? '') > range.from),
      )
      .map((e) => ({
        id: e.id,
        title: e.title,
        startsAt: e.startsAt,
        until: e.until,
        state: e.state,
        district: e.unitId === null,
      })),
  };
}
