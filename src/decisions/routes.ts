// HTTP for 重大行政决策: the 目录 (import, read), each item's procedure (steps, 预公开 window, 合法性审查, the gate).
// org/policy/decisions.ts decides who; the service checks and writes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../org/request-context.ts';
import type { Deps } from '../platform/deps.ts';
import { STEPS } from './model.ts';
import * as consultation from './consultation.ts';
import * as dynamic from './dynamic.ts';
import { decisionExportRoutes } from './export-routes.ts';
import * as decisions from './service.ts';

const tags = ['decisions'];
const nullable = z.string().nullable();
const day = z.string().max(10);
const StepDto = z.object({ status: z.string(), on: nullable, outcome: nullable, reference: nullable });
const ProcedureDto = z.object({
  notDisclosedReason: nullable,
  steps: z.record(z.string(), StepDto),
  consultation: z
    .object({
      opensOn: z.string(),
      closesOn: z.string(),
      shortReason: nullable,
      draftItemId: nullable.optional(),
      comments: z.number(),
      unanswered: z.number(),
      reportPublishedOn: nullable,
    })
    .nullable(),
  legalityRequestedOn: nullable,
  legalityOpinion: nullable,
  legalityRisk: nullable,
  submittedOn: nullable,
});
const ItemDto = z.object({
  id: z.string(),
  catalogId: z.string(),
  catalogUnitId: z.string(),
  seq: z.number(),
  category: z.string(),
  title: z.string(),
  leadUnit: z.string(),
  leadUnitId: nullable,
  plannedMonth: z.string(),
  note: z.string(),
  procedure: ProcedureDto,
  revision: z.number(),
  updatedAt: z.string(),
  currentStep: nullable,
  gateMissing: z.array(z.string()),
  abilities: z.object({ runProcedure: z.boolean(), reviewLegality: z.boolean() }),
});
const CatalogDto = z.object({
  id: z.string(),
  unitId: z.string(),
  year: z.number(),
  title: z.string(),
  version: z.number(),
});
const CommentDto = z.object({
  id: z.string(),
  seq: z.number(),
  receivedAt: z.string(),
  name: nullable,
  contact: nullable,
  body: z.string(),
  publicBody: z.string(),
  piiCount: z.number(),
  answer: nullable,
  answerReason: nullable,
  answeredAt: nullable,
});
const ActedDto = z.object({ item: ItemDto, warnings: z.array(z.string()) });
const IdParams = z.object({ id: z.uuid() });
const text = (max: number) => z.string().max(max);
const step = z.enum(STEPS);

/** The procedure's actions a person takes here (comments and answers come through the 预公开 page). */
const ActionBody = z.object({
  revision: z.number().int().positive().optional(),
  action: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('complete'), step, on: day, outcome: text(4000), reference: text(200).nullish() }),
    z.object({ kind: z.literal('notApplicable'), step, reason: text(2000) }),
    z.object({
      kind: z.literal('openConsultation'),
      opensOn: day,
      closesOn: day,
      shortReason: text(2000).nullish(),
      draftItemId: z.uuid().describe('经三审三校和保密审查发布的征求意见稿（含起草说明）'),
    }),
    z.object({ kind: z.literal('publishReport'), on: day }),
    z.object({ kind: z.literal('requestLegality'), on: day }),
    z.object({
      kind: z.literal('opinion'),
      opinion: z.enum(['lawful', 'riskStated', 'unlawful']),
      on: day,
      risk: text(4000).nullish(),
      reference: text(200).nullish(),
    }),
    z.object({ kind: z.literal('submit'), on: day }),
  ]),
});

