// The org and auth HTTP surface through app.inject: cookies, CSRF, 401/403/400 answers, admin-only changes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { buildServer } from '../app/server.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { DEMO_PASSWORD, loadDemo } from './demo.ts';
import { listUnits } from './service.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './session-hook.ts';

let deps: TestDeps;
let app: FastifyInstance;
before(async () => {
  deps = await createTestDeps();
  await loadDemo(deps);
  app = await buildServer(deps);
});
after(async () => {
  await app.close();
  await deps.close();
});

interface Session {
  cookies: Record<string, string>;
  headers: Record<string, string>;
  userId: string;
}

async function loginAs(username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  assert.equal(res.statusCode, 200, res.body);
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  return {
    cookies: { [SESSION_COOKIE]: token },
    headers: { [CSRF_HEADER]: res.json().csrfToken },
    userId: res.json().user.id,
  };
}

const unitId = async (name: string) => (await listUnits(deps.db)).find((u) => u.name === name)!.id;
const ledgerCount = async () => (await listLedger(deps.db, {})).length;

test('登录：设置 httpOnly、SameSite=Strict 的会话 Cookie，返回用户和 CSRF 令牌；/me 可取回', async () => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'kjj.section', password: DEMO_PASSWORD },
  });
  assert.equal(res.statusCode, 200);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  assert.equal(cookie.path, '/');
  assert.notEqual(cookie.secure, true); // GONGKAI_SECURE_COOKIES defaults to 0 (plain http on one machine)
  const body = res.json();
  assert.equal(body.user.username, 'kjj.section');
  assert.deepEqual(
    body.user.roles.map((r: { role: string }) => r.role),
    ['sectionHead'],
  );
  assert.equal(body.user.abilities.manageOrg, false);

  const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: cookie.value } });
  assert.equal(me.statusCode, 200);
  assert.deepEqual(me.json(), body);
});

test('会话中的重大行政决策能力：本单位领导审批目录调整，撤销只由主要领导审批；没有本单位职务的只能查看', async () => {
  const expected = {
    'ban.principal': { view: true, importOwnCatalog: true, approveChanges: true, approveWithdrawals: true },
    'ban.leader': { view: true, importOwnCatalog: true, approveChanges: true, approveWithdrawals: false },
    'kjj.staff': { view: true, importOwnCatalog: true, approveChanges: false, approveWithdrawals: false },
    egov: { view: true, importOwnCatalog: false, approveChanges: false, approveWithdrawals: false },
  };
  for (const [username, decisions] of Object.entries(expected)) {
    const s = await loginAs(username);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: s.cookies });
    assert.deepEqual(me.json().user.abilities.decisions, decisions, username);
  }
});

test('登录失败：401，不设 Cookie；超长输入 400 并指明字段', async () => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'kjj.staff', password: 'wrong' },
  });
  assert.equal(res.statusCode, 401);
  assert.deepEqual(res.json(), { code: 'BAD_CREDENTIALS', message: '用户名或密码错误' });
  assert.equal(res.cookies.length, 0);
  const long = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'a'.repeat(65), password: 'x' },
  });
  assert.equal(long.statusCode, 400);
  assert.equal(long.json().field, 'username');
});

test('未登录访问：401', async () => {
  for (const url of ['/api/units', '/api/auth/me', '/api/channels', '/api/users']) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 401, url);
    assert.equal(res.json().code, 'UNAUTHENTICATED');
  }
});

test('CSRF：凭 Cookie 的写请求缺少 x-csrf-token → 403 CSRF，带上则成功', async () => {
  const admin = await loginAs('sysadmin');
  const url = `/api/units/${await unitId('打通镇')}/sections`;
  const denied = await app.inject({ method: 'POST', url, cookies: admin.cookies, payload: { name: '平安建设办公室' } });
  assert.equal(denied.statusCode, 403);
  assert.equal(denied.json().code, 'CSRF');
  const wrong = await app.inject({
    method: 'POST',
    url,
    cookies: admin.cookies,
    headers: { [CSRF_HEADER]: 'forged' },
    payload: { name: '平安建设办公室' },
  });
  assert.equal(wrong.statusCode, 403);
  const ok = await app.inject({
    method: 'POST',
    url,
    cookies: admin.cookies,
    headers: admin.headers,
    payload: { name: '平安建设办公室' },
  });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().name, '平安建设办公室');
});

