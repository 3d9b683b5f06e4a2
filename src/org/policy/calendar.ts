// Who may change the working-day calendar (工作日历). Every deadline of 保密审查 and 依申请公开 is counted on it, so
// only the 系统管理员 imports a year's schedule (configuration, 三员分立). Reading it: anyone logged in.
import { type Actor, holdsDistrictRole } from '../model.ts';
import { ALLOW, deny, type Verdict } from './verdict.ts';

export function canManageCalendar(actor: Actor): Verdict {
  return holdsDistrictRole(actor, 'sysAdmin') ? ALLOW : deny('NOT_SYS_ADMIN', '需要系统管理员身份才能导入节假日安排');
}
