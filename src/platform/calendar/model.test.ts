// The working-day calendar: the shipped years agree with an independent transcription (chinese-days) on every
// day, and the disclosure clocks count as INSPECTION.md says — day 0 is the day of receipt, 调休 days count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import chineseDays from 'chinese-days';
import fc from 'fast-check';
import {
  addWorkingDays,
  buildCalendar,
  type Calendar,
  isProvisionalDay,
  isWorkingDay,
  spansProvisional,
  toShanghaiDate,
  workingDaysBetween,
  workingDeadline,
} from './model.ts';
import { SHIPPED_YEARS } from './service.ts';

const cal: Calendar = buildCalendar(SHIPPED_YEARS);

function* daysOf(year: number): Generator<string> {
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d = new Date(d.getTime() + 86_400_000)) {
    yield d.toISOString().slice(0, 10);
  }
}

test('2024–2026 年每一天是否上班，与 chinese-days 的独立整理一致', () => {
  let checked = 0;
  const differ: string[] = [];
  for (const year of [2024, 2025, 2026]) {
    for (const day of daysOf(year)) {
      if (isWorkingDay(cal, day) !== chineseDays.isWorkday(day)) differ.push(day);
      checked++;
    }
  }
  assert.deepEqual(differ, []);
  assert.equal(checked, 366 + 365 + 365);
});

test('每年的数据注明国务院办公厅通知；2025 年起法定节假日 13 天，调休上班日与通知一致', () => {
  for (const y of SHIPPED_YEARS) assert.match(y.source, new RegExp(`^国务院办公厅关于${y.year}年部分节假日安排的通知`));
  assert.match(SHIPPED_YEARS.find((y) => y.year === 2024)!.source, /国办发明电〔2023〕7号/);
  assert.match(SHIPPED_YEARS.find((y) => y.year === 2025)!.source, /国办发明电〔2024〕12号/);
  assert.deepEqual(SHIPPED_YEARS.find((y) => y.year === 2025)!.makeupWorkdays, [
    '2025-01-26',
    '2025-02-08',
    '2025-04-27',
    '2025-09-28',
    '2025-10-11',
  ]);
  assert.deepEqual(SHIPPED_YEARS.find((y) => y.year === 2026)!.makeupWorkdays, [
    '2026-01-04',
    '2026-02-14',
    '2026-02-28',
    '2026-05-09',
    '2026-09-20',
    '2026-10-10',
  ]);
});

test('调休上班的周末是工作日，春节期间的工作日不是', () => {
  assert.equal(isWorkingDay(cal, '2025-01-26'), true); // 周日，调休上班
  assert.equal(isWorkingDay(cal, '2025-01-28'), false); // 除夕，周二
  assert.equal(isWorkingDay(cal, '2025-01-27'), true); // 周一
  assert.equal(isWorkingDay(cal, '2025-03-01'), false); // 普通周六
});

test('期限：收到当日为第 0 日，次日起算，跨春节和国庆并计入调休上班日', () => {
  // 2025-01-24 (Fri) received: Jan 26 (Sun, 调休), 27, then 春节 Jan 28–Feb 4, then Feb 5, 6, 7, 8 (Sat, 调休), 10,
  // 11, 12, 13.
  assert.equal(addWorkingDays(cal, '2025-01-24', 10), '2025-02-13');
  assert.equal(addWorkingDays(cal, '2025-01-24', 1), '2025-01-26');
  assert.equal(addWorkingDays(cal, '2025-01-24', 2), '2025-01-27');
  assert.equal(addWorkingDays(cal, '2025-01-24', 3), '2025-02-05');
  // 2025-09-26 (Fri): Sep 28 (Sun, 调休), 29, 30, then 国庆中秋 Oct 1–8, Oct 9, 10, 11 (Sat, 调休), 13, 14, 15, 16.
  assert.equal(addWorkingDays(cal, '2025-09-26', 10), '2025-10-16');
  // 2026 春节: Feb 13 (Fri) received: Feb 14 (Sat, 调休), then Feb 15–23 off, Feb 24, 25, 26, 27, 28 (Sat, 调休), Mar 2,
  // 3, 4, 5.
  assert.equal(addWorkingDays(cal, '2026-02-13', 10), '2026-03-05');
  // 2026 国庆: Sep 18 (Fri): Sep 20 (Sun, 调休), 21–24, 中秋 Sep 25–27 off, 28, 29, 30, 国庆 Oct 1–7 off, Oct 8, 9.
  assert.equal(addWorkingDays(cal, '2026-09-18', 10), '2026-10-09');
  assert.equal(addWorkingDays(cal, '2026-09-18', 11), '2026-10-10'); // Sat, 调休上班
  // Received on a holiday: counting still starts the next day.
  assert.equal(addWorkingDays(cal, '2025-10-03', 1), '2025-10-09');
  assert.equal(addWorkingDays(cal, '2025-10-03', 0), '2025-10-03');
  // Across the new year: both years are in the table.
  assert.equal(addWorkingDays(cal, '2025-12-31', 1), '2026-01-04'); // 元旦 Jan 1–3, Jan 4 (Sun) 调休
});

