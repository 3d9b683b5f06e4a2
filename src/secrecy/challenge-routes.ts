// HTTP for 质疑申请 (65号 保密审查制度 第十五条): the public form (no login) and the unit's handling. A schema in, one
// service call, a DTO out; rules are in challenge-model.ts and src/org/policy/challenge.ts.
//
// Why the public POST is CSRF-safe without a token: it takes no authority from the cookie — it never reads
// req.actor and always signs as {id:'public'} — so a forged request gains nothing the attacker could not send
// directly. It still accepts only application/json (this plugin keeps no other body parser; others get 415): an
// HTML form on another site can send only urlencoded, multipart or text/plain bodies, and a cross-site fetch with
// application/json needs a CORS preflight, which this server never grants (no CORS plugin). So another site cannot
// make its visitors' browsers file cases from their many addresses around the per-IP limit. A request that does
// carry a session cookie but no CSRF token is refused (403) by the session hook before it reaches this route.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { actorOf } from '../org/request-context.ts';
import { AppError } from '../platform/errors.ts';
import { addStrictJsonParser } from '../platform/http/text-hygiene-hook.ts';
import { LIMITS, PHONE_RE } from './challenge-model.ts';
import { OGI_ART33_MAX_EXTENSION_DAYS } from './model.ts';
import { ChallengeDto, ChallengePageDto, ListQuery, OpenedDto, OverdueQuery, PublicUnitDto } from './challenge-dto.ts';
import {
  answerChallenge,
  extendChallenge,
  getChallengeView,
  listChallengeUnits,
  listOverdue,
  listUnitChallenges,
  openChallenge,
} from './challenge-service.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const OpenBody = z
  .object({
    name: text(LIMITS.name).describe('申请人姓名或名称'),
    organisation: z.string().trim().max(LIMITS.org).optional().describe('工作单位或组织名称'),
    phone: z
      .string()
      .trim()
      .max(LIMITS.phone)
      .regex(PHONE_RE, '电话号码格式不正确（手机 11 位，座机含区号）')
      .optional(),
    email: z.email('电子邮箱格式不正确').max(LIMITS.email).optional(),
    itemId: z.uuid().optional().describe('所询问信息的编号'),
    subject: text(LIMITS.subject).optional().describe('所询问的信息或事项（无信息编号时必填）'),
    unitId: z.uuid().optional().describe('被询问的单位（无信息编号时必填）'),
    question: text(LIMITS.question).describe('质疑内容'),
  })
  .superRefine((b, ctx) => {
    if (!b.phone && !b.email)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: '请至少留下电话或电子邮箱中的一项，以便答复' });
    if (!b.itemId && !b.subject)
      ctx.addIssue({ code: 'custom', path: ['subject'], message: '请填写所询问的信息或事项，或提供信息编号' });
    if (!b.itemId && !b.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: '请选择被询问的单位' });
  });
const IdParams = z.object({ id: z.uuid() });
const ExtendBody = z.object({
  days: z
    .int()
    .min(1)
    .max(OGI_ART33_MAX_EXTENSION_DAYS)
    .default(OGI_ART33_MAX_EXTENSION_DAYS)
    .describe('延长的工作日数'),
  reason: text(LIMITS.basis).describe('延长理由（将告知申请人）'),
});
const AnswerBody = z.object({
  basis: text(LIMITS.basis).describe('不予公开的依据'),
  reason: text(LIMITS.reason).describe('不予公开的理由'),
});

export interface ChallengeRouteOptions {
  deps: Deps;
  /** The public form's limit per client address; default 5 an hour. */
  rateLimit?: { max: number; timeWindow: number | string };
}

const tags = ['secrecy'];

export const challengeRoutes: FastifyPluginAsyncZod<ChallengeRouteOptions> = async (
  app,
  { deps, rateLimit: limit },
) => {
  // JSON only, in this plugin's scope (see the comment at the top): every other content type is answered 415.
  app.removeAllContentTypeParsers();
  addStrictJsonParser(app as unknown as FastifyInstance); // invalid UTF-8: a 400, as everywhere (text-hygiene-hook.ts)
  // Registered here, not globally: only the routes below that name a limit are limited.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new AppError(429, 'RATE_LIMITED', `提交过于频繁，请在 ${ctx.after} 后再试`),
  });

  app.post(
    '/api/public/challenges',
    {
      config: { rateLimit: limit ?? { max: 5, timeWindow: '1 hour' } },
      bodyLimit: 32 * 1024, // the longest valid form is under 10 KB
      schema: {
        body: OpenBody,
        response: { 201: OpenedDto },
        tags,
        summary: '提出质疑申请：询问信息未予公开的依据和理由（无需登录）',
      },
    },
    async (req, reply) => {
      const b = req.body;
      const c = await openChallenge(deps, {
        asker: { name: b.name, org: b.organisation || null, phone: b.phone || null, email: b.email || null },
        itemId: b.itemId ?? null,
        subject: b.subject ?? null,
        unitId: b.unitId ?? null,
        question: b.question,
      });
      return reply.code(201).send({
        caseNo: c.caseNo,
        unitName: c.unitName,
        receivedOn: c.receivedOn,
        dueOn: c.dueOn,
        dueProvisional: c.dueProvisional,
      });
    },
  );

  app.get(
    '/api/public/challenge-units',
    {
      schema: { response: { 200: z.array(PublicUnitDto) }, tags, summary: '可受理质疑申请的单位（无需登录）' },
    },
    async () => listChallengeUnits(deps),
  );

  app.get(
    '/api/challenges',
    {
      schema: { querystring: ListQuery, response: { 200: ChallengePageDto }, tags, summary: '本单位的质疑申请' },
    },
    async (req) => listUnitChallenges(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/challenges/overdue',
    {
      schema: {
        querystring: OverdueQuery,
        response: { 200: ChallengePageDto },
        tags,
        summary: '逾期未答复的质疑申请（督查可查看全区）',
      },
    },
    async (req) => listOverdue(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/challenges/:id',
    {
      schema: { params: IdParams, response: { 200: ChallengeDto }, tags, summary: '质疑申请详情' },
    },
    async (req) => getChallengeView(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/challenges/:id/extend',
    {
      schema: {
        params: IdParams,
        body: ExtendBody,
        response: { 200: ChallengeDto },
        tags,
        summary: '延长答复期限（仅一次）',
      },
    },
    async (req) => extendChallenge(deps, actorOf(req), { id: req.params.id, ...req.body }),
  );

  app.post(
    '/api/challenges/:id/answer',
    {
      schema: {
        params: IdParams,
        body: AnswerBody,
        response: { 200: ChallengeDto },
        tags,
        summary: '答复：说明不予公开的依据和理由',
      },
    },
    async (req) => answerChallenge(deps, actorOf(req), { id: req.params.id, ...req.body }),
  );
};
