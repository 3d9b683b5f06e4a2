// Resolves the session cookie into req.actor on every request, and enforces CSRF on cookie-authenticated
// writes: the browser must echo the session's CSRF token in the x-csrf-token header (double submit).
// A session opened with a one-time password (set by the 安全管理员) reaches only the routes that let the person
// change it or leave: every other API route answers 403 PASSWORD_CHANGE_REQUIRED (issue 11).
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { sameToken, tokenId } from '../platform/auth/token.ts';
import { forbidden } from '../platform/errors.ts';
import { loadSessionActor } from './auth-service.ts';

export const SESSION_COOKIE = 'gk_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// 修改密码, 退出, the session routes, and the two public routes anyone may call without logging in (they carry no
// account's power; the screen needs the labels to show the 修改密码 form).
const BEFORE_PASSWORD_CHANGE = new Set([
  'POST /api/auth/password',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'POST /api/auth/login',
  'GET /api/health',
  'GET /api/meta/labels',
]);

export function registerSessionHook(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (req) => {
    // The public pages (/gongbao, /yijian) and the UI's files serve everyone alike: a visitor who is also signed in
    // posts a public comment form as anyone does (it carries its own one-time token), not as their account.
    if (!req.url.startsWith('/api/')) return;
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
    const route = `${req.method} ${req.url.split('?')[0]}`;
    if (found.mustChangePassword && route.startsWith(`${req.method} /api/`) && !BEFORE_PASSWORD_CHANGE.has(route)) {
      throw forbidden('PASSWORD_CHANGE_REQUIRED', '您正在使用管理员设置的一次性密码，请先修改密码');
    }
    req.actor = found.actor;
    req.sessionId = found.sessionId;
  });
}
