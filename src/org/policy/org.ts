// Who may see and change the organisation: units (单位), sections (科室), channels (发布渠道), columns (栏目), users.
//
// Decision: the org structure — units, their sections, channels and columns — is visible to every logged-in
// user. A unit's 内设机构 and its websites/new-media accounts are themselves 主动公开 information (政府信息公开条例
// 第二十条), and people need them to pick a co-issuing unit (联合发文), address an incident, or choose where an
// item goes. A channel list without a unit is scoped to visibleUnitIds, because that is the picker for "my
// channels". Accounts and role assignments are personal data: only the admin lists or changes them.
import { type Actor, holdsDistrictRole } from '../model.ts';
import { ALLOW, deny, type Verdict, visibleUnitIds } from './verdict.ts';

const NOT_ADMIN = deny('NOT_ADMIN', '需要管理员身份才能管理单位、科室、发布渠道和用户');

/** Creating units, sections, channels, columns, accounts; granting and revoking roles; unit settings. */
export function canManageOrg(actor: Actor): Verdict {
  return holdsDistrictRole(actor, 'admin') ? ALLOW : NOT_ADMIN;
}

/** The account list (names, units, roles, lock state). */
export function canListUsers(actor: Actor): Verdict {
  return canManageOrg(actor);
}

/** A unit's public structure: any logged-in user (see the decision above). */
export function canViewUnit(_actor: Actor, _unitId: string): Verdict {
  return ALLOW;
}

/** Units whose channels are listed when no unit is named: the actor's own, or all for district-wide roles. */
export function defaultChannelScope(actor: Actor): string[] | 'all' {
  return visibleUnitIds(actor);
}
