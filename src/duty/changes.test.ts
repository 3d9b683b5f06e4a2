// 离岗 and 换班 against a real database (§4.6: the officer may not leave the post unless the duty leader agrees and
// the replacement has arrived): leaving without a replacement is refused; with one, the person leaving stays on duty —
// and stays the one notified — until the replacement checks in. 到岗 / 交接班记录. Swaps approved by the duty leader,
// refused when they would break the rest rule.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type DutyOrg, dutyWeek, shiftOf } from '../../test/support/duty-fixtures.ts';
import type { TestDeps } from '../../test/support/testdb.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { listMyNotifications } from '../platform/notify/service.ts';
import { getShiftRecord } from './attendance.ts';
import {
  addUnavailability,
  checkIn,
  checkOut,
  createRoster,
  decideChange,
  getRoster,
  listChanges,
  listHandovers,
  requestChange,
  type RosterDetail,
  saveSettings,
  whoIsOnDuty,
} from './service.ts';

let deps: TestDeps;
let org: DutyOrg;
let roster: RosterDetail;
before(async () => {
  ({ deps, org, roster } = await dutyWeek());
});
after(() => deps.close());

const at = (shanghai: string) => new Date(`${shanghai}+08:00`);
const onDutyNames = async (when: string) => (await whoIsOnDuty(deps, org.unitId, at(when))).officers.map((p) => p.name);
const actions = async () => (await listLedger(deps.db, { actionPrefix: 'duty.' })).map((e) => e.action);

test('离岗：未经批准、没有接替人员不能离开；带班领导批准后，接替人员到岗前原值班人员仍在岗并接收通知', async () => {
  deps.clock.set(at('2026-03-02T08:20:00'));
  const zhao = await org.actor('zhao');
  const day = shiftOf(roster, '2026-03-02', '白班');
  await checkIn(deps, zhao, day.id);
  deps.clock.set(at('2026-03-02T10:00:00'));
  await assert.rejects(checkOut(deps, zhao, day.id, '有急事'), { status: 409, code: 'NOT_RELEASED' });
  const before = (await actions()).length;
  await assert.rejects(
    requestChange(deps, zhao, { kind: 'leave', shiftId: day.id, reason: '家中急事' }),
    (e: Error & { status?: number; field?: string }) =>
      e.status === 400 && e.field === 'replacementId' && /接替人员到岗后方可离岗/.test(e.message),
  );
  assert.equal((await actions()).length, before);
  assert.deepEqual((await listChanges(deps, zhao, { unitId: org.unitId })).changes, []);

  const change = await requestChange(deps, zhao, {
    kind: 'leave',
    shiftId: day.id,
    replacementId: org.ids.li,
    reason: '家中急事',
  });
  assert.equal(change.state, 'requested');
  const zhou = await org.actor('zhou');
  assert.ok((await listMyNotifications(deps.db, zhou.id)).items.some((n) => n.kind === 'duty.changeRequested'));
  await assert.rejects(decideChange(deps, await org.actor('zheng'), change.id, { approve: true }), {
    status: 403,
    code: 'NOT_DUTY_LEADER',
  });
  const approved = await decideChange(deps, zhou, change.id, { approve: true, note: '同意，交接清楚' });
  assert.equal(approved.state, 'approved');
  assert.deepEqual(await onDutyNames('2026-03-02T10:05:00'), ['赵值班'], '接替人员到岗前仍由原值班人员值班');
  const waiting = await whoIsOnDuty(deps, org.unitId, at('2026-03-02T10:05:00'));
  assert.deepEqual(
    waiting.shifts[0].awaiting.map((a) => [a.leaving.name, a.replacement.name]),
    [['赵值班', '李值班']],
  );
  await assert.rejects(checkOut(deps, zhao, day.id, '交接'), { status: 409, code: 'NOT_RELEASED' });

  deps.clock.set(at('2026-03-02T10:30:00'));
  const li = await org.actor('li');
  const record = await checkIn(deps, li, day.id);
  assert.deepEqual(
    record.attendance.map((a) => [a.name, a.checkedOutAt !== null]),
    [
      ['赵值班', true],
      ['李值班', false],
    ],
  );
  assert.match(record.attendance[0].handoverNote ?? '', /离岗，由李值班接替/);
  assert.deepEqual(await onDutyNames('2026-03-02T10:15:00'), ['赵值班']);
  assert.deepEqual(await onDutyNames('2026-03-02T10:31:00'), ['李值班']);
  assert.ok((await listMyNotifications(deps.db, zhao.id)).items.some((n) => n.kind === 'duty.replaced'));
  assert.equal((await listChanges(deps, zhou, { unitId: org.unitId })).changes[0].state, 'completed');
  assert.deepEqual((await actions()).slice(-5), [
    'duty.check_in',
    'duty.change_request',
    'duty.change_approve',
    'duty.check_in',
    'duty.leave_complete',
  ]);
});

