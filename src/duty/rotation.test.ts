// 排班 as pure rules: the rotation follows the 2025 and 2026 holiday calendars with 调休 make-up days, puts a duty
// leader on holiday shifts, skips who is away, never double books or breaks the rest rule, and is fair — hard shifts
// are balanced across people, history included (fast-check).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildCalendar } from '../platform/calendar/model.ts';
import { SHIPPED_YEARS } from '../platform/calendar/service.ts';
import { addDays, dayKind, type Template } from './model.ts';
import { checkRoster } from './roster-check.ts';
import {
  type Counts,
  countsOf,
  generateRotation,
  type PastCounts,
  type PlannedShift,
  plannedSlots,
  type RotationInput,
} from './rotation.ts';

const cal = buildCalendar(SHIPPED_YEARS);
const T = (
  id: string,
  name: string,
  start: string,
  end: string,
  dayKinds: Template['dayKinds'],
  hard: boolean,
  leaderRequired = false,
): Template => ({
  id,
  unitId: 'u',
  name,
  start,
  end,
  dayKinds,
  hard,
  leaderRequired,
  active: true,
  sort: Number(id.slice(1)),
});
const TEMPLATES = [
  T('t1', '白班', '08:30', '17:30', ['working'], false),
  T('t2', '周末白班', '08:30', '17:30', ['rest'], true),
  T('t3', '节假日白班', '08:30', '17:30', ['holiday'], true),
  T('t4', '夜班', '17:30', '08:30', ['working', 'rest', 'holiday'], true),
];

const input = (over: Partial<RotationInput>): RotationInput => ({
  from: '2025-09-27',
  to: '2025-10-13',
  templates: TEMPLATES,
  officerIds: ['a', 'b', 'c', 'd'],
  leaderIds: ['L1', 'L2'],
  history: new Map(),
  busy: [],
  unavailable: [],
  specials: [],
  emergencies: [],
  minRestMinutes: 8 * 60,
  ...over,
});
const namesOn = (shifts: PlannedShift[], day: string) => shifts.filter((s) => s.day === day).map((s) => s.name);

test('2025 国庆中秋：9 月 28 日（周日）和 10 月 11 日（周六）调休上班排工作日白班，10 月 1 日至 8 日排节假日班次并有带班领导', () => {
  assert.equal(dayKind(cal, '2025-09-28'), 'working');
  assert.equal(dayKind(cal, '2025-10-11'), 'working');
  assert.equal(dayKind(cal, '2025-10-12'), 'rest');
  const shifts = generateRotation(cal, input({}));
  assert.deepEqual(namesOn(shifts, '2025-09-27'), ['周末白班', '夜班']);
  assert.deepEqual(namesOn(shifts, '2025-09-28'), ['白班', '夜班']);
  for (const d of ['2025-10-01', '2025-10-04', '2025-10-08'])
    assert.deepEqual(namesOn(shifts, d), ['节假日白班', '夜班'], d);
  assert.deepEqual(namesOn(shifts, '2025-10-09'), ['白班', '夜班']);
  assert.deepEqual(namesOn(shifts, '2025-10-11'), ['白班', '夜班']);
  assert.deepEqual(namesOn(shifts, '2025-10-12'), ['周末白班', '夜班']);
  // §4.2: every shift touching a statutory holiday has a leader — including the night of 9-30 running into 10-01.
  const holiday = shifts.filter(
    (s) => s.endsAt > '2025-09-30T16:00:00.000Z' && s.startsAt < '2025-10-08T16:00:00.000Z',
  );
  assert.ok(
    holiday.every((s) => s.leaderId),
    '节假日每个班次都有带班领导',
  );
  assert.ok(
    shifts.filter((s) => s.day === '2025-09-28' || s.day === '2025-10-11').every((s) => !s.leaderId),
    '调休上班日不需要带班领导',
  );
  assert.ok(shifts.every((s) => s.officerIds.length === 1));
  const findings = checkRoster(cal, {
    unitId: 'u',
    mustCover: true,
    hasPrevious: false,
    from: '2025-09-27',
    to: '2025-10-13',
    specials: [],
    emergencies: [],
    minRestMinutes: 480,
    names: new Map(),
    neighbours: [],
    shifts: shifts.map((s, i) => ({ ...s, id: `s${i}` })),
  });
  assert.deepEqual(findings, []);
});

