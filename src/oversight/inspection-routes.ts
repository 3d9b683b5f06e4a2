// HTTP for 随机抽查的检查: a recorded sample's checklists and result per unit, the 督查's confirmations, and the 通报
// (.docx in 公文 layout, or .pdf). Who: src/org/policy/oversight.ts canViewInspection / canConfirmCheck.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { actorOf } from '../org/request-context.ts';
import { invalid } from '../platform/errors.ts';
import { assessmentXlsx, assessYear, getScheme, saveScheme } from './assessment.ts';
import { METRICS } from './assessment-model.ts';
import { confirmCheck, getInspection } from './checklist.ts';
import { CHECKS, OUTCOMES } from './checklist-model.ts';
import { sendFile } from './file-reply.ts';
import { noticeDocx, noticePdf } from './notice-docs.ts';
import { buildNotice, checkDocNumber } from './notice-model.ts';
import { quarterlyReport } from './quarterly.ts';
import { quarterlyDocx, quarterlyXlsx } from './quarterly-docs.ts';
import { OUTCOMES as QUARTER_OUTCOMES } from './quarterly-model.ts';
import { beijingDateTime } from './time.ts';

const SeqParams = z.object({ seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const CheckDto = z.object({
  check: z.enum(CHECKS),
  name: z.string(),
  prefilled: z.enum(OUTCOMES),
  prefillNote: z.string(),
  outcome: z.enum(OUTCOMES),
  note: z.string(),
  confirmedBy: z.object({ name: z.string(), seq: z.number() }).nullable(),
});
const InspectionDto = z.object({
  seq: z.number(),
  seed: z.string(),
  from: z.string(),
  to: z.string(),
  perUnit: z.number(),
  drawnBy: z.string(),
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      population: z.number(),
      checked: z.number(),
      withProblems: z.number(),
      confirmed: z.boolean(),
      problems: z.array(z.object({ itemId: z.string(), title: z.string(), check: z.string(), note: z.string() })),
      items: z.array(
        z.object({
          itemId: z.string(),
          title: z.string(),
          revision: z.number(),
          publishedAt: z.string().nullable(),
          checks: z.array(CheckDto),
        }),
      ),
    }),
  ),
});
const ConfirmBody = z.object({
  itemId: z.uuid(),
  check: z.enum(CHECKS),
  outcome: z.enum(OUTCOMES),
  note: z.string().max(1000).optional(),
});
const NoticeQuery = z.object({
  format: z.enum(['docx', 'pdf']).default('docx'),
  issuer: z.string().trim().min(2).max(60).default('重庆市綦江区人民政府办公室'),
  docNumber: z.string().trim().max(40).default('綦府办〔2026〕1号'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .optional(),
});
const Year = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const SchemeItemDto = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,31}$/, '考核项代码应为英文字母开头的字母、数字'),
  name: z.string().trim().min(1, '请填写考核项名称').max(40),
  metric: z.enum(METRICS),
  points: z.number().min(0).max(100),
  perUnit: z.number().min(0).max(100),
  cap: z.number().min(0).max(100),
});
const SchemeDto = z.object({
  year: z.number(),
  items: z.array(SchemeItemDto),
  custom: z.boolean(),
  updatedAt: z.string().nullable(),
});
const AssessmentDto = z.object({
  year: z.number(),
  scheme: SchemeDto,
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      rank: z.number(),
      total: z.number(),
      items: z.array(
        SchemeItemDto.omit({ perUnit: true, cap: true }).extend({
          metricName: z.string(),
          value: z.number(),
          deducted: z.number(),
          score: z.number(),
          seqs: z.array(z.number()),
        }),
      ),
    }),
  ),
});
const QuarterQuery = z.object({
  unitId: z.uuid(),
  quarter: z.string().regex(/^\d{4}Q[1-4]$/, '季度应为 2026Q1 这样的写法'),
});
const EvidenceDto = z.object({
  at: z.string(),
  summary: z.string(),
  incidentId: z.string().optional(),
  url: z.string().optional(),
});
const QuarterlyDto = z.object({
  unitId: z.string(),
  unitName: z.string(),
  quarter: z.string(),
  from: z.string(),
  to: z.string(),
  asOf: z.string(),
  targets: z.array(
    z.object({
      kind: z.enum(['website', 'newmedia']),
      id: z.string(),
      name: z.string(),
      kindName: z.string(),
      address: z.string(),
      vetoes: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          line: z.string(),
          outcome: z.enum(QUARTER_OUTCOMES),
          note: z.string(),
          evidence: z.array(EvidenceDto),
        }),
      ),
      deductions: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          count: z.number(),
          points: z.number(),
          evidence: z.array(EvidenceDto),
        }),
      ),
      score: z.number(),
      passed: z.boolean(),
      result: z.string(),
    }),
  ),
});

