// DOMAIN.md §5 end to end on a real database (the fixed test clock): on 2026-12-18 a 二审 approval sends the item to
// the secrecy step with a 暂定 deadline in 2027 instead of 422; a 质疑申请 opens with one too; importing the 2027 notice
// recomputes both, each with its ledger entry, tells the people whose deadline moved, and the flags disappear.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildPublishOrg, disclosureAt, type PublishOrg } from '../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { listMyNotifications } from '../platform/notify/service.ts';
import { listPending } from '../platform/notify/store.ts';
import { listLedger, SYSTEM_ACTOR, verifyLedger } from '../platform/ledger/service.ts';
import { approveItem, draftItem, submitItem } from '../publish/service.ts';
import { getChallengeView } from '../secrecy/challenge-queries.ts';
import { openChallenge } from '../secrecy/challenge-service.ts';
import { getSecrecyRecord, listSecrecyQueue } from '../secrecy/service.ts';
import { importCalendarYear } from './calendar-import.ts';

let deps: TestDeps;
let org: PublishOrg;
before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
});
after(() => deps.close());

const review = { opinion: '同意', proofreading: '', standardsAttested: true };
const NOTICE_2027 =
  '国务院办公厅关于2027年部分节假日安排的通知（测试用）\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n'
  + '二、春节：2月5日（农历除夕、周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。\n';

async function atSecrecyOn(instant: string): Promise<string> {
  deps.clock.set(instant);
  const zhang = await org.actor('zhang');
  const item = await draftItem(
    deps,
    zhang,
    org.draft({ body: { format: 'text', content: '区科技局召开年终工作会议。' } }),
  );
  await submitItem(deps, zhang, { itemId: item.id, revision: 1 });
  await approveItem(deps, await org.actor('li'), {
    itemId: item.id,
    level: 1,
    revision: 1,
    ...review,
    disclosure: disclosureAt(1),
  });
  const at = await approveItem(deps, await org.actor('wang'), {
    itemId: item.id,
    level: 2,
    revision: 1,
    ...review,
    disclosure: disclosureAt(2),
  });
  assert.equal(at.stage, 'secrecy');
  return item.id;
}

test('2026-12-18 二审通过：进入保密审查，期限按暂定日历为 2027-01-01 并标明暂定；导入 2027 年通知后重算为 2027-01-04', async () => {
  const itemId = await atSecrecyOn('2026-12-18T02:00:00.000Z');
  const earlier = await atSecrecyOn('2026-12-17T02:00:00.000Z'); // due 2026-12-31: never provisional, never moved
  const bao = await org.actor('bao');
  const record = await getSecrecyRecord(deps, bao, itemId);
  assert.deepEqual(
    record.receipts.map((r) => [r.receivedOn, r.dueOn, r.dueProvisional]),
    [['2026-12-18', '2027-01-01', true]],
  );
  const queue = await listSecrecyQueue(deps, bao);
  assert.deepEqual(queue.review.map((q) => [q.dueOn, q.dueProvisional]).sort(), [
    ['2026-12-31', false],
    ['2027-01-01', true],
  ]);

  deps.clock.set('2026-12-21T02:00:00.000Z');
  const asker = { name: '赵某', org: null, phone: null, email: 'zhao@example.cn' };
  const c = await openChallenge(deps, { asker, itemId, question: '为何未公开？' });
  assert.deepEqual([c.dueOn, c.dueProvisional], ['2027-01-18', true]);

  deps.clock.set('2026-12-22T02:00:00.000Z');
  const mailsBefore = (await listPending(deps.db)).length;
  const system = { actor: SYSTEM_ACTOR, role: '' };
  const result = await importCalendarYear(deps, system, { format: 'notice', content: NOTICE_2027 });
  assert.equal(result.year.year, 2027);
  assert.deepEqual(result.recomputed.map((r) => [r.kind, r.from, r.to.date, r.to.provisional]).sort(), [
    ['challenge', '2027-01-18', '2027-01-19', false],
    ['secrecy', '2027-01-01', '2027-01-04', false],
  ]);

  const after = await getSecrecyRecord(deps, bao, itemId);
  assert.deepEqual(
    after.receipts.map((r) => [r.dueOn, r.dueProvisional]),
    [['2027-01-04', false]],
  );
  assert.deepEqual(
    (await getSecrecyRecord(deps, bao, earlier)).receipts.map((r) => r.dueOn),
    ['2026-12-31'],
  );
  const view = await getChallengeView(deps, await org.actor('liu'), c.id);
  assert.deepEqual([view.firstDueOn, view.dueOn, view.dueProvisional], ['2027-01-19', '2027-01-19', false]);

  const [entry] = await listLedger(deps.db, { action: 'secrecy.deadline.recompute', subject: `item:${itemId}` });
  assert.deepEqual(JSON.parse(entry.payload).dueOn, { from: '2027-01-01', to: '2027-01-04' });
  assert.equal((await listLedger(deps.db, { action: 'challenge.deadline.recompute' })).length, 1);
  assert.equal((await listLedger(deps.db, { action: 'calendar.import' })).length, 1);
  assert.equal((await verifyLedger(deps.db)).ok, true);

  const told = (await listMyNotifications(deps.db, org.ids.bao)).items.filter(
    (n) => n.kind === 'secrecy.deadlineMoved',
  );
  assert.equal(told.length, 1);
  assert.match(told[0].body, /期限由 2027-01-01（暂定）改为 2027-01-04。/);
  const leader = (await listMyNotifications(deps.db, org.ids.liu)).items.map((n) => n.kind);
  assert.ok(leader.includes('challenge.deadlineMoved'));
  const mails = (await listPending(deps.db)).slice(mailsBefore);
  assert.deepEqual(
    mails.map((m) => m.mail.to),
    [['zhao@example.cn']],
  );
  assert.match(mails[0].mail.text, /答复期限由 2027-01-18（暂定）改为 2027-01-19/);

  // A second import of the same year finds nothing provisional left: nobody is told twice.
  const again = await importCalendarYear(deps, system, { format: 'notice', content: NOTICE_2027 });
  assert.deepEqual([again.result, again.recomputed.length], ['replaced', 0]);
});