test('交接班：班次结束时离岗须填写交接班记录，下一班可以看到', async () => {
  const li = await org.actor('li');
  const day = shiftOf(roster, '2026-03-02', '白班');
  deps.clock.set(at('2026-03-02T17:10:00'));
  await assert.rejects(checkOut(deps, li, day.id, '  '), { status: 400, field: 'handoverNote' });
  await checkOut(deps, li, day.id, '区科技局网站首页正常；通知公告栏目待更新一条，已告知科室。');
  await assert.rejects(checkOut(deps, li, day.id, '再次离岗'), { status: 409, code: 'NOT_CHECKED_IN' });
  const next = await getShiftRecord(deps, await org.actor('qian'), shiftOf(roster, '2026-03-02', '夜班').id);
  assert.deepEqual(
    next.previousHandover.map((h) => [h.by, h.note]),
    [['李值班', '区科技局网站首页正常；通知公告栏目待更新一条，已告知科室。']],
  );
  const list = await listHandovers(deps, li, org.unitId, '2026-03-02', '2026-03-03');
  assert.deepEqual(
    list.map((h) => h.person.name),
    ['李值班', '赵值班'],
  ); // newest first: the 离岗 is recorded too
  await assert.rejects(checkIn(deps, await org.actor('sun'), day.id), { status: 403, code: 'NOT_ON_SHIFT' });
});

test('换班：带班领导批准后立即生效；造成休息不足的换班不予批准且不改变值班表；已开始的班次不能换班', async () => {
  deps.clock.set(at('2026-03-02T12:00:00'));
  const sun = await org.actor('sun');
  const zhou = await org.actor('zhou');
  const target = shiftOf(roster, '2026-03-03', '白班');
  const tired = await requestChange(deps, sun, {
    kind: 'swap',
    shiftId: target.id,
    replacementId: org.ids.qian,
    reason: '出差',
  });
  await assert.rejects(
    decideChange(deps, zhou, tired.id, { approve: true }),
    (e: Error & { code?: string }) =>
      e.code === 'NEW_FINDINGS'
      && /钱值班在3月2日 17:30「夜班」与3月3日 08:30「白班」之间只休息 0 小时/.test(e.message),
  );
  assert.equal(
    (await listChanges(deps, zhou, { unitId: org.unitId })).changes.find((c) => c.id === tired.id)!.state,
    'requested',
  );
  await decideChange(deps, zhou, tired.id, { approve: false, note: '钱值班前一晚值夜班' });
  assert.ok((await listMyNotifications(deps.db, sun.id)).items.some((n) => n.kind === 'duty.changeRejected'));

  const counter = shiftOf(roster, '2026-03-04', '白班');
  const swap = await requestChange(deps, sun, {
    kind: 'swap',
    shiftId: target.id,
    replacementId: org.ids.zhao,
    counterShiftId: counter.id,
    reason: '出差',
  });
  await assert.rejects(decideChange(deps, sun, swap.id, { approve: true }), { status: 403 });
  assert.equal((await decideChange(deps, zhou, swap.id, { approve: true })).state, 'completed');
  const after = await getRoster(deps, zhou, roster.roster.id);
  assert.deepEqual(
    shiftOf(after, '2026-03-03', '白班').officers.map((o) => o.name),
    ['赵值班'],
  );
  assert.deepEqual(
    shiftOf(after, '2026-03-04', '白班').officers.map((o) => o.name),
    ['孙值班'],
  );
  assert.deepEqual(after.findings, []);

  const running = shiftOf(roster, '2026-03-02', '白班');
  await assert.rejects(
    requestChange(deps, await org.actor('zhao'), {
      kind: 'swap',
      shiftId: running.id,
      replacementId: org.ids.sun,
      reason: '临时有事',
    }),
    { status: 409, code: 'SHIFT_STARTED' },
  );
  await assert.rejects(
    requestChange(deps, await org.actor('staff'), {
      kind: 'leave',
      shiftId: running.id,
      replacementId: org.ids.sun,
      reason: '代办',
    }),
    { status: 403 },
  );
});

