// 突发事件处置 (§4.2: during major emergencies a duty leader leads the shift, and emergencies add people — 增加处置力量).
// Declaring one, for a unit or the whole district, puts a duty leader on every current and coming shift (those named
// here fill the shifts that lack one) or is refused with the shifts still lacking; it adds the people named and
// notifies them. While it is open, the roster check asks for a leader on every shift it overlaps. The leaders it puts
// on shifts and the people it adds go through the roster check (rest, double booking, unavailability) with the same
// findings as generation; rest and unavailability may be overridden with a reason (rules/emergency.ts `overridden`),
// kept on the emergency, recorded in the ledger and shown with it; two duties at once never.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canDeclareEmergency, canViewDuty, dutyScope } from '../org/policy/duty.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { getUserEmails, getUsersByIds, listUnits } from '../org/service.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, notFound } from '../platform/errors.ts';
import { enqueueMail, notifyUsers } from '../platform/notify/service.ts';
import {
  districtUnitIds,
  type DutyPool,
  dutyPool,
  findingsOf,
  peopleOf,
  record,
  reinforcementStint,
  roleIn,
  surroundings,
  unitFacts,
} from './context.ts';
import { addDays, dayOf, LIMITS, optionalText, type Person, requireText, type Shift, when } from './model.ts';
import { type Finding, gaps } from './roster-check.ts';
import {
  everyShiftLed,
  expectedEnd,
  namedLeader,
  OVERRIDABLE,
  overridden,
  reinforcementsKnown,
  stillOpen,
} from './rules/emergency.ts';
import { enforce } from './rules/verdict.ts';
import * as store from './store.ts';
import * as log from './store-log.ts';

/** Without an expected end, "the current and coming shifts" are those of the next 24 hours. */
export const LEADER_HORIZON_HOURS = 24;

export interface EmergencyInput {
  unitId: string | null; // null: the whole district
  title: string;
  description?: string;
  until?: string | null; // expected end (ISO); null: until closed
  leaders?: { unitId?: string; userId: string }[];
  extraUserIds?: string[];
  /** Why the people named are needed despite the roster findings they bring (required when there are any). */
  overrideReason?: string;
}

export interface EmergencyView extends Omit<log.Emergency, 'people'> {
  district: boolean;
  unitName: string;
  declaredByName: string;
  leaders: (Person & { unitId: string })[];
  extras: Person[];
  abilities: { canClose: boolean };
}

async function views(db: Executor, actor: Actor, list: log.Emergency[]): Promise<EmergencyView[]> {
  const [units, district] = await Promise.all([listUnits(db), districtUnitIds(db)]);
  const people = await peopleOf(
    db,
    list.flatMap((e) => [e.declaredBy, ...e.people.map((p) => p.userId)]),
  );
  const p = (id: string) => people.get(id) ?? { id, name: '', phone: null };
  return list.map(({ people: who, ...e }) => ({
    ...e,
    district: e.unitId === null,
    unitName: e.unitId ? (units.find((u) => u.id === e.unitId)?.name ?? '') : '全区',
    declaredByName: p(e.declaredBy).name,
    leaders: who.filter((x) => x.role === 'leader').map((x) => ({ ...p(x.userId), unitId: x.unitId })),
    extras: who.filter((x) => x.role === 'extra').map((x) => p(x.userId)),
    abilities: { canClose: e.state === 'open' && canDeclareEmergency(actor, e.unitId, district).allowed },
  }));
}

/** The findings a leader's leading the shift would add for them (none: they may lead it). */
async function findingsIfLeading(tx: Executor, shift: Shift, leaderId: string): Promise<Finding[]> {
  const roster = await store.getRoster(tx, shift.rosterId);
  if (!roster) return [];
  const s = await surroundings(tx, roster.unitId, roster.from, roster.to);
  const shifts = await store.shiftsOfRoster(tx, roster.id);
  const before = new Set((await findingsOf(tx, s, roster, shifts)).map((f) => f.message));
  const led = shifts.map((x) => (x.id === shift.id ? { ...x, leaderId } : x));
  return (await findingsOf(tx, s, roster, led)).filter((f) => f.userId === leaderId && !before.has(f.message));
}

