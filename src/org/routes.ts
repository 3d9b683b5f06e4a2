// HTTP for the organisation: units (单位), sections (科室), channels (发布渠道), columns (栏目), users and roles.
// Reading the structure needs a login (policy/org.ts says why); structure changes are the 系统管理员's, accounts and
// role requests the 安全管理员's (三员分立).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { authRoutes } from './auth-routes.ts';
import {
  ChannelDto,
  ColumnDto,
  CreatedUserDto,
  OkDto,
  PasswordResetDto,
  RoleGrantDto,
  SectionDto,
  toChannelDto,
  toColumnDto,
  toRoleGrantDto,
  toSectionDto,
  toUnitDetailDto,
  toUnitDto,
  toUserDto,
  UnitDetailDto,
  UnitDto,
  UserDto,
} from './dto.ts';
import { CHANNEL_KINDS, COLUMN_KINDS, ROLES, UNIT_KINDS } from './model.ts';
import { canListUsers, canManageAccounts, canManageOrg, canViewUnit, defaultChannelScope } from './policy/org.ts';
import { roleRequestRoutes } from './role-request-routes.ts';
import { assertAllowed } from './policy/verdict.ts';
import { actorOf } from './request-context.ts';
import * as org from './service.ts';

const IdParams = z.object({ id: z.uuid() });
const name = z.string().trim().min(1).max(50);
const UnitBody = z.object({
  name,
  fullName: z.string().trim().min(1).max(100),
  kind: z.enum(UNIT_KINDS),
  docCode: z.string().trim().max(20).nullish(),
  districtWide: z.boolean().optional(),
  authorMayLevel1: z.boolean().optional(),
});
const ChannelBody = z.object({
  unitId: z.uuid(),
  kind: z.enum(CHANNEL_KINDS),
  name,
  url: z.string().trim().max(500).nullish(),
});
const RoleBody = z.object({ role: z.enum(ROLES), unitId: z.uuid(), sectionId: z.uuid().nullish() });
const UserBody = z.object({
  username: z.string().trim().min(2).max(64),
  displayName: z.string().trim().min(1).max(32),
  unitId: z.uuid(),
  email: z.string().trim().max(254).optional(),
  roles: z
    .array(RoleBody.partial({ unitId: true }))
    .max(20)
    .optional(),
  password: z.unknown().optional(), // refused (PASSWORD_NOT_ACCEPTED): the server makes the one-time password
});
const ResetBody = z.object({ password: z.unknown().optional() }).optional();

