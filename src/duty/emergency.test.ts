// 突发事件处置 against a real database (§4.2): declaring one for a unit or the whole district needs a duty leader on the
// current and coming shifts — refused, with the shifts listed and nothing written, until leaders are named — adds the
// people named (增加处置力量) and notifies them; while open, the roster check asks for leaders on the shifts it covers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type DutyOrg, dutyWeek, publishLayout, shiftOf } from '../../test/support/duty-fixtures.ts';
import type { TestDeps } from '../../test/support/testdb.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { listMyNotifications } from '../platform/notify/service.ts';
import {
  closeEmergency,
  declareEmergency,
  emergencyBoard,
  getRoster,
  listEmergencyViews,
  type RosterDetail,
  saveSettings,
  saveTemplate,
  whoIsOnDuty,
} from './service.ts';

let deps: TestDeps;
let org: DutyOrg;
let roster: RosterDetail;
before(async () => {
  ({ deps, org, roster } = await dutyWeek());
  const admin = await org.actor('admin');
  const allDay = await saveTemplate(
    deps,
    admin,
    { unitId: org.officeId },
    { name: '全天', start: '08:30', end: '08:30', dayKinds: ['working', 'rest', 'holiday'] },
  );
  await saveSettings(deps, admin, org.officeId, {
    minRestMinutes: 0,
    remindMinutes: 60,
    readings: { working: 2, rest: 1, holiday: 1 },
  });
  await publishLayout(
    deps,
    org,
    admin,
    org.officeId,
    { 全天: allDay },
    ['2026-03-02', '2026-03-03', '2026-03-04'].map((d) => [d, '全天', ['feng']] as [string, string, string[]]),
  );
});
after(() => deps.close());

const at = (shanghai: string) => new Date(`${shanghai}+08:00`);
const kinds = async (username: string) =>
  (await listMyNotifications(deps.db, org.ids[username])).items.map((n) => n.kind);

test('本单位突发事件：当前及后续班次没有带班领导时拒绝并列出，不做任何修改；指定带班领导后启动，增加的处置人员收到通知', async () => {
  deps.clock.set(at('2026-03-02T09:00:00'));
  const zheng = await org.actor('zheng');
  const input = {
    unitId: org.unitId,
    title: '区科技局网站首页被篡改',
    description: '首页出现不明链接，已断开外网',
    until: at('2026-03-03T09:00:00').toISOString(),
    extraUserIds: [org.ids.staff, org.ids.sun],
  };
  await assert.rejects(
    declareEmergency(deps, zheng, input),
    (e: Error & { code?: string }) =>
      e.code === 'LEADER_REQUIRED'
      && e.message.includes('区科技局 3月2日 08:30「白班」没有带班领导')
      && e.message.includes('3月3日 08:30「白班」'),
  );
  assert.deepEqual(await listEmergencyViews(deps, zheng, { unitId: org.unitId }), []);
  assert.deepEqual(await kinds('staff'), []);
  assert.equal(shiftOf(await getRoster(deps, zheng, roster.roster.id), '2026-03-02', '白班').leader, null);
  await assert.rejects(declareEmergency(deps, zheng, { ...input, leaders: [{ userId: org.ids.zhao }] }), {
    status: 400,
    field: 'leaders.0.userId',
  });
  await assert.rejects(
    declareEmergency(deps, await org.actor('zhao'), { ...input, leaders: [{ userId: org.ids.zhou }] }),
    { status: 403 },
  );

  const e = await declareEmergency(deps, zheng, {
    ...input,
    leaders: [{ userId: org.ids.zhou }, { userId: org.ids.wu }],
  });
  assert.equal(e.state, 'open');
  assert.deepEqual(e.extras.map((p) => p.name).sort(), ['孙值班', '王科员']);
  const after = await getRoster(deps, zheng, roster.roster.id);
  assert.deepEqual(
    ['2026-03-02|白班', '2026-03-02|夜班', '2026-03-03|白班', '2026-03-03|夜班'].map(
      (k) => shiftOf(after, k.split('|')[0], k.split('|')[1]).leader?.name ?? null,
    ),
    ['周带班', '吴带班', '周带班', null],
  );
  assert.deepEqual(after.findings, []);
  assert.deepEqual(await kinds('staff'), ['duty.emergencyExtra']);
  assert.deepEqual(await kinds('wu'), ['duty.emergencyLeader']);
  const on = await whoIsOnDuty(deps, org.unitId, at('2026-03-02T10:00:00'));
  assert.deepEqual(
    [
      on.officers.map((p) => p.name),
      on.leaders.map((p) => p.name),
      on.reinforcements.map((p) => p.name).sort(),
      on.emergencies.map((x) => x.title),
    ],
    [['赵值班'], ['周带班'], ['孙值班', '王科员'], ['区科技局网站首页被篡改']],
  );
  const closed = await closeEmergency(deps, zheng, e.id, '已恢复，厂商已修补漏洞');
  assert.equal(closed.state, 'closed');
  assert.deepEqual((await whoIsOnDuty(deps, org.unitId, at('2026-03-02T10:00:00'))).reinforcements, []);
  assert.deepEqual(
    (await listLedger(deps.db, { subject: `duty-emergency:${e.id}` })).map((x) => x.action),
    ['duty.emergency_declare', 'duty.emergency_close'],
  );
});

