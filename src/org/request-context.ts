// The authenticated actor on a request. Routes call actorOf(req): no session → 401.
import type { FastifyRequest } from 'fastify';
import type { Actor } from './model.ts';
import { unauthenticated } from '../platform/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
