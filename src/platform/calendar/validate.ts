// Checks an imported year's schedule (国务院办公厅关于…年部分节假日安排的通知) before it can move any deadline.
// Pure: unknown JSON in, a normalised CalendarYear out, or a 400 naming the field in zh-CN.
import { invalid } from '../errors.ts';
import { type CalendarYear, isIsoDate, isWeekend } from './model.ts';

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const DAY_MS = 24 * 60 * 60 * 1000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(field: string, label: string, value: unknown, max: number): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (!t) throw invalid(field, `请填写${label}（${field}）`);
  if ([...t].length > max) throw invalid(field, `${label}（${field}）不能超过 ${max} 个字`);
  return t;
}

function dateIn(field: string, value: unknown, year: number): string {
  if (typeof value !== 'string' || !isIsoDate(value))
    throw invalid(field, `${field}：「${String(value)}」不是有效日期，应为 YYYY-MM-DD`);
  if (Number(value.slice(0, 4)) !== year)
    throw invalid(field, `${field}：${value} 不在 ${year} 年内，每年的安排只能包含本年的日期`);
  return value;
}

function dateList(field: string, value: unknown, year: number, allowEmpty: boolean): string[] {
  if (!Array.isArray(value)) throw invalid(field, `${field} 须为日期列表`);
  if (!allowEmpty && value.length === 0) throw invalid(field, `${field} 不能为空`);
  const days = value.map((d, i) => dateIn(`${field}.${i}`, d, year));
  const seen = new Set<string>();
  days.forEach((d, i) => {
    if (seen.has(d)) throw invalid(`${field}.${i}`, `${field}：${d} 重复出现`);
    seen.add(d);
  });
  return days.sort();
}

/** A holiday run (放假) is consecutive days: a gap is a typing error, since the notice states "X月X日至X日". */
function assertConsecutive(field: string, name: string, days: string[]): void {
  for (let i = 1; i < days.length; i++) {
    if (Date.parse(days[i]) - Date.parse(days[i - 1]) !== DAY_MS) {
      throw invalid(field, `${field}：「${name}」的放假日期须连续，${days[i - 1]} 与 ${days[i]} 之间有间断`);
    }
  }
}

export function parseCalendarYear(input: unknown, expectedYear?: number): CalendarYear {
  if (!isObject(input)) throw invalid('year', '节假日安排须为 JSON 对象，包含 year、source、holidays、makeupWorkdays');
  const year = input.year ?? expectedYear;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw invalid('year', `年份（year）须为 ${MIN_YEAR}–${MAX_YEAR} 之间的整数`);
  }
  if (expectedYear !== undefined && year !== expectedYear) {
    throw invalid('year', `年份（year）为 ${year}，与导入的年份 ${expectedYear} 不一致`);
  }
  const source = text('source', '通知名称及文号', input.source, 200);
  if (!Array.isArray(input.holidays) || input.holidays.length === 0) {
    throw invalid('holidays', '放假安排（holidays）不能为空，请按通知逐项填写');
  }
  const holidayOf = new Map<string, string>();
  const holidays = input.holidays.map((h, i) => {
    const field = `holidays.${i}`;
    if (!isObject(h)) throw invalid(field, `${field} 须包含 name 和 days`);
    const name = text(`${field}.name`, '节日名称', h.name, 20);
    const days = dateList(`${field}.days`, h.days, year, false);
    assertConsecutive(`${field}.days`, name, days);
    for (const d of days) {
      const other = holidayOf.get(d);
      if (other) throw invalid(`${field}.days`, `${d} 同时列在「${other}」和「${name}」的放假日期中`);
      holidayOf.set(d, name);
    }
    return { name, days };
  });
  const makeupWorkdays = dateList('makeupWorkdays', input.makeupWorkdays ?? [], year, true);
  makeupWorkdays.forEach((d, i) => {
    const field = `makeupWorkdays.${i}`;
    if (holidayOf.has(d)) throw invalid(field, `${d} 既是「${holidayOf.get(d)}」的放假日，又是调休上班日`);
    if (!isWeekend(d))
      throw invalid(field, `调休上班日（makeupWorkdays）${d} 不是周六或周日：工作日本来就上班，无需调休`);
  });
  holidays.sort((a, b) => a.days[0].localeCompare(b.days[0]));
  return { year, source, holidays, makeupWorkdays };
}
