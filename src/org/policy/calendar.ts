// Who may change the working-day calendar (工作日历). Every deadline of 保密审查 and 依申请公开 is counted on it, so
// only the 系统管理员 imports a year's schedule (configuration, 三员分立). Reading it: anyone logged in.
import { type Actor, holdsDistrictRole, holdsRole, type Role } from '../model.ts';
import { ALLOW, deny, type Verdict } from './verdict.ts';

export function canManageCalendar(actor: Actor): Verdict {
  return holdsDistrictRole(actor, 'sysAdmin') ? ALLOW : deny('NOT_SYS_ADMIN', '需要系统管理员身份才能导入节假日安排');
}

// DOMAIN.md §5: from 1 November the administrators — and the 区政府办公室, which sees that the district's clocks run —
// are reminded until next year's schedule is imported. Of the office: its leaders and its 督查.
const OFFICE_ROLES: readonly Role[] = ['principal', 'leader', 'inspector'];

/** Whether the person sees the banner "请导入次年节假日安排"; `districtUnitIds` are the 区政府办公室-level units. */
export function canSeeCalendarReminder(actor: Actor, districtUnitIds: readonly string[]): Verdict {
  if (canManageCalendar(actor).allowed) return ALLOW;
  if (districtUnitIds.some((u) => OFFICE_ROLES.some((r) => holdsRole(actor, r, u)))) return ALLOW;
  return deny('NOT_CALENDAR_KEEPER', '节假日安排的导入提醒只向系统管理员和区政府办公室显示');
}
