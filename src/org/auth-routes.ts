// HTTP for login, logout, the current session and password change. The session token travels only in an
// httpOnly, SameSite=Strict cookie; the CSRF token is returned in the body for the x-csrf-token header.
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { changePassword, loadSessionActor, login, logout } from './auth-service.ts';
import { OkDto, SessionDto, toSessionDto } from './dto.ts';
import { actorOf } from './request-context.ts';
import { SESSION_COOKIE } from './session-hook.ts';
import { AppError, unauthenticated } from '../platform/errors.ts';

const LoginBody = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(128) });
const PasswordBody = z.object({ oldPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) });

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: '/',
    secure: deps.config.secureCookies === '1',
  };
  const clearSession = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, cookieOptions);
  // Per address, whatever the account (GONGKAI_LOGIN_RATE_PER_MINUTE); per account and address: login-throttle.ts.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError(429, 'RATE_LIMITED', `登录尝试过于频繁，请在 ${ctx.after} 后再试`),
  });

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: { body: LoginBody, response: { 200: SessionDto }, tags: ['auth'], summary: '登录' },
    },
    async (req, reply) => {
      const session = await login(deps, { ...req.body, source: req.ip });
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions, expires: new Date(session.expiresAt) });
      return toSessionDto(session.actor, session.csrfToken, session.mustChangePassword);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { response: { 200: OkDto }, tags: ['auth'], summary: '退出登录' },
    },
    async (req, reply) => {
      if (req.sessionId) await logout(deps, req.sessionId);
      clearSession(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: { response: { 200: SessionDto }, tags: ['auth'], summary: '当前登录用户（页面刷新后取回 CSRF 令牌）' },
    },
    async (req) => {
      const found = req.sessionId ? await loadSessionActor(deps, req.sessionId) : null;
      if (!found) throw unauthenticated();
      return toSessionDto(found.actor, found.csrfToken, found.mustChangePassword);
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        body: PasswordBody,
        response: { 200: OkDto },
        tags: ['auth'],
        summary: '修改本人密码（其他会话随之失效）',
      },
    },
    async (req) => {
      await changePassword(deps, actorOf(req), { ...req.body, keepSessionId: req.sessionId });
      return { ok: true as const };
    },
  );
};