test('2026 春节：2 月 14 日、2 月 28 日（周六）调休上班；2 月 15 日至 23 日为法定节假日', () => {
  const slots = plannedSlots(cal, '2026-02-13', '2026-03-02', TEMPLATES);
  const on = (d: string) => slots.filter((s) => s.day === d).map((s) => s.name);
  assert.deepEqual(on('2026-02-14'), ['白班', '夜班']);
  for (const d of ['2026-02-15', '2026-02-17', '2026-02-21', '2026-02-23'])
    assert.deepEqual(on(d), ['节假日白班', '夜班'], d);
  assert.deepEqual(on('2026-02-24'), ['白班', '夜班']);
  assert.deepEqual(on('2026-02-28'), ['白班', '夜班']);
  assert.deepEqual(on('2026-03-01'), ['周末白班', '夜班']);
  // Times are Asia/Shanghai: 夜班 17:30 → next day 08:30.
  const night = slots.find((s) => s.day === '2026-02-15' && s.name === '夜班')!;
  assert.deepEqual([night.startsAt, night.endsAt], ['2026-02-15T09:30:00.000Z', '2026-02-16T00:30:00.000Z']);
});

test('跨入缺少节假日安排的年份时按暂定日历排班（周一至周五为工作日），不停摆', () => {
  const shifts = generateRotation(cal, input({ from: '2026-12-28', to: '2027-01-05' }));
  assert.deepEqual(namesOn(shifts, '2027-01-01'), ['白班', '夜班']); // Friday: 暂定 a working day until 2027 is imported
  assert.deepEqual(namesOn(shifts, '2027-01-02'), ['周末白班', '夜班']);
  assert.deepEqual(namesOn(shifts, '2027-01-04'), ['白班', '夜班']);
  assert.ok(shifts.every((s) => s.officerIds.length === 1));
});

test('不能值班的人不排；没有人可排时留空，不违反规则', () => {
  const away = [
    { userId: 'a', startsOn: '2025-10-01', endsOn: '2025-10-09' },
    { userId: 'b', startsOn: '2025-09-27', endsOn: '2025-10-13' },
  ];
  const shifts = generateRotation(cal, input({ unavailable: away }));
  assert.ok(
    shifts.filter((s) => s.day >= '2025-10-01' && s.day <= '2025-10-08').every((s) => !s.officerIds.includes('a')),
  );
  // a's last shift before the leave may be the night of 9-30, which runs into 10-01: that overlaps the leave, so it
  // is not a's.
  assert.ok(!shifts.some((s) => s.day === '2025-09-30' && s.name === '夜班' && s.officerIds.includes('a')));
  assert.ok(shifts.every((s) => !s.officerIds.includes('b')));
  const alone = generateRotation(
    cal,
    input({ officerIds: ['a'], leaderIds: [], from: '2025-10-13', to: '2025-10-15' }),
  );
  assert.deepEqual(
    alone.map((s) => s.officerIds.length),
    [1, 0, 1, 0],
  ); // 白班, then 夜班 needs 8 hours of rest
});

const SETS: Template[][] = [
  TEMPLATES,
  [
    T('t1', '白班', '08:30', '17:30', ['working'], false),
    T('t2', '休息日', '08:30', '08:30', ['rest', 'holiday'], true),
    T('t3', '夜班', '17:30', '08:30', ['working'], true),
  ],
  [T('t1', '全天', '08:30', '08:30', ['working', 'rest', 'holiday'], false)],
  [
    T('t1', '白班', '09:00', '18:00', ['working', 'rest'], false),
    T('t2', '夜班', '18:00', '09:00', ['working', 'rest', 'holiday'], true),
    T('t3', '节日白班', '09:00', '18:00', ['holiday'], true),
  ],
];
const KINDS = ['nights', 'offDays', 'hard', 'minutes'] as const;
const spreadOf = (counts: ReadonlyMap<string, Partial<Counts>>, ids: string[], k: (typeof KINDS)[number]) => {
  const v = ids.map((id) => counts.get(id)?.[k] ?? 0);
  return Math.max(...v) - Math.min(...v);
};

