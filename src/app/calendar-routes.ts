// HTTP for the working-day calendar (工作日历): the years known, one year's schedule, the admin's import of a
// State Council notice, and deadline arithmetic for the UI. Reading needs a login; importing is admin-only.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canManageCalendar } from '../org/policy/calendar.ts';
import { assertAllowed, isAllowed } from '../org/policy/verdict.ts';
import { actorOf } from '../org/request-context.ts';
import { addWorkingDays } from '../platform/calendar/model.ts';
import { getCalendarYear, importCalendarYear, listCalendarYears, loadCalendar } from '../platform/calendar/service.ts';
import type { Deps } from './deps.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const YearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const Holiday = z.object({ name: z.string(), days: z.array(z.string()).max(31) });
// Shape only; the rules (dates inside the year, weekend make-up days, no day twice…) are validate.ts's, with
// messages naming the field.
const CalendarYearBody = z.object({
  year: z.number().int().optional(), source: z.string(), holidays: z.array(Holiday).max(20),
  makeupWorkdays: z.array(z.string()).max(30),
});
const CalendarYearDto = z.object({
  year: z.number(), source: z.string(), holidays: z.array(z.object({ name: z.string(), days: z.array(z.string()) })),
  makeupWorkdays: z.array(z.string()), origin: z.enum(['shipped', 'imported']), importedAt: z.string().nullable(),
});
const YearsDto = z.object({
  years: z.array(z.object({
    year: z.number(), source: z.string(), origin: z.enum(['shipped', 'imported']), importedAt: z.string().nullable(),
    holidayDays: z.number(), makeupWorkdays: z.number(),
  })),
  abilities: z.object({ canImport: z.boolean() }),
});

export const calendarRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/api/calendar/years', {
    schema: { response: { 200: YearsDto }, tags: ['calendar'], summary: '已有节假日安排的年份' },
  }, async (req) => {
    const actor = actorOf(req);
    return { years: await listCalendarYears(deps.db), abilities: { canImport: isAllowed(canManageCalendar(actor)) } };
  });

  app.get('/api/calendar/working-days', {
    schema: {
      querystring: z.object({ from: date, add: z.coerce.number().int().min(0).max(366) }),
      response: { 200: z.object({ from: date, add: z.number(), date }) }, tags: ['calendar'],
      summary: '工作日推算：收到之日为第 0 日，次日起算的第 N 个工作日',
    },
  }, async (req) => {
    actorOf(req);
    const { from, add } = req.query;
    return { from, add, date: addWorkingDays(await loadCalendar(deps.db), from, add) };
  });

  app.get('/api/calendar/:year', {
    schema: { params: YearParams, response: { 200: CalendarYearDto }, tags: ['calendar'], summary: '某年的放假和调休安排' },
  }, async (req) => {
    actorOf(req);
    return getCalendarYear(deps.db, req.params.year);
  });

  app.put('/api/calendar/:year', {
    schema: { params: YearParams, body: CalendarYearBody, response: { 200: CalendarYearDto }, tags: ['calendar'],
      summary: '导入某年的节假日安排（管理员；按国务院办公厅通知）' },
  }, async (req) => {
    const actor = actorOf(req);
    assertAllowed(canManageCalendar(actor));
    await importCalendarYear(deps, { actor: { id: actor.id, name: actor.name }, role: 'sysAdmin' }, req.body, req.params.year);
    return getCalendarYear(deps.db, req.params.year);
  });
};