/** The findings a reinforcement's stint (while open, the moment it begins: context.ts) brings them. */
async function findingsIfReinforcing(
  tx: Executor,
  unitId: string,
  stint: { title: string; startsAt: string },
  userId: string,
): Promise<Finding[]> {
  const { people, ...x } = reinforcementStint({ id: 'new', closedAt: null, ...stint }, userId);
  const roster = { id: x.id, from: dayOf(x.startsAt), to: addDays(dayOf(x.endsAt), 1) };
  const shift: Shift = {
    ...x,
    unitId,
    rosterId: roster.id,
    templateId: null,
    day: roster.from,
    hard: false,
    leaderRequired: false,
    leaderId: null,
    officerIds: people,
    version: 1,
  };
  const s = await surroundings(tx, unitId, roster.from, roster.to);
  return (await findingsOf(tx, s, roster, [shift])).filter((f) => f.userId === userId);
}

/**
 * Puts the named leaders on the window's shifts that lack one; returns what still lacks a leader or an officer. A shift
 * no named leader can lead without a finding goes to the first whose findings may all be overridden (`overrides`).
 */
async function staffWindow(
  tx: Executor,
  unitId: string,
  leaderIds: string[],
  from: string,
  to: string,
  assigned: { userId: string; unitId: string }[],
  overrides: Finding[],
): Promise<string[]> {
  const unit = await unitFacts(tx, unitId);
  const shifts = await store.findShifts(tx, { from, to, unitIds: [unitId] });
  const problems: string[] = [];
  const load = new Map(leaderIds.map((l) => [l, 0]));
  for (const s of shifts.filter((x) => !x.leaderId)) {
    // The least-loaded leader named who is not an officer of the shift and whom leading it gives no finding (rest,
    // double booking, unavailability — the roster check generation and every change go through): they take turns.
    const named = leaderIds.filter((l) => !s.officerIds.includes(l)).sort((a, b) => load.get(a)! - load.get(b)!);
    const refused: Finding[] = [];
    let leader: string | null = null;
    for (const l of named) {
      const theirs = await findingsIfLeading(tx, s, l);
      if (!theirs.length) {
        leader = l;
        break;
      }
      refused.push(...theirs);
    }
    // None without a finding: the first whose findings may all be overridden, if the reason is given (else refused).
    const second = named.find((l) => refused.every((f) => f.userId !== l || OVERRIDABLE.includes(f.code)));
    if (!leader && second) {
      leader = second;
      overrides.push(...refused.filter((f) => f.userId === second));
    }
    if (!leader) {
      const why = refused.map((f) => f.message).join('；');
      problems.push(`${unit.name} ${when(s.startsAt)}「${s.name}」没有带班领导${why ? `（${why}）` : ''}`);
      continue;
    }
    const next: Shift = { ...s, leaderId: leader };
    if (!(await store.replaceShift(tx, next))) throw conflict('RACE', '班次已被他人修改，请重试');
    assigned.push({ userId: leader, unitId });
    load.set(leader, load.get(leader)! + 1);
  }
  const staffed = shifts.filter((x) => x.officerIds.length > 0);
  for (const g of unit.mustCover ? gaps(from, to, staffed) : [])
    problems.push(`${unit.name} ${when(g.startsAt)} 至 ${when(g.endsAt)} 无人值班`);
  return problems;
}

