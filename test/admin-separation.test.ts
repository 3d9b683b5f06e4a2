// 三员分立 and the four-eyes rule on roles, played by insiders (issue 11): each administrator tries to get an item
// published through accounts it creates or roles it grants. Nothing works until the unit's 主要领导 confirms, and
// every step — the refused ones too — is in the ledger the 审计管理员 reads. Also the one-time password rule: the
// server makes it and mails it to the person (read here from the outbox), so no administrator ever knows it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../src/org/demo.ts';
import { loadActor, setPassword } from '../src/org/service.ts';
import { listLedger } from '../src/platform/ledger/service.ts';
import { openDemoApp, type DemoApp } from './support/demo-app.ts';
import { mailedPassword } from './support/mailbox.ts';

let demo: DemoApp;
let app: FastifyInstance;
let kjj: { id: string; sectionId: string; siteId: string; columnId: string };

interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  mustChangePassword: boolean;
}

async function login(username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  assert.equal(res.statusCode, 200, `${username}: ${res.body}`);
  return {
    cookie: String(res.headers['set-cookie']).split(';')[0],
    csrf: res.json().csrfToken,
    userId: res.json().user.id,
    mustChangePassword: res.json().mustChangePassword,
  };
}

const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });

const draft = () => ({
  title: '关于开展科技活动周的通知',
  sectionId: kjj.sectionId,
  major: false,
  itemType: 'original',
  channels: [{ channelId: kjj.siteId, columnId: kjj.columnId }],
  body: { format: 'text', content: '关于开展科技活动周的通知。' },
});

const actions = async (prefix: string) =>
  (await listLedger(demo.deps.db, { actionPrefix: prefix })).map((e) => e.action);

before(async () => {
  demo = await openDemoApp();
  app = demo.app;
  const sys = await login('sysadmin');
  const unit = (await call(sys, 'GET', '/api/units')).json().find((u: { name: string }) => u.name === '区科技局');
  const detail = (await call(sys, 'GET', `/api/units/${unit.id}`)).json();
  const site = detail.channels.find((c: { kind: string }) => c.kind === 'website');
  kjj = { id: unit.id, sectionId: detail.sections[0].id, siteId: site.id, columnId: site.columns[0].id };
});
after(() => demo.close());

