// The calendar over HTTP: anyone logged in reads it and computes deadlines; only the admin imports a year.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openDemoApp, type DemoApp } from '../../test/support/demo-app.ts';
import { listLedger } from '../platform/ledger/service.ts';

let demo: DemoApp;
let app: FastifyInstance;
before(async () => {
  demo = await openDemoApp();
  app = demo.app;
  // Until server.ts registers these routes by name, the test adds them itself.
});
after(() => demo.close());
const loginAs = (username: string) => demo.loginAs(username);

const year2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试用）',
  holidays: [{ name: '元旦', days: ['2027-01-01', '2027-01-02', '2027-01-03'] }],
  makeupWorkdays: [],
};

test('未登录 401；登录后可查看年份、某年安排，并推算期限', async () => {
  assert.equal((await app.inject({ method: 'GET', url: '/api/calendar/years' })).statusCode, 401);
  const staff = await loginAs('kjj.staff');
  const years = await app.inject({ method: 'GET', url: '/api/calendar/years', cookies: staff.cookies });
  assert.equal(years.statusCode, 200);
  assert.deepEqual(
    years.json().years.map((y: { year: number }) => y.year),
    [2024, 2025, 2026],
  );
  assert.deepEqual(years.json().abilities, { canImport: false });

  const y2025 = await app.inject({ method: 'GET', url: '/api/calendar/2025', cookies: staff.cookies });
  assert.equal(y2025.json().source, '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）');
  assert.equal(
    (await app.inject({ method: 'GET', url: '/api/calendar/2031', cookies: staff.cookies })).statusCode,
    404,
  );

  const due = await app.inject({
    method: 'GET',
    url: '/api/calendar/working-days?from=2025-09-26&add=10',
    cookies: staff.cookies,
  });
  assert.deepEqual(due.json(), { from: '2025-09-26', add: 10, date: '2025-10-16', provisional: false });
  // Into 2027, whose schedule is not shipped: Monday–Friday, marked 暂定 (DOMAIN.md §5).
  const missing = await app.inject({
    method: 'GET',
    url: '/api/calendar/working-days?from=2026-12-28&add=10',
    cookies: staff.cookies,
  });
  assert.deepEqual(missing.json(), { from: '2026-12-28', add: 10, date: '2027-01-11', provisional: true });
  const bad = await app.inject({
    method: 'GET',
    url: '/api/calendar/working-days?from=2025-9-26&add=10',
    cookies: staff.cookies,
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().message, /查询参数「from」/);
});

const NOTICE_2027 =
  '国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n'
  + '二、春节：2月5日（农历除夕、周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。\n';

test('11 月 1 日起次年安排未导入：系统管理员和区政府办公室领导、督查看到提醒，其他人不看到', async () => {
  demo.deps.clock.set('2026-10-31T04:00:00.000Z');
  const admin = await loginAs('sysadmin');
  const reminder = async (s: { cookies: Record<string, string> }) =>
    (await app.inject({ method: 'GET', url: '/api/calendar/reminder', cookies: s.cookies })).json();
  assert.deepEqual(await reminder(admin), { year: null, show: false });
  demo.deps.clock.set('2026-11-01T04:00:00.000Z');
  for (const username of ['sysadmin', 'ban.principal', 'ban.leader', 'inspector']) {
    assert.deepEqual(await reminder(await loginAs(username)), { year: 2027, show: true }, username);
  }
  for (const username of ['kjj.principal', 'kjj.staff', 'ban.staff', 'egov']) {
    assert.deepEqual(await reminder(await loginAs(username)), { year: 2027, show: false }, username);
  }
});

test('预览通知原文：列出每个放假日和调休上班日，不保存；格式有误 400 指明行', async () => {
  const admin = await loginAs('sysadmin');
  const preview = await app.inject({
    method: 'POST',
    url: '/api/calendar/import/preview',
    ...admin,
    payload: { format: 'notice', content: NOTICE_2027 },
  });
  assert.equal(preview.statusCode, 200, preview.body);
  const p = preview.json();
  assert.deepEqual([p.year, p.replaces, p.makeupWorkdays], [2027, null, ['2027-02-20']]);
  assert.deepEqual(
    p.holidays.map((h: { name: string; days: number }) => [h.name, h.days]),
    [
      ['元旦', 3],
      ['春节', 7],
    ],
  );
  assert.equal(p.entries.length, 11);
  assert.deepEqual(p.entries[0], { date: '2027-01-01', weekday: '周五', kind: '放假', name: '元旦' });
  assert.deepEqual(p.entries.at(-1), { date: '2027-02-20', weekday: '周六', kind: '上班', name: '调休上班' });
  const saved = await app.inject({ method: 'GET', url: '/api/calendar/2027', cookies: admin.cookies });
  assert.equal(saved.statusCode, 404);
  const bad = await app.inject({
    method: 'POST',
    url: '/api/calendar/import/preview',
    ...admin,
    payload: { format: 'notice', content: NOTICE_2027.replace('2月5日', '2月30日') },
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().message, '第3行「春节」：2月30日不是有效日期');
  const staff = await loginAs('kjj.staff');
  const refused = await app.inject({
    method: 'POST',
    url: '/api/calendar/import/preview',
    ...staff,
    payload: { format: 'notice', content: NOTICE_2027 },
  });
  assert.equal(refused.statusCode, 403);
});

test('导入：非管理员 403，不保存；管理员导入后立即用于推算，并写入台账', async () => {
  for (const username of ['kjj.staff', 'kjj.secrecy', 'inspector', 'egov']) {
    const s = await loginAs(username);
    const res = await app.inject({ method: 'PUT', url: '/api/calendar/2027', payload: year2027, ...s });
    assert.equal(res.statusCode, 403, username);
    assert.equal(res.json().code, 'NOT_SYS_ADMIN');
    assert.match(res.json().message, /需要系统管理员身份/);
  }
  assert.equal((await listLedger(demo.deps.db, { action: 'calendar.import' })).length, 0);

  const admin = await loginAs('sysadmin');
  const noCsrf = await app.inject({
    method: 'PUT',
    url: '/api/calendar/2027',
    payload: year2027,
    cookies: admin.cookies,
  });
  assert.equal(noCsrf.statusCode, 403);

  const res = await app.inject({ method: 'PUT', url: '/api/calendar/2027', payload: year2027, ...admin });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().origin, 'imported');
  const due = await app.inject({
    method: 'GET',
    url: '/api/calendar/working-days?from=2026-12-31&add=1',
    cookies: admin.cookies,
  });
  assert.equal(due.json().date, '2027-01-04');
  const years = await app.inject({ method: 'GET', url: '/api/calendar/years', cookies: admin.cookies });
  assert.deepEqual(years.json().abilities, { canImport: true });
  const [entry] = await listLedger(demo.deps.db, { action: 'calendar.import' });
  assert.equal(entry.role, 'sysAdmin');
  assert.equal(entry.subject, 'calendar:2027');
});

test('导入的校验错误：400，中文说明并指明字段', async () => {
  const admin = await loginAs('sysadmin');
  const put = (year: number, payload: object) =>
    app.inject({ method: 'PUT', url: `/api/calendar/${year}`, payload, ...admin });

  const weekday = await put(2027, { ...year2027, makeupWorkdays: ['2027-01-04'] });
  assert.equal(weekday.statusCode, 400);
  assert.deepEqual(weekday.json(), {
    code: 'INVALID_INPUT',
    field: 'makeupWorkdays.0',
    message: '调休上班日（makeupWorkdays）2027-01-04 不是周六或周日：工作日本来就上班，无需调休',
  });

  const otherYear = await put(2027, { ...year2027, year: 2028 });
  assert.equal(otherYear.json().field, 'year');
  const outside = await put(2028, year2027);
  assert.equal(outside.json().field, 'holidays.0.days.0');
  assert.match(outside.json().message, /不在 2028 年内/);

  const shape = await put(2027, { ...year2027, holidays: 'none' });
  assert.equal(shape.statusCode, 400);
  assert.match(shape.json().message, /字段「holidays」/);
  assert.equal((await put(1999, year2027)).statusCode, 400);
});

test('确认导入通知原文：保存并生效，提醒随之消失；再次导入为替换', async () => {
  demo.deps.clock.set('2026-12-07T04:00:00.000Z');
  const admin = await loginAs('sysadmin');
  const csv = '日期,类型,名称\n2028-01-01,放假,元旦\n2028-01-02,放假,元旦\n2028-01-03,放假,元旦\n';
  const importOf = (payload: object) => app.inject({ method: 'POST', url: '/api/calendar/import', ...admin, payload });
  const res = await importOf({ format: 'csv', content: csv });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual([res.json().result, res.json().year.year, res.json().recomputed], ['created', 2028, []]);
  const noted = await importOf({ format: 'notice', content: NOTICE_2027 });
  assert.equal(noted.json().result, 'replaced'); // 2027 came in by PUT above
  assert.deepEqual(noted.json().year.makeupWorkdays, ['2027-02-20']);
  const reminder = await app.inject({ method: 'GET', url: '/api/calendar/reminder', cookies: admin.cookies });
  assert.deepEqual(reminder.json(), { year: null, show: false });
});
