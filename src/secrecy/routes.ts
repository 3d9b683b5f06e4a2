// HTTP for 保密审查: a schema in, one service call, a DTO out. Rules live in model.ts and src/org/policy/secrecy.ts.
// The 第十五条 challenge routes are in challenge*.ts; the step's opinion, resume and return move the item, so they are
// publish's (src/publish/secrecy-routes.ts), and so is dismissing a finding (one route for every finding, publish's
// routes.ts: it asks the policy by the finding's kind).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../platform/deps.ts';
import { actorOf } from '../org/request-context.ts';
import { readUpload } from '../platform/http/upload.ts';
import { BASES } from './bases.ts';
import { BasesDto, ConsentBody, ConsentForm, ItemParams, QueueDto, RecordDto } from './schemas.ts';
import { consentInApp, fileConsentDocument, getSecrecyRecord, listSecrecyQueue } from './service.ts';

const tags = ['secrecy'];

export const secrecyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/secrecy/bases',
    {
      schema: { response: { 200: BasesDto }, summary: '保密审查依据（法律条款清单）', tags },
    },
    async (req) => {
      actorOf(req); // signed-in users only, like every other list
      return [...BASES];
    },
  );

  app.get(
    '/api/secrecy/queue',
    {
      schema: { response: { 200: QueueDto }, summary: '待保密审查与待共同发文单位同意的稿件', tags },
    },
    async (req) => listSecrecyQueue(deps, actorOf(req)),
  );

  app.get(
    '/api/items/:id/secrecy',
    {
      schema: { params: ItemParams, response: { 200: RecordDto }, summary: '稿件的保密审查记录（含可执行操作）', tags },
    },
    async (req) => getSecrecyRecord(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/items/:id/secrecy/consents',
    {
      schema: {
        params: ItemParams,
        body: ConsentBody,
        response: { 200: RecordDto },
        summary: '共同发文单位分管领导表示同意',
        tags,
      },
    },
    async (req) => consentInApp(deps, actorOf(req), { ...req.body, itemId: req.params.id }),
  );

  app.post(
    '/api/items/:id/secrecy/consents/upload',
    {
      schema: {
        consumes: ['multipart/form-data'],
        params: ItemParams,
        response: { 200: RecordDto },
        summary: '上传共同发文单位的书面同意文件',
        tags,
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { file, fields } = await readUpload(req, ConsentForm, '书面同意文件');
      return fileConsentDocument(deps, actor, { ...fields, itemId: req.params.id }, file);
    },
  );
};
