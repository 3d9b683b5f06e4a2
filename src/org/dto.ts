// What the org and auth routes send out: zod schemas (which also feed OpenAPI) and the mappers to them.
import { z } from 'zod';
import {
  type Actor,
  CHANNEL_KINDS,
  type Channel,
  COLUMN_KINDS,
  type Column,
  ROLE_REQUEST_STATUSES,
  ROLES,
  type RoleAssignment,
  type RoleRequest,
  type Section,
  UNIT_KINDS,
  type Unit,
  type UserAccount,
} from './model.ts';
import { canListUsers, canManageAccounts, canManageOrg } from './policy/org.ts';
import { canEditGazette, canViewGazetteDrafts } from './policy/gazette.ts';
import { canDecideCatalogChange, canEditCatalog, canReadDecisions } from './policy/decisions.ts';
import {
  canConfirmCheck,
  canDrawSample,
  canEditScheme,
  canViewAssessment,
  canViewInspection,
  canViewQuarterly,
  statsScope,
} from './policy/oversight.ts';
import { isAllowed } from './policy/verdict.ts';
import type { RoleGrant, RoleRequestView, UnitDetail } from './service.ts';

export const UnitDto = z.object({
  id: z.string(),
  name: z.string(),
  fullName: z.string(),
  kind: z.enum(UNIT_KINDS),
  docCode: z.string().nullable(),
  authorMayLevel1: z.boolean(),
  districtWide: z.boolean(),
});
export const SectionDto = z.object({ id: z.string(), unitId: z.string(), name: z.string() });
export const ColumnDto = z.object({
  id: z.string(),
  channelId: z.string(),
  name: z.string(),
  kind: z.enum(COLUMN_KINDS),
});
export const ChannelDto = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  url: z.string().nullable(),
});
export const UnitDetailDto = UnitDto.extend({
  sections: z.array(SectionDto),
  channels: z.array(ChannelDto.extend({ columns: z.array(ColumnDto) })),
});

const RoleHeldDto = z.object({ role: z.enum(ROLES), unitId: z.string(), sectionId: z.string().nullable() });
export const RoleAssignmentDto = RoleHeldDto.extend({ id: z.string(), userId: z.string() });

export const RoleRequestDto = RoleAssignmentDto.extend({
  status: z.enum(ROLE_REQUEST_STATUSES),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
});

/** A role grant: in force at once ('active'), or a request awaiting the 主要领导's confirmation ('pending'). */
export const RoleGrantDto = RoleAssignmentDto.extend({ status: z.enum(['active', 'pending']) });

export const RoleRequestViewDto = RoleRequestDto.extend({
  user: z.object({ id: z.string(), username: z.string(), name: z.string(), unitId: z.string() }),
  requestedByName: z.string(),
  decidedByName: z.string().nullable(),
  canDecide: z.boolean(),
});

export const UserDto = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  unitId: z.string(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(RoleAssignmentDto),
  pendingRoles: z.array(RoleRequestDto),
});

/** The masked address only (z***@example.gov.cn): the one-time password itself never leaves in a response. */
export const CreatedUserDto = UserDto.extend({ oneTimePasswordSentTo: z.string().nullable() });
export const PasswordResetDto = z.object({ ok: z.literal(true), oneTimePasswordSentTo: z.string() });

/** 重大行政决策 (policy/decisions.ts): read the 目录; for the person's own unit's 目录, import it and approve changes
 *  (分管领导 or 主要领导) and withdrawals (主要领导 only). The server decides each request again. */
const DecisionAbilitiesDto = z.object({
  view: z.boolean(),
  importOwnCatalog: z.boolean(),
  approveChanges: z.boolean(),
  approveWithdrawals: z.boolean(),
});
const decisionAbilities = (actor: Actor): z.infer<typeof DecisionAbilitiesDto> => ({
  view: isAllowed(canReadDecisions(actor)),
  importOwnCatalog: isAllowed(canEditCatalog(actor, actor.unitId)),
  approveChanges: isAllowed(canDecideCatalogChange(actor, actor.unitId, 'change')),
  approveWithdrawals: isAllowed(canDecideCatalogChange(actor, actor.unitId, 'withdraw')),
});

