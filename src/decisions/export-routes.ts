// HTTP for watching the year and filing it (issue 17): the 年度看板, the 目录 as .xlsx and as its 印发 notice (.docx,
// or a draft item for 三审三校), and the 决策过程记录和材料 ZIPs. org/policy/decisions.ts decides who.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../org/request-context.ts';
import type { Deps } from '../platform/deps.ts';
import { contentDisposition } from '../publish/attachments-model.ts';
import { getBoard } from './board.ts';
import { catalogNoticeDocx, catalogXlsx, draftNoticeItem, type FileOut } from './exports.ts';
import { catalogRecordsZip, itemRecordsZip } from './records.ts';

const tags = ['decisions'];
const IdParams = z.object({ id: z.uuid() });
const nullable = z.string().nullable();
const FileResponse = { 200: z.any().describe('文件') };

const BoardItemDto = z.object({
  id: z.string(),
  catalogId: z.string(),
  keeperUnitId: z.string(),
  seq: z.number(),
  category: z.string(),
  title: z.string(),
  unitName: z.string(),
  leadUnitId: nullable,
  plannedMonth: z.string(),
  step: nullable,
  stepLabel: z.string(),
  daysToPlanned: z.number(),
  overdue: z.boolean(),
  commentClosesAt: nullable,
  missing: z.array(z.string()),
});

const send = (reply: FastifyReply, f: FileOut) =>
  reply
    .header('content-type', f.mediaType)
    .header('content-disposition', contentDisposition(f.fileName))
    .send(f.content);

export const decisionExportRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/decisions/board',
    {
      schema: {
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100).describe('年度'),
          keeper: z.uuid().optional().describe('编制目录的单位（不填：可见的全部目录）'),
        }),
        response: {
          200: z.object({
            year: z.number(),
            today: z.string(),
            dayKind: z.literal('working').describe('daysToPlanned 按工作日计算（含法定节假日和调休）'),
            items: z.array(BoardItemDto),
          }),
        },
        tags,
        summary: '年度看板：各事项所处步骤、距计划决策时间的工作日数、超期、征求意见截止日期、提请审议尚缺的程序',
      },
    },
    async (req) => getBoard(deps, actorOf(req), req.query.year, req.query.keeper),
  );
  app.get(
    '/api/decisions/catalogs/:id/export.xlsx',
    { schema: { params: IdParams, response: FileResponse, tags, summary: '导出目录（Excel，列同63号目录表）' } },
    async (req, reply) => send(reply, await catalogXlsx(deps, actorOf(req), req.params.id)),
  );
  app.get(
    '/api/decisions/catalogs/:id/notice.docx',
    {
      schema: {
        params: IdParams,
        response: FileResponse,
        tags,
        summary: '目录的印发通知（Word，GB/T 9704 公文格式，目录为附件；编制目录的单位）',
      },
    },
    async (req, reply) => send(reply, await catalogNoticeDocx(deps, actorOf(req), req.params.id)),
  );
  app.post(
    '/api/decisions/catalogs/:id/notice-item',
    {
      schema: {
        params: IdParams,
        body: z
          .object({
            sectionId: z.uuid().optional().describe('起草科室（不填：起草人所在科室）'),
            channels: z
              .array(z.object({ channelId: z.uuid(), columnId: z.uuid().nullish() }))
              .max(20)
              .optional()
              .describe('发布渠道（不填：本单位网站的政策文件栏目）'),
          })
          .optional(),
        response: { 201: z.object({ itemId: z.string() }) },
        tags,
        summary: '把印发通知转为本单位的稿件草稿（附 Word 和 Excel），再经三审三校和保密审查发布',
      },
    },
    async (req, reply) =>
      reply.code(201).send(await draftNoticeItem(deps, actorOf(req), req.params.id, req.body ?? {})),
  );
  app.get(
    '/api/decisions/items/:id/records.zip',
    {
      schema: {
        params: IdParams,
        response: FileResponse,
        tags,
        summary: '一个决策事项的决策过程记录和材料（ZIP，含 index.html 索引）',
      },
    },
    async (req, reply) => send(reply, await itemRecordsZip(deps, actorOf(req), req.params.id)),
  );
  app.get(
    '/api/decisions/catalogs/:id/records.zip',
    {
      schema: {
        params: IdParams,
        response: FileResponse,
        tags,
        summary: '整个目录（年度）的决策过程记录和材料（ZIP，每个事项一个文件夹，含 index.html 索引）',
      },
    },
    async (req, reply) => send(reply, await catalogRecordsZip(deps, actorOf(req), req.params.id)),
  );
};
