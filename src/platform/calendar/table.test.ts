// 表格导入: a 日期/类型/名称 table (.csv or .xlsx) of the shipped 2026 schedule gives exactly that year; a bad cell is
// refused naming its row.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { titledTableXlsx } from '../documents/xlsx.ts';
import { SHIPPED_YEARS } from './service.ts';
import { parseCalendarCsv, parseCalendarXlsx } from './table.ts';

const y2026 = SHIPPED_YEARS.find((y) => y.year === 2026)!;
const rows = [
  ...y2026.holidays.flatMap((h) => h.days.map((d) => [d, '放假', h.name])),
  ...y2026.makeupWorkdays.map((d) => [d.replace(/-0?/g, '/'), '上班', '']),
];

test('CSV 与 Excel 表格（日期、类型、名称）导入的结果与 2026 年安排一致', async () => {
  const csv = `\uFEFF日期,类型,名称\n${rows.map((r) => r.join(',')).join('\r\n')}\n`;
  for (const parsed of [
    parseCalendarCsv(csv),
    await parseCalendarXlsx(
      await titledTableXlsx({
        sheet: '节假日',
        title: '2026年节假日安排',
        headings: ['日期', '类型', '名称'],
        rows,
        widths: [14, 8, 12],
      }),
    ),
  ]) {
    assert.equal(parsed.year, 2026);
    assert.deepEqual(parsed.holidays, y2026.holidays);
    assert.deepEqual(parsed.makeupWorkdays, y2026.makeupWorkdays);
  }
});

test('表格中有误的单元格被拒绝，提示指明第几行', async () => {
  const bad = (csv: string, message: RegExp) => assert.throws(() => parseCalendarCsv(csv), { status: 400, message });
  bad('日期,类型,名称\n2027-01-01,放假,元旦\n2027-02-30,放假,春节', /^第3行「日期」：「2027-02-30」不是有效日期/);
  bad('日期,类型,名称\n2027-01-01,补班,元旦', /^第2行「类型」：「补班」应为“放假”或“上班”$/);
  bad('日期,类型,名称\n2027-01-01,放假,', /^第2行「名称」：放假日须写明节日名称/);
  bad('日期,类型,名称\n2027-01-01,放假,元旦\n2028-01-01,放假,元旦', /^第3行「日期」：2028-01-01 不在 2027 年内$/);
  bad('日期,名称\n2027-01-01,元旦', /^未找到表头/);
  bad('日期,类型,名称\n2027-02-15,放假,春节\n2027-02-17,放假,春节', /「春节」的放假日期不连续/);
  await assert.rejects(parseCalendarXlsx(Buffer.from('not a workbook')), { status: 400, message: /不是有效的 Excel/ });
});