test('安全管理员：给自己授角色被拒；自建账号不能自定密码、也不知道密码；申请审核角色未经主要领导确认一概无效，步步入账', async () => {
  const sec = await login('secadmin');
  const self = await call(sec, 'POST', `/api/users/${sec.userId}/roles`, { role: 'leader', unitId: kjj.id });
  assert.deepEqual([self.statusCode, self.json().code], [403, 'SELF_GRANT']);
  assert.match(self.json().message, /[\u4e00-\u9fff]/);

  // It may not choose a password for an account it creates.
  const chosen = await call(sec, 'POST', '/api/users', {
    username: 'i.own',
    displayName: '内部人',
    unitId: kjj.id,
    email: 'own@example.gov.cn',
    password: 'Chosen2026pw',
  });
  assert.deepEqual([chosen.statusCode, chosen.json().code], [400, 'PASSWORD_NOT_ACCEPTED']);
  // Four accounts it creates, one per review role: the server mails each one-time password to the person.
  const chain = [
    ['i.staff', 'staff'],
    ['i.head', 'sectionHead'],
    ['i.leader', 'leader'],
    ['i.secrecy', 'secrecy'],
  ] as const;
  const ids: Record<string, string> = {};
  for (const [username, role] of chain) {
    const res = await call(sec, 'POST', '/api/users', {
      username,
      displayName: '内部人',
      unitId: kjj.id,
      email: `${username}@example.gov.cn`,
      roles: [{ role, ...(role === 'sectionHead' && { sectionId: kjj.sectionId }) }],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().roles, res.json().pendingRoles.length, res.json().mustChangePassword], [[], 1, true]);
    assert.equal(res.json().oneTimePasswordSentTo, 'i***@example.gov.cn');
    ids[username] = res.json().id;
  }
  // The administrator cannot sign in as the person: it never saw the password.
  const guessed = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'i.staff', password: 'Chosen2026pw' },
  });
  assert.equal(guessed.statusCode, 401);
  // The person signs in with the mailed password: nothing but 修改密码 works.
  const staffOnce = await mailedPassword(demo.deps.db, 'i.staff@example.gov.cn');
  let staff = await login('i.staff', staffOnce);
  assert.equal(staff.mustChangePassword, true);
  const early = await call(staff, 'POST', '/api/items', draft());
  assert.deepEqual([early.statusCode, early.json().code], [403, 'PASSWORD_CHANGE_REQUIRED']);
  assert.equal(
    (await call(staff, 'POST', '/api/auth/password', { oldPassword: staffOnce, newPassword: 'Insider2026pw' }))
      .statusCode,
    200,
  );
  staff = await login('i.staff', 'Insider2026pw');
  // Still nothing: the 工作人员 role is a request.
  const drafted = await call(staff, 'POST', '/api/items', draft());
  assert.deepEqual([drafted.statusCode, drafted.json().code], [403, 'NO_ROLE']);
  // Nor can it confirm its own requests, nor give an account an administrator role beside a review role.
  const pending = (await call(sec, 'GET', '/api/role-requests?status=pending')).json();
  assert.equal(pending.length, 4);
  assert.ok(pending.every((r: { canDecide: boolean }) => !r.canDecide));
  assert.equal((await call(sec, 'POST', `/api/role-requests/${pending[0].id}/confirm`, {})).statusCode, 403);
  const mixed = await call(sec, 'POST', `/api/users/${ids['i.leader']}/roles`, {
    role: 'sysAdmin',
    unitId: await officeId(),
  });
  assert.deepEqual([mixed.statusCode, mixed.json().code], [422, 'ADMIN_SEPARATION']);

  assert.deepEqual(
    (await actions('org.')).filter((a) => a !== 'org.unit_create'),
    [
      'org.role_grant_denied',
      'org.user_create',
      'org.role_request',
      'org.user_create',
      'org.role_request',
      'org.user_create',
      'org.role_request',
      'org.user_create',
      'org.role_request',
      'org.role_grant_denied',
    ],
  );
  const signIns = (await listLedger(demo.deps.db, { subject: `user:${ids['i.staff']}` })).map((e) => e.action);
  assert.deepEqual(signIns, [
    'org.user_create',
    'org.role_request',
    'auth.login_failed',
    'auth.login',
    'auth.password_change',
    'auth.login',
  ]);

  // The unit's 主要领导 sees the requests and decides: once confirmed, the role works; a refusal needs a reason.
  const principal = await login('kjj.principal');
  const mine = (await call(principal, 'GET', '/api/role-requests?status=pending')).json();
  assert.equal(mine.length, 4);
  assert.ok(mine.every((r: { canDecide: boolean }) => r.canDecide));
  const byUser = (u: string) => mine.find((r: { userId: string }) => r.userId === ids[u]).id;
  assert.equal(
    (await call(principal, 'POST', `/api/role-requests/${byUser('i.leader')}/refuse`, { reason: ' ' })).statusCode,
    400,
  );
  assert.equal(
    (await call(principal, 'POST', `/api/role-requests/${byUser('i.leader')}/refuse`, { reason: '未经党组研究' }))
      .statusCode,
    200,
  );
  assert.equal((await call(principal, 'POST', `/api/role-requests/${byUser('i.staff')}/confirm`, {})).statusCode, 200);
  assert.equal((await call(staff, 'POST', '/api/items', draft())).statusCode, 201, '确认后工作人员角色生效');
  const leaderOnce = await mailedPassword(demo.deps.db, 'i.leader@example.gov.cn');
  const leader = await login('i.leader', leaderOnce);
  assert.equal(
    (await call(leader, 'POST', '/api/auth/password', { oldPassword: leaderOnce, newPassword: 'Insider2026pw' }))
      .statusCode,
    200,
  );
  assert.deepEqual((await call(leader, 'GET', '/api/auth/me')).json().user.roles, [], '被拒绝的分管领导角色不生效');
  assert.deepEqual((await actions('org.role_')).slice(-2), ['org.role_refuse', 'org.role_confirm']);
});

test('单位主要领导的角色申请须由区政府办公室主要领导确认', async () => {
  const sec = await login('secadmin');
  const user = (
    await call(sec, 'POST', '/api/users', {
      username: 'i.chief',
      displayName: '新局长',
      unitId: kjj.id,
      email: 'chief@example.gov.cn',
      roles: [{ role: 'principal' }],
    })
  ).json();
  const requestId = user.pendingRoles[0].id;
  const unitPrincipal = await login('kjj.principal');
  const denied = await call(unitPrincipal, 'POST', `/api/role-requests/${requestId}/confirm`, {});
  assert.deepEqual([denied.statusCode, denied.json().code], [403, 'NOT_OFFICE_PRINCIPAL']);
  const office = await login('ban.principal');
  assert.ok(
    (await call(office, 'GET', '/api/role-requests?status=pending'))
      .json()
      .some((r: { id: string }) => r.id === requestId),
  );
  assert.equal(
    (await call(office, 'POST', `/api/role-requests/${requestId}/confirm`, { reason: '经区政府常务会议研究' }))
      .statusCode,
    200,
  );
});