export async function declareEmergency(deps: Deps, actor: Actor, input: EmergencyInput): Promise<EmergencyView> {
  const title = requireText('title', '事件名称', input.title, 100);
  const description = optionalText('description', '事件情况', input.description, LIMITS.text);
  const now = deps.clock.now();
  const t = now.toISOString();
  const end = expectedEnd(input.until, now);
  if (end instanceof AppError) throw end;
  const { until } = end;
  const extraIds = [...new Set(input.extraUserIds ?? [])];
  const overrideReason = optionalText('overrideReason', '超越排班规则的理由', input.overrideReason, LIMITS.text);
  return deps.db.transaction().execute(async (tx) => {
    const district = await districtUnitIds(tx);
    if (input.unitId) await unitFacts(tx, input.unitId);
    assertAllowed(canDeclareEmergency(actor, input.unitId, district));
    const units = input.unitId ? [input.unitId] : (await listUnits(tx)).map((u) => u.id);
    const leaders = await checkLeaders(tx, input, units);
    const extras = await getUsersByIds(tx, extraIds);
    enforce(reinforcementsKnown(extraIds, new Set(extras.keys())));
    const horizon = until ?? new Date(now.getTime() + LEADER_HORIZON_HOURS * 3600000).toISOString();
    const assigned: { userId: string; unitId: string }[] = [];
    const problems: string[] = [];
    const overrides: Finding[] = [];
    for (const u of units) {
      const f = await unitFacts(tx, u);
      if (!input.unitId && !f.mustCover) continue;
      problems.push(
        ...(await staffWindow(
          tx,
          u,
          leaders.filter((l) => l.unitId === u).map((l) => l.userId),
          t,
          horizon,
          assigned,
          overrides,
        )),
      );
    }
    enforce(everyShiftLed(problems));
    for (const id of extraIds)
      overrides.push(
        ...(await findingsIfReinforcing(tx, input.unitId ?? extras.get(id)!.unitId, { title, startsAt: t }, id)),
      );
    enforce(overridden(overrides, overrideReason));
    const findings = overrides.map((f) => ({ code: f.code, message: f.message, userId: f.userId }));
    const emergency: log.Emergency = {
      id: randomUUID(),
      unitId: input.unitId,
      title,
      description,
      startsAt: t,
      until,
      state: 'open',
      declaredBy: actor.id,
      closedBy: null,
      closedAt: null,
      summary: null,
      overrideReason: findings.length ? overrideReason : null,
      findings,
      people: [
        ...[...new Map(assigned.map((a) => [a.userId, a])).values()].map((a) => ({ ...a, role: 'leader' as const })),
        ...extraIds.map((id) => ({
          userId: id,
          role: 'extra' as const,
          unitId: input.unitId ?? extras.get(id)!.unitId,
        })),
      ],
    };
    await log.insertEmergency(tx, emergency);
    await notifyPeople(tx, emergency, extraIds, [...new Set(assigned.map((a) => a.userId))], now);
    await record(
      tx,
      actor,
      roleIn(actor, input.unitId),
      input.unitId,
      'duty.emergency_declare',
      `duty-emergency:${emergency.id}`,
      {
        title,
        description,
        until,
        leadersAssigned: assigned,
        extraUserIds: extraIds,
        ...(findings.length ? { overrideReason, overriddenFindings: findings } : {}),
      },
      now,
    );
    return (await views(tx, actor, [emergency]))[0];
  });
}

async function checkLeaders(
  tx: Executor,
  input: EmergencyInput,
  units: string[],
): Promise<{ unitId: string; userId: string }[]> {
  const out: { unitId: string; userId: string }[] = [];
  for (const [i, l] of (input.leaders ?? []).entries()) {
    const unitId = l.unitId ?? input.unitId;
    const pool = unitId && units.includes(unitId) ? (await dutyPool(tx, unitId)).leaders.map((p) => p.id) : [];
    enforce(namedLeader(i, unitId, units, () => pool, l.userId));
    out.push({ unitId: unitId!, userId: l.userId });
  }
  return out;
}

