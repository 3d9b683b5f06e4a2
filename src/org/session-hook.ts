// Resolves the session cookie into req.actor on every request, and enforces CSRF on cookie-authenticated
// writes: the browser must echo the session's CSRF token in the x-csrf-token header (double submit).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../app/deps.ts';
import { sameToken, tokenId } from '../platform/auth/token.ts';
import { forbidden } from '../platform/errors.ts';
import { loadSessionActor } from './auth-service.ts';

export const SESSION_COOKIE = 'gk_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerSessionHook(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await loadSessionActor(deps, tokenId(token));
    if (!found) return; // expired or unknown: the request is anonymous, routes answer 401 where needed
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, found.csrfToken)) {
        throw forbidden('CSRF', '请求缺少有效的 CSRF 令牌，请刷新页面后重试');
      }
    }
    req.actor = found.actor;
    req.sessionId = found.sessionId;
  });
}
