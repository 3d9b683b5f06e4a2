// HTTP for 读网值班, part one: setup (settings, 班次, special days, unavailability, phones), the calendar, rosters and
// their shifts, Excel export and import, calendar feeds. A schema in, one service call, a DTO out; who may do what is
// src/org/policy/duty.ts. Part two (on duty: 今日值班, 到岗/交接班, 换班/离岗, records, emergencies) is routes-on-duty.ts.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { actorOf } from '../org/request-context.ts';
import { invalid } from '../platform/errors.ts';
import { contentDisposition } from '../publish/attachments-model.ts';
import { exportRoster, importRoster, previewImport } from './roster-excel.ts';
import { onDutyRoutes } from './routes-on-duty.ts';
import {
  CalendarDto,
  FeedBody,
  FeedDto,
  FeedParams,
  IdParams,
  ImportPreviewDto,
  ImportQuery,
  NewFeedDto,
  Ok,
  PhoneBody,
  PhoneDto,
  PublishBody,
  RangeQuery,
  RosterBody,
  RosterDetailDto,
  RosterListDto,
  SettingsBody,
  SetupDto,
  ShiftBody,
  ShiftPatch,
  SpecialDayBody,
  SpecialDayDto,
  SpecialDayListDto,
  TemplateBody,
  TemplateDto,
  TemplatePatch,
  UnavailabilityBody,
  UnavailabilityDto,
  UnavailabilityListDto,
  UnitParams,
  UnitQuery,
  UserParams,
  VersionQuery,
} from './schemas.ts';
import {
  addShift,
  addUnavailability,
  createFeedToken,
  createRoster,
  discardRoster,
  dutyCalendar,
  editShift,
  getRoster,
  getSetup,
  listFeedTokens,
  listRosters,
  listSpecialDays,
  listUnavailability,
  markSpecialDay,
  publishRoster,
  removeShift,
  removeUnavailability,
  renderFeed,
  revokeFeedToken,
  saveSettings,
  saveTemplate,
  setPhone,
  unmarkSpecialDay,
} from './service.ts';

const tags = ['duty'];
const OK = { ok: true };

