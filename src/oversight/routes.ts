// HTTP for oversight: the 台账 screen (browse, export, verify) and an item's 审签单 (JSON and printable PDF).
// Who may do what: src/org/policy/oversight.ts (ledger) and src/org/policy/publish.ts canView (审签单).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { actorOf } from '../org/request-context.ts';
import { contentDisposition } from '../publish/attachments-model.ts';
import { incidentFilterOf, IncidentQuery } from '../watch/schemas.ts';
import { consistencyProofAs, inclusionProofAs, ledgerPublicKey, listCheckpointsAs } from './checkpoints.ts';
import { sendFile } from './file-reply.ts';
import { exportIncidents } from './incidents-export.ts';
import { browseLedger, DEFAULT_PAGE, exportLedger, verifyLedgerAs } from './ledger.ts';
import { getSignoff, SIGNOFF_LEVELS } from './signoff.ts';
import { FIGURES, figureEntries, getStats, statsXlsx } from './stats.ts';
import { drawSample, redrawSample } from './sampling.ts';
import { signoffPdf } from './signoff-pdf.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const LedgerQuery = z.object({
  unitId: z.uuid().optional(),
  from: date.optional(),
  to: date.optional(),
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)?$/, '操作类型应为 publish 或 publish.approve 这样的代码')
    .optional(),
  actor: z.string().trim().min(1).max(64).optional(),
  title: z.string().trim().min(1, '请输入稿件标题中的文字').max(100).optional(),
  person: z.string().trim().min(1, '请输入人员姓名').max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(DEFAULT_PAGE),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, '分页参数不正确，请从第一页重新加载')
    .optional(),
});
const LedgerEntryDto = z.object({
  seq: z.number(),
  at: z.string(),
  time: z.string().describe('上海时间'),
  actor: z.object({ id: z.string(), name: z.string(), unitName: z.string().nullable() }).nullable(),
  role: z.string(),
  roleName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  subject: z.string(),
  subjectView: z.object({ kind: z.string(), kindName: z.string(), id: z.string(), name: z.string() }),
  fields: z.array(z.object({ key: z.string(), label: z.string(), value: z.string() })),
  payload: z.unknown(),
});
const ExportQuery = z.object({
  unitId: z.uuid(),
  from: date,
  to: date,
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
const Problem = z.object({ kind: z.string(), seq: z.number(), reason: z.string() });
const VerifyDto = z.object({
  ok: z.boolean(),
  checked: z.number(),
  root: z.string(),
  checkpoints: z.number(),
  problems: z.array(Problem),
  problem: Problem.optional(),
});
const Hex = z.string().regex(/^[0-9a-f]{64}$/);
const CheckpointDto = z.object({
  size: z.number(),
  root: Hex,
  time: z.string(),
  keyId: z.string(),
  signature: z.string(),
});
const SizeParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const ProofQuery = z.object({ seq: SizeParam, size: SizeParam });
const InclusionDto = z.object({ seq: z.number(), size: z.number(), leafHash: Hex, root: Hex, proof: z.array(Hex) });
const ConsistencyQuery = z.object({ from: SizeParam, to: SizeParam });
const ConsistencyDto = z.object({ from: z.number(), to: z.number(), fromRoot: Hex, toRoot: Hex, proof: z.array(Hex) });

const Person = z.object({ id: z.string(), name: z.string() });
// 智能校对 dismissals on the 审签单: who proposed, who dismissed or accepted (DOMAIN §2.5).
const SignedAct = z.object({
  by: Person,
  as: z.string().nullable(),
  roleName: z.string(),
  at: z.string(),
  time: z.string(),
});
const SignoffDto = z.object({
  itemId: z.string(),
  title: z.string(),
  unit: z.object({ id: z.string(), name: z.string(), fullName: z.string() }),
  author: Person,
  itemType: z.string(),
  itemTypeName: z.string(),
  channels: z.array(
    z.object({ id: z.string(), name: z.string(), kindName: z.string(), column: z.string().nullable() }),
  ),
  revision: z.number(),
  major: z.boolean(),
  stage: z.string(),
  stageName: z.string(),
  publishedAt: z.string().nullable(),
  rows: z.array(
    z.object({
      level: z.enum(SIGNOFF_LEVELS),
      levelName: z.string(),
      reviewer: Person,
      role: z.string(),
      roleName: z.string(),
      at: z.string(),
      time: z.string(),
      decision: z.string(),
      decisionName: z.string(),
      opinion: z.string(),
      proofreading: z.string(),
      disclosure: z
        .object({
          opinion: z.string().nullable(),
          opinionName: z.string(),
          basis: z.array(z.string()),
          basisText: z.string(),
          reason: z.string(),
          secrecyMatter: z.boolean().nullable(),
        })
        .nullable(),
    }),
  ),
  dismissals: z.array(
    z.object({
      finding: z.object({
        id: z.string(),
        rule: z.string(),
        category: z.string(),
        severity: z.string(),
        severityName: z.string(),
        line: z.number().nullable(),
        column: z.number().nullable(),
        text: z.string(),
        suggestion: z.string(),
        message: z.string(),
      }),
      reason: z.string(),
      proposed: SignedAct.nullable(),
      dismissed: SignedAct,
    }),
  ),
  printedAt: z.string(),
  ledger: z.object({
    checkpoint: CheckpointDto.extend({ note: z.string() }).nullable(),
    statement: z.string(),
    entries: z.array(
      z.object({
        seq: z.number(),
        time: z.string(),
        actionLabel: z.string(),
        actorName: z.string(),
        entry: z.string(),
        leafHash: Hex,
        proof: z.array(Hex).nullable(),
      }),
    ),
  }),
});
const ItemParams = z.object({ id: z.uuid() });
const StatsQuery = z.object({ unitId: z.uuid().optional(), from: date, to: date });
// The entries behind each number: /api/oversight/stats/entries (figure, key).
const Count = z.object({ key: z.string(), label: z.string(), count: z.number() });
const Spread = z.object({ median: z.number().nullable(), p90: z.number().nullable(), count: z.number() });
const StatsDto = z.object({
  unitId: z.string().nullable(),
  unitName: z.string(),
  from: z.string(),
  to: z.string(),
  published: z.array(Count),
  levels: z.array(Count.extend({ median: z.number().nullable(), p90: z.number().nullable() })),
  returns: z.object({
    submitted: z.number(),
    returned: z.number(),
    share: z.number().nullable(),
    byLevel: z.array(Count.extend({ reasons: z.array(z.object({ text: z.string(), count: z.number() })) })),
  }),
  secrecy: z.array(Count),
  dismissedByCategory: z.array(Count),
  dismissedByPerson: z.array(Count),
  incidents: z.array(Count.extend({ toHandle: Spread, toClose: Spread })),
  checkIns: z.array(Count),
});
const SampleBody = z.object({
  from: date,
  to: date,
  perUnit: z.coerce
    .number()
    .int('每单位抽取篇数应为整数')
    .min(1, '每单位至少抽取 1 篇')
    .max(50, '每单位最多抽取 50 篇'),
  unitIds: z.array(z.uuid()).min(1).max(200).optional(),
  seed: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\w-]+$/, '随机种子只能含字母、数字、下划线和连字符')
    .optional(),
});
const SampleDto = z.object({
  seed: z.string(),
  from: z.string(),
  to: z.string(),
  perUnit: z.number(),
  seq: z.number().nullable(),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      population: z.number(),
      items: z.array(z.object({ id: z.string(), title: z.string() })),
    }),
  ),
});
const FigureQuery = StatsQuery.extend({
  figure: z.enum(FIGURES),
  key: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const oversightRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/ledger',
    {
      schema: {
        querystring: LedgerQuery,
        response: { 200: z.object({ entries: z.array(LedgerEntryDto), nextCursor: z.string().nullable() }) },
        tags: ['oversight'],
        summary: '登记台账（新的在前，按单位、日期、操作、操作人、稿件标题、人员筛选）',
      },
    },
    async (req) => browseLedger(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/ledger/export',
    {
      schema: {
        querystring: ExportQuery,
        tags: ['oversight'],
        summary: '导出单位的登记台账（.xlsx 或 .csv）',
        response: { 200: z.any().describe('登记台账文件') },
      },
    },
    async (req, reply) => {
      const file = await exportLedger(deps, actorOf(req), req.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', file.disposition)
        .send(file.body);
    },
  );

  app.get(
    '/api/watch/incidents/export',
    {
      schema: {
        querystring: IncidentQuery.omit({ limit: true }),
        tags: ['oversight'],
        response: { 200: z.any().describe('异常情况登记表') },
        summary: '导出读网值班异常情况登记表（.xlsx；筛选条件同异常事件列表，最多 5000 条）',
      },
    },
    async (req, reply) => {
      const file = await exportIncidents(deps, actorOf(req), incidentFilterOf(req.query));
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', file.disposition)
        .send(file.body);
    },
  );

  app.get(
    '/api/ledger/verify',
    {
      schema: {
        response: { 200: VerifyDto },
        tags: ['oversight'],
        summary: '校验登记台账：重算整棵 Merkle 树并与每个签名检查点核对（督查、管理员）',
      },
    },
    async (req) => verifyLedgerAs(deps, actorOf(req)),
  );

  app.get(
    '/api/ledger/public-key',
    {
      schema: { tags: ['oversight'], summary: '登记台账签名公钥（Ed25519，PEM；公开）', response: { 200: z.string() } },
    },
    async (_req, reply) =>
      reply
        .header('content-type', 'application/x-pem-file; charset=utf-8')
        .header('content-disposition', contentDisposition('gongkai-ledger-ed25519.pub.pem'))
        .send(ledgerPublicKey(deps)),
  );

  app.get(
    '/api/ledger/checkpoints',
    {
      schema: {
        response: { 200: z.object({ checkpoints: z.array(CheckpointDto) }) },
        tags: ['oversight'],
        summary: '登记台账的签名检查点（新的在前）',
      },
    },
    async (req) => ({ checkpoints: await listCheckpointsAs(deps, actorOf(req)) }),
  );

  app.get(
    '/api/ledger/proof',
    {
      schema: {
        querystring: ProofQuery,
        response: { 200: InclusionDto },
        tags: ['oversight'],
        summary: '包含证明：第 seq 条记录在前 size 条记录构成的树中（RFC 9162 审计路径）',
      },
    },
    async (req) => inclusionProofAs(deps, actorOf(req), req.query.seq, req.query.size),
  );

  app.get(
    '/api/ledger/consistency',
    {
      schema: {
        querystring: ConsistencyQuery,
        response: { 200: ConsistencyDto },
        tags: ['oversight'],
        summary: '一致性证明：前 from 条记录的树是前 to 条记录的树的前缀（RFC 9162）',
      },
    },
    async (req) => consistencyProofAs(deps, actorOf(req), req.query.from, req.query.to),
  );

  app.get(
    '/api/items/:id/signoff',
    {
      schema: {
        params: ItemParams,
        response: { 200: SignoffDto },
        tags: ['oversight'],
        summary: '稿件审签单（当前版本各级审核记录）',
      },
    },
    async (req) => getSignoff(deps, actorOf(req), req.params.id),
  );

  app.get(
    '/api/items/:id/signoff.pdf',
    {
      schema: {
        params: ItemParams,
        tags: ['oversight'],
        summary: '打印审签单（A4 PDF）',
        response: { 200: z.any().describe('PDF 文件') },
      },
    },
    async (req, reply) => {
      const sheet = await getSignoff(deps, actorOf(req), req.params.id);
      return sendFile(reply, 'pdf', `审签单-${sheet.title}`, await signoffPdf(sheet));
    },
  );

  app.get(
    '/api/oversight/stats',
    {
      schema: {
        querystring: StatsQuery,
        response: { 200: StatsDto },
        tags: ['oversight'],
        summary: '统计：单位某段时间的发布、各级审核用时、退回、保密审查、发现排除、读网异常、值班签到（取自登记台账）',
      },
    },
    async (req) => getStats(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/oversight/stats/entries',
    {
      schema: {
        querystring: FigureQuery,
        response: { 200: z.object({ total: z.number(), entries: z.array(LedgerEntryDto) }) },
        tags: ['oversight'],
        summary: '统计数字背后的台账记录（指标 figure 及其项目 key）',
      },
    },
    async (req) => figureEntries(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/oversight/stats/export',
    {
      schema: {
        querystring: StatsQuery,
        tags: ['oversight'],
        summary: '导出统计表（.xlsx）',
        response: { 200: z.any().describe('统计表') },
      },
    },
    async (req, reply) => {
      const stats = await getStats(deps, actorOf(req), req.query);
      return sendFile(reply, 'xlsx', `${stats.unitName}统计（${stats.from}至${stats.to}）`, await statsXlsx(stats));
    },
  );

  app.post(
    '/api/oversight/samples',
    {
      schema: {
        body: SampleBody,
        response: { 201: SampleDto },
        tags: ['oversight'],
        summary: '随机抽查：按随机种子抽取每单位 N 篇期间内发布的稿件，抽样记入登记台账（督查）',
      },
    },
    async (req, reply) => reply.status(201).send(await drawSample(deps, actorOf(req), req.body)),
  );

  app.post(
    '/api/oversight/samples/redraw',
    {
      schema: {
        body: SampleBody.required({ seed: true }),
        response: { 200: SampleDto },
        tags: ['oversight'],
        summary: '按记录的随机种子重抽样本（不记录），与台账中的抽样核对',
      },
    },
    async (req) => redrawSample(deps, actorOf(req), req.body),
  );
};
