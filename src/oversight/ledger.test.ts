// 台账页面：按单位、日期、操作和操作人浏览登记台账（新的在前，分页），导出为 .xlsx/.csv（中文文件名），校验哈希链。
// 本单位分管领导、主要领导、科室负责人看本单位；督查、区电子政务中心、管理员看全部；工作人员不能看。
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { type DemoApp, type DemoSession, openDemoApp } from '../../test/support/demo-app.ts';
import { login } from '../org/auth-service.ts';
import { DEMO_PASSWORD } from '../org/demo.ts';

let demo: DemoApp;
const sessions: Record<string, DemoSession> = {};
let kjjId: string;
let fgwId: string;

before(async () => {
  demo = await openDemoApp();
  const units = await demo.deps.db.selectFrom('units').select(['id', 'name']).execute();
  kjjId = units.find((u) => u.name === '区科技局')!.id;
  fgwId = units.find((u) => u.name === '区发展改革委')!.id;
  // The next day (2026-03-03, Beijing): one failed and one good login by 区科技局 staff, one 区发展改革委 login.
  demo.deps.clock.advance(24 * 3600_000);
  await assert.rejects(login(demo.deps, { username: 'kjj.staff', password: 'wrong-password-1' }));
  await login(demo.deps, { username: 'kjj.staff', password: DEMO_PASSWORD });
  await login(demo.deps, { username: 'fgw.staff', password: DEMO_PASSWORD });
  demo.deps.clock.advance(24 * 3600_000); // the screen is used on 2026-03-04: these logins are outside the day above
  for (const who of ['kjj.leader', 'kjj.section', 'kjj.staff', 'fgw.leader', 'inspector', 'egov', 'auditor'])
    sessions[who] = await demo.loginAs(who);
});
after(() => demo.close());

const get = (who: string | null, url: string) =>
  demo.app.inject({
    method: 'GET',
    url,
    ...(who ? { cookies: sessions[who].cookies, headers: sessions[who].headers } : {}),
  });

interface Entry {
  seq: number;
  actor: { name: string } | null;
  unitId: string;
  unitName: string;
  action: string;
  actionLabel: string;
  roleName: string;
  payload: unknown;
}

test('本单位领导看到本单位的台账，新的在前，带中文操作名称和单位名称', async () => {
  const res = await get('kjj.leader', '/api/ledger');
  assert.equal(res.statusCode, 200, res.body);
  const { entries, nextCursor } = res.json() as { entries: Entry[]; nextCursor: string | null };
  assert.equal(nextCursor, null);
  assert.ok(entries.length >= 5);
  assert.ok(entries.every((e) => e.unitId === kjjId && e.unitName === '区科技局'));
  assert.deepEqual(
    entries.map((e) => e.seq),
    entries.map((e) => e.seq).sort((a, b) => b - a),
  );
  assert.deepEqual([entries[0].action, entries[0].actionLabel, entries[0].roleName], ['auth.login', '登录', '']);
  const failed = entries.find((e) => e.action === 'auth.login_failed');
  assert.equal(failed?.actionLabel, '登录失败');
  assert.deepEqual(failed?.payload, { username: 'kjj.staff', source: 'unknown', reason: 'bad_password' });
});

test('筛选：日期（北京时间，含首尾）、操作（代码或模块）、操作人（姓名的一部分）', async () => {
  const day = (await get('kjj.section', `/api/ledger?from=2026-03-03&to=2026-03-03`)).json().entries as Entry[];
  assert.deepEqual(
    day.map((e) => e.action),
    ['auth.login', 'auth.login_failed'],
  );
  const failed = (await get('inspector', '/api/ledger?action=auth.login_failed')).json().entries as Entry[];
  assert.deepEqual(
    failed.map((e) => e.unitName),
    ['区科技局'],
  );
  const auth = (await get('inspector', `/api/ledger?action=auth&unitId=${fgwId}`)).json().entries as Entry[];
  assert.ok(auth.length >= 2 && auth.every((e) => e.action.startsWith('auth.') && e.unitId === fgwId));
  const name = day[0].actor!.name;
  const byActor = (
    await get('inspector', `/api/ledger?from=2026-03-03&to=2026-03-03&actor=${encodeURIComponent(name.slice(1))}`)
  ).json().entries as Entry[];
  assert.ok(byActor.length === 2 && byActor.every((e) => e.actor?.name === name));
  const none = (await get('inspector', `/api/ledger?actor=${encodeURIComponent('%')}`)).json().entries as Entry[];
  assert.equal(none.length, 0); // % is a character to find, not a wildcard
});

