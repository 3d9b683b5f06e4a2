// 通知原文导入: the real 2024–2026 notices, as published, give exactly the shipped years and agree with chinese-days on
// every day; malformed text is refused with a zh-CN message naming the line.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import chineseDays from 'chinese-days';
import { buildCalendar, isWorkingDay } from './model.ts';
import { parseNotice } from './notice.ts';
import { SHIPPED_YEARS } from './service.ts';

const notice = (year: number) => fs.readFileSync(new URL(`./testdata/notice-${year}.txt`, import.meta.url), 'utf8');

test('2024、2025、2026 年通知原文解析结果与随版本发布的安排一致，且每一天与 chinese-days 一致', () => {
  for (const year of [2024, 2025, 2026]) {
    const parsed = parseNotice(notice(year));
    const shipped = SHIPPED_YEARS.find((y) => y.year === year)!;
    assert.equal(parsed.year, year);
    assert.deepEqual(parsed.holidays, shipped.holidays);
    assert.deepEqual(parsed.makeupWorkdays, shipped.makeupWorkdays);
    assert.match(parsed.source, new RegExp(`^国务院办公厅关于${year}年部分节假日安排的通知`));
    const cal = buildCalendar([parsed]);
    for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      assert.equal(isWorkingDay(cal, day), chineseDays.isWorkday(day), day);
    }
  }
});

test('一段连写的通知（无换行、无标题）按所选年份解析，跨月的放假与多个上班日都能识别', () => {
  const text =
    '一、元旦：1月1日（周五）放假，与周末连休。二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）'
    + '放假调休，共9天。2月14日（周六）、2月28日（周六）上班。三、端午节：5月31日（周一）至6月2日（周三）放假，共3天。';
  const y = parseNotice(text, 2027);
  assert.deepEqual(
    y.holidays.map((h) => [h.name, h.days[0], h.days.length]),
    [
      ['元旦', '2027-01-01', 1],
      ['春节', '2027-02-15', 9],
      ['端午节', '2027-05-31', 3],
    ],
  );
  assert.deepEqual(y.makeupWorkdays, ['2027-02-14', '2027-02-28']);
  assert.equal(y.source, '国务院办公厅关于2027年部分节假日安排的通知');
});

test('格式有误的通知被拒绝，提示指明第几行和哪个节日，什么也不保存', () => {
  const bad = (text: string, message: RegExp, year?: number) =>
    assert.throws(() => parseNotice(text, year), { status: 400, code: 'INVALID_INPUT', message });
  const title = '国务院办公厅关于2027年部分节假日安排的通知\n';
  bad(
    `${title}一、元旦：1月1日放假。\n二、春节：2月30日至3月5日放假调休，共6天。`,
    /^第3行「春节」：2月30日不是有效日期$/,
  );
  bad(
    `${title}一、元旦：1月1日放假。\n二、春节 2月15日至23日放假`,
    /^第3行：应写作“二、节日名称：X月X日至X日放假”（缺少冒号）$/,
  );
  bad(
    `${title}一、春节：2月15日至23日放假调休，共8天。`,
    /^第2行「春节」：写明共 8 天，但 2027-02-15 至 2027-02-23 是 9 天$/,
  );
  bad(
    `${title}一、春节：2月15日至23日放假。2月17日（周三）上班。`,
    /^第2行「春节」：调休上班日 2027-02-17 不是周六或周日$/,
  );
  bad(`${title}一、春节：放假调休，共9天。`, /^第2行「春节」：放假日期应写作/);
  bad(`${title}一、春节：2月23日至15日放假。`, /^第2行「春节」：放假结束日 2027-02-15 早于开始日 2027-02-23$/);
  bad(`${title}一、春节：15日至23日放假。`, /^第2行「春节」：「15日」缺少月份/);
  bad(`${title}一、元旦：元旦快乐。`, /^第2行「元旦」：未找到放假日期/);
  bad('今年放假很多。', /^未找到年份/);
  bad('春节放假九天', /^未找到放假安排/, 2027);
  bad(`${title}一、元旦：1月1日放假。`, /与所选年份 2028 不一致/, 2028);
});
