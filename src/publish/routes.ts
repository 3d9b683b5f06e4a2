// HTTP for 三审三校 and publishing: a schema in, one service call, a DTO out. Rules live in model.ts and
// src/org/policy/publish.ts; errors become HTTP in src/app/server.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { actorOf } from '../org/request-context.ts';
import { contentDisposition } from './attachments-model.ts';
import { addAttachment, downloadAttachment, listItemAttachments, removeAttachment } from './attachments-service.ts';
import { acceptDismissal, dismissFinding, getFindings, rejectDismissal } from './findings-service.ts';
import { recordLiveUrl } from './live-url.ts';
import {
  ApproveBody,
  AttachmentDto,
  AttachmentParams,
  AttachmentsDto,
  DismissBody,
  DraftBody,
  EditBody,
  FindingParams,
  FindingsDto,
  FindingsQuery,
  HistoryDto,
  ImportDraftForm,
  ImportRevisionForm,
  ItemDetailDto,
  ItemParams,
  ListQuery,
  LiveUrlBody,
  LiveUrlDto,
  PageDto,
  PublishedBodyDto,
  QueueQuery,
  RejectBody,
  ReturnBody,
  RunDueDto,
  SubmitBody,
} from './schemas.ts';
import {
  approveItem,
  draftItem,
  editItem,
  getHistory,
  getItem,
  getPublishedBody,
  importDraft,
  importRevision,
  listItems,
  listReviewQueue,
  returnItem,
  runPublishing,
  submitItem,
} from './service.ts';
import { readUpload } from '../platform/http/upload.ts';

const tags = ['publish'];
const multipart = { consumes: ['multipart/form-data'], tags };

