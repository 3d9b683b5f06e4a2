// Notifications and mail against a real SMTP server on loopback: a committed change's mail arrives, a rolled-back
// one sends nothing, a refused mail stays queued with its error and goes out on a later run, credentials never leak.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, beforeEach, test } from 'node:test';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { type ReceivedMail, startSmtp, type TestSmtp } from '../../../test/support/smtp.ts';
import { createTestDeps, type TestDeps } from '../../../test/support/testdb.ts';
import { DEMO_USERS, loadDemo } from '../../org/demo.ts';
import { getUserEmails } from '../../org/service.ts';
import {
  deliverOutbox,
  enqueueMail,
  kickOutbox,
  listMyNotifications,
  listPendingMail,
  notifyUsers,
} from './service.ts';
import { startOutboxWorker } from './worker.ts';

let deps: TestDeps;
let smtp: TestSmtp;
let refusing: { port: number; close(): Promise<void> };
const inbox = (): ReceivedMail[] => smtp.received;
const logLines: string[] = [];

/** A relay that refuses every recipient (550), standing in for a mail server that rejects the message. */
async function startRefusingSmtp(): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (_address, _session, cb) => cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 })),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

before(async () => {
  deps = await createTestDeps();
  await loadDemo(deps);
  smtp = await startSmtp();
  refusing = await startRefusingSmtp();
});
after(async () => {
  await smtp.close();
  await refusing.close();
  await deps.close();
});
beforeEach(async () => {
  // Each test starts with an empty queue and inbox: whatever an earlier test left is sent now.
  deps.clock.advance(2 * 60 * 60 * 1000);
  await deliverOutbox(mailDeps());
  smtp.received.length = 0;
});

const capture = pino(
  { level: 'debug' },
  new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  }),
);
const mailDeps = (over: Partial<TestDeps['config']> = {}) => ({
  ...deps,
  log: capture,
  config: {
    ...deps.config,
    smtpHost: '127.0.0.1',
    smtpPort: smtp.port,
    mailFrom: 'gongkai <gk@demo.gongkai.local>',
    ...over,
  },
});

const idOf = (username: string) =>
  deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
    .then((r) => r.id);

const reminder = {
  to: ['kjj.secrecy@demo.gongkai.local'],
  subject: '【保密审查即将到期】关于2026年科技项目申报的通知',
  text: '稿件《关于2026年科技项目申报的通知》应于 2026-03-16 前提出保密审查意见，剩余 3 个工作日。',
};

test('演示用户都有邮箱；org 按用户 id 给出邮箱', async () => {
  assert.ok(DEMO_USERS.every((u) => u.email === `${u.username}@demo.gongkai.local`));
  const id = await idOf('kjj.secrecy');
  assert.deepEqual([...(await getUserEmails(deps.db, [id, id])).entries()], [[id, 'kjj.secrecy@demo.gongkai.local']]);
});

test('事务提交后，站内通知可见，邮件送达（收件人、主题和中文正文）', async () => {
  const userId = await idOf('kjj.secrecy');
  await deps.db.transaction().execute(async (tx) => {
    await notifyUsers(
      tx,
      [userId, userId],
      { kind: 'secrecy.dueSoon', title: reminder.subject, body: reminder.text, subject: 'item:x' },
      deps.clock.now(),
    );
    await enqueueMail(tx, reminder, deps.clock.now());
  });
  assert.equal(inbox().length, 0); // nothing leaves inside the transaction or before delivery runs
  const report = await deliverOutbox(mailDeps());
  assert.deepEqual(report, { sent: 1, failed: 0, unconfigured: false });
  assert.equal(inbox().length, 1);
  assert.deepEqual(inbox()[0].to, ['kjj.secrecy@demo.gongkai.local']);
  assert.equal(inbox()[0].subject, reminder.subject);
  assert.equal(inbox()[0].text, reminder.text);
  assert.equal(inbox()[0].from, 'gk@demo.gongkai.local');
  assert.deepEqual(await listPendingMail(deps.db), []);
  const mine = await listMyNotifications(deps.db, userId);
  assert.equal(mine.unread, 1); // one per person, however often the id was listed
  assert.equal(mine.items[0].title, reminder.subject);
  assert.equal((await deliverOutbox(mailDeps())).sent, 0); // sent once only
});

test('事务回滚：不通知任何人，也不发邮件', async () => {
  const userId = await idOf('kjj.leader');
  await assert.rejects(
    deps.db.transaction().execute(async (tx) => {
      await notifyUsers(
        tx,
        [userId],
        { kind: 'x', title: '不应出现', body: '不应出现', subject: 'item:y' },
        deps.clock.now(),
      );
      await enqueueMail(tx, { ...reminder, subject: '不应发出' });
      throw new Error('规则不满足，回滚');
    }),
    /回滚/,
  );
  assert.deepEqual(await listPendingMail(deps.db), []);
  assert.equal((await deliverOutbox(mailDeps())).sent, 0);
  assert.equal(inbox().length, 0);
  assert.equal((await listMyNotifications(deps.db, userId)).items.length, 0);
});

