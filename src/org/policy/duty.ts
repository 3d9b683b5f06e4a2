// Who may do what in 读网值班 (src/duty). Pure: actor and facts in, a Verdict with a zh-CN reason out.
//
// Decisions (DOMAIN §4; 65号 is silent on who keeps the roster): a unit's roster — templates, settings, special days,
// rotation, edits, publishing, import — is kept by its 带班领导 and its leadership (分管领导, 主要领导), and by the 系统管理员.
// The unit's people and the district-wide roles (督查, 区电子政务中心, 系统管理员, 审计管理员) read it: the e-gov center must reach
// the officer on shift of every unit. 读网记录 and 上级通知登记 are the duty officer's and duty leader's records.
// Swaps and 离岗 are approved by a 带班领导 of the unit other than the person leaving (§4.6). Emergencies: a unit's
// leadership for the unit; the district office's leadership or the e-gov center for the whole district.
import { type Actor, holdsDistrictRole, holdsRole, type Role } from '../model.ts';
import { actingRole } from './acting.ts';
import { ALLOW, deny, type Verdict, visibleUnitIds } from './verdict.ts';

export const ROSTER_ROLES: readonly Role[] = ['dutyLeader', 'leader', 'principal'];
export const DUTY_ROLES: readonly Role[] = ['dutyOfficer', 'dutyLeader'];
const DISTRICT_SIGNING: readonly Role[] = ['sysAdmin', 'egovCenter', 'inspector', 'auditAdmin'];

/** The role a duty act is signed with: the first of `roles` held in the unit, else the district role (系统管理员 first). */
export const dutyRole = (actor: Actor, unitId: string | null, roles: readonly Role[] = ROSTER_ROLES): Role | '' =>
  actingRole(actor, unitId, [...roles, ...DISTRICT_SIGNING]);

/** The units a person takes duty in (值班人员 or 带班领导 there): whose roster keepers may edit their duty details. */
export const dutyUnitsOf = (person: Actor): string[] => [
  ...new Set(person.roles.filter((r) => DUTY_ROLES.includes(r.role)).map((r) => r.unitId)),
];

const holdsAny = (actor: Actor, roles: readonly Role[], unitId: string) =>
  roles.some((r) => holdsRole(actor, r, unitId));

export function canViewDuty(actor: Actor, unitId: string): Verdict {
  const scope = visibleUnitIds(actor);
  return scope === 'all' || scope.includes(unitId) ? ALLOW : deny('OTHER_UNIT', '只能查看本单位的值班安排');
}

/** Units whose duty the actor reads when none is named. */
export const dutyScope = (actor: Actor): string[] | 'all' => visibleUnitIds(actor);

export function canManageRoster(actor: Actor, unitId: string): Verdict {
  if (holdsDistrictRole(actor, 'sysAdmin') || holdsAny(actor, ROSTER_ROLES, unitId)) return ALLOW;
  return deny('NOT_ROSTER_KEEPER', '只有本单位带班领导、分管领导、主要领导或系统管理员可以安排值班');
}

/** 读网记录 and 上级通知登记. */
export function canRecordDuty(actor: Actor, unitId: string): Verdict {
  return holdsAny(actor, DUTY_ROLES, unitId)
    ? ALLOW
    : deny('NOT_ON_DUTY_ROLE', '只有本单位值班人员或带班领导可以登记值班记录');
}

/** 到岗、离岗登记 on a shift: the people on it, or the approved replacement. */
export function canAttend(actor: Actor, shift: { people: readonly string[] }): Verdict {
  return shift.people.includes(actor.id)
    ? ALLOW
    : deny('NOT_ON_SHIFT', '只有本班次的值班人员、带班领导或经批准的接替人员可以登记到岗、离岗');
}

/** 换班 / 离岗 requests: the person on the shift, or a roster keeper on their behalf. */
export function canRequestChange(
  actor: Actor,
  shift: { unitId: string; people: readonly string[] },
  leavingId: string,
): Verdict {
  if (actor.id === leavingId && shift.people.includes(actor.id)) return ALLOW;
  if (canManageRoster(actor, shift.unitId).allowed) return ALLOW;
  return deny('NOT_ON_SHIFT', '只能为自己值的班次申请换班或离岗（带班领导可代为登记）');
}

/** §4.6: the duty leader agrees; never the person leaving or the one who asked. */
export function canDecideChange(
  actor: Actor,
  change: { unitId: string; leavingId: string; requestedBy: string },
): Verdict {
  if (!holdsRole(actor, 'dutyLeader', change.unitId))
    return deny('NOT_DUTY_LEADER', '换班和离岗须由本单位带班领导批准');
  if (actor.id === change.leavingId || actor.id === change.requestedBy)
    return deny('SAME_PERSON', '不能批准自己的换班或离岗申请');
  return ALLOW;
}

/** unitId null: the whole district; `districtUnitIds` are the 区政府办公室-level units. */
export function canDeclareEmergency(actor: Actor, unitId: string | null, districtUnitIds: readonly string[]): Verdict {
  if (holdsDistrictRole(actor, 'sysAdmin') || holdsDistrictRole(actor, 'egovCenter')) return ALLOW;
  if (unitId === null) {
    if (districtUnitIds.some((u) => holdsAny(actor, ROSTER_ROLES, u))) return ALLOW;
    return deny('NOT_DISTRICT', '全区突发事件由区政府办公室带班领导、分管领导、主要领导或区电子政务中心启动');
  }
  return holdsAny(actor, ROSTER_ROLES, unitId)
    ? ALLOW
    : deny('NOT_ROSTER_KEEPER', '只有本单位带班领导、分管领导、主要领导可以启动突发事件处置');
}

/** 重大活动 / 重要节点: a unit's own, or the whole district's (unitId null). */
export function canMarkSpecialDay(actor: Actor, unitId: string | null, districtUnitIds: readonly string[]): Verdict {
  if (unitId !== null) return canManageRoster(actor, unitId);
  if (holdsDistrictRole(actor, 'sysAdmin') || districtUnitIds.some((u) => holdsAny(actor, ROSTER_ROLES, u)))
    return ALLOW;
  return deny('NOT_DISTRICT', '全区的重大活动、重要节点由区政府办公室带班领导、分管领导、主要领导或系统管理员标记');
}

/** A person's duty phone and unavailability: the person, or a roster keeper of a unit they take duty in. */
export function canEditPerson(actor: Actor, person: { userId: string; dutyUnitIds: readonly string[] }): Verdict {
  if (actor.id === person.userId) return ALLOW;
  if (person.dutyUnitIds.some((u) => canManageRoster(actor, u).allowed)) return ALLOW;
  return deny('NOT_ROSTER_KEEPER', '只能修改自己的值班信息，或由其值班单位的带班领导、分管领导、主要领导修改');
}

/** Calendar feeds: one's own, or a unit's by its roster keepers. */
export function canManageFeed(actor: Actor, feed: { kind: 'user' | 'unit'; ownerId: string }): Verdict {
  if (feed.kind === 'user') return actor.id === feed.ownerId ? ALLOW : deny('NOT_OWNER', '只能管理自己的值班日历订阅');
  return canManageRoster(actor, feed.ownerId);
}
