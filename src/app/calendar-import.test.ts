// The calendar in the database: shipped years without any import, an admin's import that persists, extends and
// overrides, seen by loadCalendar at once, with its ledger entry; and the `gongkai calendar` commands (JSON and the
// notice's own text).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Command } from 'commander';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { listLedger, SYSTEM_ACTOR, verifyLedger } from '../platform/ledger/service.ts';
import { addWorkingDays, isWorkingDay, workingDeadline } from '../platform/calendar/model.ts';
import { getCalendarYear, listCalendarYears, loadCalendar } from '../platform/calendar/service.ts';
import { type ImportSource, importCalendarYear } from './calendar-import.ts';
import { registerCalendarCommands } from './commands/calendar.ts';

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
const json = (content: unknown, year?: number): ImportSource => ({ format: 'json', content, year });

/** Runs `gongkai calendar …` in this process against the test database; returns exit code and output. */
async function calendarCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const program = new Command('gongkai').exitOverride();
  registerCalendarCommands(program, async () => ({ deps, migrated: [], close: async () => {} }));
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => {
    out.push(a.join(' '));
  };
  console.error = (...a: unknown[]) => {
    err.push(a.join(' '));
  };
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

test('未导入任何年份时，随版本发布的 2024–2026 年即可使用；2027 年按暂定日历推算', async () => {
  const years = await listCalendarYears(deps.db);
  assert.deepEqual(
    years.map((y) => [y.year, y.origin]),
    [
      [2024, 'shipped'],
      [2025, 'shipped'],
      [2026, 'shipped'],
    ],
  );
  assert.equal(years.find((y) => y.year === 2025)!.makeupWorkdays, 5);
  const cal = await loadCalendar(deps.db);
  assert.equal(addWorkingDays(cal, '2025-01-24', 10), '2025-02-13');
  assert.deepEqual(workingDeadline(cal, '2026-12-28', 5), { date: '2027-01-04', provisional: true });
});

test('导入新的一年：保存、立即生效、写入台账 calendar.import', async () => {
  const { result } = await importCalendarYear(deps, system, json(year2027));
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
  const corrected = {
    ...(await getCalendarYear(deps.db, 2026)),
    source: '国务院办公厅关于2026年部分节假日安排的通知（更正，测试用）',
  };
  corrected.holidays = corrected.holidays.map((h) => (h.name === '元旦' ? { ...h, days: ['2026-01-01'] } : h));
  corrected.makeupWorkdays = corrected.makeupWorkdays.filter((d) => d !== '2026-01-04');
  assert.equal(isWorkingDay(await loadCalendar(deps.db), '2026-01-02'), false);
  const { result } = await importCalendarYear(deps, system, json(corrected, 2026));
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
  await assert.rejects(importCalendarYear(deps, system, json({ ...year2027, year: 2028 })), {
    status: 400,
    field: 'holidays.0.days.0',
    message: /2027-01-01 不在 2028 年内/,
  });
  assert.equal((await listLedger(deps.db, {})).length, before);
  await assert.rejects(getCalendarYear(deps.db, 2028), { status: 404 });
});

test('命令行 gongkai calendar import / list', async () => {
  const file = path.join(dir, '2028.json');
  fs.writeFileSync(
    file,
    `\uFEFF${JSON.stringify({
      ...year2027,
      year: 2028,
      source: '国务院办公厅关于2028年部分节假日安排的通知（测试用）',
      holidays: [{ name: '元旦', days: ['2028-01-01', '2028-01-02', '2028-01-03'] }],
      makeupWorkdays: [],
    })}`,
  );
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

  const notice = path.join(dir, '2029年节假日安排.txt');
  fs.writeFileSync(
    notice,
    '国务院办公厅关于2029年部分节假日安排的通知\n一、元旦：1月1日（周一）放假，与周末连休。\n'
      + '二、春节：2月12日（农历除夕、周一）至18日（周日）放假调休，共7天。2月10日（周六）上班。\n',
  );
  const dry = await calendarCli('import', notice, '--dry-run');
  assert.equal(dry.code, 0, dry.err);
  assert.match(dry.out, /放假\t春节\t2029-02-12 至 2029-02-18，共 7 天\n上班\t调休\t2029-02-10$/);
  await assert.rejects(getCalendarYear(deps.db, 2029), { status: 404 });
  const fromText = await calendarCli('import', notice);
  assert.match(fromText.out, /已导入 2029 年节假日安排：2 个节日共 8 天放假，1 个调休上班日/);
  assert.equal(isWorkingDay(await loadCalendar(deps.db), '2029-02-10'), true);
  fs.writeFileSync(
    notice,
    '国务院办公厅关于2029年部分节假日安排的通知\n一、元旦：1月1日放假。\n二、春节：2月31日放假。\n',
  );
  assert.match((await calendarCli('import', notice)).err, /第3行「春节」：2月31日不是有效日期/);

  const list = await calendarCli('list');
  assert.equal(list.code, 0);
  assert.deepEqual(
    list.out.split('\n').map((l) => l.split('\t')[0]),
    ['2024', '2025', '2026', '2027', '2028', '2029'],
  );
  assert.match(list.out, /2025\t放假 28 天\t调休上班 5 天\t随版本发布/);
});
