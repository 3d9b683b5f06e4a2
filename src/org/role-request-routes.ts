// HTTP for 待确认的角色 (role requests, role-requests.ts): the 安全管理员, 审计管理员 and 督查 read them all; a 主要领导
// reads and decides those of their unit (the 区政府办公室's 主要领导 also every unit's 主要领导 request).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { RoleRequestDto, RoleRequestViewDto, toRoleRequestDto, toRoleRequestViewDto } from './dto.ts';
import { ROLE_REQUEST_STATUSES } from './model.ts';
import { actorOf } from './request-context.ts';
import { decideRoleRequest, listRoleRequests } from './service.ts';

const IdParams = z.object({ id: z.uuid() });

export const roleRequestRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/role-requests',
    {
      schema: {
        querystring: z.object({ status: z.enum(ROLE_REQUEST_STATUSES).optional() }),
        response: { 200: z.array(RoleRequestViewDto) },
        tags: ['org'],
        summary: '角色申请（安全管理员、审计管理员、督查看全部；主要领导看待本人确认的）',
      },
    },
    async (req) => (await listRoleRequests(deps.db, actorOf(req), req.query.status)).map(toRoleRequestViewDto),
  );

  app.post(
    '/api/role-requests/:id/confirm',
    {
      schema: {
        params: IdParams,
        body: z.object({ reason: z.string().trim().max(500).nullish() }),
        response: { 200: RoleRequestDto },
        tags: ['org'],
        summary: '主要领导确认角色申请（确认后角色生效）',
      },
    },
    async (req) =>
      toRoleRequestDto(
        await decideRoleRequest(deps, actorOf(req), {
          requestId: req.params.id,
          confirm: true,
          reason: req.body.reason,
        }),
      ),
  );

  app.post(
    '/api/role-requests/:id/refuse',
    {
      schema: {
        params: IdParams,
        body: z.object({ reason: z.string().trim().min(1).max(500) }),
        response: { 200: RoleRequestDto },
        tags: ['org'],
        summary: '主要领导不同意角色申请（须说明理由）',
      },
    },
    async (req) =>
      toRoleRequestDto(
        await decideRoleRequest(deps, actorOf(req), {
          requestId: req.params.id,
          confirm: false,
          reason: req.body.reason,
        }),
      ),
  );
};