export const publishRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/api/items',
    {
      schema: { body: DraftBody, response: { 201: ItemDetailDto }, summary: '起草稿件（纯文本或 HTML）', tags },
    },
    async (req, reply) => reply.code(201).send(await draftItem(deps, actorOf(req), req.body)),
  );

  app.post(
    '/api/items/import',
    {
      schema: { ...multipart, response: { 201: ItemDetailDto }, summary: '导入 Word（.docx）为新稿件' },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { file, fields } = await readUpload(req, ImportDraftForm);
      return reply.code(201).send(await importDraft(deps, actor, fields, file));
    },
  );

  app.put(
    '/api/items/:id',
    {
      schema: {
        params: ItemParams,
        body: EditBody,
        response: { 200: ItemDetailDto },
        summary: '修改稿件（形成新版本）',
        tags,
      },
    },
    async (req) => editItem(deps, actorOf(req), { ...req.body, itemId: req.params.id }),
  );

  app.post(
    '/api/items/:id/revisions/import',
    {
      schema: {
        ...multipart,
        params: ItemParams,
        response: { 200: ItemDetailDto },
        summary: '导入 Word（.docx）为新版本',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { file, fields } = await readUpload(req, ImportRevisionForm);
      return importRevision(deps, actor, { ...fields, itemId: req.params.id }, file);
    },
  );

  app.post(
    '/api/items/:id/submit',
    {
      schema: {
        params: ItemParams,
        body: SubmitBody,
        response: { 200: ItemDetailDto },
        summary: '提交审核（从一审开始）',
        tags,
      },
    },
    async (req) => submitItem(deps, actorOf(req), { itemId: req.params.id, revision: req.body.revision }),
  );

  app.post(
    '/api/items/:id/approve',
    {
      schema: { params: ItemParams, body: ApproveBody, response: { 200: ItemDetailDto }, summary: '审核通过', tags },
    },
    async (req) => approveItem(deps, actorOf(req), { ...req.body, itemId: req.params.id }),
  );

  app.post(
    '/api/items/:id/return',
    {
      schema: { params: ItemParams, body: ReturnBody, response: { 200: ItemDetailDto }, summary: '退回修改', tags },
    },
    async (req) => returnItem(deps, actorOf(req), { ...req.body, itemId: req.params.id }),
  );

  app.get(
    '/api/items/:id',
    {
      schema: { params: ItemParams, response: { 200: ItemDetailDto }, summary: '稿件详情（含可执行操作）', tags },
    },
    async (req) => getItem(deps, actorOf(req), req.params.id),
  );

  app.get(
    '/api/items/:id/history',
    {
      schema: { params: ItemParams, response: { 200: HistoryDto }, summary: '审核历史与版本差异', tags },
    },
    async (req) => getHistory(deps, actorOf(req), req.params.id),
  );

  app.get(
    '/api/items/:id/published',
    {
      schema: {
        params: ItemParams,
        response: { 200: PublishedBodyDto },
        summary: '已发布的正文（部分公开时为脱密文本）',
        tags,
      },
    },
    async (req) => getPublishedBody(deps, actorOf(req), req.params.id),
  );

  app.put(
    '/api/items/:id/live-url',
    {
      schema: {
        params: ItemParams,
        body: LiveUrlBody,
        response: { 200: LiveUrlDto },
        summary: '登记已发布稿件在网站上的网址（供读网监测核对正文）',
        tags,
      },
    },
    async (req) => recordLiveUrl(deps, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/items/:id/findings',
    {
      schema: {
        params: ItemParams,
        querystring: FindingsQuery,
        response: { 200: FindingsDto },
        summary: '智能校对发现（默认当前版本）',
        tags,
      },
    },
    async (req) => getFindings(deps, actorOf(req), req.params.id, req.query.revision),
  );

  app.post(
    '/api/items/:id/findings/:findingId/dismiss',
    {
      schema: {
        params: FindingParams,
        body: DismissBody,
        response: { 200: FindingsDto },
        tags,
        summary: '说明理由后忽略一条智能校对发现（起草人、一审对严重/错误问题为建议忽略，须二审确认）',
      },
    },
    async (req) =>
      dismissFinding(deps, actorOf(req), {
        itemId: req.params.id,
        findingId: req.params.findingId,
        reason: req.body.reason,
      }),
  );

  app.post(
    '/api/items/:id/findings/:findingId/accept',
    {
      schema: { params: FindingParams, response: { 200: FindingsDto }, summary: '同意忽略建议（二审及以上）', tags },
    },
    async (req) => acceptDismissal(deps, actorOf(req), { itemId: req.params.id, findingId: req.params.findingId }),
  );

  app.post(
    '/api/items/:id/findings/:findingId/reject',
    {
      schema: {
        params: FindingParams,
        body: RejectBody,
        response: { 200: FindingsDto },
        summary: '不同意忽略建议，说明理由（二审及以上）',
        tags,
      },
    },
    async (req) =>
      rejectDismissal(deps, actorOf(req), {
        itemId: req.params.id,
        findingId: req.params.findingId,
        reason: req.body.reason,
      }),
  );

  app.post(
    '/api/items/:id/attachments',
    {
      schema: {
        ...multipart,
        params: ItemParams,
        response: { 201: AttachmentDto },
        summary: '上传附件（起草或退回修改时）',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { file } = await readUpload(req, z.object({}), '附件');
      return reply.code(201).send(await addAttachment(deps, actor, req.params.id, file));
    },
  );

  app.get(
    '/api/items/:id/attachments',
    {
      schema: { params: ItemParams, response: { 200: AttachmentsDto }, summary: '附件列表', tags },
    },
    async (req) => listItemAttachments(deps, actorOf(req), req.params.id),
  );

  app.get(
    '/api/items/:id/attachments/:attId',
    {
      schema: { params: AttachmentParams, produces: ['application/octet-stream'], summary: '下载附件', tags },
    },
    async (req, reply) => {
      const file = await downloadAttachment(deps, actorOf(req), req.params.id, req.params.attId);
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(file.content);
    },
  );

  app.delete(
    '/api/items/:id/attachments/:attId',
    {
      schema: {
        params: AttachmentParams,
        response: { 200: AttachmentsDto },
        summary: '删除附件（起草或退回修改时）',
        tags,
      },
    },
    async (req) => removeAttachment(deps, actorOf(req), req.params.id, req.params.attId),
  );

  app.get(
    '/api/items',
    {
      schema: { querystring: ListQuery, response: { 200: PageDto }, summary: '稿件列表（mine=1：我起草的）', tags },
    },
    async (req) => listItems(deps, actorOf(req), { ...req.query, mine: req.query.mine === '1' }),
  );

  app.get(
    '/api/review-queue',
    {
      schema: { querystring: QueueQuery, response: { 200: PageDto }, summary: '待审列表（本人可审的稿件）', tags },
    },
    async (req) => listReviewQueue(deps, actorOf(req), req.query),
  );

  app.post(
    '/api/publish/run-due',
    {
      schema: { response: { 200: RunDueDto }, summary: '立即执行到期的定时发布（管理员）', tags },
    },
    async (req) => runPublishing(deps, actorOf(req)),
  );
};
