// 工作日历: statutory holidays (法定节假日) and 调休 make-up working days, one table per year, and the working-day
// arithmetic of the disclosure clocks (INSPECTION.md "Disclosure clocks"). Pure: no clock, no I/O.
// Dates are 'YYYY-MM-DD' strings in Asia/Shanghai. A year missing from the table is never a silent guess and never a
// halt (DOMAIN.md §5): its days count on a provisional calendar (暂定: Monday–Friday working), and every result that
// touched such a day says so (`provisional: true`), so that it is marked 暂定 and recomputed when the year arrives.
import { AppError } from '../errors.ts';

/** One year's schedule as the State Council's notice (国务院办公厅关于…年部分节假日安排的通知) states it. */
export interface CalendarYear {
  year: number;
  source: string; // the notice's title and 文号
  holidays: { name: string; days: string[] }[]; // 放假日 (including the weekend days inside a holiday run)
  makeupWorkdays: string[]; // 调休上班的周末日
}

export interface Calendar {
  readonly years: ReadonlyMap<number, CalendarYear>;
  readonly holidays: ReadonlySet<string>;
  readonly makeupWorkdays: ReadonlySet<string>;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;
// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for every date we handle.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export function buildCalendar(years: readonly CalendarYear[]): Calendar {
  const byYear = new Map<number, CalendarYear>();
  for (const y of years) byYear.set(y.year, y);
  const holidays = new Set<string>();
  const makeupWorkdays = new Set<string>();
  for (const y of byYear.values()) {
    for (const h of y.holidays) for (const d of h.days) holidays.add(d);
    for (const d of y.makeupWorkdays) makeupWorkdays.add(d);
  }
  return { years: byYear, holidays, makeupWorkdays };
}

/** The calendar day of an instant in Asia/Shanghai. */
export function toShanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function dayNumber(date: string): number {
  if (!isIsoDate(date)) throw new AppError(400, 'INVALID_DATE', `日期「${date}」格式不正确，应为 YYYY-MM-DD`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(date: string): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

export const isWeekend = (date: string): boolean => {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
};

/** True when the date's year has no official schedule, so the provisional calendar (Monday–Friday) counts it. */
export function isProvisionalDay(cal: Calendar, date: string): boolean {
  dayNumber(date);
  return !cal.years.has(Number(date.slice(0, 4)));
}

/** A weekday that is not a holiday, or a weekend day declared a make-up working day (调休上班); 暂定: Monday–Friday. */
export function isWorkingDay(cal: Calendar, date: string): boolean {
  dayNumber(date);
  if (cal.makeupWorkdays.has(date)) return true;
  return !isWeekend(date) && !cal.holidays.has(date);
}

/** A date computed on the calendar; provisional when a day it counted lies in a year without an official schedule. */
export interface WorkingDate {
  date: string;
  provisional: boolean;
}

/** True when some day after `from` up to and including `to` lies in a year without an official schedule. */
export function spansProvisional(cal: Calendar, from: string, to: string): boolean {
  const [lo, hi] = [dayNumber(from), dayNumber(to)].sort((a, b) => a - b);
  if (lo === hi) return false;
  for (let y = Number(dateOf(lo + 1).slice(0, 4)); y <= Number(dateOf(hi).slice(0, 4)); y++) {
    if (!cal.years.has(y)) return true;
  }
  return false;
}

/**
 * The deadline n working days after receipt: day 0 is the day of receipt, counting starts the next day, and the
 * deadline is the n-th working day after it (n = 0: the day of receipt itself). See workingDeadline for the flag.
 */
export function addWorkingDays(cal: Calendar, receivedOn: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new AppError(400, 'INVALID_INPUT', '工作日天数须为非负整数', 'add');
  let day = dayNumber(receivedOn);
  for (let left = n; left > 0; ) {
    day += 1;
    if (isWorkingDay(cal, dateOf(day))) left -= 1;
  }
  return dateOf(day);
}

/** addWorkingDays with its provisional flag: what every stored or shown deadline uses. */
export function workingDeadline(cal: Calendar, receivedOn: string, n: number): WorkingDate {
  const date = addWorkingDays(cal, receivedOn, n);
  return { date, provisional: spansProvisional(cal, receivedOn, date) };
}

/**
 * Working days after `from` up to and including `to` ("还剩 3 个工作日"); negative when `to` is before `from`
 * (a deadline `to` passed by that many working days as of `from`: "已超期").
 */
export function workingDaysBetween(cal: Calendar, from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) if (isWorkingDay(cal, dateOf(d))) count++;
  return sign * count;
}

/** From 1 November the State Council's schedule of next year is awaited (DOMAIN.md §5). */
export const REMIND_FROM_MONTH = 11;

/**
 * The year whose official schedule is missing and should be imported now, as of `today`: next year from 1 November,
 * and the current year whenever it is missing (the notice came late, or nobody imported it). Null: nothing to remind.
 */
export function yearToImport(cal: Calendar, today: string): number | null {
  const year = Number(today.slice(0, 4));
  if (!cal.years.has(year)) return year;
  return Number(today.slice(5, 7)) >= REMIND_FROM_MONTH && !cal.years.has(year + 1) ? year + 1 : null;
}
