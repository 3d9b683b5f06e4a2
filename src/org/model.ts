// 单位、科室、用户与角色: who people are and which roles they hold in which unit. Pure types and rules.
export const ROLES = [
  'staff',
  'sectionHead',
  'leader',
  'principal',
  'secrecy',
  'dutyOfficer',
  'dutyLeader',
  'egovCenter',
  'inspector',
  'sysAdmin',
  'securityAdmin',
  'auditAdmin',
  'gazette',
  'legalReview',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAME: Record<Role, string> = {
  staff: '工作人员',
  sectionHead: '科室负责人',
  leader: '分管领导',
  principal: '主要领导',
  secrecy: '保密工作机构',
  dutyOfficer: '值班人员',
  dutyLeader: '带班领导',
  egovCenter: '区电子政务中心',
  inspector: '督查',
  sysAdmin: '系统管理员',
  securityAdmin: '安全管理员',
  auditAdmin: '审计管理员',
  gazette: '公报室',
  legalReview: '合法性审查机构',
};

/** Roles no longer granted, as older ledger entries name them: `admin` before 三员分立 (migration 014). */
export const LEGACY_ROLE_NAME: Record<string, string> = { admin: '管理员（三员分立前）' };

/**
 * 三员分立 (等保 2.0, GB/T 22239-2019 三级; DOMAIN §1): 系统管理员 configures (units, sections, channels,
 * dictionaries, calendar), 安全管理员 keeps accounts and requests roles, 审计管理员 reads the ledger and changes nothing.
 */
export const ADMIN_ROLES: readonly Role[] = ['sysAdmin', 'securityAdmin', 'auditAdmin'];

/** Review and secrecy roles: granted by the 安全管理员 only as a request the unit's 主要领导 confirms. */
export const CONFIRMED_ROLES: readonly Role[] = ['staff', 'sectionHead', 'leader', 'principal', 'secrecy'];

/** Roles no administrator may hold: every review, secrecy, duty and 公报室 role. */
export const NOT_FOR_ADMINS: readonly Role[] = [
  ...CONFIRMED_ROLES,
  'dutyOfficer',
  'dutyLeader',
  'gazette',
  'legalReview',
];

/** Roles that act across the whole district rather than inside one unit (DOMAIN §1). */
export const DISTRICT_WIDE_ROLES: readonly Role[] = ['egovCenter', 'inspector', ...ADMIN_ROLES];

/**
 * The 三员分立 rule over every role one person holds or has been requested for: a zh-CN reason, or null.
 * No one holds two administrator roles; no administrator holds a review, secrecy or duty role.
 */
export function separationProblem(roles: readonly Role[]): string | null {
  const admin = [...new Set(roles.filter((r) => ADMIN_ROLES.includes(r)))];
  if (admin.length > 1) {
    return `${admin.map((r) => ROLE_NAME[r]).join('与')}须由不同的人担任（三员分立），同一人不得兼任`;
  }
  const business = [...new Set(roles.filter((r) => NOT_FOR_ADMINS.includes(r)))];
  if (admin.length === 1 && business.length > 0) {
    return `${ROLE_NAME[admin[0]]}不得同时担任${business.map((r) => ROLE_NAME[r]).join('、')}等审核、保密或值班角色`;
  }
  return null;
}

export interface RoleHeld {
  role: Role;
  unitId: string;
  sectionId: string | null;
}

/** The person making a request, as every policy and use case sees them. */
export interface Actor {
  id: string;
  username: string;
  name: string;
  unitId: string; // home unit
  roles: RoleHeld[];
}

export function holdsRole(actor: Actor, role: Role, unitId?: string): boolean {
  return actor.roles.some((r) => r.role === role && (unitId === undefined || r.unitId === unitId));
}

export function holdsDistrictRole(actor: Actor, role: Role): boolean {
  return DISTRICT_WIDE_ROLES.includes(role) && actor.roles.some((r) => r.role === role);
}

export const UNIT_KINDS = ['office', 'department', 'town', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const CHANNEL_KINDS = ['website', 'wechat', 'weibo', 'douyin', 'toutiao', 'xigua', 'app'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const CHANNEL_KIND_NAME: Record<ChannelKind, string> = {
  website: '政府网站',
  wechat: '微信公众号',
  weibo: '微博',
  douyin: '抖音',
  toutiao: '今日头条',
  xigua: '西瓜视频',
  app: '客户端',
};

export const COLUMN_KINDS = [
  '动态要闻',
  '通知公告',
  '政策文件',
  '互动回应',
  '专题',
  '人事',
  '规划计划',
  '其他',
] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface Unit {
  id: string;
  name: string; // 区科技局
  fullName: string; // 重庆市綦江区科学技术局
  kind: UnitKind;
  docCode: string | null; // 机关代字
  authorMayLevel1: boolean;
  districtWide: boolean;
}

export interface Section {
  id: string;
  unitId: string;
  name: string;
}

export interface Channel {
  id: string;
  unitId: string;
  kind: ChannelKind;
  name: string;
  url: string | null;
}

export interface Column {
  id: string;
  channelId: string;
  name: string;
  kind: ColumnKind;
}

export interface UserSummary {
  id: string;
  username: string;
  name: string;
  unitId: string;
}

/** One row of role_assignments as the admin screens see it: the id is what a revoke names. */
export interface RoleAssignment extends RoleHeld {
  id: string;
  userId: string;
}

/** An account as the admin list shows it; never carries the password hash. */
export interface UserAccount extends UserSummary {
  disabled: boolean;
  mustChangePassword: boolean; // an administrator set the password: one-time, changed at the next login
  roles: RoleAssignment[];
  pendingRoles: RoleRequest[]; // requested, not yet confirmed: they grant nothing
}

export const ROLE_REQUEST_STATUSES = ['pending', 'confirmed', 'refused'] as const;
export type RoleRequestStatus = (typeof ROLE_REQUEST_STATUSES)[number];

/** A review or secrecy role asked for by the 安全管理员, in force only once the 主要领导 confirms it. */
export interface RoleRequest extends RoleHeld {
  id: string;
  userId: string;
  status: RoleRequestStatus;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null; // the confirmer's reason (required on refusal)
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

// Login names: ASCII so they can be typed on any keyboard and in the CLI; '.' separates unit prefix and role.
const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Returns a zh-CN reason, or null when the username is acceptable. */
export function usernameProblem(username: string): string | null {
  if (!USERNAME_RE.test(username)) return '用户名须为 2–64 位小写字母、数字或 . _ -，以字母或数字开头';
  return null;
}

/**
 * Which sections a role may name: a 科室负责人 must head exactly one section; 工作人员 may be attached to one;
 * other roles act for the whole unit.
 */
export function sectionRule(role: Role, sectionId: string | null | undefined): string | null {
  if (role === 'sectionHead' && !sectionId) return '科室负责人须指定本单位的科室';
  if (sectionId && role !== 'sectionHead' && role !== 'staff') return `${ROLE_NAME[role]}不按科室授予，请勿指定科室`;
  return null;
}
