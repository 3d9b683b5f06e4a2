// Who may do what in 读网值班 monitoring (src/watch). Pure: actor and facts in, a Verdict with a zh-CN reason out.
//
// Decisions (DOMAIN §4.4, ARCHITECTURE "users"): the district e-gov center (区电子政务中心) manages the sites and
// monitors, with the 系统管理员; it receives website incidents and may handle any. A unit's duty officers (值班人员) and
// duty leaders (带班领导) see and handle their own unit's incidents and enter the last-post date of its new-media
// accounts; the duty leader also keeps the unit's notification settings (duty contacts, robot webhooks). The inspector
// (督查) and the 审计管理员 read everything and change nothing. Everyone else is refused with a reason.
import { type Actor, holdsDistrictRole, holdsRole, type Role } from '../model.ts';
import { actingRole } from './acting.ts';
import { ALLOW, deny, type Verdict } from './verdict.ts';

export const WATCH_ROLES: readonly Role[] = ['dutyOfficer', 'dutyLeader'];
/** The role a watch act is signed with: the unit's duty role, else the district role (e-gov center first). */
const SIGNED_AS: readonly Role[] = [...WATCH_ROLES, 'egovCenter', 'sysAdmin', 'inspector', 'auditAdmin'];
export const watchRole = (actor: Actor | null, unitId: string): Role | '' => actingRole(actor, unitId, SIGNED_AS);

const isManager = (actor: Actor) => holdsDistrictRole(actor, 'sysAdmin') || holdsDistrictRole(actor, 'egovCenter');
const onDutyIn = (actor: Actor, unitId: string) => WATCH_ROLES.some((r) => holdsRole(actor, r, unitId));

/** Sites, columns, pages, accounts and thresholds of every unit. */
export function canManageWatch(actor: Actor): Verdict {
  return isManager(actor)
    ? ALLOW
    : deny('NOT_WATCH_MANAGER', '只有区电子政务中心或系统管理员可以管理监测网站、栏目和新媒体账号');
}

/** Units whose monitoring the actor sees: 'all' for the district roles, else where they stand duty. */
export function watchScope(actor: Actor): string[] | 'all' {
  if (isManager(actor) || holdsDistrictRole(actor, 'inspector') || holdsDistrictRole(actor, 'auditAdmin')) return 'all';
  return [...new Set(actor.roles.filter((r) => WATCH_ROLES.includes(r.role)).map((r) => r.unitId))];
}

/** Lists and the overview: anyone with a scope; a person with no duty role is told why. */
export function canUseWatch(actor: Actor): Verdict {
  const scope = watchScope(actor);
  return scope === 'all' || scope.length > 0
    ? ALLOW
    : deny('NOT_ON_DUTY_ROLE', '只有值班人员、带班领导、区电子政务中心、督查或系统管理员可以查看监测情况');
}

export function canViewWatch(actor: Actor, unitId: string): Verdict {
  const scope = watchScope(actor);
  return scope === 'all' || scope.includes(unitId)
    ? ALLOW
    : deny('OTHER_UNIT', '只能查看本单位（本人值班单位）的监测情况和异常事件');
}

/** 处理中 / 已恢复 / 已关闭 of an incident. */
export function canHandleIncident(actor: Actor, incident: { unitId: string }): Verdict {
  if (isManager(actor) || onDutyIn(actor, incident.unitId)) return ALLOW;
  return deny('NOT_HANDLER', '只有本单位值班人员、带班领导或区电子政务中心可以处理异常事件');
}

/** 立即检测: run every monitor of a site now — who manages the monitors, or stands duty for the site's unit. */
export function canCheckSite(actor: Actor, site: { unitId: string }): Verdict {
  if (isManager(actor) || onDutyIn(actor, site.unitId)) return ALLOW;
  return deny('NOT_CHECKER', '只有本单位值班人员、带班领导、区电子政务中心或系统管理员可以立即检测网站');
}

/** The last-post date of an account without a feed (entered by the duty officer). */
export function canReportLastPost(actor: Actor, account: { unitId: string }): Verdict {
  if (isManager(actor) || onDutyIn(actor, account.unitId)) return ALLOW;
  return deny('NOT_HANDLER', '只有本单位值班人员、带班领导或区电子政务中心可以登记新媒体最近发布日期');
}

/** A unit's duty contacts, escalation time and robot webhooks. */
export function canManageUnitWatch(actor: Actor, unitId: string): Verdict {
  if (isManager(actor) || holdsRole(actor, 'dutyLeader', unitId)) return ALLOW;
  return deny('NOT_DUTY_LEADER', '只有本单位带班领导、区电子政务中心或系统管理员可以设置值班联系人和通知机器人');
}
