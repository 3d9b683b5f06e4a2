// Reading 质疑申请: one case, the unit's list, the overdue list (unit and 督查), and the units a citizen may address.
// Part of the module's API through challenge-service.ts.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canHandleChallenge, canViewChallenge, challengeScope, overdueScope } from '../org/policy/challenge.ts';
import { assertAllowed, isAllowed, type Verdict } from '../org/policy/verdict.ts';
import { getUsersByIds, listUnits } from '../org/service.ts';
import { type Calendar, toShanghaiDate, workingDaysBetween } from '../platform/calendar/model.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { type Challenge, type ChallengeState, isOverdue } from './challenge-model.ts';
import * as store from './challenge-store.ts';

export interface ChallengeView extends Challenge {
  unitName: string;
  overdue: boolean;
  /** Working days from today to the deadline (0: due today; negative: overdue by that many); null once answered. */
  workingDaysLeft: number | null;
  late: boolean; // answered after its deadline
  extensionByName: string | null;
  answerByName: string | null;
  abilities: { canExtend: boolean; canAnswer: boolean };
}

export interface ChallengePage {
  items: ChallengeView[];
  total: number;
}

export interface PageQuery {
  limit: number;
  offset: number;
}

/** Working days left; over a year without the official schedule the count is 暂定, like the deadline itself. */
function daysLeft(cal: Calendar, today: string, c: Challenge): number | null {
  return c.state === 'open' ? workingDaysBetween(cal, today, c.dueOn) : null;
}

async function viewsOf(deps: Deps, actor: Actor, cases: Challenge[]): Promise<ChallengeView[]> {
  const today = toShanghaiDate(deps.clock.now());
  const cal = await loadCalendar(deps.db);
  const units = new Map((await listUnits(deps.db)).map((u) => [u.id, u.fullName]));
  const people = await getUsersByIds(deps.db, [
    ...new Set(cases.flatMap((c) => [c.extension?.by, c.answer?.by]).filter((x): x is string => !!x)),
  ]);
  return cases.map((c) => {
    const overdue = isOverdue(c, today);
    const handler = isAllowed(canHandleChallenge(actor, c));
    return {
      ...c,
      unitName: units.get(c.unitId) ?? '',
      overdue,
      workingDaysLeft: daysLeft(cal, today, c),
      late: c.answer ? toShanghaiDate(new Date(c.answer.at)) > c.dueOn : false,
      extensionByName: c.extension ? (people.get(c.extension.by)?.name ?? null) : null,
      answerByName: c.answer ? (people.get(c.answer.by)?.name ?? null) : null,
      abilities: {
        canExtend: handler && c.state === 'open' && !c.extension && !overdue,
        canAnswer: handler && c.state === 'open',
      },
    };
  });
}

export async function getChallengeView(deps: Deps, actor: Actor, id: string): Promise<ChallengeView> {
  const c = await store.getChallenge(deps.db, id);
  if (!c) throw notFound('质疑申请');
  assertAllowed(canViewChallenge(actor, { unitId: c.unitId, overdue: isOverdue(c, toShanghaiDate(deps.clock.now())) }));
  return (await viewsOf(deps, actor, [c]))[0];
}

function narrowed(scope: string[] | 'all' | Verdict, unitId: string | undefined): string[] | 'all' {
  if (!Array.isArray(scope) && scope !== 'all') {
    assertAllowed(scope);
    return [];
  }
  if (!unitId) return scope;
  if (scope !== 'all' && !scope.includes(unitId)) throw forbidden('OTHER_UNIT', '只能查看本单位的质疑申请');
  return [unitId];
}

/** The unit's cases (all, open or answered), the nearest deadline first. */
export async function listUnitChallenges(
  deps: Deps,
  actor: Actor,
  q: PageQuery & { unitId?: string; state?: ChallengeState },
): Promise<ChallengePage> {
  const unitIds = narrowed(challengeScope(actor), q.unitId);
  const { rows, total } = await store.listChallenges(deps.db, {
    unitIds,
    state: q.state,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: await viewsOf(deps, actor, rows), total };
}

/** 逾期未答复: open cases past their deadline — the handler's units, or the whole district for the 督查. */
export async function listOverdue(
  deps: Deps,
  actor: Actor,
  q: PageQuery & { unitId?: string },
): Promise<ChallengePage> {
  const unitIds = narrowed(overdueScope(actor), q.unitId);
  const today = toShanghaiDate(deps.clock.now());
  const { rows, total } = await store.listChallenges(deps.db, {
    unitIds,
    overdueOn: today,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: await viewsOf(deps, actor, rows), total };
}

/** The units a citizen may address a question to when no item is named (their names are public anyway). */
export async function listChallengeUnits(deps: Deps): Promise<{ id: string; name: string; fullName: string }[]> {
  return (await listUnits(deps.db)).map((u) => ({ id: u.id, name: u.name, fullName: u.fullName }));
}
