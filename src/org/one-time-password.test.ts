// 一次性密码 (issue 11, 三员分立): the 安全管理员 creates accounts and resets passwords but never learns a working
// password. The server makes it and mails it; the person reads it from the mail (here: the outbox in the test
// database).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { mailedPassword, mailedPasswords } from '../../test/support/mailbox.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { buildServer } from '../app/server.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { DEMO_PASSWORD, loadDemo } from './demo.ts';
import { cleanEmail, generateOneTimePassword, maskEmail } from './one-time-password.ts';
import { createUser, listUnits } from './service.ts';
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
}
const login = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
async function sessionOf(username: string, password: string): Promise<Session> {
  const res = await login(username, password);
  assert.equal(res.statusCode, 200, res.body);
  return {
    cookies: { [SESSION_COOKIE]: res.cookies.find((c) => c.name === SESSION_COOKIE)!.value },
    headers: { [CSRF_HEADER]: res.json().csrfToken },
  };
}
const call = (s: Session, method: 'POST', url: string, payload: object) =>
  app.inject({ method, url, cookies: s.cookies, headers: s.headers, payload });
const secadmin = () => sessionOf('secadmin', DEMO_PASSWORD);
const orgEntries = async () => (await listLedger(deps.db, {})).filter((e) => e.action.startsWith('org.')).length;
const kjjId = async () => (await listUnits(deps.db)).find((u) => u.name === '区科技局')!.id;

test('一次性密码：随机、符合密码规则；邮箱只显示首字母和域名', () => {
  const a = generateOneTimePassword();
  assert.match(a, /^[A-Za-z2-9]{16}$/);
  assert.notEqual(a, generateOneTimePassword());
  assert.equal(maskEmail('zhangsan@example.gov.cn'), 'z***@example.gov.cn');
  assert.equal(cleanEmail(' li@qj.gov.cn '), 'li@qj.gov.cn');
  assert.equal(cleanEmail('li@localhost'), null);
});

test('新建用户：响应和台账不含密码，密码只在发给本人的邮件里；管理员不知道它就登录不了', async () => {
  const sec = await secadmin();
  const created = await call(sec, 'POST', '/api/users', {
    username: 'kjj.otp',
    displayName: '钱演示',
    unitId: await kjjId(),
    email: 'qian@example.gov.cn',
  });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.json().oneTimePasswordSentTo, 'q***@example.gov.cn');
  const password = await mailedPassword(deps.db, 'qian@example.gov.cn');
  assert.ok(!created.body.includes(password), '响应中没有密码');
  const entry = (await listLedger(deps.db, { action: 'org.user_create' })).at(-1)!;
  assert.ok(!entry.payload.includes(password) && !entry.payload.includes('qian@'), '台账只记打码后的邮箱');
  assert.equal(JSON.parse(entry.payload).oneTimePasswordSentTo, 'q***@example.gov.cn');

  for (const guess of ['Abcdefg123', 'Chosen2026pw', 'qian@example.gov.cn']) {
    assert.equal((await login('kjj.otp', guess)).statusCode, 401, '不知道邮件里的密码就登录不了');
  }
  const person = await sessionOf('kjj.otp', password);
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', cookies: person.cookies });
  assert.equal(me.json().mustChangePassword, true, '一次性密码只能用来改密码');
  const changed = await call(person, 'POST', '/api/auth/password', {
    oldPassword: password,
    newPassword: 'Mine2026pw',
  });
  assert.equal(changed.statusCode, 200, changed.body);
});

test('重置密码：发新密码至本人邮箱，旧密码失效，响应和台账不含密码', async () => {
  const sec = await secadmin();
  const user = (
    await call(sec, 'POST', '/api/users', {
      username: 'kjj.reset',
      displayName: '孙演示',
      unitId: await kjjId(),
      email: 'sun@example.gov.cn',
    })
  ).json();
  const first = await mailedPassword(deps.db, 'sun@example.gov.cn');
  const reset = await call(sec, 'POST', `/api/users/${user.id}/password`, {});
  assert.deepEqual(reset.json(), { ok: true, oneTimePasswordSentTo: 's***@example.gov.cn' });
  const second = await mailedPassword(deps.db, 'sun@example.gov.cn', [first]);
  assert.equal((await login('kjj.reset', first)).statusCode, 401);
  const entry = (await listLedger(deps.db, { action: 'org.password_set' })).at(-1)!;
  assert.deepEqual(JSON.parse(entry.payload), {
    username: 'kjj.reset',
    oneTime: true,
    oneTimePasswordSentTo: 's***@example.gov.cn',
  });
  assert.equal((await login('kjj.reset', second)).statusCode, 200);
});

test('管理员给出密码：400 PASSWORD_NOT_ACCEPTED；缺邮箱：400；无邮箱的账号重置：422；均不改任何东西', async () => {
  const sec = await secadmin();
  const kjj = await kjjId();
  const before = await orgEntries();
  const chosen = await call(sec, 'POST', '/api/users', {
    username: 'kjj.chosen',
    displayName: '周演示',
    unitId: kjj,
    email: 'zhou@example.gov.cn',
    password: 'Chosen2026pw',
  });
  assert.equal(chosen.statusCode, 400);
  assert.equal(chosen.json().code, 'PASSWORD_NOT_ACCEPTED');
  const noMail = await call(sec, 'POST', '/api/users', { username: 'kjj.nomail', displayName: '吴演示', unitId: kjj });
  assert.equal(noMail.statusCode, 400);
  assert.match(noMail.json().message, /电子邮箱/);

  const legacy = await createUser(deps, 'system', {
    username: 'kjj.legacy',
    displayName: '郑演示',
    unitId: kjj,
    password: 'Legacy2026pw',
  });
  const noAddress = await call(sec, 'POST', `/api/users/${legacy.id}/password`, {});
  assert.equal(noAddress.statusCode, 422);
  assert.equal(noAddress.json().code, 'NO_EMAIL');
  assert.match(noAddress.json().message, /未登记电子邮箱/);
  const given = await call(sec, 'POST', `/api/users/${legacy.id}/password`, { password: 'Reset2026pw' });
  assert.equal(given.statusCode, 400);
  assert.equal(given.json().code, 'PASSWORD_NOT_ACCEPTED');
  assert.equal((await login('kjj.legacy', 'Legacy2026pw')).statusCode, 200, '原密码仍有效');
  assert.equal((await login('kjj.legacy', 'Reset2026pw')).statusCode, 401);
  assert.deepEqual(await mailedPasswords(deps.db, 'zhou@example.gov.cn'), []);
  assert.equal(await orgEntries(), before + 1, '只有运维人员建账号的一条');
});
