// Dates people type and read are in Asia/Shanghai (UTC+8, no daylight saving); storage is UTC ISO.
import { invalid } from '../platform/errors.ts';

const OFFSET_MS = 8 * 3600 * 1000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** '2026-03-01' → the UTC instant of that day's 00:00 in Beijing; null if not a real date. */
export function startOfBeijingDay(date: string): Date | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return new Date(utc - OFFSET_MS);
}

/** '2026-03-01T16:30:00.000Z' → '2026-03-02 00:30:00' Beijing time. */
export function beijingDateTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + OFFSET_MS).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`;
}

export interface InstantRange {
  from?: string; // ISO, inclusive
  to?: string; // ISO, exclusive
}

/** Inclusive Beijing dates (either may be absent) → the UTC instants they span; a 400 naming the field otherwise. */
export function beijingDayRange(from: string | undefined, to: string | undefined): InstantRange {
  const start = from === undefined ? undefined : startOfBeijingDay(from);
  if (start === null) throw invalid('from', `开始日期「${from}」不正确，应为 YYYY-MM-DD`);
  const toStart = to === undefined ? undefined : startOfBeijingDay(to);
  if (toStart === null) throw invalid('to', `结束日期「${to}」不正确，应为 YYYY-MM-DD`);
  if (start && toStart && toStart < start) throw invalid('to', '结束日期不能早于开始日期');
  return { from: start?.toISOString(), to: toStart && new Date(toStart.getTime() + 24 * 3600 * 1000).toISOString() };
}

/** '2026-03-01T16:30:00.000Z' → '2026-03-02 00:30' Beijing time, as a signed sheet shows it. */
export function beijingMinute(iso: string): string {
  return beijingDateTime(iso).slice(0, 16);
}
