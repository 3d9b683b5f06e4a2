// HTTP for 读网值班 monitoring under /api/watch: the overview (监测总览), sites with their columns, pages and
// thresholds, new-media accounts and their last-post date, a unit's duty contacts and robot webhooks, incidents and
// their steps. A schema in, one service call, a DTO out; who may do what is src/org/policy/watch.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { actorOf } from '../org/request-context.ts';
import {
  AccountBody,
  AccountDto,
  AccountPatch,
  AccountSummaryDto,
  ColumnBody,
  ColumnDto,
  ColumnPatch,
  IdParams,
  IncidentDetailDto,
  IncidentDto,
  incidentFilterOf,
  IncidentQuery,
  LastPostBody,
  NoteBody,
  Ok,
  OverviewDto,
  PageBody,
  PageDto,
  SiteBody,
  SiteCheckDto,
  SiteDetailDto,
  SiteDto,
  SitePatch,
  SiteSummaryDto,
  ThresholdsBody,
  UnitParams,
  UnitSettingsBody,
  UnitSettingsDto,
  WebhookBody,
  WebhookDto,
  WebhookPatch,
} from './schemas.ts';
import {
  addColumn,
  addPage,
  addSite,
  editColumn,
  editSite,
  getIncidentDetail,
  getSiteDetail,
  getUnitWatchSettings,
  listAccountSummaries,
  listIncidentViews,
  listSiteSummaries,
  moveIncident,
  overview,
  removePage,
  removeSite,
  reportLastPost,
  saveAccount,
  saveUnitWatchSettings,
  saveWebhook,
  setThresholds,
} from './service.ts';
import { startSiteCheck } from './check-now.ts';

const tags = ['watch'];
const OK = { ok: true };

