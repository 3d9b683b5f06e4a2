// 读网值班 (duty roster): shift templates (班次), day kinds on the holiday calendar, shift times in Asia/Shanghai, and
// which shifts a duty leader (带班领导) must lead. Pure: no clock, database or randomness.
// Source: 綦江府办〔2022〕65号 读网值班制度, DOMAIN.md §4.
import { type Calendar, isIsoDate, isWorkingDay, weekdayOf } from '../platform/calendar/model.ts';
import { invalid } from '../platform/errors.ts';

/** 工作日 (including 调休 make-up days), 休息日 (an ordinary weekend day), 法定节假日 (days of a holiday run). */
export const DAY_KINDS = ['working', 'rest', 'holiday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];
export const DAY_KIND_NAME: Record<DayKind, string> = { working: '工作日', rest: '休息日', holiday: '法定节假日' };

/** §4.2: major meetings and events, important dates — a duty leader leads the shift. */
export const SPECIAL_KINDS = ['majorEvent', 'importantDate'] as const;
export type SpecialKind = (typeof SPECIAL_KINDS)[number];
export const SPECIAL_KIND_NAME: Record<SpecialKind, string> = { majorEvent: '重大活动', importantDate: '重要节点' };

export const WEEKDAY_NAME = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

export const LIMITS = {
  name: 30,
  text: 2000,
  reason: 500,
  pages: 100,
  page: 200,
  people: 20,
  rangeDays: 92,
  phone: 30,
  templates: 20,
} as const;

export interface DutySettings {
  unitId: string;
  minRestMinutes: number; // 两班之间的最短休息
  readings: Record<DayKind, number>; // 每日读网轮次下限
  remindMinutes: number; // 班前提醒提前量
}

// Defaults an admin can change per unit: rest between shifts is a common practice, not in 65号; 读网 twice a
// working day and once a rest day or holiday is the district's usual minimum (the example).
export const DEFAULT_SETTINGS: Omit<DutySettings, 'unitId'> = {
  minRestMinutes: 8 * 60,
  readings: { working: 2, rest: 1, holiday: 1 },
  remindMinutes: 60,
};

export interface Template {
  id: string;
  unitId: string;
  name: string;
  start: string; // HH:MM
  end: string; // HH:MM; not after start: ends the next day (start = end: 24 hours)
  dayKinds: DayKind[];
  leaderRequired: boolean;
  hard: boolean; // counts in the rotation's fairness (夜班、节假日值班)
  active: boolean;
  sort: number;
}

export type TemplateInput = Pick<Template, 'name' | 'start' | 'end' | 'dayKinds' | 'leaderRequired' | 'hard'> & {
  active?: boolean;
};

/** A person as the duty screens show them. */
export interface Person {
  id: string;
  name: string;
  phone: string | null;
}

export interface Shift {
  id: string;
  rosterId: string;
  unitId: string;
  templateId: string | null;
  name: string;
  day: string; // the day it starts on
  startsAt: string; // ISO instant
  endsAt: string;
  hard: boolean;
  leaderRequired: boolean; // the template's own flag
  leaderId: string | null;
  officerIds: string[];
  version: number;
}

export interface Interval {
  startsAt: string;
  endsAt: string;
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const SHANGHAI_MS = 8 * HOUR_MS; // UTC+8 without daylight saving since 1991

export const isTime = (v: string): boolean => TIME_RE.test(v);

/** The instant of a wall-clock time on a day in Asia/Shanghai, as ms. */
export const instantOf = (day: string, time: string): number => Date.parse(`${day}T${time}:00.000Z`) - SHANGHAI_MS;

/** A template's times on a day: ends the next day when the end is not after the start. */
export function shiftTimes(day: string, start: string, end: string): Interval {
  const s = instantOf(day, start);
  let e = instantOf(day, end);
  if (e <= s) e += DAY_MS;
  return { startsAt: new Date(s).toISOString(), endsAt: new Date(e).toISOString() };
}

const shanghai = (iso: string | number) => new Date(new Date(iso).getTime() + SHANGHAI_MS).toISOString();
export const dayOf = (iso: string | number): string => shanghai(iso).slice(0, 10);
export const timeOf = (iso: string | number): string => shanghai(iso).slice(11, 16);
/** '10月1日 08:30' for messages. */
export function when(iso: string | number): string {
  const s = shanghai(iso);
  return `${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日 ${s.slice(11, 16)}`;
}

export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Every day from `from` up to `to` (exclusive). */
export function daysIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) out.push(d);
  return out;
}

export const weekdayName = (day: string): string => WEEKDAY_NAME[weekdayOf(day)];

/** The day's kind on the holiday calendar; a year without its schedule counts Monday–Friday (暂定, DOMAIN.md §5). */
export function dayKind(cal: Calendar, day: string): DayKind {
  const working = isWorkingDay(cal, day);
  if (cal.holidays.has(day)) return 'holiday';
  return working ? 'working' : 'rest';
}

export function holidayName(cal: Calendar, day: string): string | null {
  const year = cal.years.get(Number(day.slice(0, 4)));
  return year?.holidays.find((h) => h.days.includes(day))?.name ?? null;
}

