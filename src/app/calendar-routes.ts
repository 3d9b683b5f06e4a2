// HTTP for the working-day calendar (工作日历): the years known, one year's schedule, the admin's import of a
// State Council notice (its text, a table, or JSON) with a preview first, the reminder banner of 1 November, and
// deadline arithmetic for the UI. Reading needs a login; importing is admin-only.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canManageCalendar } from '../org/policy/calendar.ts';
import { assertAllowed, isAllowed } from '../org/policy/verdict.ts';
import { actorOf } from '../org/request-context.ts';
import type { Actor } from '../org/model.ts';
import { type CalendarYear, weekdayOf, workingDeadline } from '../platform/calendar/model.ts';
import { getCalendarYear, listCalendarYears, loadCalendar } from '../platform/calendar/service.ts';
import { calendarReminder, type ImportResult, importCalendarYear, previewCalendarImport } from './calendar-import.ts';
import type { Deps } from '../platform/deps.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const provisional = z.boolean().describe('暂定：跨入尚未导入节假日安排的年份，按周一至周五推算，导入后自动重算');
const YearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const Holiday = z.object({ name: z.string(), days: z.array(z.string()).max(31) });
// Shape only; the rules (dates inside the year, weekend make-up days, no day twice…) are validate.ts's, with
// messages naming the field.
const CalendarYearBody = z.object({
  year: z.number().int().optional(),
  source: z.string(),
  holidays: z.array(Holiday).max(20),
  makeupWorkdays: z.array(z.string()).max(30),
});
const CalendarYearDto = z.object({
  year: z.number(),
  source: z.string(),
  holidays: z.array(z.object({ name: z.string(), days: z.array(z.string()) })),
  makeupWorkdays: z.array(z.string()),
  origin: z.enum(['shipped', 'imported']),
  importedAt: z.string().nullable(),
});
const YearsDto = z.object({
  years: z.array(
    z.object({
      year: z.number(),
      source: z.string(),
      origin: z.enum(['shipped', 'imported']),
      importedAt: z.string().nullable(),
      holidayDays: z.number(),
      makeupWorkdays: z.number(),
    }),
  ),
  abilities: z.object({ canImport: z.boolean() }),
});
// The notice pasted as text (通知原文), a CSV table as text, or an .xlsx table as base64.
const ImportBody = z.object({
  format: z.enum(['notice', 'csv', 'xlsx']),
  content: z.string().min(1, '请粘贴通知原文或选择文件').max(1_000_000),
  year: z.number().int().min(2000).max(2100).optional(),
});
const Entry = z.object({ date, weekday: z.string(), kind: z.enum(['放假', '上班']), name: z.string() });
const HolidayRun = z.object({ name: z.string(), from: date, to: date, days: z.number() });
const PreviewDto = z.object({
  year: z.number(),
  source: z.string(),
  entries: z.array(Entry),
  holidays: z.array(HolidayRun),
  makeupWorkdays: z.array(date),
  replaces: z.enum(['shipped', 'imported']).nullable(),
});
const ImportedDto = z.object({
  year: CalendarYearDto,
  result: z.enum(['created', 'replaced']),
  recomputed: z.array(
    z.object({
      kind: z.enum(['secrecy', 'challenge']),
      subject: z.string(),
      from: date,
      to: date,
      provisional,
      notified: z.number(),
    }),
  ),
});

const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Every holiday and make-up day in date order, as the preview table lists them. */
function entriesOf(y: CalendarYear): z.infer<typeof Entry>[] {
  const rows = [
    ...y.holidays.flatMap((h) => h.days.map((d) => ({ date: d, kind: '放假' as const, name: h.name }))),
    ...y.makeupWorkdays.map((d) => ({ date: d, kind: '上班' as const, name: '调休上班' })),
  ];
  return rows.sort((a, b) => a.date.localeCompare(b.date)).map((r) => ({ ...r, weekday: WEEKDAY[weekdayOf(r.date)] }));
}

