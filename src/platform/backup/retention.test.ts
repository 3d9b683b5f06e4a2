// Which scheduled backups are kept: the newest of each of the last 7 days, 4 ISO weeks, 12 months (Asia/Shanghai).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { archiveName, backupTimeOf } from './model.ts';
import { backupsToDelete, isoWeek } from './retention.ts';

const DAY = 86400_000;
/** One backup every day at 02:00 Shanghai (18:00 UTC the day before) for `days` days up to 2026-12-07. */
function daily(days: number): string[] {
  const last = Date.parse('2026-12-06T18:00:00.000Z');
  return Array.from({ length: days }, (_, i) => archiveName(new Date(last - i * DAY), false));
}
const keep = { daily: 7, weekly: 4, monthly: 12 };

test('归档名与时间互相对应；别的文件名不算备份', () => {
  const at = new Date('2026-12-06T18:00:00.123Z');
  assert.equal(backupTimeOf(archiveName(at, false))?.toISOString(), at.toISOString());
  assert.equal(backupTimeOf(archiveName(at, true))?.toISOString(), at.toISOString());
  assert.equal(backupTimeOf('gongkai.sqlite'), null);
  assert.equal(backupTimeOf('gongkai-backup-20261306T180000000Z.tar.gz'), null);
});

test('ISO 周：周一开始，跨年的周归属其周四所在的年份', () => {
  assert.equal(isoWeek('2026-12-07'), '2026-W50'); // Monday
  assert.equal(isoWeek('2026-12-06'), '2026-W49'); // Sunday
  assert.equal(isoWeek('2027-01-01'), '2026-W53');
  assert.equal(isoWeek('2025-12-29'), '2026-W01');
});

test('一年多每天一份：保留最近 7 天、4 周、12 个月各最新一份，其余删除', () => {
  const names = daily(400);
  const doomed = new Set(backupsToDelete(names, keep));
  const kept = names.filter((n) => !doomed.has(n));
  const days = kept.map((n) => new Date((backupTimeOf(n) as Date).getTime() + 8 * 3600_000).toISOString().slice(0, 10));
  // 7 daily (12-01…12-07, a Monday); weekly adds the Sundays of W48 and W47 (the newest of W50 and W49 are kept
  // already); monthly adds November's last day and the last day of each month back to January (12 months with
  // December).
  assert.deepEqual(days.slice(0, 7), [
    '2026-12-07',
    '2026-12-06',
    '2026-12-05',
    '2026-12-04',
    '2026-12-03',
    '2026-12-02',
    '2026-12-01',
  ]);
  assert.deepEqual(days.slice(7), [
    '2026-11-30',
    '2026-11-29',
    '2026-11-22',
    '2026-10-31',
    '2026-09-30',
    '2026-08-31',
    '2026-07-31',
    '2026-06-30',
    '2026-05-31',
    '2026-04-30',
    '2026-03-31',
    '2026-02-28',
    '2026-01-31',
  ]);
  assert.equal(kept.length, 7 + 2 + 11);
  assert.equal(doomed.size, 400 - kept.length);
});

test('同一天的多份只留最新一份；非备份文件从不删除', () => {
  const at = Date.parse('2026-12-06T18:00:00.000Z');
  const names = [archiveName(new Date(at), false), archiveName(new Date(at + 3600_000), true), 'notes.txt'];
  assert.deepEqual(backupsToDelete(names, { daily: 1, weekly: 0, monthly: 0 }), [names[0]]);
});
