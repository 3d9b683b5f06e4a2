// Rosters against a real database (SQLite, or PostgreSQL with GONGKAI_TEST_DB=postgres): generating the 2025 国庆中秋
// roster, fairness carried across rosters, what blocks publishing and how it is fixed, edits of a published roster,
// who is on duty, and bad input — a 400 naming the field that changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildDutyOrg, type DutyOrg, standardTemplates } from '../../test/support/duty-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { listLedger } from '../platform/ledger/service.ts';
import type { Template } from './model.ts';
import {
  createRoster,
  editShift,
  getRoster,
  requestChange,
  listRosters,
  markSpecialDay,
  publishRoster,
  removeShift,
  saveTemplate,
  whoIsOnDuty,
} from './service.ts';

let deps: TestDeps;
let org: DutyOrg;
let templates: Record<string, Template>;
before(async () => {
  deps = await createTestDeps();
  deps.clock.set('2025-09-20T02:00:00.000Z');
  org = await buildDutyOrg(deps);
  templates = await standardTemplates(deps, await org.actor('zheng'), org.unitId);
});
after(() => deps.close());

const OFFICERS = () => ['zhao', 'qian', 'sun', 'li'].map((u) => org.ids[u]);
const LEADERS = () => ['zhou', 'wu'].map((u) => org.ids[u]);
const ledgerCount = async (action: string) => (await listLedger(deps.db, { action })).length;
type Fair = { hard: number; nights: number; offDays: number };
const spread = (counts: Fair[], k: keyof Fair) =>
  Math.max(...counts.map((c) => c[k])) - Math.min(...counts.map((c) => c[k]));
/**
 * The bound generation keeps between officers with the same availability (property-tested in rotation.test.ts):
 * nights and weekend/holiday shifts within 2, hard shifts within 3 — whatever order the officers' ids come in.
 */
const fair = (counts: Fair[]) =>
  spread(counts, 'nights') <= 2 && spread(counts, 'offDays') <= 2 && spread(counts, 'hard') <= 3;

let october: string;

test('按 2025 国庆中秋安排生成值班表：调休上班日按工作日，节假日班次有带班领导，夜班、周末和难班次公平，无问题可发布', async () => {
  const keeper = await org.actor('zheng');
  const detail = await createRoster(deps, keeper, {
    unitId: org.unitId,
    from: '2025-09-27',
    to: '2025-10-13',
    generate: { officerIds: OFFICERS(), leaderIds: LEADERS() },
  });
  october = detail.roster.id;
  assert.equal(detail.roster.state, 'draft');
  const day = (d: string) => detail.days.find((x) => x.date === d)!;
  assert.deepEqual(
    [day('2025-09-28').dayKind, day('2025-09-28').makeup, day('2025-10-11').dayKind],
    ['working', true, 'working'],
  );
  assert.deepEqual([day('2025-10-01').dayKind, day('2025-10-01').holiday], ['holiday', '国庆节、中秋节']);
  assert.deepEqual(
    detail.shifts.filter((s) => s.day === '2025-09-28').map((s) => [s.name, s.start, s.end]),
    [
      ['白班', '08:30', '17:30'],
      ['夜班', '17:30', '08:30'],
    ],
  );
  const holiday = detail.shifts.filter((s) => s.leaderReasons.some((r) => r.includes('法定节假日')));
  assert.equal(holiday.length, 17); // 8 days × 2 shifts + the night of 9-30 into 10-01
  assert.ok(holiday.every((s) => s.leader));
  assert.deepEqual(detail.findings, []);
  assert.ok(fair(detail.counts.filter((c) => OFFICERS().includes(c.person.id))), JSON.stringify(detail.counts));
  assert.equal(detail.abilities.canPublish, true);

  const published = await publishRoster(deps, keeper, october, detail.roster.version);
  assert.equal(published.roster.state, 'published');
  assert.equal(await ledgerCount('duty.roster_create'), 1);
  assert.equal(await ledgerCount('duty.roster_publish'), 1);
  const on = await whoIsOnDuty(deps, org.unitId, new Date('2025-10-01T04:00:00.000Z')); // 10-01 12:00
  assert.equal(on.shifts.length, 1);
  assert.equal(on.shifts[0].name, '节假日白班');
  assert.equal(on.officers.length, 1);
  assert.equal(on.leaders.length, 1);
});