test('未定结束时间的突发事件：值班表中其后的班次也须带班领导，结束后不再要求', async () => {
  deps.clock.set(at('2026-03-03T12:00:00'));
  const zhou = await org.actor('zhou');
  const e = await declareEmergency(deps, zhou, {
    unitId: org.unitId,
    title: '微信公众号被盗用',
    leaders: [{ userId: org.ids.wu }, { userId: org.ids.zhou }],
  });
  const detail = await getRoster(deps, zhou, roster.roster.id);
  assert.deepEqual(
    detail.findings.map((f) => f.message),
    ['3月4日 17:30「夜班」没有带班领导：突发事件处置期间（微信公众号被盗用）'],
  );
  await closeEmergency(deps, zhou, e.id, '已找回账号');
  assert.deepEqual((await getRoster(deps, zhou, roster.roster.id)).findings, []);
});

test('全区突发事件：区政府办公室带班领导启动，须为每个应值守单位的班次指定带班领导；没有网站和新媒体的单位不要求', async () => {
  deps.clock.set(at('2026-03-04T09:00:00'));
  const input = {
    unitId: null,
    title: '全区政府网站遭受网络攻击',
    until: at('2026-03-05T08:00:00').toISOString(),
    extraUserIds: [org.ids.feng],
  };
  await assert.rejects(declareEmergency(deps, await org.actor('zheng'), { ...input, leaders: [] }), {
    status: 403,
    code: 'NOT_DISTRICT',
  });
  const chu = await org.actor('chu');
  await assert.rejects(
    declareEmergency(deps, chu, input),
    (e: Error & { code?: string }) =>
      e.code === 'LEADER_REQUIRED'
      && /区政府办公室 3月4日 08:30「全天」没有带班领导/.test(e.message)
      && /区科技局 3月4日 17:30「夜班」/.test(e.message)
      && !/区档案馆/.test(e.message),
  );
  await assert.rejects(declareEmergency(deps, chu, { ...input, leaders: [{ userId: org.ids.chu }] }), {
    status: 400,
    field: 'leaders.0.unitId',
  });
  // 周带班 leads 区科技局's 白班 and cannot lead the 夜班 right after: the rest rule generation keeps holds here too
  // (§4.2 with the unit's minimum rest), with the roster check's own finding — only with a reason; a second leader
  // takes the night. 冯值班 stands the office's 全天 now: never two duties at once, not even with a reason.
  const leaders = [
    { unitId: org.officeId, userId: org.ids.chu },
    { unitId: org.unitId, userId: org.ids.zhou },
  ];
  await assert.rejects(
    declareEmergency(deps, chu, { ...input, leaders }),
    (e: Error & { code?: string }) =>
      e.code === 'EMERGENCY_DOUBLE_BOOKED'
      && e.message.includes(
        '冯值班同时担任3月4日 08:30「全天」和3月4日 09:00「突发事件处置：全区政府网站遭受网络攻击」',
      ),
  );
  await assert.rejects(
    declareEmergency(deps, chu, { ...input, leaders, extraUserIds: [] }),
    (e: Error & { code?: string }) =>
      e.code === 'OVERRIDE_REQUIRED'
      && e.message.includes('周带班在3月4日 08:30「白班」与3月4日 17:30「夜班」之间只休息 0 小时'),
  );
  const e = await declareEmergency(deps, chu, {
    ...input,
    extraUserIds: [],
    leaders: [...leaders, { unitId: org.unitId, userId: org.ids.wu }],
  });
  assert.deepEqual([e.findings, e.overrideReason], [[], null]);
  assert.equal(e.district, true);
  // 周带班 already leads the 白班 (the unit's emergency above): 吴带班 takes the night.
  assert.deepEqual(e.leaders.map((l) => l.name).sort(), ['吴带班', '褚带班']);
  const office = await whoIsOnDuty(deps, org.officeId, at('2026-03-04T10:00:00'));
  assert.deepEqual(
    [
      office.leaders.map((p) => p.name),
      office.reinforcements.map((p) => p.name),
      office.emergencies.map((x) => x.district),
    ],
    [['褚带班'], [], [true]],
  );
  assert.deepEqual(
    (await whoIsOnDuty(deps, org.unitId, at('2026-03-04T10:00:00'))).emergencies.map((x) => x.title),
    ['全区政府网站遭受网络攻击'],
  );
  assert.equal((await listLedger(deps.db, { action: 'duty.emergency_declare' })).at(-1)!.unit_id, '');
});

