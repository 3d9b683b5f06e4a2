// Who may change the working-day calendar (工作日历). Every deadline of 保密审查 and 依申请公开 is counted on it, so
// only the admin imports a year's schedule (ARCHITECTURE: 管理员 manages the calendar). Reading it: anyone logged in.
import { type Actor, holdsDistrictRole } from '../model.ts';
import { ALLOW, deny, type Verdict } from './verdict.ts';

export function canManageCalendar(actor: Actor): Verdict {
  return holdsDistrictRole(actor, 'admin') ? ALLOW : deny('NOT_ADMIN', '需要管理员身份才能导入节假日安排');
}