test('发布受阻：重要节点没有带班领导、同一人班次重叠，问题以中文列出；改正后可发布；公平计入上一张值班表', async () => {
  const keeper = await org.actor('zheng');
  await markSpecialDay(deps, keeper, {
    unitId: org.unitId,
    day: '2025-10-15',
    kind: 'importantDate',
    name: '区委全会',
  });
  let detail = await createRoster(deps, keeper, {
    unitId: org.unitId,
    from: '2025-10-13',
    to: '2025-10-20',
    generate: { officerIds: OFFICERS() },
  });
  const lacking = detail.findings.filter((f) => f.code === 'LEADER_MISSING');
  assert.deepEqual(
    lacking.map((f) => f.message.split('：')[0]),
    ['10月14日 17:30「夜班」没有带班领导', '10月15日 08:30「白班」没有带班领导', '10月15日 17:30「夜班」没有带班领导'],
  );
  assert.match(lacking[1].message, /10月15日为重要节点（区委全会）/);
  const combined = new Map<string, Fair>();
  for (const r of [await getRoster(deps, keeper, october), detail]) {
    for (const c of r.counts) {
      const sum = combined.get(c.person.id) ?? { hard: 0, nights: 0, offDays: 0 };
      combined.set(c.person.id, {
        hard: sum.hard + c.hard,
        nights: sum.nights + c.nights,
        offDays: sum.offDays + c.offDays,
      });
    }
  }
  assert.ok(
    fair(OFFICERS().map((id) => combined.get(id) ?? { hard: 0, nights: 0, offDays: 0 })),
    `两张值班表合计：夜班、周末/节假日班次各至多相差 2，难班次至多相差 3：${JSON.stringify([...combined.values()])}`,
  );

  const first = detail.shifts[0];
  const original = detail.shifts[1].officers.map((o) => o.id);
  detail = await editShift(deps, keeper, detail.shifts[1].id, {
    version: detail.shifts[1].version,
    officerIds: [first.officers[0].id],
    start: '12:00',
  });
  assert.ok(detail.findings.some((f) => f.code === 'DOUBLE_BOOKED' && f.message.includes('时间重叠')));
  await assert.rejects(
    publishRoster(deps, keeper, detail.roster.id, detail.roster.version),
    (e: Error & { code?: string }) =>
      e.code === 'ROSTER_FINDINGS'
      && /不能发布/.test(e.message)
      && /没有带班领导/.test(e.message)
      && /时间重叠/.test(e.message),
  );
  assert.equal((await getRoster(deps, keeper, detail.roster.id)).roster.state, 'draft');

  detail = await editShift(deps, keeper, detail.shifts[1].id, {
    version: detail.shifts[1].version,
    officerIds: original,
    start: '17:30',
  });
  for (const [i, f] of detail.findings.filter((x) => x.code === 'LEADER_MISSING').entries()) {
    const s = detail.shifts.find((x) => x.id === f.shiftIds[0])!;
    detail = await editShift(deps, keeper, s.id, { version: s.version, leaderId: LEADERS()[i % 2] });
  }
  assert.deepEqual(
    detail.findings.map((f) => f.message),
    [],
  );
  const published = await publishRoster(deps, keeper, detail.roster.id, detail.roster.version);
  assert.equal(published.roster.state, 'published');
});

test('已发布的值班表：未开始的班次可调整但不得产生新问题；已开始的班次不能调整', async () => {
  const keeper = await org.actor('zheng');
  deps.clock.set('2025-10-14T02:00:00.000Z'); // 10-14 10:00
  const roster = (await listRosters(deps, keeper, org.unitId)).find((r) => r.from === '2025-10-13')!;
  const detail = await getRoster(deps, keeper, roster.id);
  const started = detail.shifts.find((s) => s.day === '2025-10-14' && s.name === '白班')!;
  await assert.rejects(editShift(deps, keeper, started.id, { version: started.version, officerIds: [org.ids.li] }), {
    status: 409,
    code: 'SHIFT_STARTED',
  });
  const night = detail.shifts.find((s) => s.day === '2025-10-16' && s.name === '夜班')!;
  const dayAfter = detail.shifts.find((s) => s.day === '2025-10-17' && s.name === '白班')!;
  const before = await ledgerCount('duty.shift_edit');
  await assert.rejects(
    editShift(deps, keeper, dayAfter.id, { version: dayAfter.version, officerIds: [night.officers[0].id] }),
    (e: Error & { code?: string }) => e.code === 'NEW_FINDINGS' && /只休息 0 小时/.test(e.message),
  );
  assert.deepEqual(
    (await getRoster(deps, keeper, roster.id)).shifts.find((s) => s.id === dayAfter.id)!.officers,
    dayAfter.officers,
  );
  assert.equal(await ledgerCount('duty.shift_edit'), before);
  const free = OFFICERS().find(
    (id) =>
      !detail.shifts.some(
        (s) =>
          s.officers.some((o) => o.id === id)
          && s.startsAt > '2025-10-16T12:00:00.000Z'
          && s.startsAt < '2025-10-18T00:00:00.000Z',
      ),
  )!;
  const moved = await editShift(deps, keeper, dayAfter.id, { version: dayAfter.version, officerIds: [free] });
  assert.deepEqual(
    moved.shifts.find((s) => s.id === dayAfter.id)!.officers.map((o) => o.id),
    [free],
  );
  assert.equal(await ledgerCount('duty.shift_edit'), before + 1);
  await assert.rejects(removeShift(deps, keeper, dayAfter.id, 1), { status: 409, code: 'STALE_SHIFT' });
});

