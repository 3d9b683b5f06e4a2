// Login, lockout, sessions and password change, against a real database (SQLite, or PostgreSQL in CI).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { tokenId } from '../platform/auth/token.ts';
import { changePassword, loadSessionActor, login, logout } from './auth-service.ts';
import { DEMO_PASSWORD, loadDemo } from './demo.ts';

let deps: TestDeps;
before(async () => {
  deps = await createTestDeps();
  await loadDemo(deps);
});
after(() => deps.close());

const ledger = (action: string) => listLedger(deps.db, { action });

test('登录成功：返回会话，写入 auth.login 台账，会话可解析出角色', async () => {
  const before = (await ledger('auth.login')).length;
  const s = await login(deps, { username: 'kjj.staff', password: DEMO_PASSWORD });
  assert.equal(s.actor.username, 'kjj.staff');
  assert.ok(s.actor.roles.some((r) => r.role === 'staff' && r.sectionId));
  assert.notEqual(s.token, s.csrfToken);
  const found = await loadSessionActor(deps, tokenId(s.token));
  assert.equal(found?.actor.id, s.actor.id);
  assert.equal(found?.csrfToken, s.csrfToken);
  const entries = await ledger('auth.login');
  assert.equal(entries.length, before + 1);
  assert.ok(!entries.at(-1)!.payload.includes(DEMO_PASSWORD), '台账不得含密码');
  assert.ok(!entries.at(-1)!.payload.includes(s.token), '台账不得含会话令牌');
});

test('未知用户与错误密码得到同一答复，失败也记入台账', async () => {
  const before = (await ledger('auth.login_failed')).length;
  await assert.rejects(login(deps, { username: 'nobody', password: 'x' }), {
    status: 401,
    code: 'BAD_CREDENTIALS',
    message: '用户名或密码错误',
  });
  await assert.rejects(login(deps, { username: 'kjj.leader', password: 'wrong-1' }), {
    status: 401,
    code: 'BAD_CREDENTIALS',
    message: '用户名或密码错误',
  });
  const failed = await ledger('auth.login_failed');
  assert.equal(failed.length, before + 2);
  assert.equal(failed.at(-2)!.actor_id, 'anonymous');
  const source = 'unknown'; // no address given
  assert.deepEqual(JSON.parse(failed.at(-2)!.payload), { username: 'nobody', source, reason: 'unknown_user' });
  assert.deepEqual(JSON.parse(failed.at(-1)!.payload), { username: 'kjj.leader', source, reason: 'bad_password' });
  assert.ok(!failed.at(-1)!.payload.includes('wrong-1'));
});

const ATTACKER = '203.0.113.9';
const HOME = '198.51.100.7';
const tryLogin = (username: string, password: string, source: string) => login(deps, { username, password, source });
const failTimes = async (n: number, username: string, source: string, prefix: string) => {
  for (let i = 0; i < n; i += 1) {
    await assert.rejects(tryLogin(username, `${prefix}${i}`, source), { code: 'BAD_CREDENTIALS' });
  }
};

test('攻击者从一个地址猜密码，不能阻止本人从另一个地址登录；账号不被锁定', async () => {
  await failTimes(5, 'cgj.staff', ATTACKER, 'bad');
  for (let i = 0; i < 3; i += 1) {
    await assert.rejects(tryLogin('cgj.staff', DEMO_PASSWORD, ATTACKER), { status: 429, code: 'LOGIN_THROTTLED' });
  }
  const s = await tryLogin('cgj.staff', DEMO_PASSWORD, HOME);
  assert.equal(s.actor.username, 'cgj.staff');
  assert.equal((await ledger('auth.locked')).length, 0);
  const failed = (await ledger('auth.login_failed')).filter((e) => e.payload.includes('cgj.staff'));
  const reasons = [...Array(5).fill('bad_password'), ...Array(3).fill('throttled')];
  assert.deepEqual(
    failed.map((e) => JSON.parse(e.payload).reason),
    reasons,
  );
  assert.deepEqual(JSON.parse(failed[0].payload), { username: 'cgj.staff', source: ATTACKER, reason: 'bad_password' });
});