test('突发事件页面：各人可启动的范围由服务端给出——本单位带班领导只本单位，区政府办公室带班领导可全区，值班人员不能启动', async () => {
  const board = async (username: string) => (await emergencyBoard(deps, await org.actor(username), {})).abilities;
  const zhou = await board('zhou');
  assert.deepEqual([zhou.declareUnitIds, zhou.declareDistrict], [[org.unitId], false]);
  assert.deepEqual(
    zhou.pools.map((p) => [p.unitName, p.leaders.map((l) => l.name).sort()]),
    [['区科技局', ['吴带班', '周带班']]],
  );
  // The office's duty leader starts district-wide ones, so names the duty leaders of every unit.
  const chu = await board('chu');
  assert.deepEqual([chu.declareUnitIds, chu.declareDistrict], [[org.officeId], true]);
  assert.deepEqual(chu.pools.map((p) => p.unitId).sort(), [org.archiveId, org.officeId, org.unitId].sort());
  assert.ok(chu.pools.find((p) => p.unitId === org.unitId)!.officers.some((o) => o.name === '赵值班'));
  const zhao = await board('zhao');
  assert.deepEqual([zhao.declareUnitIds, zhao.declareDistrict, zhao.pools], [[], false, []]);
  const egov = await board('egov');
  assert.deepEqual([egov.declareUnitIds.length, egov.declareDistrict, egov.pools.length], [3, true, 3]);
});

test('增加的处置人员经过同样的排班检查：刚下夜班须休息，确需安排时须填写理由，理由和问题记入台账并随事件列出；结束后的处置时段计入之后的检查', async () => {
  deps.clock.set(at('2026-03-03T09:00:00'));
  const zhou = await org.actor('zhou');
  // 钱值班 came off the 夜班 at 08:30; the unit's minimum rest is 8 hours.
  const input = { unitId: org.unitId, title: '网站栏目被挂马', extraUserIds: [org.ids.qian] };
  const rest = '钱值班在3月2日 17:30「夜班」与3月3日 09:00「突发事件处置：网站栏目被挂马」之间只休息 0 小时 30 分钟';
  await assert.rejects(
    declareEmergency(deps, zhou, input),
    (e: Error & { code?: string; status?: number }) =>
      e.status === 422 && e.code === 'OVERRIDE_REQUIRED' && e.message.includes(rest),
  );
  assert.deepEqual(await kinds('qian'), []);
  const e = await declareEmergency(deps, zhou, { ...input, overrideReason: '熟悉该栏目的只有钱值班' });
  assert.deepEqual(
    [e.overrideReason, e.findings.map((f) => [f.code, f.userId])],
    ['熟悉该栏目的只有钱值班', [['REST_TOO_SHORT', org.ids.qian]]],
  );
  assert.ok(e.findings[0].message.includes(rest));
  assert.deepEqual(
    (await listEmergencyViews(deps, zhou, { unitId: org.unitId })).find((x) => x.id === e.id)!.findings,
    e.findings,
  );
  const [declared] = await listLedger(deps.db, { subject: `duty-emergency:${e.id}` });
  const payload = JSON.parse(declared.payload) as { overrideReason: string; overriddenFindings: { code: string }[] };
  assert.deepEqual(
    [payload.overrideReason, payload.overriddenFindings[0].code],
    ['熟悉该栏目的只有钱值班', 'REST_TOO_SHORT'],
  );
  // Closed at 10:00 the next day: 钱值班's 夜班 at 17:30 comes after 7.5 hours — every later check sees the stint.
  deps.clock.set(at('2026-03-04T10:00:00'));
  await closeEmergency(deps, zhou, e.id, '已清除');
  assert.ok(
    (await getRoster(deps, zhou, roster.roster.id)).findings.some(
      (f) =>
        f.code === 'REST_TOO_SHORT'
        && f.message.includes('「突发事件处置：网站栏目被挂马」与3月4日 17:30「夜班」之间只休息 7 小时 30 分钟'),
    ),
  );
});
