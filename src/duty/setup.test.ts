// The 值班设置 screen's lists against a real database (SQLite, or PostgreSQL with GONGKAI_TEST_DB=postgres): the
// 重大活动 / 重要节点 and the 不能值班的时间 still to come, with who may remove each; past ones are left out, another
// unit's are refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildDutyOrg, type DutyOrg, standardTemplates } from '../../test/support/duty-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import type { Actor } from '../org/model.ts';
import {
  addUnavailability,
  createRoster,
  discardRoster,
  dutyCalendar,
  listSpecialDays,
  listUnavailability,
  markSpecialDay,
  removeUnavailability,
} from './service.ts';

let deps: TestDeps;
let org: DutyOrg;
before(async () => {
  deps = await createTestDeps(); // 2026-03-02 09:00 in Shanghai
  org = await buildDutyOrg(deps);
});
after(() => deps.close());

test('重要日期列表：今天及以后的本单位和全区标记，能否取消按各自的权限；其他单位的人员不能查看', async () => {
  const zheng = await org.actor('zheng');
  const mark = (unitId: string | null, day: string, name: string, by = zheng) =>
    markSpecialDay(deps, by, { unitId, day, kind: 'importantDate', name });
  await mark(org.unitId, '2026-03-01', '已过去的节点');
  const today = await mark(org.unitId, '2026-03-02', '科技活动周');
  const coming = await mark(org.unitId, '2026-03-10', '全国两会');
  const district = await mark(null, '2026-04-01', '全区网络安全检查', await org.actor('chu'));
  await mark(org.archiveId, '2026-03-05', '档案馆开放日', await org.actor('admin'));

  const seen = async (username: string) => {
    const list = await listSpecialDays(deps, await org.actor(username), org.unitId);
    return { days: list.days.map((d) => [d.id, d.district, d.canRemove]), abilities: list.abilities };
  };
  assert.deepEqual(await seen('zheng'), {
    days: [
      [today.id, false, true],
      [coming.id, false, true],
      [district.id, true, false],
    ],
    abilities: { canMark: true, canMarkDistrict: false },
  });
  assert.deepEqual(await seen('zhao'), {
    days: [
      [today.id, false, false],
      [coming.id, false, false],
      [district.id, true, false],
    ],
    abilities: { canMark: false, canMarkDistrict: false },
  });
  assert.deepEqual((await seen('admin')).abilities, { canMark: true, canMarkDistrict: true });
  await assert.rejects(listSpecialDays(deps, await org.actor('dang'), org.unitId), { status: 403, code: 'OTHER_UNIT' });
});

test('不可值班列表：尚未结束的登记带姓名，本人和值班单位的带班领导、分管领导可删除；删除后不再列出', async () => {
  const zhao = await org.actor('zhao');
  const zheng = await org.actor('zheng');
  await add(zhao, 'zhao', '2026-02-01', '2026-03-01', '已结束的休假'); // the last day was yesterday
  const trip = await add(zhao, 'zhao', '2026-02-28', '2026-03-03', '出差');
  const leave = await add(zheng, 'qian', '2026-03-20', '2026-03-24', '年休假');

  const seen = async (username: string) =>
    (await listUnavailability(deps, await org.actor(username), org.unitId)).map((e) => [
      e.id,
      e.name,
      e.from,
      e.to,
      e.reason,
      e.canRemove,
    ]);
  assert.deepEqual(await seen('zhao'), [
    [trip.id, '赵值班', '2026-02-28', '2026-03-03', '出差', true],
    [leave.id, '钱值班', '2026-03-20', '2026-03-24', '年休假', false],
  ]);
  assert.deepEqual(
    (await seen('zheng')).map((e) => e.at(-1)),
    [true, true],
  );
  await assert.rejects(listUnavailability(deps, await org.actor('dang'), org.unitId), {
    status: 403,
    code: 'OTHER_UNIT',
  });

  await removeUnavailability(deps, zheng, leave.id);
  assert.deepEqual(
    (await seen('zheng')).map((e) => e[0]),
    [trip.id],
  );
  await removeUnavailability(deps, zheng, trip.id);
});

const add = async (by: Actor, who: string, from: string, to: string, reason: string) =>
  addUnavailability(deps, by, { unitId: org.unitId, userId: org.ids[who], from, to, reason });

test('不可值班含起止两天：一天的登记起止同日；最后一天也不排班；止早于起、日期格式错误时 400 且不登记', async () => {
  const zheng = await org.actor('zheng');
  const one = await add(zheng, 'sun', '2026-03-11', '2026-03-11', '体检');
  assert.deepEqual([one.from, one.to], ['2026-03-11', '2026-03-11']);
  const away = await add(zheng, 'zhao', '2026-03-10', '2026-03-12', '出差');
  assert.deepEqual([away.from, away.to], ['2026-03-10', '2026-03-12']);
  const calendar = await dutyCalendar(deps, zheng, org.unitId, '2026-03-12', '2026-03-13'); // the last day alone
  assert.deepEqual(
    calendar.unavailability.map((u) => [u.name, u.from, u.to]),
    [['赵值班', '2026-03-10', '2026-03-12']],
  );

  await standardTemplates(deps, zheng, org.unitId);
  const [officerIds, leaderIds] = [
    ['zhao', 'qian', 'sun', 'li'],
    ['zhou', 'wu'],
  ].map((l) => l.map((u) => org.ids[u]));
  const roster = await createRoster(deps, zheng, {
    unitId: org.unitId,
    from: '2026-03-09',
    to: '2026-03-15',
    generate: { officerIds, leaderIds },
  });
  const dayOf = (id: string) => roster.shifts.filter((x) => x.officers.some((o) => o.id === id)).map((x) => x.day);
  assert.ok(roster.shifts.length > 0);
  assert.deepEqual(
    dayOf(org.ids.zhao).filter((d) => d >= '2026-03-10' && d <= '2026-03-12'),
    [],
  );
  assert.ok(!dayOf(org.ids.sun).includes('2026-03-11'));
  await discardRoster(deps, zheng, roster.roster.id);

  const before = (await listUnavailability(deps, zheng, org.unitId)).length;
  await assert.rejects(add(zheng, 'li', '2026-03-12', '2026-03-11', '出差'), {
    status: 400,
    field: 'to',
    message: '结束日期不能早于开始日期',
  });
  await assert.rejects(add(zheng, 'li', '2026-03-12', '3月13日', '出差'), { status: 400, field: 'to' });
  await assert.rejects(add(zheng, 'li', '2026/03/12', '2026-03-13', '出差'), { status: 400, field: 'from' });
  assert.equal((await listUnavailability(deps, zheng, org.unitId)).length, before);
});
