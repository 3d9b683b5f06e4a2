// 班前提醒: an in-app notice and a mail (through the outbox) before each published shift, to everyone on it, exactly once
// however often and however concurrently the job runs; none for a draft roster; the unit's lead time counts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildDutyOrg, type DutyOrg, publishLayout, standardTemplates } from '../../test/support/duty-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { listMyNotifications, listPendingMail } from '../platform/notify/service.ts';
import type { Template } from './model.ts';
import { sendShiftReminders, startShiftReminders } from './reminders.ts';
import { saveSettings } from './service.ts';

let deps: TestDeps;
let org: DutyOrg;
let templates: Record<string, Template>;
before(async () => {
  deps = await createTestDeps();
  deps.clock.set('2026-03-01T02:00:00.000Z');
  org = await buildDutyOrg(deps);
  await deps.db.updateTable('users').set({ email: 'zhao@kjj.test' }).where('id', '=', org.ids.zhao).execute();
  const keeper = await org.actor('zheng');
  templates = await standardTemplates(deps, keeper, org.unitId);
  await publishLayout(deps, org, keeper, org.unitId, templates, [
    ['2026-03-02', '白班', ['zhao'], 'zhou'],
    ['2026-03-02', '夜班', ['qian']],
  ]);
  await publishLayout(deps, org, keeper, org.unitId, templates, [['2026-03-03', '白班', ['sun']]], { publish: false });
});
after(() => deps.close());

const runAt = async (shanghai: string) => {
  deps.clock.set(new Date(`${shanghai}+08:00`));
  return (await sendShiftReminders(deps)).sent
    .map((s) => Object.entries(org.ids).find(([, id]) => id === s.userId)![0])
    .sort();
};

test('班次开始前 1 小时提醒本班次的值班人员和带班领导，各一次；多个节点同时运行也只发一次', async () => {
  assert.deepEqual(await runAt('2026-03-02T07:20:00'), []);
  assert.deepEqual(await runAt('2026-03-02T07:31:00'), ['zhao', 'zhou']);
  assert.deepEqual(await runAt('2026-03-02T07:45:00'), []);
  const zhao = await listMyNotifications(deps.db, org.ids.zhao);
  assert.deepEqual(
    zhao.items.map((n) => [n.kind, n.title]),
    [['duty.reminder', '【值班提醒】3月2日 08:30「白班」']],
  );
  assert.match((await listMyNotifications(deps.db, org.ids.zhou)).items[0].title, /带班提醒/);
  const mail = await listPendingMail(deps.db);
  assert.deepEqual(
    mail.map((m) => m.mail.to),
    [['zhao@kjj.test']],
  );
  assert.match(mail[0].mail.text, /3月2日 08:30 至 3月2日 17:30 在区科技局值班/);

  deps.clock.set(new Date('2026-03-02T16:31:00+08:00'));
  const runs = await Promise.all([sendShiftReminders(deps), sendShiftReminders(deps), sendShiftReminders(deps)]);
  assert.deepEqual(
    runs.flatMap((r) => r.sent.map((s) => s.userId)),
    [org.ids.qian],
  );
  assert.equal((await listLedger(deps.db, { action: 'duty.reminder' })).length, 3);
});

test('草稿值班表不提醒；提前量按单位设置', async () => {
  await saveSettings(deps, await org.actor('zheng'), org.unitId, {
    minRestMinutes: 480,
    remindMinutes: 180,
    readings: { working: 2, rest: 1, holiday: 1 },
  });
  assert.deepEqual(await runAt('2026-03-03T05:31:00'), []); // the 3-03 roster is a draft
  const job = startShiftReminders(deps);
  try {
    await job.runNow();
  } finally {
    job.stop();
  }
});
