// 保密审查 deadline reminders, end to end through a real SMTP server on loopback: at 3 working days left (调休 make-up
// days counted) and again when overdue, the unit's secrecy office and leader get an in-app notice and a mail —
// each exactly once, however often and however concurrently the job runs; none once the office has answered.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { loadDemo } from '../org/demo.ts';
import type { Actor } from '../org/model.ts';
import { loadActor } from '../org/service.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { deliverOutbox, listMyNotifications } from '../platform/notify/service.ts';
import { approveItem, draftItem, giveOpinion, submitItem } from '../publish/service.ts';
import { startSecrecyReminders, sendDueReminders } from './reminders.ts';

let deps: TestDeps;
let smtp: TestSmtp;
before(async () => {
  smtp = await startSmtp();
  deps = await createTestDeps({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    MAIL_FROM: 'gongkai <gongkai@qijiang.test>',
  });
  await loadDemo(deps);
});
after(async () => {
  await deps.close();
  await smtp.close();
});

async function actor(username: string): Promise<Actor> {
  const row = await deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const a = await loadActor(deps.db, row.id);
  assert.ok(a);
  return a;
}

const DISCLOSE = { opinion: 'disclose' as const, basisIds: ['ogi-19'], reason: '属于应主动公开的信息' };
const review = { opinion: '同意', proofreading: '', standardsAttested: true };

/** A 区科技局 item sent to the secrecy office on `day` (10:00 in Shanghai). */
async function receivedOn(day: string, title: string): Promise<string> {
  deps.clock.set(`${day}T02:00:00.000Z`);
  const staff = await actor('kjj.staff');
  const unit = staff.roles[0];
  const site = await deps.db
    .selectFrom('channels')
    .select('id')
    .where('unit_id', '=', unit.unitId)
    .where('kind', '=', 'wechat')
    .executeTakeFirstOrThrow();
  const item = await draftItem(deps, staff, {
    title,
    sectionId: unit.sectionId!,
    channels: [{ channelId: site.id }],
    itemType: 'original',
    major: false,
    body: { format: 'text', content: `${title}。会议部署了全年重点工作。` },
  });
  await submitItem(deps, staff, { itemId: item.id, revision: 1 });
  await approveItem(deps, staff, {
    itemId: item.id,
    level: 1,
    revision: 1,
    ...review,
    disclosure: { ...DISCLOSE, secrecyMatter: false },
  });
  const at = await approveItem(deps, await actor('kjj.section'), {
    itemId: item.id,
    level: 2,
    revision: 1,
    ...review,
    disclosure: DISCLOSE,
  });
  assert.equal(at.stage, 'secrecy');
  return item.id;
}

const runAt = async (day: string) => {
  deps.clock.set(`${day}T01:00:00.000Z`); // 09:00 in Shanghai
  return (await sendDueReminders(deps)).sent.map((s) => s.kind);
};

test('春节前收到（2026-02-11），期限 2026-03-03：剩 3 个工作日时提醒一次，超期再提醒一次，各发一封邮件', async () => {
  const id = await receivedOn('2026-02-11', '区科技局召开春节前安全生产会议');
  assert.deepEqual(await runAt('2026-02-13'), []);
  assert.deepEqual(await runAt('2026-02-26'), []); // 4 working days left: 27, 28 (调休上班), 3-02, 3-03
  assert.deepEqual(await runAt('2026-02-27'), ['dueSoon']);
  assert.deepEqual(await runAt('2026-02-27'), []); // once
  assert.equal((await deliverOutbox(deps)).sent, 1);
  const [mail] = await smtp.waitFor(1);
  assert.deepEqual(mail.to.sort(), ['kjj.leader@demo.gongkai.local', 'kjj.secrecy@demo.gongkai.local']);
  assert.match(mail.subject, /保密审查即将到期/);
  assert.match(mail.text, /2026-02-11.*2026-03-03/s);

  assert.deepEqual(await runAt('2026-03-03'), []); // the last day: already reminded
  assert.deepEqual(await runAt('2026-03-04'), ['overdue']);
  const twice = await Promise.all([sendDueReminders(deps), sendDueReminders(deps)]);
  assert.deepEqual(
    twice.flatMap((r) => r.sent),
    [],
  );
  assert.equal((await deliverOutbox(deps)).sent, 1);
  const mails = await smtp.waitFor(2);
  assert.match(mails[1].subject, /保密审查已超期/);

  const secrecy = await actor('kjj.secrecy');
  const notices = await listMyNotifications(deps.db, secrecy.id);
  assert.deepEqual(notices.items.map((n) => n.kind).sort(), ['secrecy.dueSoon', 'secrecy.overdue']);
  assert.ok(notices.items.every((n) => n.subject === `item:${id}`));
  const ledger = await listLedger(deps.db, { subject: `item:${id}`, action: 'secrecy.reminder' });
  assert.deepEqual(
    ledger.map((e) => JSON.parse(e.payload).kind),
    ['dueSoon', 'overdue'],
  );

  await giveOpinion(deps, secrecy, { itemId: id, revision: 1, ...DISCLOSE });
  assert.deepEqual(await runAt('2026-03-10'), []);
});

test('国庆前收到（2026-09-24），期限 2026-10-15；多个节点同时运行也只提醒一次；已答复的不再提醒', async () => {
  const late = await receivedOn('2026-09-24', '关于国庆期间值班安排的通知');
  const answered = await receivedOn('2026-09-24', '关于国庆期间安全检查的通知');
  await giveOpinion(deps, await actor('kjj.secrecy'), { itemId: answered, revision: 1, ...DISCLOSE });
  assert.deepEqual(await runAt('2026-10-09'), []); // 10 (调休上班), 12, 13, 14, 15 → 5 left
  deps.clock.set('2026-10-12T01:00:00.000Z'); // 13, 14, 15 → 3 left
  const runs = await Promise.all([sendDueReminders(deps), sendDueReminders(deps), sendDueReminders(deps)]);
  assert.deepEqual(
    runs.flatMap((r) => r.sent.map((s) => [s.reviewId.length > 0, s.kind])),
    [[true, 'dueSoon']],
  );
  const ledger = await listLedger(deps.db, { action: 'secrecy.reminder' });
  assert.deepEqual(ledger.filter((e) => e.subject === `item:${late}`).length, 1);
  assert.equal(ledger.filter((e) => e.subject === `item:${answered}`).length, 0);
});

test('定时任务：startSecrecyReminders 按计划运行 sendDueReminders，可停止', async () => {
  const job = startSecrecyReminders(deps);
  try {
    await job.runNow();
  } finally {
    job.stop();
  }
});