/** A date range [from, to) of at most LIMITS.rangeDays days, or a 400 naming the field. */
export function checkRange(from: string, to: string, at = ''): void {
  const f = at ? `${at}.` : '';
  if (!isIsoDate(from)) throw invalid(`${f}from`, `开始日期「${from}」格式不正确，应为 YYYY-MM-DD`);
  if (!isIsoDate(to)) throw invalid(`${f}to`, `结束日期「${to}」格式不正确，应为 YYYY-MM-DD`);
  if (to <= from) throw invalid(`${f}to`, '结束日期（不含）须晚于开始日期');
  if (daysIn(from, to).length > LIMITS.rangeDays) throw invalid(`${f}to`, `一次最多安排 ${LIMITS.rangeDays} 天`);
}

const trimmed = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** Trimmed text of 1..max characters, or a 400 naming the field. */
export function requireText(field: string, label: string, value: unknown, max: number): string {
  const t = trimmed(value);
  if (!t) throw invalid(field, `请填写${label}`);
  if ([...t].length > max) throw invalid(field, `${label}不能超过 ${max} 个字`);
  return t;
}

export function optionalText(field: string, label: string, value: unknown, max: number): string {
  const t = trimmed(value);
  if ([...t].length > max) throw invalid(field, `${label}不能超过 ${max} 个字`);
  return t;
}

/** A shift template's fields, checked: 400 naming the field. */
export function checkTemplate(input: Partial<TemplateInput>): TemplateInput {
  const name = requireText('name', '班次名称', input.name, LIMITS.name);
  if (!input.start || !isTime(input.start)) throw invalid('start', '开始时间须为 HH:MM（如 08:30）');
  if (!input.end || !isTime(input.end))
    throw invalid('end', '结束时间须为 HH:MM（如 17:30；早于或等于开始时间表示次日）');
  const kinds = input.dayKinds ?? [];
  if (kinds.length === 0) throw invalid('dayKinds', '请选择班次适用的日子：工作日、休息日或法定节假日');
  const bad = kinds.findIndex((k) => !(DAY_KINDS as readonly string[]).includes(k));
  if (bad >= 0)
    throw invalid(`dayKinds.${bad}`, '适用日子须为工作日（working）、休息日（rest）或法定节假日（holiday）');
  return {
    name,
    start: input.start,
    end: input.end,
    dayKinds: DAY_KINDS.filter((k) => kinds.includes(k)),
    leaderRequired: input.leaderRequired === true,
    hard: input.hard === true,
    ...(input.active !== undefined && { active: input.active }),
  };
}

export function checkSettings(input: Omit<DutySettings, 'unitId'>): Omit<DutySettings, 'unitId'> {
  const whole = (field: string, label: string, v: number, max: number) => {
    if (!Number.isInteger(v) || v < 0 || v > max) throw invalid(field, `${label}须为 0 到 ${max} 之间的整数`);
  };
  whole('minRestMinutes', '两班之间最短休息（分钟）', input.minRestMinutes, 24 * 60);
  whole('remindMinutes', '班前提醒提前量（分钟）', input.remindMinutes, 24 * 60);
  for (const k of DAY_KINDS) whole(`readings.${k}`, `${DAY_KIND_NAME[k]}读网轮次`, input.readings[k], 24);
  return input;
}

export interface SpecialDay {
  id: string;
  unitId: string | null; // null: the whole district
  day: string;
  kind: SpecialKind;
  name: string;
}

export interface EmergencyWindow {
  id: string;
  title: string;
  startsAt: string;
  until: string | null; // null: until closed
}

export const overlaps = (a: Interval, b: { startsAt: string; endsAt: string | null }): boolean =>
  a.startsAt < (b.endsAt ?? '9999') && b.startsAt < a.endsAt;

/** The days (Asia/Shanghai) an interval touches. */
export function daysTouched(i: Interval): string[] {
  return daysIn(dayOf(i.startsAt), addDays(dayOf(new Date(i.endsAt).getTime() - 1), 1));
}

/**
 * §4.2: why a shift needs a duty leader (empty: it does not) — its template says so, or it runs on a statutory holiday,
 * a day marked 重大活动 / 重要节点, or while an emergency is open. A shift touching such a day at all counts.
 */
export function leaderReasons(
  cal: Calendar,
  shift: Interval & { leaderRequired: boolean },
  specials: readonly SpecialDay[],
  emergencies: readonly EmergencyWindow[],
): string[] {
  const reasons: string[] = [];
  if (shift.leaderRequired) reasons.push('该班次要求带班领导');
  for (const d of daysTouched(shift)) {
    if (dayKind(cal, d) === 'holiday')
      reasons.push(`${Number(d.slice(5, 7))}月${Number(d.slice(8))}日为法定节假日（${holidayName(cal, d) ?? ''}）`);
    for (const s of specials.filter((x) => x.day === d))
      reasons.push(`${Number(d.slice(5, 7))}月${Number(d.slice(8))}日为${SPECIAL_KIND_NAME[s.kind]}（${s.name}）`);
  }
  for (const e of emergencies)
    if (overlaps(shift, { startsAt: e.startsAt, endsAt: e.until })) reasons.push(`突发事件处置期间（${e.title}）`);
  return [...new Set(reasons)];
}

/** What a shift weighs in fairness: its minutes, whether it is a night (runs past midnight), whether it falls on a
 * 休息日 or 法定节假日 (weekend/holiday). */
export interface ShiftWeight {
  minutes: number;
  night: boolean;
  offDay: boolean;
}

export function shiftWeight(cal: Calendar, s: Interval & { day: string }): ShiftWeight {
  const minutes = Math.round((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60000);
  const night = dayOf(Date.parse(s.endsAt) - 1) !== dayOf(s.startsAt);
  return { minutes, night, offDay: dayKind(cal, s.day) !== 'working' };
}