test('错误输入：400 指明字段，什么也不改变；时间重叠的值班表 409；无权 403', async () => {
  const keeper = await org.actor('zheng');
  const rosters = (await listRosters(deps, keeper, org.unitId)).length;
  const entries = (await listLedger(deps.db, {})).length;
  const bad = async (p: Promise<unknown>, field: string, pattern: RegExp) =>
    assert.rejects(
      p,
      (e: Error & { status?: number; field?: string }) =>
        e.status === 400 && e.field === field && pattern.test(e.message),
    );
  await bad(createRoster(deps, keeper, { unitId: org.unitId, from: '2025-11-10', to: '2025-11-01' }), 'to', /结束日期/);
  await bad(
    createRoster(deps, keeper, { unitId: org.unitId, from: '2025-11-1', to: '2025-12-01' }),
    'from',
    /格式不正确/,
  );
  await bad(
    createRoster(deps, keeper, {
      unitId: org.unitId,
      from: '2025-11-01',
      to: '2025-12-01',
      generate: { officerIds: [org.ids.zhao, org.ids.staff] },
    }),
    'generate.officerIds.1',
    /「王科员」不是本单位的值班人员/,
  );
  await bad(
    createRoster(deps, keeper, {
      unitId: org.unitId,
      from: '2025-11-01',
      to: '2025-12-01',
      generate: { officerIds: OFFICERS(), leaderIds: [org.ids.zhao] },
    }),
    'generate.leaderIds.0',
    /不是本单位的带班领导/,
  );
  await bad(
    saveTemplate(
      deps,
      keeper,
      { unitId: org.unitId },
      { name: '早班', start: '8:30', end: '12:00', dayKinds: ['working'] },
    ),
    'start',
    /HH:MM/,
  );
  await bad(
    saveTemplate(deps, keeper, { unitId: org.unitId }, { name: '早班', start: '08:30', end: '12:00', dayKinds: [] }),
    'dayKinds',
    /适用/,
  );
  await assert.rejects(createRoster(deps, keeper, { unitId: org.unitId, from: '2025-10-10', to: '2025-10-15' }), {
    status: 409,
    code: 'ROSTER_OVERLAP',
  });
  await assert.rejects(
    createRoster(deps, await org.actor('zhao'), { unitId: org.unitId, from: '2025-11-01', to: '2025-11-02' }),
    { status: 403 },
  );
  await assert.rejects(saveTemplate(deps, keeper, { id: templates.白班.id }, { name: '夜班' }), {
    status: 409,
    code: 'DUPLICATE_TEMPLATE',
  });
  assert.equal((await listRosters(deps, keeper, org.unitId)).length, rosters);
  assert.equal((await listLedger(deps.db, {})).length, entries);
});

test('没有网站和新媒体的单位不要求全天候值班；停用的班次不再排', async () => {
  const admin = await org.actor('admin');
  const day = await saveTemplate(
    deps,
    admin,
    { unitId: org.archiveId },
    { name: '白班', start: '09:00', end: '17:00', dayKinds: ['working'] },
  );
  await saveTemplate(
    deps,
    admin,
    { unitId: org.archiveId },
    { name: '备用班', start: '17:00', end: '20:00', dayKinds: ['working'], active: false },
  );
  assert.equal(day.active, true);
  const detail = await createRoster(deps, admin, {
    unitId: org.archiveId,
    from: '2025-11-03',
    to: '2025-11-10',
    generate: { officerIds: [org.ids.dang] },
  });
  assert.deepEqual(
    detail.shifts.map((s) => s.name),
    ['白班', '白班', '白班', '白班', '白班'],
  );
  assert.deepEqual(detail.findings, []);
  const edited = await saveTemplate(deps, admin, { id: day.id }, { active: false });
  assert.deepEqual([edited.name, edited.start, edited.active], ['白班', '09:00', false]);
});

test('跨年：2027 年安排未导入时按暂定日历（周一至周五）自动排班并发布，日子标明暂定；元旦的班次可申请离岗', async () => {
  deps.clock.set('2026-12-20T02:00:00.000Z');
  const keeper = await org.actor('zheng');
  const draft = await createRoster(deps, keeper, {
    unitId: org.unitId,
    from: '2026-12-28',
    to: '2027-01-05',
    generate: { officerIds: OFFICERS(), leaderIds: LEADERS() },
  });
  const day = (d: string) => draft.days.find((x) => x.date === d)!;
  assert.deepEqual([day('2026-12-31').dayKind, day('2026-12-31').provisional], ['working', false]);
  assert.deepEqual([day('2027-01-01').dayKind, day('2027-01-01').provisional], ['working', true]);
  assert.deepEqual([day('2027-01-02').dayKind, day('2027-01-02').provisional], ['rest', true]);
  assert.deepEqual(draft.findings, []);
  const published = await publishRoster(deps, keeper, draft.roster.id, draft.roster.version);
  const shift = published.shifts.find((s) => s.day === '2027-01-01' && s.name === '白班')!;
  const officer = shift.officers[0].id;
  const other = OFFICERS().find((id) => id !== officer)!;
  const actor = await org.actor(Object.keys(org.ids).find((u) => org.ids[u] === officer)!);
  const change = await requestChange(deps, actor, {
    kind: 'leave',
    shiftId: shift.id,
    replacementId: other,
    reason: '家中急事',
  });
  assert.equal(change.state, 'requested');
});
