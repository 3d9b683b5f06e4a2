// The provisional calendar (暂定, DOMAIN.md §5) as properties: a deadline is flagged exactly when it counted a day of a
// year without an official schedule; an unflagged deadline never moves when that year is imported; and on a year
// that is missing, the count is Monday–Friday.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  addWorkingDays,
  buildCalendar,
  isProvisionalDay,
  isWeekend,
  isWorkingDay,
  workingDaysBetween,
  workingDeadline,
  yearToImport,
} from './model.ts';
import { SHIPPED_YEARS } from './service.ts';

const official = buildCalendar(SHIPPED_YEARS);
const y2026 = SHIPPED_YEARS.find((y) => y.year === 2026)!;
// 2027 as a year the State Council might publish: some holiday run and a make-up day, arbitrary but well-formed.
const runOf = fc.record({ start: fc.integer({ min: 0, max: 350 }), len: fc.integer({ min: 1, max: 9 }) });
const year2027 = runOf.map(({ start, len }) => {
  const day = (i: number) => new Date(Date.UTC(2027, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const days = Array.from({ length: len }, (_, i) => day(start + i));
  const after = day(start + len + 1);
  const makeupWorkdays = isWeekend(after) ? [after] : [];
  return { year: 2027, source: '测试', holidays: [{ name: '假日', days }], makeupWorkdays };
});
const lateIn2026 = fc
  .integer({ min: 280, max: 364 })
  .map((i) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));

test('性质：暂定标志恰好在计入了缺年份的日子时出现；未标暂定的期限在导入该年后不变', () => {
  fc.assert(
    fc.property(lateIn2026, fc.integer({ min: 0, max: 40 }), year2027, (from, n, y27) => {
      const before = workingDeadline(official, from, n);
      assert.equal(before.provisional, before.date.startsWith('2027'));
      const after = workingDeadline(buildCalendar([...SHIPPED_YEARS, y27]), from, n);
      assert.equal(after.provisional, false);
      if (!before.provisional) assert.equal(after.date, before.date);
    }),
    { numRuns: 300 },
  );
});

test('性质：缺年份的日子按周一至周五计，且推算与计数互逆', () => {
  const in2027 = fc
    .integer({ min: 0, max: 364 })
    .map((i) => new Date(Date.UTC(2027, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
  fc.assert(
    fc.property(in2027, (d) => {
      assert.equal(isProvisionalDay(official, d), true);
      assert.equal(isWorkingDay(official, d), !isWeekend(d));
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(lateIn2026, fc.integer({ min: 1, max: 40 }), (from, n) => {
      const due = addWorkingDays(official, from, n);
      assert.equal(isWorkingDay(official, due), true);
      assert.equal(workingDaysBetween(official, from, due), n);
    }),
    { numRuns: 300 },
  );
});

test('导入的年份以其调休为准：2026 年的安排被替换为暂定以外的任何安排都不影响 2027 的暂定标志', () => {
  const without2026 = buildCalendar(SHIPPED_YEARS.filter((y) => y !== y2026));
  assert.deepEqual(workingDeadline(without2026, '2025-12-31', 1), { date: '2026-01-01', provisional: true });
  assert.deepEqual(workingDeadline(official, '2025-12-31', 1), { date: '2026-01-04', provisional: false });
});

test('提醒导入：11 月 1 日起次年缺安排时提醒；当年缺安排时随时提醒；已导入则不提醒', () => {
  assert.equal(yearToImport(official, '2026-10-31'), null);
  assert.equal(yearToImport(official, '2026-11-01'), 2027);
  assert.equal(yearToImport(official, '2026-12-31'), 2027);
  assert.equal(yearToImport(official, '2025-11-15'), null); // 2026 is shipped
  assert.equal(yearToImport(official, '2027-03-01'), 2027);
  const with2027 = buildCalendar([...SHIPPED_YEARS, { ...y2026, year: 2027, holidays: [], makeupWorkdays: [] }]);
  assert.equal(yearToImport(with2027, '2026-12-07'), null);
});