test('换班与离岗经过与排班、发布相同的检查：换给已登记不能值班的人、接替人员接班后休息不足，都不予批准', async () => {
  deps.clock.set(at('2026-03-02T13:00:00'));
  const zhou = await org.actor('zhou');
  await addUnavailability(deps, await org.actor('zheng'), {
    unitId: org.unitId,
    userId: org.ids.zhao,
    from: '2026-03-04',
    to: '2026-03-05',
    reason: '年休假',
  });
  const away = await requestChange(deps, await org.actor('sun'), {
    kind: 'swap',
    shiftId: shiftOf(roster, '2026-03-04', '白班').id,
    replacementId: org.ids.zhao,
    reason: '临时有事',
  });
  await assert.rejects(
    decideChange(deps, zhou, away.id, { approve: true }),
    (e: Error & { status?: number; code?: string }) =>
      e.status === 422
      && e.code === 'NEW_FINDINGS'
      && /赵值班登记了不能值班（年休假），却排在3月4日 08:30「白班」/.test(e.message),
  );
  const unchanged = await getRoster(deps, zhou, roster.roster.id);
  assert.deepEqual(
    shiftOf(unchanged, '2026-03-04', '白班').officers.map((o) => o.name),
    ['孙值班'],
  );

  // 李值班 works the night of 3-03 from 17:30: taking over 赵值班's day shift at 11:33 leaves him no rest before it.
  deps.clock.set(at('2026-03-03T11:33:00'));
  const leave = await requestChange(deps, await org.actor('zhao'), {
    kind: 'leave',
    shiftId: shiftOf(roster, '2026-03-03', '白班').id,
    replacementId: org.ids.li,
    reason: '家中急事',
  });
  await assert.rejects(
    decideChange(deps, zhou, leave.id, { approve: true }),
    (e: Error & { code?: string }) =>
      e.code === 'NEW_FINDINGS'
      && /李值班在3月3日 11:33「白班」与3月3日 17:30「夜班」之间只休息 0 小时/.test(e.message),
  );
  const pending = (await listChanges(deps, zhou, { unitId: org.unitId })).changes.find((c) => c.id === leave.id)!;
  assert.equal(pending.state, 'requested');
  assert.deepEqual(await onDutyNames('2026-03-03T12:00:00'), ['赵值班']);
});

test('已批准的离岗接替计入之后的检查：接替人员接班后，再把紧接着的夜班换给他不予批准', async () => {
  // 李值班 (3-03 夜班 until 3-04 08:30) takes over 孙值班's 3-04 白班 at 17:00 — 8.5 hours of rest, approved.
  deps.clock.set(at('2026-03-04T17:00:00'));
  const zhou = await org.actor('zhou');
  for (const c of (await listChanges(deps, zhou, { unitId: org.unitId, state: 'requested' })).changes)
    await decideChange(deps, zhou, c.id, { approve: false, note: '另行安排' });
  const leave = await requestChange(deps, await org.actor('sun'), {
    kind: 'leave',
    shiftId: shiftOf(roster, '2026-03-04', '白班').id,
    replacementId: org.ids.li,
    reason: '身体不适',
  });
  assert.equal((await decideChange(deps, zhou, leave.id, { approve: true })).state, 'approved');
  assert.deepEqual((await getRoster(deps, zhou, roster.roster.id)).findings, []);
  // His stint ends 17:30: the 3-04 夜班 from 17:30 would leave him no rest. Without the stint his last shift would be
  // the 3-03 夜班 (9 hours before) and the swap would pass.
  const swap = await requestChange(deps, await org.actor('qian'), {
    kind: 'swap',
    shiftId: shiftOf(roster, '2026-03-04', '夜班').id,
    replacementId: org.ids.li,
    reason: '临时有事',
  });
  await assert.rejects(
    decideChange(deps, zhou, swap.id, { approve: true }),
    (e: Error & { code?: string }) =>
      e.code === 'NEW_FINDINGS'
      && /李值班在3月4日 17:00「白班（接替）」与3月4日 17:30「夜班」之间只休息 0 小时/.test(e.message),
  );
  assert.deepEqual(
    shiftOf(await getRoster(deps, zhou, roster.roster.id), '2026-03-04', '夜班').officers.map((o) => o.name),
    ['钱值班'],
  );
  // Generating the next period sees the stint too: with 16 hours' rest he may not take the 3-05 白班 (15 hours after
  // his stint; 24 after his own last shift), so the rotation gives it to someone else and the draft has no finding.
  const zheng = await org.actor('zheng');
  await saveSettings(deps, await org.actor('admin'), org.unitId, {
    minRestMinutes: 16 * 60,
    remindMinutes: 60,
    readings: { working: 2, rest: 1, holiday: 1 },
  });
  const next = await createRoster(deps, zheng, {
    unitId: org.unitId,
    from: '2026-03-05',
    to: '2026-03-06',
    generate: { officerIds: [org.ids.li, org.ids.zhao, org.ids.sun, org.ids.qian] },
  });
  assert.notDeepEqual(
    shiftOf(next, '2026-03-05', '白班').officers.map((o) => o.name),
    ['李值班'],
  );
  assert.deepEqual(
    next.findings.filter((f) => f.code === 'REST_TOO_SHORT'),
    [],
  );
});
