// HTTP for the secrecy office's step in the chain (保密审查): the actions that move the item are publish's use cases
// (secrecy-step.ts); their bodies and the record they answer with are secrecy's (src/secrecy/schemas.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../platform/deps.ts';
import { actorOf } from '../org/request-context.ts';
import { ItemParams, OpinionBody, RecordDto, ResumeBody, ReturnBody } from '../secrecy/schemas.ts';
import { giveOpinion, resumeReferral, returnForRevision } from './secrecy-step.ts';

const tags = ['secrecy'];

export const secrecyStepRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/api/items/:id/secrecy/opinion',
    {
      schema: {
        params: ItemParams,
        body: OpinionBody,
        response: { 200: RecordDto },
        summary: '保密工作机构审查意见（公开、部分公开、免于公开、需报审）',
        tags,
      },
    },
    async (req) => giveOpinion(deps, actorOf(req), { ...req.body, itemId: req.params.id }),
  );

  app.post(
    '/api/items/:id/secrecy/resume',
    {
      schema: {
        params: ItemParams,
        body: ResumeBody,
        response: { 200: RecordDto },
        summary: '登记报审答复并恢复审查',
        tags,
      },
    },
    async (req) => resumeReferral(deps, actorOf(req), { ...req.body, itemId: req.params.id }),
  );

  app.post(
    '/api/items/:id/secrecy/return',
    {
      schema: { params: ItemParams, body: ReturnBody, response: { 200: RecordDto }, summary: '保密审查退回修改', tags },
    },
    async (req) => returnForRevision(deps, actorOf(req), { ...req.body, itemId: req.params.id }),
  );
};
