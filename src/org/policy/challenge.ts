// Who may read and handle 质疑申请 (65号 保密审查制度 第十五条). Opening one is public and needs no policy. A case
// carries the asker's name and contact details (personal information), so it is shown only to the people who
// answer for the unit and, once the unit has missed its deadline, to the district's 督查 who chases it.
import { type Actor, holdsDistrictRole, holdsRole, type Role } from '../model.ts';
import { actingRole } from './acting.ts';
import { ALLOW, deny, type Verdict } from './verdict.ts';

/** 谁公开谁审查: the hosting unit's 保密工作机构, 分管领导 or 主要领导 answer for it. */
export const CHALLENGE_ROLES: readonly Role[] = ['secrecy', 'leader', 'principal'];

/** The role an extension or answer is signed with (the handler's role in the answering unit). */
export const challengeRole = (actor: Actor, unitId: string): Role | '' => actingRole(actor, unitId, CHALLENGE_ROLES);

const handles = (actor: Actor, unitId: string) => CHALLENGE_ROLES.some((r) => holdsRole(actor, r, unitId));

/** Extending the deadline and answering. */
export function canHandleChallenge(actor: Actor, c: { unitId: string }): Verdict {
  return handles(actor, c.unitId)
    ? ALLOW
    : deny('NOT_HANDLER', '只有承办单位的保密工作机构、分管领导或主要领导可以办理质疑申请');
}

/** One case: its handlers always; the inspector when it is overdue (督查 of a missed deadline). */
export function canViewChallenge(actor: Actor, c: { unitId: string; overdue: boolean }): Verdict {
  if (handles(actor, c.unitId)) return ALLOW;
  if (c.overdue && holdsDistrictRole(actor, 'inspector')) return ALLOW;
  return deny('NOT_HANDLER', '只有承办单位的保密工作机构、分管领导或主要领导可以查看质疑申请；督查可查看已逾期的申请');
}

/** The units whose cases the actor lists. */
export function challengeScope(actor: Actor): string[] | Verdict {
  const units = [...new Set(actor.roles.filter((r) => CHALLENGE_ROLES.includes(r.role)).map((r) => r.unitId))];
  return units.length
    ? units
    : deny('NOT_HANDLER', '只有单位的保密工作机构、分管领导或主要领导可以查看本单位的质疑申请');
}

/** Overdue cases: the inspector across the district, a handler for their own units. */
export function overdueScope(actor: Actor): string[] | 'all' | Verdict {
  if (holdsDistrictRole(actor, 'inspector')) return 'all';
  const units = challengeScope(actor);
  return Array.isArray(units)
    ? units
    : deny('NOT_HANDLER', '只有督查或单位的保密工作机构、分管领导、主要领导可以查看逾期的质疑申请');
}