test('剩余工作日与超期：之后到当日（含）的工作日数，已过期为负数', () => {
  assert.equal(workingDaysBetween(cal, '2025-01-24', '2025-02-13'), 10);
  assert.equal(workingDaysBetween(cal, '2025-02-07', '2025-02-12'), 4); // Feb 8 (Sat, 调休), 10, 11, 12
  assert.equal(workingDaysBetween(cal, '2025-02-13', '2025-02-13'), 0);
  // Feb 14 and 17 passed the deadline (15, 16 weekend)
  assert.equal(workingDaysBetween(cal, '2025-02-17', '2025-02-13'), -2);
  assert.equal(workingDaysBetween(cal, '2025-01-27', '2025-02-05'), 1); // the whole 春节 in between
});

test('缺少某年的安排时按暂定日历（周一至周五）推算并标明暂定，绝不报错停摆', () => {
  assert.equal(isWorkingDay(cal, '2027-01-01'), true); // Friday: 暂定 a working day, whatever 元旦 will bring
  assert.equal(isWorkingDay(cal, '2027-01-02'), false);
  assert.equal(isProvisionalDay(cal, '2027-01-04'), true);
  assert.equal(isProvisionalDay(cal, '2026-12-31'), false);
  // 2026-12-18 (Fri) + 10: Dec 21–25, 28–31 (9), then 2027-01-01 (Fri, 暂定).
  assert.deepEqual(workingDeadline(cal, '2026-12-18', 10), { date: '2027-01-01', provisional: true });
  assert.deepEqual(workingDeadline(cal, '2026-12-17', 10), { date: '2026-12-31', provisional: false });
  assert.equal(workingDaysBetween(cal, '2026-12-01', '2027-01-15'), 33);
  // Counting 2023-12-30 and -31 (2023 is not shipped) makes even a 2024 deadline provisional.
  assert.deepEqual(workingDeadline(cal, '2023-12-29', 1), { date: '2024-01-02', provisional: true });
  assert.equal(spansProvisional(cal, '2023-12-28', '2023-12-29'), true);
  assert.equal(spansProvisional(cal, '2024-01-02', '2023-12-30'), true);
  assert.throws(() => addWorkingDays(cal, '2025-02-30', 1), { status: 400, code: 'INVALID_DATE' });
  assert.throws(() => addWorkingDays(cal, '2025-02-03', -1), { status: 400 });
});

test('上海日期：UTC 16:00 起已是次日', () => {
  assert.equal(toShanghaiDate(new Date('2025-01-27T15:59:59.999Z')), '2025-01-27');
  assert.equal(toShanghaiDate(new Date('2025-01-27T16:00:00.000Z')), '2025-01-28');
  assert.equal(toShanghaiDate(new Date('2025-12-31T16:30:00Z')), '2026-01-01');
});

const dayIn2024to2026 = fc
  .integer({ min: 0, max: 365 * 3 - 60 })
  .map((i) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));

test('性质：第 n 个工作日是工作日，且与收到日之间恰有 n 个工作日', () => {
  fc.assert(
    fc.property(dayIn2024to2026, fc.integer({ min: 1, max: 30 }), (from, n) => {
      const due = addWorkingDays(cal, from, n);
      assert.equal(isWorkingDay(cal, due), true);
      assert.equal(workingDaysBetween(cal, from, due), n);
      assert.equal(workingDaysBetween(cal, due, from), -n);
      assert.ok(due > from);
    }),
    { numRuns: 500 },
  );
});