const importer = (actor: Actor) => ({ actor: { id: actor.id, name: actor.name }, role: 'sysAdmin' });

async function importedDto(deps: Deps, r: ImportResult) {
  return {
    year: await getCalendarYear(deps.db, r.year.year),
    result: r.result,
    recomputed: r.recomputed.map((d) => ({
      kind: d.kind,
      subject: d.subject,
      from: d.from,
      to: d.to.date,
      provisional: d.to.provisional,
      notified: d.notified.length,
    })),
  };
}

export const calendarRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/calendar/years',
    {
      schema: { response: { 200: YearsDto }, tags: ['calendar'], summary: '已有节假日安排的年份' },
    },
    async (req) => {
      const actor = actorOf(req);
      return { years: await listCalendarYears(deps.db), abilities: { canImport: isAllowed(canManageCalendar(actor)) } };
    },
  );

  app.get(
    '/api/calendar/working-days',
    {
      schema: {
        querystring: z.object({ from: date, add: z.coerce.number().int().min(0).max(366) }),
        response: { 200: z.object({ from: date, add: z.number(), date, provisional }) },
        tags: ['calendar'],
        summary: '工作日推算：收到之日为第 0 日，次日起算的第 N 个工作日（跨入未导入的年份时为暂定）',
      },
    },
    async (req) => {
      actorOf(req);
      const { from, add } = req.query;
      return { from, add, ...workingDeadline(await loadCalendar(deps.db), from, add) };
    },
  );

  app.get(
    '/api/calendar/reminder',
    {
      schema: {
        response: { 200: z.object({ year: z.number().nullable(), show: z.boolean() }) },
        tags: ['calendar'],
        summary: '是否提醒导入节假日安排（11 月 1 日起次年安排未导入时，向系统管理员和区政府办公室显示）',
      },
    },
    async (req) => calendarReminder(deps, actorOf(req)),
  );

  app.post(
    '/api/calendar/import/preview',
    {
      schema: {
        body: ImportBody,
        response: { 200: PreviewDto },
        tags: ['calendar'],
        summary: '预览导入：解析通知原文或表格，列出每个放假日和调休上班日，不保存',
      },
    },
    async (req) => {
      assertAllowed(canManageCalendar(actorOf(req)));
      const { year, replaces } = await previewCalendarImport(deps, req.body);
      const holidays = year.holidays.map((h) => ({
        name: h.name,
        from: h.days[0],
        to: h.days[h.days.length - 1],
        days: h.days.length,
      }));
      return {
        year: year.year,
        source: year.source,
        entries: entriesOf(year),
        replaces,
        holidays,
        makeupWorkdays: year.makeupWorkdays,
      };
    },
  );

  app.post(
    '/api/calendar/import',
    {
      schema: {
        body: ImportBody,
        response: { 200: ImportedDto },
        tags: ['calendar'],
        summary: '确认导入：保存某年的节假日安排，并重算按暂定日历推算的期限（通知相关人员）',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAllowed(canManageCalendar(actor));
      return importedDto(deps, await importCalendarYear(deps, importer(actor), req.body));
    },
  );

  app.get(
    '/api/calendar/:year',
    {
      schema: {
        params: YearParams,
        response: { 200: CalendarYearDto },
        tags: ['calendar'],
        summary: '某年的放假和调休安排',
      },
    },
    async (req) => {
      actorOf(req);
      return getCalendarYear(deps.db, req.params.year);
    },
  );

  app.put(
    '/api/calendar/:year',
    {
      schema: {
        params: YearParams,
        body: CalendarYearBody,
        response: { 200: CalendarYearDto },
        tags: ['calendar'],
        summary: '导入某年的节假日安排（管理员；JSON，按国务院办公厅通知）',
      },
    },
    async (req) => {
      const actor = actorOf(req);
      assertAllowed(canManageCalendar(actor));
      await importCalendarYear(deps, importer(actor), { format: 'json', content: req.body, year: req.params.year });
      return getCalendarYear(deps.db, req.params.year);
    },
  );
};
