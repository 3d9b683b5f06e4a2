// 读网值班 over HTTP: the calendar feed fetched without a cookie and parsed back (ical.js), revoked and replaced; the
// Excel table exported and imported again (round trip), a bad file refused with each row and column named and nothing
// written; a roster generated and edited through the API; bad input a zh-CN 400 naming the field.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { buildDutyOrg, type DutyOrg, PASSWORD, standardTemplates } from '../../test/support/duty-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { buildServer } from '../app/server.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../org/session-hook.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { setPhone } from './service.ts';

let deps: TestDeps;
let org: DutyOrg;
let app: FastifyInstance;
const sessions = new Map<string, Record<string, string>>();
before(async () => {
  deps = await createTestDeps();
  deps.clock.set('2026-02-01T02:00:00.000Z');
  org = await buildDutyOrg(deps);
  await standardTemplates(deps, await org.actor('zheng'), org.unitId);
  await setPhone(deps, await org.actor('zhao'), org.ids.zhao, '138 0000 0001');
  app = await buildServer(deps);
});
after(async () => {
  await app.close();
  await deps.close();
});

async function as(
  username: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  if (!sessions.has(username)) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    assert.equal(res.statusCode, 200, res.body);
    const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    sessions.set(username, { cookie: `${SESSION_COOKIE}=${token}`, [CSRF_HEADER]: res.json().csrfToken });
  }
  return app.inject({ method, url, payload: payload as string, headers: { ...sessions.get(username), ...headers } });
}

const OFFICERS = () => ['zhao', 'qian', 'sun', 'li'].map((u) => org.ids[u]);
let rosterId: string;

test('春节值班表经接口生成、调整、发布；错误输入 400 指明字段', async () => {
  const bad = await as('zheng', 'POST', '/api/duty/rosters', {
    unitId: org.unitId,
    from: '2026-02-13',
    to: '2026/02/25',
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().field, 'to');
  assert.match(bad.json().message, /[\u4e00-\u9fff]/);
  const res = await as('zheng', 'POST', '/api/duty/rosters', {
    unitId: org.unitId,
    from: '2026-02-13',
    to: '2026-02-25',
    generate: { officerIds: OFFICERS(), leaderIds: [org.ids.zhou, org.ids.wu] },
  });
  assert.equal(res.statusCode, 200, res.body);
  const detail = res.json();
  rosterId = detail.roster.id;
  assert.deepEqual(
    detail.days.filter((d: { dayKind: string }) => d.dayKind === 'holiday').map((d: { date: string }) => d.date),
    [
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ],
  );
  assert.equal(detail.days.find((d: { date: string }) => d.date === '2026-02-14').makeup, true);
  assert.deepEqual(detail.findings, []);
  const shift = detail.shifts[0];
  const moved = await as('zheng', 'PATCH', `/api/duty/shifts/${shift.id}`, {
    version: shift.version,
    officerIds: [org.ids.staff],
  });
  assert.equal(moved.statusCode, 400);
  assert.equal(moved.json().field, 'officerIds.0');
  const published = await as('zheng', 'POST', `/api/duty/rosters/${rosterId}/publish`, {
    version: detail.roster.version,
  });
  assert.equal(published.statusCode, 200, published.body);
  assert.equal((await as('egov', 'GET', `/api/duty/rosters/${rosterId}`)).statusCode, 200);
  assert.equal((await as('dang', 'GET', `/api/duty/rosters/${rosterId}`)).statusCode, 403);
});

test('值班日历订阅：不带 Cookie 凭令牌获取，解析回来与值班表一致；新令牌替换旧令牌，停用后 404；令牌只存哈希', async () => {
  const created = await as('zhao', 'POST', '/api/duty/feed-tokens', { kind: 'user' });
  assert.equal(created.statusCode, 200, created.body);
  const { token, path, id } = created.json();
  assert.match(path, /^\/api\/duty\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
  const stored = await deps.db
    .selectFrom('duty_feed_tokens')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.notEqual(stored.token_hash, token);
  assert.ok(!JSON.stringify(await listLedger(deps.db, { action: 'duty.feed_create' })).includes(token));

  const res = await app.inject({ method: 'GET', url: path });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /text\/calendar/);
  const cal = new ICAL.Component(ICAL.parse(res.body));
  // as calendar apps do
  for (const zone of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  assert.ok(
    cal
      .getAllSubcomponents('vevent')
      .every((v) => v.getFirstProperty('dtstart')?.getParameter('tzid') === 'Asia/Shanghai'),
  );
  const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  const mine = (await as('zheng', 'GET', `/api/duty/rosters/${rosterId}`))
    .json()
    .shifts.filter((s: { officers: { id: string }[]; leader: { id: string } | null }) =>
      s.officers.some((o) => o.id === org.ids.zhao),
    );
  assert.equal(events.length, mine.length);
  assert.ok(events.length > 0);
  const first = events.sort((a, b) => a.startDate.toJSDate().getTime() - b.startDate.toJSDate().getTime())[0];
  assert.equal(first.startDate.toJSDate().toISOString(), mine[0].startsAt);
  assert.equal(first.endDate.toJSDate().toISOString(), mine[0].endsAt);
  assert.equal(first.summary, `值班：${mine[0].name}（区科技局）`);
  assert.match(first.description, /赵值班 138 0000 0001/);
  assert.equal(first.uid, `${mine[0].id}@gongkai`);

  const unitFeed = (await as('zheng', 'POST', '/api/duty/feed-tokens', { kind: 'unit', unitId: org.unitId })).json();
  const unitCal = new ICAL.Component(ICAL.parse((await app.inject({ method: 'GET', url: unitFeed.path })).body));
  assert.equal(
    unitCal.getAllSubcomponents('vevent').length,
    (await as('zheng', 'GET', `/api/duty/rosters/${rosterId}`)).json().shifts.length,
  );
  assert.equal(
    (await as('zhao', 'POST', '/api/duty/feed-tokens', { kind: 'unit', unitId: org.unitId })).statusCode,
    403,
  );
  // The admin sees (and so can stop) a unit's feed whoever made it; a duty officer only their own.
  const listed = async (username: string) =>
    (await as(username, 'GET', '/api/duty/feed-tokens')).json().map((f: { id: string }) => f.id);
  assert.ok((await listed('admin')).includes(unitFeed.id));
  assert.ok(!(await listed('zhao')).includes(unitFeed.id));

  const again = (await as('zhao', 'POST', '/api/duty/feed-tokens', { kind: 'user' })).json();
  assert.equal((await app.inject({ method: 'GET', url: path })).statusCode, 404, '旧地址失效');
  assert.equal((await app.inject({ method: 'GET', url: again.path })).statusCode, 200);
  assert.equal((await as('qian', 'DELETE', `/api/duty/feed-tokens/${again.id}`)).statusCode, 403);
  assert.equal((await as('zhao', 'DELETE', `/api/duty/feed-tokens/${again.id}`)).statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: again.path })).statusCode, 404);
  assert.equal(
    (await app.inject({ method: 'GET', url: '/api/duty/feeds/not-a-token-at-all-0000000000.ics' })).statusCode,
    404,
  );
});

