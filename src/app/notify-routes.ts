// HTTP for in-app notifications (站内通知): my list with the unread count, and marking one read.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../org/request-context.ts';
import { listMyNotifications, markNotificationRead } from '../platform/notify/service.ts';
import type { Deps } from '../platform/deps.ts';

const NotificationDto = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  subject: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
const toDto = ({ userId: _userId, ...n }: z.infer<typeof NotificationDto> & { userId: string }) => n;

export const notifyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(NotificationDto), unread: z.number() }) },
        tags: ['notify'],
        summary: '我的通知（最新在前）与未读数',
      },
    },
    async (req) => {
      const { items, unread } = await listMyNotifications(deps.db, actorOf(req).id, req.query.limit);
      return { items: items.map(toDto), unread };
    },
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        params: z.object({ id: z.uuid() }),
        response: { 200: NotificationDto },
        tags: ['notify'],
        summary: '标为已读',
      },
    },
    async (req) => toDto(await markNotificationRead(deps, actorOf(req), req.params.id)),
  );
};
