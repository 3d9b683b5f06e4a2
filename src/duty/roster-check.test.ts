// What blocks publishing a roster, as pure rules: uncovered hours of a unit that must be covered, shifts without the
// duty leader §4.2 asks for (2026 国庆, a 重大活动 day, an open emergency, the template), double booking, short rest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCalendar } from '../platform/calendar/model.ts';
import { SHIPPED_YEARS } from '../platform/calendar/service.ts';
import { shiftTimes } from './model.ts';
import { type CheckInput, type CheckShift, checkRoster, gaps } from './roster-check.ts';

const cal = buildCalendar(SHIPPED_YEARS);
let n = 0;
const shift = (
  day: string,
  start: string,
  end: string,
  officerIds: string[],
  leaderId: string | null = null,
  name = '班次',
): CheckShift => ({ id: `s${++n}`, name, leaderRequired: false, leaderId, officerIds, ...shiftTimes(day, start, end) });
const check = (over: Partial<CheckInput>) =>
  checkRoster(cal, {
    unitId: 'u',
    mustCover: true,
    hasPrevious: true,
    from: '2026-03-02',
    to: '2026-03-04',
    shifts: [],
    neighbours: [],
    specials: [],
    emergencies: [],
    minRestMinutes: 480,
    names: new Map([
      ['a', '甲'],
      ['b', '乙'],
      ['c', '丙'],
    ]),
    ...over,
  });
const codes = (f: ReturnType<typeof checkRoster>) => f.map((x) => x.code);

test('须全天候读网的单位：无人值班的时段逐段列出（中文、上海时间）', () => {
  const f = check({
    shifts: [
      shift('2026-03-02', '08:30', '17:30', ['a']),
      shift('2026-03-02', '18:00', '08:30', ['b']),
      shift('2026-03-03', '08:30', '08:30', ['c']),
    ],
  });
  assert.deepEqual(
    f.map((x) => x.message),
    [
      '3月2日 00:00 至 3月2日 08:30 无人值班（本单位有政府网站或政务新媒体，须全天候读网）',
      '3月2日 17:30 至 3月2日 18:00 无人值班（本单位有政府网站或政务新媒体，须全天候读网）',
    ],
  );
  // The roster ends at 3-04 00:00; the 24-hour shift of 3-03 running past it is fine.
  assert.deepEqual(check({ mustCover: false, shifts: [shift('2026-03-02', '08:30', '17:30', ['a'])] }), []);
  assert.deepEqual(
    codes(check({ shifts: [shift('2026-03-02', '00:00', '00:00', []), shift('2026-03-03', '00:00', '00:00', ['a'])] })),
    ['NO_OFFICER', 'UNCOVERED'],
  );
});

test('单位的第一张值班表：第一天第一个班次之前的时段不算缺口', () => {
  const shifts = [shift('2026-03-02', '08:30', '08:30', ['a']), shift('2026-03-03', '08:30', '08:30', ['b'])];
  assert.deepEqual(codes(check({ shifts, hasPrevious: true })), ['UNCOVERED']);
  assert.deepEqual(check({ shifts, hasPrevious: false }), []);
  assert.deepEqual(
    gaps('2026-03-02T00:00:00.000Z', '2026-03-02T10:00:00.000Z', [
      { startsAt: '2026-03-02T02:00:00.000Z', endsAt: '2026-03-02T05:00:00.000Z' },
    ]),
    [
      { startsAt: '2026-03-02T00:00:00.000Z', endsAt: '2026-03-02T02:00:00.000Z' },
      { startsAt: '2026-03-02T05:00:00.000Z', endsAt: '2026-03-02T10:00:00.000Z' },
    ],
  );
});

test('带班领导：2026 国庆、重大活动日、突发事件期间和要求带班的班次缺带班领导时列出原因', () => {
  const holiday = check({
    from: '2026-09-30',
    to: '2026-10-02',
    mustCover: false,
    shifts: [
      shift('2026-09-30', '08:30', '17:30', ['a']),
      shift('2026-09-30', '17:30', '08:30', ['b']),
      shift('2026-10-01', '08:30', '17:30', ['c'], 'L'),
    ],
  });
  assert.deepEqual(
    holiday.map((x) => x.message),
    ['9月30日 17:30「班次」没有带班领导：10月1日为法定节假日（国庆节）'],
  );
  const special = check({
    mustCover: false,
    specials: [{ id: 'd', unitId: null, day: '2026-03-03', kind: 'majorEvent', name: '区人代会' }],
    emergencies: [{ id: 'e', title: '网站被篡改', startsAt: '2026-03-02T06:00:00.000Z', until: null }],
    shifts: [
      shift('2026-03-02', '08:30', '12:00', ['a']),
      shift('2026-03-02', '13:00', '17:30', ['c']),
      { ...shift('2026-03-03', '08:30', '17:30', ['b']), leaderRequired: true },
    ],
  });
  assert.deepEqual(
    special.map((x) => x.message),
    [
      '3月2日 13:00「班次」没有带班领导：突发事件处置期间（网站被篡改）',
      '3月3日 08:30「班次」没有带班领导：该班次要求带班领导；3月3日为重大活动（区人代会）；突发事件处置期间（网站被篡改）',
    ],
  );
});

test('同一人不得同时担任重叠的班次；两班之间休息不得少于规定时间（含其他值班表的班次）', () => {
  const a1 = shift('2026-03-02', '08:30', '17:30', ['a'], null, '白班');
  const a2 = shift('2026-03-02', '17:00', '23:00', ['b'], 'a', '晚班');
  const b2 = shift('2026-03-03', '02:00', '08:30', ['b'], null, '凌晨班');
  const f = check({ mustCover: false, shifts: [a1, a2, b2] });
  assert.deepEqual(
    f.map((x) => [x.code, x.userId, x.message]),
    [
      ['DOUBLE_BOOKED', 'a', '甲同时担任3月2日 08:30「白班」和3月2日 17:00「晚班」，时间重叠'],
      [
        'REST_TOO_SHORT',
        'b',
        '乙在3月2日 17:00「晚班」与3月3日 02:00「凌晨班」之间只休息 3 小时，少于本单位规定的 8 小时',
      ],
    ],
  );
  const elsewhere = {
    id: 'x',
    unitId: 'other',
    name: '外单位夜班',
    people: ['c'],
    ...shiftTimes('2026-03-01', '20:00', '02:00'),
  };
  const g = check({
    mustCover: false,
    minRestMinutes: 450,
    neighbours: [elsewhere],
    shifts: [shift('2026-03-02', '08:30', '17:30', ['c'])],
  });
  assert.deepEqual(
    g.map((x) => x.message),
    ['丙在3月1日 20:00「外单位夜班」与3月2日 08:30「班次」之间只休息 6 小时 30 分钟，少于本单位规定的 7 小时 30 分钟'],
  );
});