test('分页：nextCursor 接着上一页，不重不漏', async () => {
  const all = (await get('auditor', '/api/ledger?limit=200')).json().entries as Entry[];
  const seen: number[] = [];
  let url = '/api/ledger?limit=3';
  for (;;) {
    const page = (await get('auditor', url)).json() as { entries: Entry[]; nextCursor: string | null };
    seen.push(...page.entries.map((e) => e.seq));
    if (!page.nextCursor) break;
    url = `/api/ledger?limit=3&cursor=${page.nextCursor}`;
  }
  assert.deepEqual(
    seen,
    all.map((e) => e.seq),
  );
  assert.ok(all.some((e) => e.action === 'demo.load' && e.unitName === '全区' && e.actor === null));
});

test('谁能看：其他单位领导看不到本单位；工作人员不能看台账；日期不正确为 400', async () => {
  assert.equal((await get('fgw.leader', `/api/ledger?unitId=${kjjId}`)).statusCode, 403);
  const own = (await get('fgw.leader', '/api/ledger')).json().entries as Entry[];
  assert.ok(own.length > 0 && own.every((e) => e.unitId === fgwId));
  const staff = await get('kjj.staff', '/api/ledger');
  assert.equal(staff.statusCode, 403);
  assert.match(staff.json().message, /分管领导/);
  assert.equal((await get(null, '/api/ledger')).statusCode, 401);
  const bad = await get('inspector', '/api/ledger?from=2026-02-30');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().message, /开始日期「2026-02-30」不正确/);
  assert.equal(bad.json().field, 'from');
});

test('导出 .xlsx：中文文件名（RFC 5987），内容与命令行导出相同', async () => {
  const res = await get('kjj.leader', `/api/ledger/export?unitId=${kjjId}&from=2026-03-03&to=2026-03-03`);
  assert.equal(res.statusCode, 200, res.body.slice(0, 200));
  assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const name = '重庆市綦江区科学技术局信息发布登记台账（2026-03-03至2026-03-03）.xlsx';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  assert.match(
    String(res.headers['content-disposition']),
    new RegExp(`^attachment; filename="[^"]+"; filename\\*=UTF-8''${encoded.replace(/\./g, '\\.')}$`),
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('登记台账')!;
  assert.equal(sheet.rowCount, 2 + 2);
  assert.deepEqual(
    [3, 4].map((n) => String(sheet.getRow(n).getCell(7).value)),
    ['登录失败', '登录'],
  );
});

test('导出 .csv；其他单位领导不能导出本单位；督查可以', async () => {
  const csv = await get('inspector', `/api/ledger/export?unitId=${kjjId}&from=2026-03-03&to=2026-03-03&format=csv`);
  assert.equal(csv.statusCode, 200);
  assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
  assert.ok(csv.body.startsWith('\uFEFF序号,时间,操作人'));
  assert.equal(csv.body.trim().split('\r\n').length, 3);
  assert.equal(
    (await get('fgw.leader', `/api/ledger/export?unitId=${kjjId}&from=2026-03-03&to=2026-03-03`)).statusCode,
    403,
  );
});

test('校验哈希链：督查和管理员可以，结果与命令行相同；被篡改时指出第几条', async () => {
  const ok = await get('inspector', '/api/ledger/verify');
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().ok, true);
  assert.ok(ok.json().checked > 5);
  assert.equal((await get('egov', '/api/ledger/verify')).statusCode, 403);
  await demo.deps.db.updateTable('ledger').set({ actor_name: '改过的名字' }).where('seq', '=', 2).execute();
  const bad = (await get('auditor', '/api/ledger/verify')).json();
  assert.equal(bad.ok, false);
  assert.equal(bad.problem.seq, 2);
});
