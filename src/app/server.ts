// Assembles the HTTP server: schema compilers, OpenAPI, cookies, sessions and CSRF, the error mapping,
// and every module's routes by name.
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { registerTextHygiene } from '../platform/http/text-hygiene-hook.ts';
import { registerSessionHook } from '../org/session-hook.ts';
import { dictionaryRoutes } from '../dictionaries/routes.ts';
import { dutyRoutes } from '../duty/routes.ts';
import { decisionPublicRoutes } from '../decisions/public-routes.ts';
import { decisionRoutes } from '../decisions/routes.ts';
import { gazettePublicRoutes } from '../gazette/public-routes.ts';
import { gazetteRoutes } from '../gazette/routes.ts';
import { orgRoutes } from '../org/routes.ts';
import { inspectionRoutes } from '../oversight/inspection-routes.ts';
import { oversightRoutes } from '../oversight/routes.ts';
import { publishRoutes } from '../publish/routes.ts';
import { secrecyStepRoutes } from '../publish/secrecy-routes.ts';
import { challengeRoutes } from '../secrecy/challenge-routes.ts';
import { secrecyRoutes } from '../secrecy/routes.ts';
import { watchRoutes } from '../watch/routes.ts';
import { calendarRoutes } from './calendar-routes.ts';
import type { Deps } from '../platform/deps.ts';
import { metaRoutes } from './meta-routes.ts';
import { notifyRoutes } from './notify-routes.ts';
import { isUiPage, registerWeb, sendIndex } from './web.ts';

z.config(z.locales.zhCN()); // validation messages in Chinese; the field name is added by the error handler

const FIELD_NAMES_SEPARATOR = '.';

export async function buildServer(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: 2 * 1024 * 1024, // JSON bodies; files go through multipart with their own limit
    // Only behind a known reverse proxy may X-Forwarded-For name the client (it decides rate limits and logs).
    trustProxy: deps.config.trustProxy === '1',
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      return reply
        .code(err.status)
        .send({ code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const issue = (first?.params as { issue?: { path?: PropertyKey[]; message?: string } } | undefined)?.issue;
      const field =
        issue?.path?.map(String).join(FIELD_NAMES_SEPARATOR)
        || first?.instancePath?.replace(/^\//, '').replace(/\//g, '.')
        || '';
      const where =
        err.validationContext === 'querystring' ? '查询参数' : err.validationContext === 'params' ? '路径参数' : '字段';
      const message = `${where}「${field || '(整体)'}」不正确：${issue?.message ?? first?.message ?? '格式不正确'}`;
      return reply.code(400).send({ code: 'INVALID_INPUT', message, field });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 413 || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.code(413).send({ code: 'TOO_LARGE', message: '提交的内容过大' });
    }
    if (status && status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, wrong content type…), never a 500.
      return reply.code(status).send({ code: 'BAD_REQUEST', message: '请求格式不正确' });
    }
    req.log.error(err);
    return reply.code(500).send({ code: 'INTERNAL', message: '服务器内部错误' });
  });
  app.setNotFoundHandler((req, reply) =>
    isUiPage(req)
      ? sendIndex(reply)
      : reply.code(404).send({ code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` }),
  );

  await app.register(swagger, {
    openapi: {
      info: { title: 'gongkai 公开 API', version: '0.1.0', description: '三审三校、保密审查、读网值班平台接口' },
    },
    transform: jsonSchemaTransform,
  });
  registerTextHygiene(app as unknown as FastifyInstance); // strict UTF-8 and clean text in every body, query and path
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadMb * 1024 * 1024, files: 1, fields: 20 } });
  registerSessionHook(app as unknown as FastifyInstance, deps);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/health',
    { schema: { tags: ['system'], response: { 200: z.object({ ok: z.boolean() }) } } },
    async () => ({ ok: true }),
  );
  await registerWeb(app as unknown as FastifyInstance);
  await app.register(orgRoutes, { deps });
  await app.register(publishRoutes, { deps });
  await app.register(secrecyStepRoutes, { deps });
  await app.register(secrecyRoutes, { deps });
  await app.register(challengeRoutes, { deps });
  await app.register(calendarRoutes, { deps });
  await app.register(notifyRoutes, { deps });
  await app.register(dictionaryRoutes, { deps });
  await app.register(oversightRoutes, { deps });
  await app.register(inspectionRoutes, { deps });
  await app.register(dutyRoutes, { deps });
  await app.register(watchRoutes, { deps });
  await app.register(gazetteRoutes, { deps });
  await app.register(decisionRoutes, { deps });
  await app.register(gazettePublicRoutes, { deps });
  await app.register(decisionPublicRoutes, { deps });
  await app.register(metaRoutes);
  return app as unknown as FastifyInstance;
}
