// Login abuse over HTTP (the address is the request's): an attacker's address cannot stop the real user on theirs; the
// per-address request limit; a burst of failures alerts the 安全管理员 once per window, in-app and by mail, ledgered.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/app/server.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/org/demo.ts';
import { securityAdminIds } from '../src/org/security-admins.ts';
import { listLedger } from '../src/platform/ledger/service.ts';
import { listPendingMail } from '../src/platform/notify/service.ts';
import { createTestDeps, type TestDeps } from './support/testdb.ts';

let deps: TestDeps;
let app: FastifyInstance;
before(async () => {
  deps = await createTestDeps({ GONGKAI_LOGIN_RATE_PER_MINUTE: '40' });
  await loadDemo(deps);
  app = await buildServer(deps);
});
after(async () => {
  await app.close();
  await deps.close();
});

let nextHost = 1;
const freshAddress = () => `10.9.${Math.floor(nextHost / 250)}.${(nextHost++ % 250) + 1}`;
const attempt = (username: string, password: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

const burstAlerts = () =>
  deps.db.selectFrom('notifications').selectAll().where('kind', '=', 'auth.login_burst').execute();
const burstLedger = async () =>
  (await listLedger(deps.db, { action: 'auth.login_burst' })).map((e) => JSON.parse(e.payload));
const burstMails = async () => (await listPendingMail(deps.db)).filter((m) => m.mail.subject.includes('登录异常'));

test('攻击者的地址被节流，本人从自己的地址照常登录', async () => {
  const attacker = freshAddress();
  for (let i = 0; i < 5; i += 1) assert.equal((await attempt('kjj.leader', `guess${i}`, attacker)).statusCode, 401);
  const refused = await attempt('kjj.leader', DEMO_PASSWORD, attacker);
  assert.equal(refused.statusCode, 429);
  assert.equal(refused.json().code, 'LOGIN_THROTTLED');
  assert.match(refused.json().message, /请 1 秒后再试/);
  const home = await attempt('kjj.leader', DEMO_PASSWORD, freshAddress());
  assert.equal(home.statusCode, 200, home.body);
  const [entry] = (await listLedger(deps.db, { action: 'auth.login' })).slice(-1);
  assert.equal(JSON.parse(entry.payload).username, 'kjj.leader');
});

test('同一账号在一个时段内从各地址失败 20 次：安全管理员只收到一次提醒（站内通知、邮件、台账各一）', async () => {
  const admins = await securityAdminIds(deps.db);
  assert.ok(admins.length > 0);
  for (let i = 0; i < 19; i += 1) assert.equal((await attempt('rsj.leader', `g${i}`, freshAddress())).statusCode, 401);
  assert.equal((await burstAlerts()).length, 0);
  for (let i = 0; i < 10; i += 1) assert.equal((await attempt('rsj.leader', `h${i}`, freshAddress())).statusCode, 401);
  const alerts = await burstAlerts();
  assert.deepEqual(alerts.map((a) => a.user_id).sort(), [...admins].sort());
  assert.equal(alerts[0].title, '登录异常：账号「rsj.leader」在 15 分钟内从各地址登录失败 20 次');
  assert.equal((await burstMails()).length, 1);
  const windowStart = '2026-03-02T01:00:00.000Z';
  assert.deepEqual(await burstLedger(), [{ kind: 'account', target: 'rsj.leader', failures: 20, windowStart }]);
  // The real user is not stopped by any of this.
  assert.equal((await attempt('rsj.leader', DEMO_PASSWORD, freshAddress())).statusCode, 200);

  deps.clock.advance(15 * 60_000); // the next window: a new burst is told again, once
  for (let i = 0; i < 25; i += 1) await attempt('rsj.leader', `k${i}`, freshAddress());
  assert.equal((await burstAlerts()).length, 2 * admins.length);
  assert.equal((await burstLedger()).length, 2);
});

test('同一地址在一个时段内失败 30 次（各账号合计）：安全管理员只收到一次提醒', async () => {
  deps.clock.advance(15 * 60_000);
  const before = (await burstLedger()).length;
  const bot = freshAddress();
  for (let i = 0; i < 36; i += 1) {
    const res = await attempt(`user${Math.floor(i / 4)}`, `p${i}`, bot); // 4 per name: never throttled per pair
    assert.equal(res.statusCode, 401, res.body);
  }
  const bursts = (await burstLedger()).slice(before);
  assert.deepEqual(
    bursts.map((b) => [b.kind, b.target, b.failures]),
    [['source', bot, 30]],
  );
});

test('每个地址每分钟的登录请求有上限（GONGKAI_LOGIN_RATE_PER_MINUTE），其他地址不受影响', async () => {
  const limitedApp = await buildServer({ ...deps, config: { ...deps.config, loginRatePerMinute: 3 } });
  try {
    const post = (remoteAddress: string) =>
      limitedApp.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'user.rate', password: 'x' },
        remoteAddress,
      });
    for (let i = 0; i < 3; i += 1) assert.equal((await post('10.8.0.1')).statusCode, 401);
    const over = await post('10.8.0.1');
    assert.equal(over.statusCode, 429);
    assert.equal(over.json().code, 'RATE_LIMITED');
    assert.match(over.json().message, /登录尝试过于频繁/);
    assert.equal((await post('10.8.0.2')).statusCode, 401);
  } finally {
    await limitedApp.close();
  }
});