/** The signed-in person as the browser needs it; abilities let the UI hide what the server would refuse. */
export const SessionUserDto = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  unitId: z.string(),
  roles: z.array(RoleHeldDto),
  abilities: z.object({
    manageOrg: z.boolean(),
    manageAccounts: z.boolean(),
    listUsers: z.boolean(),
    viewGazette: z.boolean(),
    editGazette: z.boolean(),
    decisions: DecisionAbilitiesDto,
    oversight: z.object({
      stats: z.boolean(),
      drawSample: z.boolean(),
      inspection: z.boolean(),
      confirmCheck: z.boolean(),
      assessment: z.boolean(),
      editScheme: z.boolean(),
      quarterly: z.boolean(),
    }),
  }),
});
/** mustChangePassword: an administrator set the password; nothing but 修改密码 works until it is changed. */
export const SessionDto = z.object({ user: SessionUserDto, csrfToken: z.string(), mustChangePassword: z.boolean() });
export const OkDto = z.object({ ok: z.literal(true) });

export const toUnitDto = (u: Unit): z.infer<typeof UnitDto> => ({ ...u });
export const toSectionDto = (s: Section): z.infer<typeof SectionDto> => ({ ...s });
export const toChannelDto = (c: Channel): z.infer<typeof ChannelDto> => ({ ...c });
export const toColumnDto = (c: Column): z.infer<typeof ColumnDto> => ({ ...c });
export const toRoleAssignmentDto = (r: RoleAssignment): z.infer<typeof RoleAssignmentDto> => ({ ...r });
export const toRoleRequestDto = (r: RoleRequest): z.infer<typeof RoleRequestDto> => ({ ...r });
export const toUserDto = (u: UserAccount): z.infer<typeof UserDto> => ({
  ...u,
  roles: u.roles.map(toRoleAssignmentDto),
  pendingRoles: u.pendingRoles.map(toRoleRequestDto),
});
export const toRoleGrantDto = (g: RoleGrant): z.infer<typeof RoleGrantDto> => {
  const r = g.status === 'active' ? g.assignment : g.request;
  return { id: r.id, userId: r.userId, role: r.role, unitId: r.unitId, sectionId: r.sectionId, status: g.status };
};
export const toRoleRequestViewDto = (r: RoleRequestView): z.infer<typeof RoleRequestViewDto> => ({
  ...r,
  user: { ...r.user },
});

export const toUnitDetailDto = (d: UnitDetail): z.infer<typeof UnitDetailDto> => ({
  ...d.unit,
  sections: d.sections.map(toSectionDto),
  channels: d.channels.map((c) => ({ ...c, columns: c.columns.map(toColumnDto) })),
});

/** 督查考核 menu: who may open 统计, 随机抽查, 季度检查 (for some unit they hold a role in) and 年度考核. */
const oversightAbilities = (actor: Actor) => {
  const scope = statsScope(actor);
  return {
    stats: scope === 'all' || Array.isArray(scope),
    drawSample: isAllowed(canDrawSample(actor)),
    inspection: isAllowed(canViewInspection(actor)),
    confirmCheck: isAllowed(canConfirmCheck(actor)),
    assessment: isAllowed(canViewAssessment(actor)),
    editScheme: isAllowed(canEditScheme(actor)),
    quarterly: [actor.unitId, ...actor.roles.map((r) => r.unitId)].some((u) => isAllowed(canViewQuarterly(actor, u))),
  };
};

export const toSessionDto = (
  actor: Actor,
  csrfToken: string,
  mustChangePassword: boolean,
): z.infer<typeof SessionDto> => ({
  user: {
    id: actor.id,
    username: actor.username,
    name: actor.name,
    unitId: actor.unitId,
    roles: actor.roles.map((r) => ({ role: r.role, unitId: r.unitId, sectionId: r.sectionId })),
    abilities: {
      manageOrg: isAllowed(canManageOrg(actor)),
      manageAccounts: isAllowed(canManageAccounts(actor)),
      listUsers: isAllowed(canListUsers(actor)),
      viewGazette: isAllowed(canViewGazetteDrafts(actor)),
      editGazette: isAllowed(canEditGazette(actor)),
      decisions: decisionAbilities(actor),
      oversight: oversightAbilities(actor),
    },
  },
  csrfToken,
  mustChangePassword,
});