// The bound the balancing guarantees over these rosters, from four officers up: officers with the same availability
// end (history included) at most 2 nights and 2 weekend/holiday shifts apart, or no further apart than their
// history's spreads of nights and weekend/holiday shifts added together; without history also at most 3 hard shifts
// (2 in all but about 1 of 1,500 sampled rosters) and twice the longest shift in hours apart. Not 1: with a long rest
// the rest rule can leave no exchange of two officers' shifts that evens out the last one (balance() exchanges
// between two officers, not around a ring of three). Mostly the spread comes out at 1 (scratch runs of 300 rosters).
// With three officers, coverage and rest can force a pattern 3 apart (2 of 117 sampled three-officer rosters, e.g.
// 7 days, 10 hours' rest, one officer with 2 nights of history), so the property starts at four.
test('公平：夜班、周末/节假日班次、难班次和时长分别均衡（含历史），同等可值班的人相差至多 2 次（随机检验）', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: SETS.length - 1 }),
      fc.integer({ min: 4, max: 8 }),
      fc.integer({ min: 7, max: 45 }),
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 0, max: 700 }),
      fc.option(fc.array(fc.record({ nights: fc.nat(3), offDays: fc.nat(3) }), { minLength: 8, maxLength: 8 })),
      (set, people, days, restHours, offset, past) => {
        const ids = Array.from({ length: people }, (_, i) => `p${i}`);
        const from = addDays('2024-01-01', offset);
        const history = new Map<string, PastCounts>(
          ids.map((id, i) => [id, { hard: 0, normal: 0, leader: 0, minutes: 0, ...past?.[i] }]),
        );
        const minRestMinutes = restHours * 60;
        const templates = SETS[set];
        const shifts = generateRotation(
          cal,
          input({ from, to: addDays(from, days), templates, officerIds: ids, history, minRestMinutes }),
        );
        assert.ok(
          shifts.every((s) => s.officerIds.length === 1),
          '人手足够时每个班次都有人',
        );
        const now = countsOf(cal, shifts);
        const total = new Map(
          ids.map((id) => {
            const h = history.get(id)!;
            const c = now.get(id);
            return [id, { nights: (c?.nights ?? 0) + (h.nights ?? 0), offDays: (c?.offDays ?? 0) + (h.offDays ?? 0) }];
          }),
        );
        // Nights and weekend/holiday shifts are evened out together (a 24-hour weekend shift is both): with uneven
        // history, one kind may be given up for the other, so the bound is the history's two spreads together.
        const before = spreadOf(history, ids, 'nights') + spreadOf(history, ids, 'offDays');
        for (const k of ['nights', 'offDays'] as const) {
          const bound = Math.max(2, before);
          assert.ok(spreadOf(total, ids, k) <= bound, `${k}：${spreadOf(total, ids, k)} > ${bound}`);
        }
        if (!past) {
          // Without history: hard shifts and hours even out too.
          assert.ok(spreadOf(now, ids, 'hard') <= 3, `hard ${spreadOf(now, ids, 'hard')}`);
          const longest = Math.max(...shifts.map((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt))) / 60000;
          assert.ok(spreadOf(now, ids, 'minutes') <= 2 * longest, `minutes ${spreadOf(now, ids, 'minutes')}`);
        }
        const findings = checkRoster(cal, {
          unitId: 'u',
          mustCover: true,
          hasPrevious: false,
          from,
          to: addDays(from, days),
          specials: [],
          emergencies: [],
          minRestMinutes,
          names: new Map(),
          neighbours: [],
          shifts: shifts.map((s, i) => ({ ...s, id: `s${i}` })),
        });
        // The rules still hold: covered, nobody double booked, rest kept (a leader may be short: two leaders only).
        assert.deepEqual(
          findings.filter((f) => f.code !== 'LEADER_MISSING'),
          [],
        );
      },
    ),
    { numRuns: 60 },
  );
});

test('公平与规则：随机请假和休息要求下，不重复排班、不违反最短休息、不排请假的人（随机检验）', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 5 }),
      fc.integer({ min: 0, max: 12 }),
      fc.integer({ min: 0, max: 700 }),
      fc.array(
        fc.record({
          who: fc.integer({ min: 0, max: 4 }),
          start: fc.integer({ min: 0, max: 20 }),
          len: fc.integer({ min: 1, max: 6 }),
        }),
        { maxLength: 4 },
      ),
      (people, restHours, offset, leaves) => {
        const ids = Array.from({ length: people }, (_, i) => `p${i}`);
        const from = addDays('2024-01-01', offset);
        const unavailable = leaves
          .filter((l) => l.who < people)
          .map((l) => ({
            userId: ids[l.who],
            startsOn: addDays(from, l.start),
            endsOn: addDays(from, l.start + l.len),
          }));
        const shifts = generateRotation(
          cal,
          input({
            from,
            to: addDays(from, 21),
            officerIds: ids,
            leaderIds: ['L1', 'L2', 'L3'],
            unavailable,
            minRestMinutes: restHours * 60,
          }),
        );
        for (const s of shifts) {
          for (const o of s.officerIds) {
            assert.ok(
              !unavailable.some((u) => u.userId === o && s.day >= u.startsOn && s.day < u.endsOn),
              `${o} 请假期间被排班`,
            );
          }
        }
        const findings = checkRoster(cal, {
          unitId: 'u',
          mustCover: false,
          hasPrevious: false,
          from,
          to: addDays(from, 21),
          specials: [],
          emergencies: [],
          minRestMinutes: restHours * 60,
          names: new Map(),
          neighbours: [],
          shifts: shifts.map((s, i) => ({ ...s, id: `s${i}` })),
        });
        assert.deepEqual(
          findings.filter((f) => f.code === 'DOUBLE_BOOKED' || f.code === 'REST_TOO_SHORT'),
          [],
        );
      },
    ),
    { numRuns: 100 },
  );
});