export const watchRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/watch/overview',
    {
      schema: {
        response: { 200: OverviewDto },
        tags,
        summary: '监测总览：各网站对照每条单项否决线的状态（正常、预警、否决风险）和新媒体更新情况',
      },
    },
    async (req) => overview(deps, actorOf(req)),
  );

  app.get(
    '/api/watch/sites',
    { schema: { response: { 200: z.array(SiteSummaryDto) }, tags, summary: '监测网站列表' } },
    async (req) => listSiteSummaries(deps, actorOf(req)),
  );

  app.post(
    '/api/watch/sites',
    { schema: { body: SiteBody, response: { 200: SiteDto }, tags, summary: '登记监测网站（门户或子站）' } },
    async (req) => addSite(deps, actorOf(req), req.body),
  );

  app.get(
    '/api/watch/sites/:id',
    {
      schema: {
        params: IdParams,
        response: { 200: SiteDetailDto },
        tags,
        summary: '网站详情：各否决线、栏目、防篡改页面、最近探测、监测运行和异常事件',
      },
    },
    async (req) => getSiteDetail(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/watch/sites/:id/check',
    {
      schema: {
        params: IdParams,
        response: { 202: SiteCheckDto },
        tags,
        summary: '立即检测：马上对该网站运行全部监测（可用性、更新、链接、防篡改、内容），完成后结果见网站详情',
      },
    },
    async (req, reply) => reply.code(202).send((await startSiteCheck(deps, actorOf(req), req.params.id)).check),
  );

  app.patch(
    '/api/watch/sites/:id',
    { schema: { params: IdParams, body: SitePatch, response: { 200: SiteDto }, tags, summary: '修改监测网站' } },
    async (req) => editSite(deps, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/watch/sites/:id',
    { schema: { params: IdParams, response: { 200: Ok }, tags, summary: '停止监测网站（保留历史）' } },
    async (req) => (await removeSite(deps, actorOf(req), req.params.id), OK),
  );

  app.put(
    '/api/watch/sites/:id/thresholds',
    {
      schema: {
        params: IdParams,
        body: ThresholdsBody,
        response: { 200: SiteDto },
        tags,
        summary: '设置网站的预警线和否决线（未给出的用默认值）',
      },
    },
    async (req) => setThresholds(deps, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/watch/sites/:id/columns',
    {
      schema: {
        params: IdParams,
        body: ColumnBody,
        response: { 200: ColumnDto },
        tags,
        summary: '登记栏目（列表页地址、类别、更新周期）',
      },
    },
    async (req) => addColumn(deps, actorOf(req), req.params.id, req.body),
  );

  app.patch(
    '/api/watch/columns/:id',
    { schema: { params: IdParams, body: ColumnPatch, response: { 200: ColumnDto }, tags, summary: '修改栏目' } },
    async (req) => editColumn(deps, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/watch/columns/:id',
    { schema: { params: IdParams, response: { 200: Ok }, tags, summary: '停止监测栏目' } },
    async (req) => (await editColumn(deps, actorOf(req), req.params.id, { remove: true }), OK),
  );

  app.post(
    '/api/watch/sites/:id/pages',
    {
      schema: {
        params: IdParams,
        body: PageBody,
        response: { 200: PageDto },
        tags,
        summary: '加入不应变化的页面（防篡改基线）',
      },
    },
    async (req) => addPage(deps, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/watch/pages/:id',
    { schema: { params: IdParams, response: { 200: Ok }, tags, summary: '移出防篡改页面' } },
    async (req) => (await removePage(deps, actorOf(req), req.params.id), OK),
  );

  app.get(
    '/api/watch/accounts',
    { schema: { response: { 200: z.array(AccountSummaryDto) }, tags, summary: '政务新媒体账号及更新情况' } },
    async (req) => listAccountSummaries(deps, actorOf(req)),
  );

  app.post(
    '/api/watch/accounts',
    { schema: { body: AccountBody, response: { 200: AccountDto }, tags, summary: '登记政务新媒体账号' } },
    async (req) => saveAccount(deps, actorOf(req), null, req.body),
  );

  app.patch(
    '/api/watch/accounts/:id',
    {
      schema: {
        params: IdParams,
        body: AccountPatch,
        response: { 200: AccountDto },
        tags,
        summary: '修改政务新媒体账号',
      },
    },
    async (req) => saveAccount(deps, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/watch/accounts/:id',
    { schema: { params: IdParams, response: { 200: Ok }, tags, summary: '停止监测政务新媒体账号' } },
    async (req) => (await saveAccount(deps, actorOf(req), req.params.id, { remove: true }), OK),
  );

  app.put(
    '/api/watch/accounts/:id/last-post',
    {
      schema: {
        params: IdParams,
        body: LastPostBody,
        response: { 200: AccountDto },
        tags,
        summary: '登记新媒体账号最近发布日期（无订阅地址的账号由值班人员登记）',
      },
    },
    async (req) => reportLastPost(deps, actorOf(req), req.params.id, req.body.lastPostOn),
  );

  app.get(
    '/api/watch/units/:unitId/settings',
    {
      schema: {
        params: UnitParams,
        response: { 200: UnitSettingsDto },
        tags,
        summary: '单位的值班联系人、升级时限和通知机器人',
      },
    },
    async (req) => getUnitWatchSettings(deps, actorOf(req), req.params.unitId),
  );

  app.put(
    '/api/watch/units/:unitId/settings',
    {
      schema: {
        params: UnitParams,
        body: UnitSettingsBody,
        response: { 200: UnitSettingsDto.shape.settings },
        tags,
        summary: '设置值班联系人和升级时限',
      },
    },
    async (req) => saveUnitWatchSettings(deps, actorOf(req), req.params.unitId, req.body),
  );

  app.post(
    '/api/watch/units/:unitId/webhooks',
    {
      schema: {
        params: UnitParams,
        body: WebhookBody,
        response: { 200: WebhookDto },
        tags,
        summary: '新增通知机器人（企业微信、钉钉或通用 JSON）',
      },
    },
    async (req) => saveWebhook(deps, actorOf(req), { unitId: req.params.unitId }, req.body),
  );

  app.patch(
    '/api/watch/webhooks/:id',
    {
      schema: {
        params: IdParams,
        body: WebhookPatch,
        response: { 200: WebhookDto },
        tags,
        summary: '修改或停用通知机器人',
      },
    },
    async (req) => saveWebhook(deps, actorOf(req), { id: req.params.id }, req.body),
  );

  app.delete(
    '/api/watch/webhooks/:id',
    { schema: { params: IdParams, response: { 200: Ok }, tags, summary: '删除通知机器人' } },
    async (req) => (await saveWebhook(deps, actorOf(req), { id: req.params.id }, { remove: true }), OK),
  );

  app.get(
    '/api/watch/incidents',
    {
      schema: {
        querystring: IncidentQuery,
        response: { 200: z.array(IncidentDto) },
        tags,
        summary: '异常事件列表（按单位、状态、监测类别、网站或账号筛选；open=1 只看未恢复的）',
      },
    },
    async (req) => listIncidentViews(deps, actorOf(req), incidentFilterOf(req.query)),
  );

  app.get(
    '/api/watch/incidents/:id',
    {
      schema: {
        params: IdParams,
        response: { 200: IncidentDetailDto },
        tags,
        summary: '异常事件详情：各步骤和通知发送情况',
      },
    },
    async (req) => getIncidentDetail(deps, actorOf(req), req.params.id),
  );

  for (const [event, summary] of [
    ['handle', '登记处理中（接报并说明处置情况）'],
    ['recover', '登记已恢复'],
    ['close', '关闭事件（须已恢复）'],
  ] as const) {
    app.post(
      `/api/watch/incidents/:id/${event}`,
      { schema: { params: IdParams, body: NoteBody, response: { 200: IncidentDetailDto }, tags, summary } },
      async (req) => moveIncident(deps, actorOf(req), req.params.id, event, req.body.note),
    );
  }
};