test('仅对应的管理员：其他角色得到 403 和理由', async () => {
  const leader = await loginAs('cgj.leader');
  const kjj = await unitId('区科技局');
  const attempts = [
    {
      method: 'POST' as const,
      url: '/api/units',
      payload: { name: '新单位', fullName: '新单位全称', kind: 'other' },
      code: 'NOT_SYS_ADMIN',
    },
    { method: 'GET' as const, url: '/api/users', code: 'NOT_ACCOUNT_READER' },
    {
      method: 'POST' as const,
      url: `/api/users/${leader.userId}/roles`,
      payload: { role: 'sysAdmin', unitId: kjj },
      code: 'NOT_SECURITY_ADMIN',
    },
    {
      method: 'PATCH' as const,
      url: `/api/units/${kjj}/settings`,
      payload: { authorMayLevel1: false },
      code: 'NOT_SYS_ADMIN',
    },
  ];
  for (const { code, ...a } of attempts) {
    const res = await app.inject({ ...a, cookies: leader.cookies, headers: leader.headers });
    assert.equal(res.statusCode, 403, a.url);
    assert.equal(res.json().code, code);
    assert.match(res.json().message, /管理员/);
  }
});

test('输入有误：400，中文提示指明字段，不写任何记录', async () => {
  const admin = await loginAs('sysadmin');
  const before = await ledgerCount();
  const units = (await listUnits(deps.db)).length;
  const res = await app.inject({
    method: 'POST',
    url: '/api/units',
    cookies: admin.cookies,
    headers: admin.headers,
    payload: { name: '名'.repeat(51), fullName: '全称', kind: 'department' },
  });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().field, 'name');
  assert.match(res.json().message, /「name」/);
  assert.match(res.json().message, /[\u4e00-\u9fff]/);
  const url = await app.inject({
    method: 'POST',
    url: '/api/channels',
    cookies: admin.cookies,
    headers: admin.headers,
    payload: { unitId: await unitId('东溪镇'), kind: 'website', name: '站点', url: 'javascript:alert(1)' },
  });
  assert.equal(url.statusCode, 400);
  assert.equal(url.json().field, 'url');
  assert.equal(await ledgerCount(), before);
  assert.equal((await listUnits(deps.db)).length, units);
});