async function upload(url: string, file: Buffer) {
  const boundary = '----duty-import';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="值班表.xlsx"\r\n`
        + 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return as('zheng', 'POST', url, body as unknown as string, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}

const shape = (d: {
  shifts: {
    day: string;
    name: string;
    start: string;
    end: string;
    officers: { id: string }[];
    leader: { id: string } | null;
  }[];
}) => d.shifts.map((s) => [s.day, s.name, s.start, s.end, s.officers.map((o) => o.id), s.leader?.id ?? null]);

test('Excel：导出为通常的值班表格式，删去草稿后导入同一张表得到相同的值班表；有错误时逐行逐列指出，什么也不写入', async () => {
  const exported = await as('qian', 'GET', `/api/duty/rosters/${rosterId}/xlsx`);
  assert.equal(exported.statusCode, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  assert.match(String(sheet.getCell('A1').value), /区科技局值班表（2026-02-13 至 2026-02-24）/);
  assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(1), [
    '日期',
    '星期',
    '班次',
    '时间',
    '带班领导',
    '值班人员',
    '联系电话',
  ]);
  assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1, 3), ['2026-02-13', '星期五']);

  const generated = (
    await as('zheng', 'POST', '/api/duty/rosters', {
      unitId: org.unitId,
      from: '2026-03-02',
      to: '2026-03-09',
      generate: { officerIds: OFFICERS(), leaderIds: [org.ids.zhou] },
    })
  ).json();
  const file = (await as('zheng', 'GET', `/api/duty/rosters/${generated.roster.id}/xlsx`)).rawPayload;
  assert.equal((await as('zheng', 'DELETE', `/api/duty/rosters/${generated.roster.id}`)).statusCode, 200);
  const draft = (
    await as('zheng', 'POST', '/api/duty/rosters', { unitId: org.unitId, from: '2026-03-02', to: '2026-03-09' })
  ).json();
  const imported = await upload(`/api/duty/rosters/${draft.roster.id}/import`, file);
  assert.equal(imported.statusCode, 200, imported.body);
  assert.deepEqual(shape(imported.json()), shape(generated));
  assert.ok(shape(generated).length > 10);

  const outside = await upload(`/api/duty/rosters/${draft.roster.id}/import`, exported.rawPayload);
  assert.equal(outside.statusCode, 400);
  assert.match(outside.json().message, /第 3 行「日期」：2026-02-13 不在本值班表期间（2026-03-02 至 2026-03-08）/);

  const table = new ExcelJS.Workbook();
  await table.xlsx.load(file as unknown as ArrayBuffer);
  const rows = table.worksheets[0];
  rows.getCell('A5').value = '2026年2月30日';
  rows.getCell('B6').value = '星期一';
  rows.getCell('F7').value = '王科员';
  rows.getCell('C8').value = '早班';
  rows.getCell('D8').value = ''; // without times a 班次 the unit lacks cannot be offered: a problem
  rows.getCell('G9').value = '138、139';
  const before = (await listLedger(deps.db, {})).length;
  const refused = await upload(
    `/api/duty/rosters/${draft.roster.id}/import`,
    Buffer.from(await table.xlsx.writeBuffer()),
  );
  assert.equal(refused.statusCode, 400);
  assert.equal(refused.json().field, 'file');
  const message = refused.json().message;
  for (const part of [
    '未做任何修改',
    '第 5 行「日期」：「2026年2月30日」不是有效日期',
    '第 6 行「星期」：',
    '第 7 行「值班人员」：「王科员」不是本单位的值班人员',
    '第 8 行「班次」：本单位没有班次「早班」',
    '第 9 行「联系电话」：',
  ]) {
    assert.ok(message.includes(part), `${part} ∉ ${message}`);
  }
  assert.deepEqual(shape((await as('zheng', 'GET', `/api/duty/rosters/${draft.roster.id}`)).json()), shape(generated));
  assert.equal((await listLedger(deps.db, {})).length, before);
  const notExcel = await upload(`/api/duty/rosters/${draft.roster.id}/import`, Buffer.from('不是表格'));
  assert.equal(notExcel.statusCode, 400);
  assert.match(notExcel.json().message, /不是有效的 Excel/);
});

test('Excel 往返：手工改的时间原样保留；导入前预览列出每一处改动；表中新增本单位没有的班次时可确认新建', async () => {
  const draft = (
    await as('zheng', 'POST', '/api/duty/rosters', {
      unitId: org.unitId,
      from: '2026-03-16',
      to: '2026-03-18',
      generate: { officerIds: OFFICERS(), leaderIds: [org.ids.zhou] },
    })
  ).json();
  const file = (await as('zheng', 'GET', `/api/duty/rosters/${draft.roster.id}/xlsx`)).rawPayload;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  assert.deepEqual([sheet.getCell('A3').value, sheet.getCell('C3').value], ['2026-03-16', '白班']);
  assert.equal(sheet.getCell('D3').value, '08:30–17:30');
  sheet.getCell('D3').value = '09:00–18:00';
  const next = sheet.rowCount + 1;
  sheet.getRow(next).values = ['2026-03-17', '星期二', '早班', '07:00–08:30', '', sheet.getCell('F3').value];
  const edited = Buffer.from(await book.xlsx.writeBuffer());

  const before = (await listLedger(deps.db, {})).length;
  const previewed = await upload(`/api/duty/rosters/${draft.roster.id}/import/preview`, edited);
  assert.equal(previewed.statusCode, 200, previewed.body);
  const preview = previewed.json();
  assert.equal(preview.version, draft.roster.version);
  assert.deepEqual(
    preview.changes.map((c: { kind: string; text: string }) => [c.kind, c.text.replace(/：.*$/, '')]),
    [
      ['changed', '2026-03-16「白班」'],
      ['added', '新增 2026-03-17「早班」'],
    ],
  );
  assert.match(preview.changes[0].text, /时间 08:30–17:30 改为 09:00–18:00/);
  assert.deepEqual(preview.newTemplates, [{ name: '早班', start: '07:00', end: '08:30', dayKinds: ['working'] }]);
  // The preview saved nothing.
  assert.equal((await listLedger(deps.db, {})).length, before);
  assert.deepEqual(shape((await as('zheng', 'GET', `/api/duty/rosters/${draft.roster.id}`)).json()), shape(draft));

  const url = `/api/duty/rosters/${draft.roster.id}/import`;
  const refused = await upload(`${url}?version=${preview.version}`, edited);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().message, /本单位没有班次「早班」，可在导入预览中确认新建/);
  const stale = await upload(`${url}?version=${preview.version + 1}&createTemplates=1`, edited);
  assert.equal(stale.statusCode, 409);
  const applied = await upload(`${url}?version=${preview.version}&createTemplates=1`, edited);
  assert.equal(applied.statusCode, 200, applied.body);
  const shifts = applied.json().shifts as { day: string; name: string; start: string; end: string }[];
  const day = shifts.find((x) => x.day === '2026-03-16' && x.name === '白班')!;
  assert.deepEqual([day.start, day.end], ['09:00', '18:00']);
  const early = shifts.find((x) => x.name === '早班')!;
  assert.deepEqual([early.day, early.start, early.end], ['2026-03-17', '07:00', '08:30']);
  const setup = (await as('zheng', 'GET', `/api/duty/units/${org.unitId}/setup`)).json();
  const created = setup.templates.find((t: { name: string }) => t.name === '早班');
  assert.deepEqual([created.start, created.end, created.dayKinds], ['07:00', '08:30', ['working']]);

  // Exported again, the edited time comes back as edited, and importing it again changes nothing.
  const again = (await as('zheng', 'GET', `/api/duty/rosters/${draft.roster.id}/xlsx`)).rawPayload;
  const round = new ExcelJS.Workbook();
  await round.xlsx.load(again as unknown as ArrayBuffer);
  assert.equal(round.worksheets[0].getCell('D3').value, '09:00–18:00');
  const unchanged = await upload(`/api/duty/rosters/${draft.roster.id}/import/preview`, again);
  assert.deepEqual(unchanged.json().changes, []);
  assert.deepEqual(unchanged.json().newTemplates, []);
});