export const decisionRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  await app.register(decisionExportRoutes, { deps }); // 年度看板、导出、决策过程记录和材料
  app.get(
    '/api/decisions/catalogs',
    { schema: { response: { 200: z.array(CatalogDto) }, tags, summary: '重大行政决策事项目录（各年度、各层级）' } },
    async (req) => decisions.listCatalogs(deps, actorOf(req)),
  );
  app.post(
    '/api/decisions/catalogs/import',
    {
      schema: {
        body: z.object({ unitId: z.uuid(), year: z.number().int(), title: text(200).optional(), text: text(200_000) }),
        response: { 201: CatalogDto },
        tags,
        summary: '导入年度目录（从印发通知粘贴的表格；编制目录的单位）',
      },
    },
    async (req, reply) => reply.code(201).send(await decisions.importCatalog(deps, actorOf(req), req.body)),
  );
  app.get(
    '/api/decisions/catalogs/:id',
    {
      schema: {
        params: IdParams,
        response: { 200: CatalogDto.extend({ items: z.array(ItemDto) }) },
        tags,
        summary: '一份目录及其事项的程序进度',
      },
    },
    async (req) => decisions.getCatalog(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/api/decisions/items/:id',
    { schema: { params: IdParams, response: { 200: ItemDto }, tags, summary: '一个决策事项及其法定程序' } },
    async (req) => decisions.getDecision(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/decisions/items/:id/actions',
    {
      schema: {
        params: IdParams,
        body: ActionBody,
        response: { 200: ActedDto },
        tags,
        summary: '办理程序：办结或标注不适用、发布征求意见、送审、合法性审查意见、提请常务会议审议',
      },
    },
    async (req) => decisions.act(deps, actorOf(req), req.params.id, req.body.action, req.body.revision),
  );
  app.get(
    '/api/decisions/items/:id/comments',
    {
      schema: {
        params: IdParams,
        response: { 200: z.array(CommentDto) },
        tags,
        summary: '预公开收到的公众意见原件（仅承办单位）',
      },
    },
    async (req) => consultation.listItemComments(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/decisions/items/:id/comments/:commentId/answer',
    {
      schema: {
        params: z.object({ id: z.uuid(), commentId: z.uuid() }),
        body: z.object({ answer: z.enum(['adopted', 'partlyAdopted', 'notAdopted']), reason: text(2000) }),
        response: { 200: CommentDto },
        tags,
        summary: '答复一条公众意见：采纳、部分采纳或不予采纳，并说明理由',
      },
    },
    async (req) => consultation.answerComment(deps, actorOf(req), req.params.id, req.params.commentId, req.body),
  );
  const EntryBody = z.object({
    seq: z.number().int().positive(),
    category: text(100),
    title: text(500),
    leadUnit: text(100),
    plannedMonth: text(20),
    note: text(500).default(''),
  });
  const ProposalDto = z.object({
    id: z.string(),
    catalogId: z.string(),
    kind: z.string(),
    itemId: nullable,
    entry: EntryBody.nullable(),
    reason: z.string(),
    status: z.string(),
    proposedBy: z.string(),
    proposedAt: z.string(),
    decidedBy: nullable,
    decidedAt: nullable,
    version: z.number().nullable(),
  });
  const reason = text(4000);
  app.get(
    '/api/decisions/catalogs/:id/proposals',
    { schema: { params: IdParams, response: { 200: z.array(ProposalDto) }, tags, summary: '目录调整申请' } },
    async (req) => dynamic.listProposals(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/decisions/catalogs/:id/proposals',
    {
      schema: {
        params: IdParams,
        body: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('add'), entry: EntryBody, reason }),
          z.object({ kind: z.literal('change'), itemId: z.uuid(), entry: EntryBody, reason }),
          z.object({ kind: z.literal('withdraw'), itemId: z.uuid(), reason }),
        ]),
        response: { 201: ProposalDto },
        tags,
        summary: '提出目录调整：增加、调整（如计划决策时间）或撤销事项，并说明理由',
      },
    },
    async (req, reply) => reply.code(201).send(await dynamic.propose(deps, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/decisions/proposals/:id/decision',
    {
      schema: {
        params: IdParams,
        body: z.object({ approve: z.boolean() }),
        response: { 200: ProposalDto },
        tags,
        summary: '审批目录调整（编制目录单位的分管领导或主要领导；撤销须主要领导）',
      },
    },
    async (req) => dynamic.decide(deps, actorOf(req), req.params.id, req.body.approve),
  );
  const Entry = EntryBody.extend({ note: z.string() });
  app.get(
    '/api/decisions/catalogs/:id/versions',
    {
      schema: {
        params: IdParams,
        response: {
          200: z.array(
            z.object({ version: z.number(), entries: z.array(Entry), reason: z.string(), createdAt: z.string() }),
          ),
        },
        tags,
        summary: '目录的每一个版本',
      },
    },
    async (req) => dynamic.listVersions(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/api/decisions/catalogs/:id/diff',
    {
      schema: {
        params: IdParams,
        querystring: z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }),
        response: {
          200: z.object({
            added: z.array(Entry),
            removed: z.array(Entry),
            changed: z.array(
              z.object({
                seq: z.number(),
                fields: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })),
              }),
            ),
          }),
        },
        tags,
        summary: '两个版本之间的差异',
      },
    },
    async (req) => dynamic.diffVersions(deps, actorOf(req), req.params.id, req.query.from, req.query.to),
  );
};
