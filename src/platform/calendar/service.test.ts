// The calendar in the database: shipped years without any import, an admin's import that persists, extends and
// overrides, seen by loadCalendar at once, with its ledger entry; and the `gongkai calendar` commands.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Command } from 'commander';
import { createTestDeps, type TestDeps } from '../../../test/support/testdb.ts';
import { listLedger, SYSTEM_ACTOR, verifyLedger } from '../ledger/service.ts';
import { registerCalendarCommands } from './cli.ts';
import { addWorkingDays, isWorkingDay } from './model.ts';
import { getCalendarYear, importCalendarYear, listCalendarYears, loadCalendar } from './service.ts';

let deps: TestDeps;
let dir: string;
before(async () => {
  deps = await createTestDeps();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-calendar-'));
});
after(async () => {
  await deps.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const year2027 = {
  year: 2027,
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试用）',
  holidays: [{ name: '元旦', days: ['2027-01-01', '2027-01-02', '2027-01-03'] }],
  makeupWorkdays: ['2027-01-09'],
};
const system = { actor: SYSTEM_ACTOR, role: '' };

/** Runs `gongkai calendar …` in this process against the test database; returns exit code and output. */
async function calendarCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const program = new Command('gongkai').exitOverride();
  registerCalendarCommands(program, async () => ({ deps, migrated: [], close: async () => {} }));
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => { out.push(a.join(' ')); };
  console.error = (...a: unknown[]) => { err.push(a.join(' ')); };
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'gongkai', 'calendar', ...args]);
  } finally {
    [console.log, console.error] = [log, error];
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('未导入任何年份时，随版本发布的 2024–2026 年即可使用；2027 年缺失', async () => {
  const years = await listCalendarYears(deps.db);
  assert.deepEqual(years.map((y) => [y.year, y.origin]), [[2024, 'shipped'], [2025, 'shipped'], [2026, 'shipped']]);
  assert.equal(years.find((y) => y.year === 2025)!.makeupWorkdays, 5);
  const cal = await loadCalendar(deps.db);
  assert.equal(addWorkingDays(cal, '2025-01-24', 10), '2025-02-13');
  assert.throws(() => addWorkingDays(cal, '2026-12-28', 5), { code: 'CALENDAR_YEAR_MISSING', message: /缺少 2027 年/ });
});

test('导入新的一年：保存、立即生效、写入台账 calendar.import', async () => {
  const { result } = await importCalendarYear(deps, system, year2027);
  assert.equal(result, 'created');
  const cal = await loadCalendar(deps.db);
  assert.equal(addWorkingDays(cal, '2026-12-31', 1), '2027-01-04');
  assert.equal(isWorkingDay(cal, '2027-01-09'), true); // Saturday, 调休上班
  assert.equal((await getCalendarYear(deps.db, 2027)).origin, 'imported');
  const [entry] = await listLedger(deps.db, { action: 'calendar.import' });
  assert.equal(entry.subject, 'calendar:2027');
  assert.equal(entry.actor_id, 'system');
  assert.deepEqual(JSON.parse(entry.payload).makeupWorkdays, ['2027-01-09']);
  assert.equal((await verifyLedger(deps.db)).ok, true);
});

test('导入已发布的年份（如更正通知）会覆盖随版本发布的数据', async () => {
  const corrected = { ...(await getCalendarYear(deps.db, 2026)), source: '国务院办公厅关于2026年部分节假日安排的通知（更正，测试用）' };
  corrected.holidays = corrected.holidays.map((h) => (h.name === '元旦' ? { ...h, days: ['2026-01-01'] } : h));
  corrected.makeupWorkdays = corrected.makeupWorkdays.filter((d) => d !== '2026-01-04');
  assert.equal(isWorkingDay(await loadCalendar(deps.db), '2026-01-02'), false);
  const { result } = await importCalendarYear(deps, system, corrected, 2026);
  assert.equal(result, 'replaced');
  const cal = await loadCalendar(deps.db);
  assert.equal(isWorkingDay(cal, '2026-01-02'), true);
  assert.equal(isWorkingDay(cal, '2026-01-04'), false);
  const row = (await listCalendarYears(deps.db)).find((y) => y.year === 2026)!;
  assert.equal(row.origin, 'imported');
  const entry = (await listLedger(deps.db, { subject: 'calendar:2026' }))[0];
  assert.equal(JSON.parse(entry.payload).replaces, 'shipped');
});

test('校验失败时什么都不保存，也不写台账', async () => {
  const before = (await listLedger(deps.db, {})).length;
  await assert.rejects(importCalendarYear(deps, system, { ...year2027, year: 2028 }),
    { status: 400, field: 'holidays.0.days.0', message: /2027-01-01 不在 2028 年内/ });
  assert.equal((await listLedger(deps.db, {})).length, before);
  await assert.rejects(getCalendarYear(deps.db, 2028), { status: 404 });
});

test('命令行 gongkai calendar import / list', async () => {
  const file = path.join(dir, '2028.json');
  fs.writeFileSync(file, `\uFEFF${JSON.stringify({ ...year2027, year: 2028, source: '国务院办公厅关于2028年部分节假日安排的通知（测试用）',
    holidays: [{ name: '元旦', days: ['2028-01-01', '2028-01-02', '2028-01-03'] }], makeupWorkdays: [] })}`);
  const ok = await calendarCli('import', file);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /已导入 2028 年节假日安排：1 个节日共 3 天放假，0 个调休上班日/);
  assert.equal(isWorkingDay(await loadCalendar(deps.db), '2028-01-03'), false);

  const again = await calendarCli('import', file);
  assert.match(again.out, /已替换 2028 年/);

  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ ...year2027, makeupWorkdays: ['2027-01-01'] }));
  const refused = await calendarCli('import', bad);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /错误：2027-01-01 既是「元旦」的放假日，又是调休上班日/);

  fs.writeFileSync(bad, '{ not json');
  assert.match((await calendarCli('import', bad)).err, /不是有效的 JSON/);
  assert.match((await calendarCli('import', path.join(dir, 'missing.json'))).err, /无法读取文件/);

  const list = await calendarCli('list');
  assert.equal(list.code, 0);
  assert.deepEqual(list.out.split('\n').map((l) => l.split('\t')[0]), ['2024', '2025', '2026', '2027', '2028']);
  assert.match(list.out, /2025\t放假 28 天\t调休上班 5 天\t随版本发布/);
});