test('系统管理员与审计管理员：不能建账号、授角色、确认申请或起草审核；审计管理员在台账中看到每一次尝试', async () => {
  for (const username of ['sysadmin', 'auditor']) {
    const s = await login(username);
    const tries = [
      await call(s, 'POST', '/api/users', {
        username: `${username}.x`,
        displayName: '某人',
        unitId: kjj.id,
        email: 'x@example.gov.cn',
      }),
      await call(s, 'POST', `/api/users/${s.userId}/roles`, { role: 'leader', unitId: kjj.id }),
      await call(s, 'POST', '/api/items', draft()),
    ];
    assert.deepEqual(
      tries.map((r) => r.statusCode),
      [403, 403, 403],
      username,
    );
    const req = (await call(await login('secadmin'), 'GET', '/api/role-requests')).json()[0];
    assert.equal((await call(s, 'POST', `/api/role-requests/${req.id}/confirm`, {})).statusCode, 403, username);
  }
  const denied = await listLedger(demo.deps.db, { action: 'org.role_grant_denied' });
  const users = await demo.deps.db.selectFrom('users').select(['id', 'username']).execute();
  const nameOf = (id: string | null) => users.find((u) => u.id === id)?.username;
  assert.deepEqual(
    denied.map((e) => nameOf(e.actor_id)),
    ['secadmin', 'secadmin', 'sysadmin', 'auditor'],
  );

  const auditor = await login('auditor');
  const seen = (await call(auditor, 'GET', '/api/ledger?action=org.role_grant_denied')).json().entries;
  assert.equal(seen.length, 4);
  const requests = (await call(auditor, 'GET', '/api/role-requests')).json();
  assert.ok(
    requests.some((r: { status: string }) => r.status === 'refused')
      && requests.some((r: { status: string }) => r.status === 'confirmed'),
  );
  assert.ok(
    requests.every((r: { canDecide: boolean }) => !r.canDecide),
    '审计管理员只读',
  );
  assert.equal((await call(auditor, 'GET', '/api/users')).statusCode, 200);
});

test('一次性密码：安全管理员重置后发至本人邮箱，只能修改密码、退出或查看会话；改后恢复；运维命令设置的是普通密码', async () => {
  const before = await login('kjj.leader');
  const sec = await login('secadmin');
  const leaderId = (await actorOf('kjj.leader')).id;
  const chosen = await call(sec, 'POST', `/api/users/${leaderId}/password`, { password: 'Reset2026pw' });
  assert.deepEqual([chosen.statusCode, chosen.json().code], [400, 'PASSWORD_NOT_ACCEPTED']);
  assert.equal((await call(before, 'GET', '/api/auth/me')).statusCode, 200, '被拒绝的请求不改任何东西');
  const reset = await call(sec, 'POST', `/api/users/${leaderId}/password`, {});
  assert.equal(reset.statusCode, 200, reset.body);
  assert.equal((await call(before, 'GET', '/api/auth/me')).statusCode, 401, '重置后原会话失效');
  const once = await mailedPassword(demo.deps.db, 'kjj.leader@demo.gongkai.local');
  assert.ok(!reset.body.includes(once), '响应中没有密码');
  const s = await login('kjj.leader', once);
  for (const [method, url] of [
    ['GET', '/api/units'],
    ['GET', '/api/ledger'],
    ['POST', '/api/items'],
    ['GET', '/api/role-requests'],
  ] as const) {
    const res = await call(s, method, url, method === 'POST' ? draft() : undefined);
    assert.deepEqual([res.statusCode, res.json().code], [403, 'PASSWORD_CHANGE_REQUIRED'], url);
    assert.match(res.json().message, /修改密码/);
  }
  const me = await call(s, 'GET', '/api/auth/me');
  assert.deepEqual([me.statusCode, me.json().mustChangePassword], [200, true]);
  assert.equal((await call(s, 'GET', '/api/meta/labels')).statusCode, 200);
  assert.equal(
    (await call(s, 'POST', '/api/auth/password', { oldPassword: once, newPassword: 'Leader2026pw' })).statusCode,
    200,
  );
  assert.equal((await call(s, 'GET', '/api/units')).statusCode, 200);
  assert.equal((await call(s, 'GET', '/api/auth/me')).json().mustChangePassword, false);
  const set = (await listLedger(demo.deps.db, { action: 'org.password_set' })).at(-1)!;
  assert.equal(JSON.parse(set.payload).oneTime, true);
  assert.equal(
    JSON.parse((await listLedger(demo.deps.db, { action: 'auth.password_change' })).at(-1)!.payload).oneTimeReplaced,
    true,
  );

  // `gongkai user passwd` (the operator, as the system): a normal password.
  await setPassword(demo.deps, 'system', 'kjj.leader', 'Operator2026pw');
  const op = await login('kjj.leader', 'Operator2026pw');
  assert.equal(op.mustChangePassword, false);
  assert.equal((await call(op, 'GET', '/api/units')).statusCode, 200);
  assert.equal(
    JSON.parse((await listLedger(demo.deps.db, { action: 'org.password_set' })).at(-1)!.payload).oneTime,
    false,
  );
});

async function officeId(): Promise<string> {
  return (
    await demo.deps.db.selectFrom('units').select('id').where('name', '=', '区政府办公室').executeTakeFirstOrThrow()
  ).id;
}

async function actorOf(username: string) {
  const row = await demo.deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return (await loadActor(demo.deps.db, row.id))!;
}