export const inspectionRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/oversight/samples/:seq',
    {
      schema: {
        params: SeqParams,
        response: { 200: InspectionDto },
        tags: ['oversight'],
        summary: '随机抽查：样本中每篇稿件的检查清单（按数据预填、督查确认）和各单位结果',
      },
    },
    async (req) => getInspection(deps, actorOf(req), req.params.seq),
  );

  app.post(
    '/api/oversight/samples/:seq/checks',
    {
      schema: {
        params: SeqParams,
        body: ConfirmBody,
        response: { 200: CheckDto },
        tags: ['oversight'],
        summary: '督查确认或纠正抽查清单的一项（与预填不同须写明理由），记入登记台账',
      },
    },
    async (req) => confirmCheck(deps, actorOf(req), req.params.seq, req.body),
  );

  app.get(
    '/api/oversight/samples/:seq/notice',
    {
      schema: {
        params: SeqParams,
        querystring: NoticeQuery,
        tags: ['oversight'],
        summary: '抽查情况通报（公文格式 .docx 或 .pdf），点名存在问题的单位和问题',
        response: { 200: z.any().describe('通报文件') },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const wrong = checkDocNumber(q.docNumber);
      if (wrong) throw invalid('docNumber', wrong);
      const date = q.date ?? beijingDateTime(deps.clock.now().toISOString()).slice(0, 10);
      const inspection = await getInspection(deps, actorOf(req), req.params.seq);
      const notice = buildNotice(inspection, { issuer: q.issuer, docNumber: q.docNumber, date });
      const body = q.format === 'pdf' ? await noticePdf(notice) : await noticeDocx(notice);
      return sendFile(reply, q.format, notice.title, body);
    },
  );

  app.get(
    '/api/oversight/assessment/scheme',
    {
      schema: { querystring: Year, response: { 200: SchemeDto }, tags: ['oversight'], summary: '年度考核方案' },
    },
    async (req) => getScheme(deps, actorOf(req), req.query.year),
  );

  app.put(
    '/api/oversight/assessment/scheme',
    {
      schema: {
        body: Year.extend({ items: z.array(SchemeItemDto).max(30) }),
        response: { 200: SchemeDto },
        tags: ['oversight'],
        summary: '修改年度考核方案（考核项、分值、每单位扣分、扣分上限、数据来源），记入登记台账（督查）',
      },
    },
    async (req) => saveScheme(deps, actorOf(req), req.body.year, req.body.items),
  );

  app.get(
    '/api/oversight/assessment',
    {
      schema: {
        querystring: Year,
        response: { 200: AssessmentDto },
        tags: ['oversight'],
        summary: '年度考核：各单位按考核方案的得分、排名，每项扣分列出所依据的台账记录',
      },
    },
    async (req) => assessYear(deps, actorOf(req), req.query.year),
  );

  app.get(
    '/api/oversight/assessment/export',
    {
      schema: {
        querystring: Year,
        tags: ['oversight'],
        summary: '导出年度考核得分（.xlsx）',
        response: { 200: z.any().describe('年度考核表') },
      },
    },
    async (req, reply) => {
      const a = await assessYear(deps, actorOf(req), req.query.year);
      return sendFile(reply, 'xlsx', `${a.year}年度政务公开考核`, await assessmentXlsx(a));
    },
  );

  app.get(
    '/api/oversight/quarterly',
    {
      schema: {
        querystring: QuarterQuery,
        response: { 200: QuarterlyDto },
        tags: ['oversight'],
        summary: '季度检查自查表：单位每个网站和政务新媒体账号按检查指标的单项否决项、扣分项、得分和结论，附监测依据',
      },
    },
    async (req) => quarterlyReport(deps, actorOf(req), req.query),
  );

  app.get(
    '/api/oversight/quarterly/export',
    {
      schema: {
        querystring: QuarterQuery.extend({ format: z.enum(['xlsx', 'docx']).default('xlsx') }),
        tags: ['oversight'],
        summary: '导出季度检查自查表（.xlsx 或 .docx）',
        response: { 200: z.any().describe('季度检查自查表') },
      },
    },
    async (req, reply) => {
      const r = await quarterlyReport(deps, actorOf(req), req.query);
      const body = req.query.format === 'docx' ? await quarterlyDocx(r) : await quarterlyXlsx(r);
      return sendFile(reply, req.query.format, `${r.unitName}${r.quarter}季度检查自查表`, body);
    },
  );
};