test('安全管理员建用户、申请和撤销角色，台账各记一条', async () => {
  const admin = await loginAs('secadmin');
  const fgw = await unitId('区发展改革委');
  const created = await app.inject({
    method: 'POST',
    url: '/api/users',
    cookies: admin.cookies,
    headers: admin.headers,
    payload: {
      username: 'fgw.zhao',
      displayName: '赵演示',
      unitId: fgw,
      email: 'zhao@example.gov.cn',
      roles: [{ role: 'staff' }],
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const user = created.json();
  const granted = await app.inject({
    method: 'POST',
    url: `/api/users/${user.id}/roles`,
    cookies: admin.cookies,
    headers: admin.headers,
    payload: { role: 'dutyOfficer', unitId: fgw },
  });
  assert.equal(granted.statusCode, 201, granted.body);
  assert.equal(granted.json().status, 'active');
  const roleId = granted.json().id;
  assert.equal((await listLedger(deps.db, { action: 'org.role_grant' })).at(-1)!.subject, `user:${user.id}`);
  const asked = await app.inject({
    method: 'POST',
    url: `/api/users/${user.id}/roles`,
    cookies: admin.cookies,
    headers: admin.headers,
    payload: { role: 'secrecy', unitId: fgw },
  });
  assert.equal(asked.json().status, 'pending');
  assert.equal((await listLedger(deps.db, { action: 'org.role_request' })).at(-1)!.subject, `user:${user.id}`);

  const revoked = await app.inject({
    method: 'DELETE',
    url: `/api/users/${user.id}/roles/${roleId}`,
    cookies: admin.cookies,
    headers: admin.headers,
  });
  assert.equal(revoked.statusCode, 200, revoked.body);
  assert.equal(JSON.parse((await listLedger(deps.db, { action: 'org.role_revoke' })).at(-1)!.payload).roleId, roleId);
  const list = await app.inject({ method: 'GET', url: `/api/users?unitId=${fgw}`, cookies: admin.cookies });
  const row = list.json().find((u: { username: string }) => u.username === 'fgw.zhao');
  assert.deepEqual(row.roles, [], '审核与保密角色待主要领导确认，撤销后无生效角色');
  assert.deepEqual(row.pendingRoles.map((r: { role: string }) => r.role).sort(), ['secrecy', 'staff']);
  assert.equal(row.mustChangePassword, true);
  assert.ok(!list.body.includes('argon2'), '不返回密码哈希');
});

test('组织结构：单位详情含科室、渠道和栏目；不指定单位时只列本单位的渠道', async () => {
  const staff = await loginAs('dxz.staff');
  const dxz = await unitId('东溪镇');
  const detail = await app.inject({ method: 'GET', url: `/api/units/${dxz}`, cookies: staff.cookies });
  assert.equal(detail.statusCode, 200);
  const unit = detail.json();
  assert.equal(unit.fullName, '重庆市綦江区东溪镇人民政府');
  assert.equal(unit.channels.find((c: { kind: string }) => c.kind === 'website').columns.length, 4);
  const units = await app.inject({ method: 'GET', url: '/api/units', cookies: staff.cookies });
  assert.ok(units.json().length >= 7);
  const own = await app.inject({ method: 'GET', url: '/api/channels', cookies: staff.cookies });
  assert.ok(own.json().length === 3 && own.json().every((c: { unitId: string }) => c.unitId === dxz));
  const site = own.json().find((c: { kind: string }) => c.kind === 'website');
  const columns = await app.inject({ method: 'GET', url: `/api/channels/${site.id}/columns`, cookies: staff.cookies });
  assert.equal(columns.json().length, 4);
  const other = await app.inject({
    method: 'GET',
    url: `/api/channels?unitId=${await unitId('区科技局')}`,
    cookies: staff.cookies,
  });
  assert.equal(other.json().length, 3);
  const missing = await app.inject({
    method: 'GET',
    url: '/api/units/00000000-0000-4000-8000-000000000000',
    cookies: staff.cookies,
  });
  assert.equal(missing.statusCode, 404);
});

test('修改密码与退出登录', async () => {
  const a = await loginAs('dtz.secrecy');
  const b = await loginAs('dtz.secrecy');
  const changed = await app.inject({
    method: 'POST',
    url: '/api/auth/password',
    cookies: a.cookies,
    headers: a.headers,
    payload: { oldPassword: DEMO_PASSWORD, newPassword: 'Secrecy2026' },
  });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.equal((await app.inject({ method: 'GET', url: '/api/auth/me', cookies: b.cookies })).statusCode, 401);
  assert.equal((await app.inject({ method: 'GET', url: '/api/auth/me', cookies: a.cookies })).statusCode, 200);

  const out = await app.inject({ method: 'POST', url: '/api/auth/logout', cookies: a.cookies, headers: a.headers });
  assert.equal(out.statusCode, 200);
  const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE)!;
  assert.equal(cleared.value, '');
  assert.equal((await app.inject({ method: 'GET', url: '/api/auth/me', cookies: a.cookies })).statusCode, 401);
  await loginAs('dtz.secrecy', 'Secrecy2026');
});

test('GONGKAI_SECURE_COOKIES=1 时会话 Cookie 带 Secure', async () => {
  const secureApp = await buildServer({ ...deps, config: { ...deps.config, secureCookies: '1' } });
  try {
    const res = await secureApp.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'sysadmin', password: DEMO_PASSWORD },
    });
    assert.equal(res.cookies.find((c) => c.name === SESSION_COOKIE)!.secure, true);
  } finally {
    await secureApp.close();
  }
});