export const dutyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/duty/units/:unitId/setup',
    {
      schema: {
        params: UnitParams,
        response: { 200: SetupDto },
        tags,
        summary: '单位的值班设置：班次、规则、值班人员名单',
      },
    },
    async (req) => getSetup(deps, actorOf(req), req.params.unitId),
  );

  app.put(
    '/api/duty/units/:unitId/settings',
    {
      schema: {
        params: UnitParams,
        body: SettingsBody,
        response: { 200: SetupDto },
        tags,
        summary: '修改值班规则（最短休息、读网轮次、班前提醒）',
      },
    },
    async (req) => saveSettings(deps, actorOf(req), req.params.unitId, req.body),
  );

  app.post(
    '/api/duty/units/:unitId/templates',
    {
      schema: {
        params: UnitParams,
        body: TemplateBody,
        response: { 200: TemplateDto },
        tags,
        summary: '新增班次（工作日白班、夜班、节假日等）',
      },
    },
    async (req) => saveTemplate(deps, actorOf(req), { unitId: req.params.unitId }, req.body),
  );

  app.patch(
    '/api/duty/templates/:id',
    {
      schema: {
        params: IdParams,
        body: TemplatePatch,
        response: { 200: TemplateDto },
        tags,
        summary: '修改或停用班次',
      },
    },
    async (req) => saveTemplate(deps, actorOf(req), { id: req.params.id }, req.body),
  );

  app.put(
    '/api/duty/people/:userId/phone',
    {
      schema: { params: UserParams, body: PhoneBody, response: { 200: PhoneDto }, tags, summary: '值班联系电话' },
    },
    async (req) => setPhone(deps, actorOf(req), req.params.userId, req.body.phone),
  );

  app.get(
    '/api/duty/special-days',
    {
      schema: {
        querystring: UnitQuery,
        response: { 200: SpecialDayListDto },
        tags,
        summary: '单位今天及以后的重大活动、重要节点（含全区的）',
      },
    },
    async (req) => listSpecialDays(deps, actorOf(req), req.query.unitId),
  );

  app.post(
    '/api/duty/special-days',
    {
      schema: {
        body: SpecialDayBody,
        response: { 200: SpecialDayDto },
        tags,
        summary: '标记重大活动、重要节点（当天须带班领导）',
      },
    },
    async (req) => markSpecialDay(deps, actorOf(req), req.body),
  );

  app.delete(
    '/api/duty/special-days/:id',
    {
      schema: { params: IdParams, response: { 200: Ok }, tags, summary: '取消重大活动、重要节点标记' },
    },
    async (req) => (await unmarkSpecialDay(deps, actorOf(req), req.params.id), OK),
  );

  app.get(
    '/api/duty/unavailability',
    {
      schema: {
        querystring: UnitQuery,
        response: { 200: UnavailabilityListDto },
        tags,
        summary: '单位尚未结束的不能值班时间',
      },
    },
    async (req) => listUnavailability(deps, actorOf(req), req.query.unitId),
  );

  app.post(
    '/api/duty/unavailability',
    {
      schema: {
        body: UnavailabilityBody,
        response: { 200: UnavailabilityDto },
        tags,
        summary: '登记不能值班的时间（排班时避开）',
      },
    },
    async (req) => addUnavailability(deps, actorOf(req), req.body),
  );

  app.delete(
    '/api/duty/unavailability/:id',
    {
      schema: { params: IdParams, response: { 200: Ok }, tags, summary: '删除不能值班的时间' },
    },
    async (req) => (await removeUnavailability(deps, actorOf(req), req.params.id), OK),
  );

  app.get(
    '/api/duty/calendar',
    {
      schema: {
        querystring: RangeQuery,
        response: { 200: CalendarDto },
        tags,
        summary: '值班日历：日期类型、各值班表的班次、请假、突发事件（to 不含）',
      },
    },
    async (req) => dutyCalendar(deps, actorOf(req), req.query.unitId, req.query.from, req.query.to),
  );

  app.get(
    '/api/duty/rosters',
    {
      schema: { querystring: UnitQuery, response: { 200: RosterListDto }, tags, summary: '单位的值班表' },
    },
    async (req) => listRosters(deps, actorOf(req), req.query.unitId),
  );

  app.post(
    '/api/duty/rosters',
    {
      schema: {
        body: RosterBody,
        response: { 200: RosterDetailDto },
        tags,
        summary: '新建值班表（草稿）；带 generate 时按公平轮值自动排班',
      },
    },
    async (req) => createRoster(deps, actorOf(req), req.body),
  );

  app.get(
    '/api/duty/rosters/:id',
    {
      schema: {
        params: IdParams,
        response: { 200: RosterDetailDto },
        tags,
        summary: '值班表：日期、班次、问题清单、轮值次数',
      },
    },
    async (req) => getRoster(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/duty/rosters/:id/publish',
    {
      schema: {
        params: IdParams,
        body: PublishBody,
        response: { 200: RosterDetailDto },
        tags,
        summary: '发布值班表（有问题时 422 并列出）',
      },
    },
    async (req) => publishRoster(deps, actorOf(req), req.params.id, req.body.version),
  );

  app.delete(
    '/api/duty/rosters/:id',
    {
      schema: { params: IdParams, response: { 200: Ok }, tags, summary: '删除值班表草稿' },
    },
    async (req) => (await discardRoster(deps, actorOf(req), req.params.id), OK),
  );

  app.post(
    '/api/duty/rosters/:id/shifts',
    {
      schema: { params: IdParams, body: ShiftBody, response: { 200: RosterDetailDto }, tags, summary: '增加班次' },
    },
    async (req) => addShift(deps, actorOf(req), req.params.id, req.body),
  );

  app.patch(
    '/api/duty/shifts/:id',
    {
      schema: {
        params: IdParams,
        body: ShiftPatch,
        response: { 200: RosterDetailDto },
        tags,
        summary: '调整班次（拖拽改日期、换人、改时间）',
      },
    },
    async (req) => editShift(deps, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/duty/shifts/:id',
    {
      schema: {
        params: IdParams,
        querystring: VersionQuery,
        response: { 200: RosterDetailDto },
        tags,
        summary: '删除班次',
      },
    },
    async (req) => removeShift(deps, actorOf(req), req.params.id, req.query.version),
  );

  app.get(
    '/api/duty/rosters/:id/xlsx',
    {
      schema: {
        params: IdParams,
        tags,
        summary: '导出值班表（Excel：日期、星期、班次、带班领导、值班人员、联系电话）',
        response: { 200: z.any().describe('Excel 文件') },
      },
    },
    async (req, reply) => {
      const file = await exportRoster(deps, actorOf(req), req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(file.fileName))
        .send(file.buffer);
    },
  );

  const upload = async (req: FastifyRequest): Promise<Buffer> => {
    if (!req.isMultipart()) throw invalid('file', '请以 multipart/form-data 方式上传 .xlsx 文件');
    const file = await req.file();
    if (!file) throw invalid('file', '请选择要导入的 .xlsx 文件');
    return file.toBuffer();
  };

  app.post(
    '/api/duty/rosters/:id/import/preview',
    {
      schema: {
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: ImportPreviewDto },
        tags,
        summary: '导入预览：列出导入 Excel 将做的每一处改动（增删班次、时间、人员、电话、需新建的班次），不做任何修改',
      },
    },
    async (req) => previewImport(deps, actorOf(req), req.params.id, await upload(req)),
  );

  app.post(
    '/api/duty/rosters/:id/import',
    {
      schema: {
        consumes: ['multipart/form-data'],
        params: IdParams,
        querystring: ImportQuery,
        response: { 200: RosterDetailDto },
        tags,
        summary:
          '从 Excel 导入值班表草稿（有错误时 400 列出行和列，不做任何修改；version 为预览时的版本，createTemplates=1 新建预览列出的班次）',
      },
    },
    async (req) =>
      importRoster(deps, actorOf(req), req.params.id, await upload(req), {
        version: req.query.version,
        createTemplates: req.query.createTemplates === '1',
      }),
  );

  app.get(
    '/api/duty/feed-tokens',
    {
      schema: { response: { 200: z.array(FeedDto) }, tags, summary: '我的和本单位的值班日历订阅' },
    },
    async (req) => listFeedTokens(deps, actorOf(req)),
  );

  app.post(
    '/api/duty/feed-tokens',
    {
      schema: {
        body: FeedBody,
        response: { 200: NewFeedDto },
        tags,
        summary: '生成值班日历订阅地址（旧地址随即失效；地址只显示这一次）',
      },
    },
    async (req) => createFeedToken(deps, actorOf(req), req.body),
  );

  app.delete(
    '/api/duty/feed-tokens/:id',
    {
      schema: { params: IdParams, response: { 200: Ok }, tags, summary: '停用值班日历订阅' },
    },
    async (req) => (await revokeFeedToken(deps, actorOf(req), req.params.id), OK),
  );

  app.get(
    '/api/duty/feeds/:file',
    {
      schema: {
        params: FeedParams,
        tags,
        summary: '值班日历（.ics，供日历软件订阅，凭地址中的令牌访问）',
        response: { 200: z.any().describe('iCalendar 文件') },
      },
    },
    async (req, reply) =>
      reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .send(await renderFeed(deps, req.params.file.slice(0, -'.ics'.length))),
  );

  await app.register(onDutyRoutes, { deps });
};
