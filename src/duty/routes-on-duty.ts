// HTTP for 读网值班, part two: who is on duty now (今日值班), a shift with its attendance and 交接班, 到岗 / 离岗,
// 换班 / 离岗 requests and the duty leader's decision, 上级通知登记, 读网记录, emergencies.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../platform/deps.ts';
import { actorOf } from '../org/request-context.ts';
import { getShiftRecord } from './attendance.ts';
import {
  ChangeBody,
  ChangeDto,
  ChangeListDto,
  ChangeQuery,
  CheckOutBody,
  CloseBody,
  DecisionBody,
  EmergencyBody,
  EmergencyBoardDto,
  EmergencyDto,
  EmergencyQuery,
  HandoverListDto,
  IdParams,
  NoticeBody,
  NoticeDto,
  NowDto,
  OptionalUnitQuery,
  RangeQuery,
  ReadingBody,
  ReadingDto,
  ReadingReportDto,
  ShiftRecordDto,
} from './schemas.ts';
import {
  checkIn,
  checkOut,
  closeEmergency,
  decideChange,
  declareEmergency,
  dutyNow,
  emergencyBoard,
  listChanges,
  listHandovers,
  listNotices,
  readingReport,
  recordNotice,
  recordReading,
  requestChange,
} from './service.ts';
import { z } from 'zod';

const tags = ['duty'];

export const onDutyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/duty/now',
    {
      schema: {
        querystring: OptionalUnitQuery,
        response: { 200: NowDto },
        tags,
        summary: '现在谁在值班（不指定单位时为可见的全部单位）',
      },
    },
    async (req) => ({ at: deps.clock.now().toISOString(), units: await dutyNow(deps, actorOf(req), req.query.unitId) }),
  );

  app.get(
    '/api/duty/shifts/:id',
    {
      schema: {
        params: IdParams,
        response: { 200: ShiftRecordDto },
        tags,
        summary: '班次的人员、到岗离岗、换班离岗和上一班的交接班记录',
      },
    },
    async (req) => getShiftRecord(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/duty/shifts/:id/check-in',
    {
      schema: {
        params: IdParams,
        response: { 200: ShiftRecordDto },
        tags,
        summary: '到岗登记（接替人员到岗即完成离岗交接）',
      },
    },
    async (req) => checkIn(deps, actorOf(req), req.params.id),
  );

  app.post(
    '/api/duty/shifts/:id/check-out',
    {
      schema: {
        params: IdParams,
        body: CheckOutBody,
        response: { 200: ShiftRecordDto },
        tags,
        summary: '离岗登记，填写交接班记录',
      },
    },
    async (req) => checkOut(deps, actorOf(req), req.params.id, req.body.handoverNote),
  );

  app.get(
    '/api/duty/handovers',
    {
      schema: { querystring: RangeQuery, response: { 200: HandoverListDto }, tags, summary: '交接班记录' },
    },
    async (req) => listHandovers(deps, actorOf(req), req.query.unitId, req.query.from, req.query.to),
  );

  app.post(
    '/api/duty/changes',
    {
      schema: {
        body: ChangeBody,
        response: { 200: ChangeDto },
        tags,
        summary: '换班或离岗申请（须带班领导批准；离岗须指定接替人员）',
      },
    },
    async (req) => requestChange(deps, actorOf(req), req.body),
  );

  app.get(
    '/api/duty/changes',
    {
      schema: { querystring: ChangeQuery, response: { 200: ChangeListDto }, tags, summary: '换班和离岗申请' },
    },
    async (req) => listChanges(deps, actorOf(req), req.query),
  );

  app.post(
    '/api/duty/changes/:id/approve',
    {
      schema: {
        params: IdParams,
        body: DecisionBody,
        response: { 200: ChangeDto },
        tags,
        summary: '带班领导批准换班或离岗',
      },
    },
    async (req) => decideChange(deps, actorOf(req), req.params.id, { approve: true, note: req.body.note }),
  );

  app.post(
    '/api/duty/changes/:id/reject',
    {
      schema: {
        params: IdParams,
        body: DecisionBody,
        response: { 200: ChangeDto },
        tags,
        summary: '带班领导不批准换班或离岗',
      },
    },
    async (req) => decideChange(deps, actorOf(req), req.params.id, { approve: false, note: req.body.note }),
  );

  app.get(
    '/api/duty/notices',
    {
      schema: { querystring: RangeQuery, response: { 200: z.array(NoticeDto) }, tags, summary: '上级通知登记' },
    },
    async (req) => listNotices(deps, actorOf(req), req.query.unitId, req.query.from, req.query.to),
  );

  app.post(
    '/api/duty/notices',
    {
      schema: {
        body: NoticeBody,
        response: { 200: NoticeDto },
        tags,
        summary: '登记收到的上级通知（时间、来源、内容、已告知人员）',
      },
    },
    async (req) => recordNotice(deps, actorOf(req), req.body),
  );

  app.get(
    '/api/duty/readings',
    {
      schema: {
        querystring: RangeQuery,
        response: { 200: ReadingReportDto },
        tags,
        summary: '读网记录与未达到最低轮次的日期',
      },
    },
    async (req) => readingReport(deps, actorOf(req), req.query.unitId, req.query.from, req.query.to),
  );

  app.post(
    '/api/duty/readings',
    {
      schema: {
        body: ReadingBody,
        response: { 200: ReadingDto },
        tags,
        summary: '登记一轮读网（时间、读过的网页、发现的异常）',
      },
    },
    async (req) => recordReading(deps, actorOf(req), req.body),
  );

  app.get(
    '/api/duty/emergencies',
    {
      schema: {
        querystring: EmergencyQuery,
        response: { 200: EmergencyBoardDto },
        tags,
        summary: '突发事件（open=1 只看未结束的），及本人可启动的范围',
      },
    },
    async (req) => emergencyBoard(deps, actorOf(req), { unitId: req.query.unitId, openOnly: req.query.open === '1' }),
  );

  app.post(
    '/api/duty/emergencies',
    {
      schema: {
        body: EmergencyBody,
        response: { 200: EmergencyDto },
        tags,
        summary: '启动突发事件处置（本单位或全区）：当前及后续班次须有带班领导，增加处置人员并通知',
      },
    },
    async (req) => declareEmergency(deps, actorOf(req), req.body),
  );

  app.post(
    '/api/duty/emergencies/:id/close',
    {
      schema: {
        params: IdParams,
        body: CloseBody,
        response: { 200: EmergencyDto },
        tags,
        summary: '结束突发事件处置，填写处置情况',
      },
    },
    async (req) => closeEmergency(deps, actorOf(req), req.params.id, req.body.summary),
  );
};