test('同一账号同一地址：5 次之后每次须等待 1、2、4…秒（正确密码也须等待），到点可登录，成功后重新计数', async () => {
  const src = '192.0.2.44';
  await failTimes(5, 'fgw.leader', src, 'bad');
  for (const wait of [1, 2, 4, 8]) {
    const message = new RegExp(`请 ${wait} 秒后再试`);
    await assert.rejects(tryLogin('fgw.leader', DEMO_PASSWORD, src), { status: 429, message });
    deps.clock.advance(wait * 1000 - 1);
    await assert.rejects(tryLogin('fgw.leader', DEMO_PASSWORD, src), { status: 429, message: /请 1 秒后再试/ });
    deps.clock.advance(1);
    await assert.rejects(tryLogin('fgw.leader', `again${wait}`, src), { code: 'BAD_CREDENTIALS' });
  }
  await assert.rejects(tryLogin('fgw.leader', DEMO_PASSWORD, src), { status: 429, message: /请 16 秒后再试/ });
  deps.clock.advance(16_000);
  assert.equal((await tryLogin('fgw.leader', DEMO_PASSWORD, src)).actor.username, 'fgw.leader');
  await failTimes(5, 'fgw.leader', src, 'new');
  await assert.rejects(tryLogin('fgw.leader', DEMO_PASSWORD, src), { status: 429, message: /请 1 秒后再试/ });
});

test('同一地址同时发出的多次尝试不能一起钻过同一个空档：至多 5 次得到核对，其余 429', async () => {
  const src = '192.0.2.46';
  const attempts = Array.from({ length: 12 }, (_, i) => tryLogin('dxz.leader', `par${i}`, src));
  const results = await Promise.allSettled(attempts);
  const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'OK'));
  const checked = codes.filter((c) => c === 'BAD_CREDENTIALS').length;
  assert.ok(checked <= 5, codes.join(',')); // without the claim, all 12 would see no failure and be checked
  assert.equal(codes.filter((c) => c === 'LOGIN_THROTTLED').length, 12 - checked);
});

test('等待最长为 GONGKAI_LOGIN_MAX_DELAY_MINUTES，未知用户名同样节流', async () => {
  const src = '192.0.2.45';
  for (let i = 0; i < 20; i += 1) {
    await assert.rejects(tryLogin('no.such.user', `bad${i}`, src), { code: 'BAD_CREDENTIALS' });
    deps.clock.advance(deps.config.loginMaxDelayMinutes * 60_000);
  }
  await assert.rejects(tryLogin('no.such.user', 'x', src), { code: 'BAD_CREDENTIALS' });
  await assert.rejects(tryLogin('no.such.user', 'x', src), { status: 429, message: /请 15 分钟后再试/ });
});

test('会话过期后不再有效', async () => {
  const s = await login(deps, { username: 'fgw.staff', password: DEMO_PASSWORD });
  deps.clock.advance(deps.config.sessionHours * 3600_000);
  assert.equal(await loadSessionActor(deps, tokenId(s.token)), null);
});

test('停用的账号不能登录，已有会话失效', async () => {
  const s = await login(deps, { username: 'dxz.duty', password: DEMO_PASSWORD });
  await deps.db.updateTable('users').set({ disabled: 1 }).where('username', '=', 'dxz.duty').execute();
  assert.equal(await loadSessionActor(deps, tokenId(s.token)), null);
  await assert.rejects(login(deps, { username: 'dxz.duty', password: DEMO_PASSWORD }), {
    status: 401,
    code: 'BAD_CREDENTIALS',
  });
});

test('退出登录结束会话并记入台账', async () => {
  const s = await login(deps, { username: 'dtz.staff', password: DEMO_PASSWORD });
  await logout(deps, tokenId(s.token));
  assert.equal(await loadSessionActor(deps, tokenId(s.token)), null);
  assert.equal((await ledger('auth.logout')).at(-1)!.actor_id, s.actor.id);
});

test('修改密码：校验原密码和新密码规则，成功后其他会话失效、本会话保留', async () => {
  const a = await login(deps, { username: 'dtz.leader', password: DEMO_PASSWORD });
  const b = await login(deps, { username: 'dtz.leader', password: DEMO_PASSWORD });
  await assert.rejects(changePassword(deps, a.actor, { oldPassword: 'nope', newPassword: 'NewPass2026' }), {
    status: 400,
    field: 'oldPassword',
  });
  await assert.rejects(changePassword(deps, a.actor, { oldPassword: DEMO_PASSWORD, newPassword: 'short1' }), {
    status: 400,
    field: 'newPassword',
    message: '密码至少 8 位',
  });
  assert.equal((await ledger('auth.password_change')).length, 0);

  await changePassword(deps, a.actor, {
    oldPassword: DEMO_PASSWORD,
    newPassword: 'NewPass2026',
    keepSessionId: tokenId(a.token),
  });
  assert.ok(await loadSessionActor(deps, tokenId(a.token)));
  assert.equal(await loadSessionActor(deps, tokenId(b.token)), null);
  await assert.rejects(login(deps, { username: 'dtz.leader', password: DEMO_PASSWORD }), { code: 'BAD_CREDENTIALS' });
  await login(deps, { username: 'dtz.leader', password: 'NewPass2026' });
  assert.equal((await ledger('auth.password_change')).length, 1);
});
