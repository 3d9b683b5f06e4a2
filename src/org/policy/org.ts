// Who may see and change the organisation: units (单位), sections (科室), channels (发布渠道), columns (栏目), users.
//
// Decision: the org structure — units, their sections, channels and columns — is visible to every logged-in
// user. A unit's 内设机构 and its websites/new-media accounts are themselves 主动公开 information (政府信息公开条例
// 第二十条), and people need them to pick a co-issuing unit (联合发文), address an incident, or choose where an
// item goes. A channel list without a unit is scoped to visibleUnitIds, because that is the picker for "my
// channels". Accounts and role assignments are personal data: the 安全管理员 keeps them, the 审计管理员 reads them.
//
// 三员分立 (等保 2.0 GB/T 22239-2019 三级; DOMAIN §1): the 系统管理员 changes the structure, the 安全管理员 accounts
// and role requests, the 审计管理员 nothing. A review or secrecy role asked for by the 安全管理员 takes effect only when
// the unit's 主要领导 confirms it; a unit's 主要领导 is confirmed by the 区政府办公室's 主要领导 (four eyes).
import { type Actor, holdsDistrictRole, holdsRole, type Role, type RoleRequest } from '../model.ts';
import { ALLOW, deny, type Verdict, visibleUnitIds } from './verdict.ts';

/** Creating units, sections, channels, columns; unit settings: the 系统管理员. */
export function canManageOrg(actor: Actor): Verdict {
  if (holdsDistrictRole(actor, 'sysAdmin')) return ALLOW;
  return deny('NOT_SYS_ADMIN', '需要系统管理员身份才能管理单位、科室、发布渠道和栏目');
}

/** Creating accounts, resetting passwords, requesting and revoking roles: the 安全管理员. */
export function canManageAccounts(actor: Actor): Verdict {
  if (holdsDistrictRole(actor, 'securityAdmin')) return ALLOW;
  return deny('NOT_SECURITY_ADMIN', '需要安全管理员身份才能管理用户账号、重置密码和申请角色');
}

/** Requesting or granting a role for a person: never for oneself (the 安全管理员 cannot give itself power). */
export function canGrantRole(actor: Actor, userId: string): Verdict {
  const manage = canManageAccounts(actor);
  if (!manage.allowed) return manage;
  return actor.id === userId ? deny('SELF_GRANT', '不能为自己申请或授予角色') : ALLOW;
}

/** The account list (names, units, roles, pending requests, lock state): the 安全管理员 and the 审计管理员. */
export function canListUsers(actor: Actor): Verdict {
  if (holdsDistrictRole(actor, 'securityAdmin') || holdsDistrictRole(actor, 'auditAdmin')) return ALLOW;
  return deny('NOT_ACCOUNT_READER', '只有安全管理员或审计管理员可以查看用户账号');
}

export type RoleRequestScope = { all: true } | { units: string[]; principals: boolean };
const REQUEST_READERS: readonly Role[] = ['securityAdmin', 'auditAdmin', 'inspector'];

/**
 * Role requests (待确认的角色) the actor sees: 'all' for the 安全管理员, 审计管理员 and 督查; else those the actor
 * may decide — the units where they are 主要领导, and (for a 区政府办公室 主要领导) every unit's 主要领导 request.
 */
export function roleRequestScope(actor: Actor, districtUnitIds: readonly string[]): RoleRequestScope {
  if (REQUEST_READERS.some((r) => holdsDistrictRole(actor, r))) return { all: true };
  const units = actor.roles.filter((r) => r.role === 'principal').map((r) => r.unitId);
  return { units, principals: units.some((u) => districtUnitIds.includes(u)) };
}

/** Who confirms a request: the unit's 主要领导; for a unit's 主要领导, the 区政府办公室's (districtUnitIds). */
export function canDecideRoleRequest(actor: Actor, request: RoleRequest, districtUnitIds: readonly string[]): Verdict {
  if (request.userId === actor.id) return deny('SELF_CONFIRM', '不能确认自己的角色申请');
  if (request.role === 'principal') {
    if (districtUnitIds.some((u) => holdsRole(actor, 'principal', u))) return ALLOW;
    return deny('NOT_OFFICE_PRINCIPAL', '单位主要领导的角色须由区政府办公室主要领导确认');
  }
  if (holdsRole(actor, 'principal', request.unitId)) return ALLOW;
  return deny('NOT_UNIT_PRINCIPAL', '角色申请须由该单位主要领导确认');
}

/** A unit's public structure: any logged-in user (see the decision above). */
export function canViewUnit(_actor: Actor, _unitId: string): Verdict {
  return ALLOW;
}

/** Units whose channels are listed when no unit is named: the actor's own, or all for district-wide roles. */
export function defaultChannelScope(actor: Actor): string[] | 'all' {
  return visibleUnitIds(actor);
}