async function notifyPeople(
  tx: Executor,
  e: log.Emergency,
  extras: string[],
  leaders: string[],
  now: Date,
): Promise<void> {
  const scope = e.unitId ? '' : '（全区）';
  const body = `${e.title}${scope}：${e.description || '请立即到岗处置。'}`;
  await notifyUsers(
    tx,
    extras,
    {
      kind: 'duty.emergencyExtra',
      title: `【突发事件】请立即参加处置：${e.title}`,
      body,
      subject: `duty-emergency:${e.id}`,
    },
    now,
  );
  await notifyUsers(
    tx,
    leaders,
    { kind: 'duty.emergencyLeader', title: `【突发事件】请带班：${e.title}`, body, subject: `duty-emergency:${e.id}` },
    now,
  );
  const emails = [...(await getUserEmails(tx, [...extras, ...leaders])).values()];
  if (emails.length)
    await enqueueMail(
      tx,
      { to: emails, subject: `【突发事件】${e.title}`, text: `${body}\n\n（本邮件由 gongkai 自动发送）` },
      now,
    );
}

export async function closeEmergency(deps: Deps, actor: Actor, id: string, summary: string): Promise<EmergencyView> {
  const text = requireText('summary', '处置情况', summary, LIMITS.text);
  return deps.db.transaction().execute(async (tx) => {
    const [e] = await log.listEmergencies(tx, { id });
    if (!e) throw notFound('突发事件');
    assertAllowed(canDeclareEmergency(actor, e.unitId, await districtUnitIds(tx)));
    const now = deps.clock.now();
    enforce(stillOpen(!(await log.closeEmergency(tx, id, actor.id, now.toISOString(), text))));
    await record(
      tx,
      actor,
      roleIn(actor, e.unitId),
      e.unitId,
      'duty.emergency_close',
      `duty-emergency:${id}`,
      { title: e.title, summary: text },
      now,
    );
    return (
      await views(tx, actor, [
        { ...e, state: 'closed', closedBy: actor.id, closedAt: now.toISOString(), summary: text },
      ])
    )[0];
  });
}

export async function listEmergencyViews(
  deps: Deps,
  actor: Actor,
  q: { unitId?: string; openOnly?: boolean },
): Promise<EmergencyView[]> {
  if (q.unitId) assertAllowed(canViewDuty(actor, q.unitId));
  const scope = q.unitId ? [q.unitId] : dutyScope(actor);
  return views(deps.db, actor, await log.listEmergencies(deps.db, { unitIds: scope, openOnly: q.openOnly }));
}

export interface EmergencyBoard {
  emergencies: EmergencyView[];
  /** Where this person may start one (the whole district too?), and the duty people of those units to name in it. */
  abilities: {
    declareUnitIds: string[];
    declareDistrict: boolean;
    pools: ({ unitId: string; unitName: string } & DutyPool)[];
  };
}

/**
 * The 突发事件 screen: the emergencies in sight and what this person may do there, from the policy, not the browser.
 * Whoever may start a district-wide one names duty leaders of every unit, so sees every unit's duty people.
 */
export async function emergencyBoard(
  deps: Deps,
  actor: Actor,
  q: { unitId?: string; openOnly?: boolean },
): Promise<EmergencyBoard> {
  const [emergencies, units, district] = await Promise.all([
    listEmergencyViews(deps, actor, q),
    listUnits(deps.db),
    districtUnitIds(deps.db),
  ]);
  const declareUnitIds = units.filter((u) => canDeclareEmergency(actor, u.id, district).allowed).map((u) => u.id);
  const declareDistrict = canDeclareEmergency(actor, null, district).allowed;
  const named = units.filter((u) => declareDistrict || declareUnitIds.includes(u.id));
  const pools = await Promise.all(
    named.map(async (u) => ({ unitId: u.id, unitName: u.name, ...(await dutyPool(deps.db, u.id)) })),
  );
  return { emergencies, abilities: { declareUnitIds, declareDistrict, pools } };
}
