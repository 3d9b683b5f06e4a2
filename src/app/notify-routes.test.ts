// In-app notifications over HTTP: each person sees only their own, newest first with the unread count, and marks
// one read (recorded in the ledger); another person's notification is not found.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openDemoApp, type DemoApp } from '../../test/support/demo-app.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { notifyUsers } from '../platform/notify/service.ts';

let demo: DemoApp;
let app: FastifyInstance;
before(async () => {
  demo = await openDemoApp();
  app = demo.app;
  // Until server.ts registers these routes by name, the test adds them itself.
});
after(() => demo.close());
const loginAs = (username: string) => demo.loginAs(username);

async function notify(userIds: string[], title: string): Promise<string[]> {
  const ids = await demo.deps.db
    .transaction()
    .execute((tx) =>
      notifyUsers(
        tx,
        userIds,
        { kind: 'secrecy.dueSoon', title, body: `${title}：请及时办理。`, subject: 'item:demo' },
        demo.deps.clock.now(),
      ),
    );
  demo.deps.clock.advance(1000); // distinct creation times, so "newest first" is observable
  return ids;
}

test('未登录 401；各人只看到自己的通知，最新在前，附未读数', async () => {
  assert.equal((await app.inject({ method: 'GET', url: '/api/notifications' })).statusCode, 401);
  const secrecy = await loginAs('kjj.secrecy');
  const leader = await loginAs('kjj.leader');
  await notify([secrecy.userId, leader.userId], '保密审查即将到期');
  await notify([secrecy.userId], '保密审查已超期');

  const mine = await app.inject({ method: 'GET', url: '/api/notifications', cookies: secrecy.cookies });
  assert.equal(mine.statusCode, 200);
  assert.equal(mine.json().unread, 2);
  assert.deepEqual(
    mine.json().items.map((n: { title: string }) => n.title),
    ['保密审查已超期', '保密审查即将到期'],
  );
  assert.equal(mine.json().items[0].readAt, null);
  assert.equal('userId' in mine.json().items[0], false);

  const theirs = await app.inject({ method: 'GET', url: '/api/notifications?limit=10', cookies: leader.cookies });
  assert.deepEqual(
    theirs.json().items.map((n: { title: string }) => n.title),
    ['保密审查即将到期'],
  );
  assert.equal(
    (await app.inject({ method: 'GET', url: '/api/notifications?limit=0', cookies: leader.cookies })).statusCode,
    400,
  );
});

test('标为已读：未读数减少，写入台账；重复标记不改时间；他人的通知 404，需 CSRF 令牌', async () => {
  const staff = await loginAs('kjj.staff');
  const other = await loginAs('kjj.principal');
  const [id] = await notify([staff.userId], '质疑申请待答复');

  const noCsrf = await app.inject({ method: 'POST', url: `/api/notifications/${id}/read`, cookies: staff.cookies });
  assert.equal(noCsrf.statusCode, 403);
  const foreign = await app.inject({ method: 'POST', url: `/api/notifications/${id}/read`, ...other });
  assert.equal(foreign.statusCode, 404);
  assert.deepEqual(foreign.json(), { code: 'NOT_FOUND', message: '通知不存在' });

  const read = await app.inject({ method: 'POST', url: `/api/notifications/${id}/read`, ...staff });
  assert.equal(read.statusCode, 200);
  const readAt = read.json().readAt;
  assert.equal(readAt, demo.deps.clock.now().toISOString());
  demo.deps.clock.advance(5000);
  const again = await app.inject({ method: 'POST', url: `/api/notifications/${id}/read`, ...staff });
  assert.equal(again.json().readAt, readAt);

  const mine = await app.inject({ method: 'GET', url: '/api/notifications', cookies: staff.cookies });
  assert.equal(mine.json().unread, 0);
  const entries = await listLedger(demo.deps.db, { action: 'notify.read' });
  assert.equal(entries.length, 1);
  assert.equal(entries[0].actor_id, staff.userId);
  assert.deepEqual(JSON.parse(entries[0].payload), { kind: 'secrecy.dueSoon', notificationId: id });
  assert.equal(
    (await app.inject({ method: 'POST', url: '/api/notifications/not-a-uuid/read', ...staff })).statusCode,
    400,
  );
});