export const orgRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(authRoutes, { deps });
  await app.register(roleRequestRoutes, { deps });
  const db = deps.db;

  app.get(
    '/api/units',
    { schema: { response: { 200: z.array(UnitDto) }, tags: ['org'], summary: '单位列表' } },
    async (req) => {
      actorOf(req);
      return (await org.listUnits(db)).map(toUnitDto);
    },
  );

  app.get(
    '/api/units/:id',
    {
      schema: {
        params: IdParams,
        response: { 200: UnitDetailDto },
        tags: ['org'],
        summary: '单位详情（科室、发布渠道与栏目）',
      },
    },
    async (req) => {
      assertAllowed(canViewUnit(actorOf(req), req.params.id));
      return toUnitDetailDto(await org.getUnitDetail(db, req.params.id));
    },
  );

  app.get(
    '/api/units/:id/sections',
    {
      schema: { params: IdParams, response: { 200: z.array(SectionDto) }, tags: ['org'], summary: '单位的科室' },
    },
    async (req) => {
      assertAllowed(canViewUnit(actorOf(req), req.params.id));
      return (await org.listSections(db, req.params.id)).map(toSectionDto);
    },
  );

  app.get(
    '/api/channels',
    {
      schema: {
        querystring: z.object({ unitId: z.uuid().optional() }),
        response: { 200: z.array(ChannelDto) },
        tags: ['org'],
        summary: '发布渠道（不指定单位时为本人所在单位的渠道）',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (req.query.unitId) assertAllowed(canViewUnit(actor, req.query.unitId));
      const scope = req.query.unitId ?? defaultChannelScope(actor);
      return (await org.listChannels(db, scope === 'all' ? undefined : scope)).map(toChannelDto);
    },
  );

  app.get(
    '/api/channels/:id/columns',
    {
      schema: { params: IdParams, response: { 200: z.array(ColumnDto) }, tags: ['org'], summary: '网站的栏目' },
    },
    async (req) => {
      actorOf(req);
      return (await org.listColumns(db, req.params.id)).map(toColumnDto);
    },
  );

  app.post(
    '/api/units',
    {
      schema: { body: UnitBody, response: { 201: UnitDto }, tags: ['org'], summary: '新建单位（系统管理员）' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertAllowed(canManageOrg(actor));
      return reply.code(201).send(toUnitDto(await org.createUnit(deps, actor, req.body)));
    },
  );

  app.patch(
    '/api/units/:id/settings',
    {
      schema: {
        params: IdParams,
        body: z.object({ authorMayLevel1: z.boolean() }),
        response: { 200: UnitDto },
        tags: ['org'],
        summary: '单位设置：起草人可否进行一审（系统管理员）',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAllowed(canManageOrg(actor));
      return toUnitDto(await org.setUnitSettings(deps, actor, { unitId: req.params.id, ...req.body }));
    },
  );

  app.post(
    '/api/units/:id/sections',
    {
      schema: {
        params: IdParams,
        body: z.object({ name }),
        response: { 201: SectionDto },
        tags: ['org'],
        summary: '新建科室（系统管理员）',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertAllowed(canManageOrg(actor));
      return reply
        .code(201)
        .send(toSectionDto(await org.createSection(deps, actor, { unitId: req.params.id, ...req.body })));
    },
  );

  app.post(
    '/api/channels',
    {
      schema: {
        body: ChannelBody,
        response: { 201: ChannelDto },
        tags: ['org'],
        summary: '新建发布渠道（系统管理员）',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertAllowed(canManageOrg(actor));
      return reply.code(201).send(toChannelDto(await org.createChannel(deps, actor, req.body)));
    },
  );

  app.post(
    '/api/channels/:id/columns',
    {
      schema: {
        params: IdParams,
        body: z.object({ name, kind: z.enum(COLUMN_KINDS) }),
        response: { 201: ColumnDto },
        tags: ['org'],
        summary: '新建网站栏目（系统管理员）',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertAllowed(canManageOrg(actor));
      return reply
        .code(201)
        .send(toColumnDto(await org.createColumn(deps, actor, { channelId: req.params.id, ...req.body })));
    },
  );

  app.get(
    '/api/users',
    {
      schema: {
        querystring: z.object({ unitId: z.uuid().optional() }),
        response: { 200: z.array(UserDto) },
        tags: ['org'],
        summary: '用户列表（安全管理员、审计管理员）',
      },
    },
    async (req) => {
      assertAllowed(canListUsers(actorOf(req)));
      return (await org.listUsers(db, req.query.unitId)).map(toUserDto);
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        body: UserBody,
        response: { 201: CreatedUserDto },
        tags: ['org'],
        summary: '新建用户（安全管理员；系统生成一次性密码发至本人邮箱，审核与保密角色待主要领导确认）',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      assertAllowed(canManageAccounts(actor));
      const created = await org.createUser(deps, actor, req.body);
      return reply.code(201).send({ ...toUserDto(created), oneTimePasswordSentTo: created.oneTimePasswordSentTo });
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      schema: {
        params: IdParams,
        body: ResetBody,
        response: { 200: PasswordResetDto },
        tags: ['org'],
        summary: '重置密码（安全管理员；系统生成一次性密码发至本人邮箱，用户下次登录须修改）',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAllowed(canManageAccounts(actor));
      const sentTo = await org.resetPassword(deps, actor, req.params.id, req.body?.password);
      return { ok: true as const, oneTimePasswordSentTo: sentTo ?? '' };
    },
  );

  app.post(
    '/api/users/:id/roles',
    {
      schema: {
        params: IdParams,
        body: RoleBody,
        response: { 201: RoleGrantDto },
        tags: ['org'],
        summary: '授予角色（安全管理员；审核与保密角色为申请，待主要领导确认后生效）',
      },
    },
    async (req, reply) => {
      // canGrantRole is checked by grantRole itself, which also ledgers a refused attempt (org.role_grant_denied).
      const actor = actorOf(req);
      return reply
        .code(201)
        .send(toRoleGrantDto(await org.grantRole(deps, actor, { userId: req.params.id, ...req.body })));
    },
  );

  app.delete(
    '/api/users/:id/roles/:roleId',
    {
      schema: {
        params: z.object({ id: z.uuid(), roleId: z.uuid() }),
        response: { 200: OkDto },
        tags: ['org'],
        summary: '撤销角色（安全管理员）',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAllowed(canManageAccounts(actor));
      await org.revokeRole(deps, actor, { userId: req.params.id, roleId: req.params.roleId });
      return { ok: true as const };
    },
  );
};
