// Importing a year's schedule: a transcription error is refused with a zh-CN message naming the field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCalendarYear } from './validate.ts';

const good = () => ({
  year: 2027,
  source: '国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕1号）',
  holidays: [
    { name: '元旦', days: ['2027-01-01', '2027-01-02', '2027-01-03'] },
    {
      name: '春节',
      days: [
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
        '2027-02-12',
        '2027-02-13',
      ],
    },
  ],
  makeupWorkdays: ['2027-02-14', '2027-01-30'],
});

const refused = (field: string, message: RegExp) => ({ status: 400, code: 'INVALID_INPUT', field, message });

test('合格的安排：日期排序，节日按先后排列，年份可由导入的年份补上', () => {
  const y = parseCalendarYear({ ...good(), holidays: [...good().holidays].reverse() });
  assert.deepEqual(y.makeupWorkdays, ['2027-01-30', '2027-02-14']);
  assert.deepEqual(
    y.holidays.map((h) => h.name),
    ['元旦', '春节'],
  );
  const { year: _year, ...noYear } = good();
  assert.equal(parseCalendarYear(noYear, 2027).year, 2027);
});

test('年份与通知名称', () => {
  assert.throws(() => parseCalendarYear(good(), 2028), refused('year', /2027.*2028 不一致/));
  assert.throws(() => parseCalendarYear({ ...good(), year: 1999 }), refused('year', /2000–2100/));
  assert.throws(() => parseCalendarYear({ ...good(), year: '2027' }), refused('year', /整数/));
  assert.throws(() => parseCalendarYear({ ...good(), source: ' ' }), refused('source', /请填写通知名称及文号/));
  assert.throws(() => parseCalendarYear([]), refused('year', /JSON 对象/));
});

test('日期须有效且在本年内', () => {
  const bad = good();
  bad.holidays[0].days[0] = '2026-12-31';
  assert.throws(() => parseCalendarYear(bad), refused('holidays.0.days.0', /不在 2027 年内/));
  const invalidDay = good();
  invalidDay.holidays[1].days[0] = '2027-02-30';
  assert.throws(() => parseCalendarYear(invalidDay), refused('holidays.1.days.0', /不是有效日期/));
  assert.throws(
    () => parseCalendarYear({ ...good(), makeupWorkdays: ['2027/01/30'] }),
    refused('makeupWorkdays.0', /YYYY-MM-DD/),
  );
});

test('放假日期须连续、不重复，不能同时属于两个节日', () => {
  const gap = good();
  gap.holidays[1].days.splice(3, 1);
  assert.throws(
    () => parseCalendarYear(gap),
    refused('holidays.1.days', /「春节」的放假日期须连续，2027-02-08 与 2027-02-10 之间有间断/),
  );
  const twice = good();
  twice.holidays[0].days.push('2027-01-03');
  assert.throws(() => parseCalendarYear(twice), refused('holidays.0.days.3', /2027-01-03 重复出现/));
  const both = good();
  both.holidays.push({ name: '补充', days: ['2027-01-03'] });
  assert.throws(() => parseCalendarYear(both), refused('holidays.2.days', /2027-01-03 同时列在「元旦」和「补充」/));
  assert.throws(() => parseCalendarYear({ ...good(), holidays: [] }), refused('holidays', /不能为空/));
  assert.throws(
    () => parseCalendarYear({ ...good(), holidays: [{ name: '春节', days: [] }] }),
    refused('holidays.0.days', /不能为空/),
  );
  assert.throws(
    () => parseCalendarYear({ ...good(), holidays: [{ name: '', days: ['2027-01-01'] }] }),
    refused('holidays.0.name', /节日名称/),
  );
});

test('调休上班日须是周末，且不能同时是放假日', () => {
  assert.throws(
    () => parseCalendarYear({ ...good(), makeupWorkdays: ['2027-02-15'] }),
    refused('makeupWorkdays.0', /2027-02-15 不是周六或周日/),
  );
  assert.throws(
    () => parseCalendarYear({ ...good(), makeupWorkdays: ['2027-02-07'] }),
    refused('makeupWorkdays.0', /2027-02-07 既是「春节」的放假日，又是调休上班日/),
  );
  assert.throws(
    () => parseCalendarYear({ ...good(), makeupWorkdays: ['2027-01-30', '2027-01-30'] }),
    refused('makeupWorkdays.1', /重复出现/),
  );
});
