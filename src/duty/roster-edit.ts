// Hand edits of a roster (the calendar screen's drag-and-drop): add a shift, move or re-staff one, remove one. A draft
// takes any edit and shows its findings; a published roster takes only edits that add no new finding and touch no
// shift that has begun (a running shift changes hands through 离岗, changes.ts).
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canManageRoster } from '../org/policy/duty.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import type { Executor } from '../platform/db/types.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { checkPool, dutyPool, record, roleIn, withoutNewFindings } from './context.ts';
import { LIMITS, requireText, type Shift, shiftTimes, timeOf } from './model.ts';
import { type RosterDetail, rosterDetail } from './roster-view.ts';
import { leaderApart, notStarted, ownTemplate, removable, shiftFields } from './rules/roster.ts';
import { enforce } from './rules/verdict.ts';
import * as store from './store.ts';
import { listChanges } from './store-log.ts';

export interface ShiftInput {
  day?: string;
  templateId?: string | null;
  name?: string;
  start?: string;
  end?: string;
  hard?: boolean;
  leaderId?: string | null;
  officerIds?: string[];
}

/** The shift the input describes, on top of `base` for an edit: 400 naming the field for anything wrong. */
async function resolve(tx: Executor, roster: store.Roster, input: ShiftInput, base: Shift | null): Promise<Shift> {
  const day = input.day ?? base?.day ?? '';
  let templateId = input.templateId === undefined ? (base?.templateId ?? null) : input.templateId;
  let name = base?.name;
  let start = base ? timeOf(base.startsAt) : undefined;
  let end = base ? timeOf(base.endsAt) : undefined;
  let hard = base?.hard ?? false;
  let leaderRequired = base?.leaderRequired ?? false;
  if (input.templateId) {
    const t = await store.getTemplate(tx, input.templateId);
    enforce(ownTemplate(t, roster.unitId));
    ({ name, start, end, hard, leaderRequired } = t!);
  } else if (input.templateId === null) templateId = null;
  if (input.name !== undefined) name = requireText('name', '班次名称', input.name, LIMITS.name);
  if (input.start !== undefined) start = input.start;
  if (input.end !== undefined) end = input.end;
  if (input.hard !== undefined) hard = input.hard;
  const officerIds = input.officerIds ?? base?.officerIds ?? [];
  const leaderId = input.leaderId === undefined ? (base?.leaderId ?? null) : input.leaderId;
  enforce(shiftFields(roster, { day, name, start, end, leaderId, officerIds }));
  const pool = await dutyPool(tx, roster.unitId);
  await checkPool(tx, pool, officerIds, 'officer', 'officerIds');
  if (leaderId) await checkPool(tx, pool, [leaderId], 'leader', 'leaderId', false);
  enforce(leaderApart(leaderId, officerIds));
  return {
    id: base?.id ?? randomUUID(),
    rosterId: roster.id,
    unitId: roster.unitId,
    templateId,
    name: name!,
    day,
    ...shiftTimes(day, start!, end!),
    hard,
    leaderRequired,
    leaderId,
    officerIds,
    version: base?.version ?? 1,
  };
}

/** Runs one edit in a transaction: on a published roster, an edit that adds a finding is refused (422) and undone. */
async function editing(
  deps: Deps,
  actor: Actor,
  rosterId: string,
  touched: (tx: Executor, roster: store.Roster) => Promise<Shift[]>,
  change: (tx: Executor, roster: store.Roster) => Promise<{ action: string; payload: Record<string, unknown> }>,
): Promise<RosterDetail> {
  return deps.db.transaction().execute(async (tx) => {
    const roster = await store.getRoster(tx, rosterId);
    if (!roster) throw notFound('值班表');
    assertAllowed(canManageRoster(actor, roster.unitId));
    const now = deps.clock.now();
    const shifts = await touched(tx, roster); // resolves and checks the input first, for drafts too
    enforce(notStarted(roster.state, shifts, now.toISOString()));
    const { action, payload } = await withoutNewFindings(
      tx,
      [roster],
      () => change(tx, roster),
      '已发布的值班表不能这样调整',
    );
    if (!(await store.touchRoster(tx, roster, now.toISOString())))
      throw conflict('RACE', '值班表已被他人修改，请刷新后重试');
    await record(
      tx,
      actor,
      roleIn(actor, roster.unitId),
      roster.unitId,
      action,
      `roster:${roster.id}`,
      { rosterId: roster.id, ...payload },
      now,
    );
    return rosterDetail(tx, actor, { ...roster, version: roster.version + 1 });
  });
}

const summary = (s: Shift) => ({
  shiftId: s.id,
  day: s.day,
  name: s.name,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  leaderId: s.leaderId,
  officerIds: s.officerIds,
});

export async function addShift(deps: Deps, actor: Actor, rosterId: string, input: ShiftInput): Promise<RosterDetail> {
  let shift: Shift | null = null;
  return editing(
    deps,
    actor,
    rosterId,
    async (tx, roster) => {
      shift = await resolve(tx, roster, input, null);
      return [shift];
    },
    async (tx) => {
      await store.insertShifts(tx, [shift!], deps.clock.now().toISOString());
      return { action: 'duty.shift_add', payload: summary(shift!) };
    },
  );
}

async function loadShift(tx: Executor, rosterId: string | null, shiftId: string, version?: number): Promise<Shift> {
  const shift = await store.getShift(tx, shiftId);
  if (!shift || (rosterId && shift.rosterId !== rosterId)) throw notFound('班次');
  if (version !== undefined && shift.version !== version) throw conflict('STALE_SHIFT', '班次已被修改，请刷新后重试');
  return shift;
}

/** Moves a shift to another day, changes its times, template or people (拖拽调整). */
export async function editShift(
  deps: Deps,
  actor: Actor,
  shiftId: string,
  input: ShiftInput & { version: number },
): Promise<RosterDetail> {
  const found = await store.getShift(deps.db, shiftId);
  if (!found) throw notFound('班次');
  let before: Shift | null = null;
  let after: Shift | null = null;
  return editing(
    deps,
    actor,
    found.rosterId,
    async (tx, roster) => {
      before = await loadShift(tx, roster.id, shiftId, input.version);
      after = await resolve(tx, roster, input, before);
      return [before, after];
    },
    async (tx) => {
      if (!(await store.replaceShift(tx, after!))) throw conflict('STALE_SHIFT', '班次已被修改，请刷新后重试');
      return { action: 'duty.shift_edit', payload: { before: summary(before!), after: summary(after!) } };
    },
  );
}

export async function removeShift(deps: Deps, actor: Actor, shiftId: string, version: number): Promise<RosterDetail> {
  const found = await store.getShift(deps.db, shiftId);
  if (!found) throw notFound('班次');
  let shift: Shift | null = null;
  return editing(
    deps,
    actor,
    found.rosterId,
    async (tx, roster) => {
      shift = await loadShift(tx, roster.id, shiftId, version);
      enforce(removable((await listChanges(tx, { shiftIds: [shiftId] })).length));
      return [shift];
    },
    async (tx) => {
      await store.deleteShift(tx, shiftId);
      return { action: 'duty.shift_remove', payload: summary(shift!) };
    },
  );
}