test('服务器拒收：邮件留在队列并记下错误，按退避时间在之后的运行中送达', async () => {
  const rejecting = mailDeps({ smtpPort: refusing.port });
  const id = await enqueueMail(deps.db, reminder, deps.clock.now());
  assert.deepEqual(await deliverOutbox(rejecting), { sent: 0, failed: 1, unconfigured: false });
  let [pending] = await listPendingMail(deps.db);
  assert.equal(pending.id, id);
  assert.equal(pending.attempts, 1);
  assert.match(pending.lastError!, /550|Mailbox unavailable/);
  assert.equal(pending.nextAttemptAt, new Date(deps.clock.now().getTime() + 30_000).toISOString());

  assert.equal((await deliverOutbox(mailDeps())).sent, 0); // the relay is back, but the message is still backing off
  deps.clock.advance(30_000);
  await deliverOutbox(rejecting);
  [pending] = await listPendingMail(deps.db);
  assert.equal(pending.attempts, 2);
  assert.equal(pending.nextAttemptAt, new Date(deps.clock.now().getTime() + 60_000).toISOString()); // doubled

  deps.clock.advance(60_000);
  assert.equal((await deliverOutbox(mailDeps())).sent, 1);
  assert.equal(inbox().length, 1);
  assert.equal(inbox()[0].subject, reminder.subject);
  assert.deepEqual(await listPendingMail(deps.db), []);
});

test('服务器不可达也不丢信；未配置 SMTP_HOST 时留在队列并只警告一次', async () => {
  await enqueueMail(deps.db, reminder, deps.clock.now());
  const down = await deliverOutbox(mailDeps({ smtpPort: 1 }));
  assert.equal(down.failed, 1);
  deps.clock.advance(60_000);
  logLines.length = 0;
  const none = mailDeps({ smtpHost: undefined });
  assert.equal((await deliverOutbox(none)).unconfigured, true);
  await deliverOutbox(none);
  assert.equal(logLines.filter((l) => l.includes('未配置 SMTP_HOST')).length, 1);
  assert.equal((await listPendingMail(deps.db)).length, 1);
  assert.equal((await deliverOutbox(mailDeps())).sent, 1);
});

test('SMTP 口令错误：错误被记下，口令不出现在错误或日志中', async () => {
  const secret = 'S3cret-smtp-pw';
  const authServer = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _s, cb) {
      cb(
        auth.password === 'right' ? null : new Error('Invalid credentials'),
        auth.password === 'right' ? { user: auth.username } : undefined,
      );
    },
    onData(stream, _s, cb) {
      stream.resume();
      stream.on('end', () => cb());
    },
  });
  await new Promise<void>((resolve) => authServer.listen(0, '127.0.0.1', resolve));
  try {
    await enqueueMail(deps.db, reminder, deps.clock.now());
    logLines.length = 0;
    const d = mailDeps({
      smtpPort: (authServer.server.address() as AddressInfo).port,
      smtpUser: 'gongkai',
      smtpPass: secret,
    });
    assert.equal((await deliverOutbox(d)).failed, 1);
    const [pending] = await listPendingMail(deps.db);
    assert.match(pending.lastError!, /EAUTH|Invalid credentials/);
    assert.ok(!pending.lastError!.includes(secret));
    assert.ok(logLines.length > 0 && logLines.every((l) => !l.includes(secret)));
    deps.clock.advance(60_000);
    assert.equal((await deliverOutbox(d)).failed, 1);
  } finally {
    await new Promise<void>((resolve) => authServer.close(() => resolve()));
  }
  deps.clock.advance(120_000);
  assert.equal((await deliverOutbox(mailDeps())).sent, 1);
});

test('多个节点同时发送：每封邮件只发一次', async () => {
  for (let i = 0; i < 8; i++) await enqueueMail(deps.db, { ...reminder, subject: `并发 ${i}` }, deps.clock.now());
  const reports = await Promise.all([deliverOutbox(mailDeps()), deliverOutbox(mailDeps()), deliverOutbox(mailDeps())]);
  assert.equal(
    reports.reduce((n, r) => n + r.sent, 0),
    8,
  );
  assert.deepEqual(
    inbox()
      .map((m) => m.subject)
      .sort(),
    [...Array(8).keys()].map((i) => `并发 ${i}`),
  );
});

test('提交后立即投递（kickOutbox）与定时任务都会发出；无效地址不入队', async () => {
  assert.equal(await enqueueMail(deps.db, { ...reminder, to: ['', 'not an address'] }), null);
  await enqueueMail(deps.db, { ...reminder, to: [' kjj.leader@demo.gongkai.local ', 'kjj.leader@demo.gongkai.local'] });
  await kickOutbox(mailDeps());
  assert.deepEqual(
    inbox().map((m) => m.to),
    [['kjj.leader@demo.gongkai.local']],
  );
  await kickOutbox({ ...mailDeps(), db: undefined as never }); // a broken run is logged, never thrown

  await enqueueMail(deps.db, { ...reminder, subject: '定时任务' });
  const worker = startOutboxWorker(mailDeps());
  try {
    await worker.runNow();
  } finally {
    worker.stop();
  }
  assert.equal(inbox().at(-1)!.subject, '定时任务');
});
