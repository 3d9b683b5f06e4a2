// Dates as government sites write them next to items: 2022-11-04, 2022年11月4日, 2022/11/04, 2022.11.04 (also
// with a time after them). Days are calendar days in Asia/Shanghai (STYLE.md §2), dates kept as 'YYYY-MM-DD'.

const DATE =
  /(?<!\d)((?:19|20)\d{2})\s*(?:([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)(?!\d)/g;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Every valid date in the text, in order, as 'YYYY-MM-DD'. */
export function findDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DATE)) {
    const y = Number(m[1]);
    const mo = Number(m[3] ?? m[5]);
    const d = Number(m[4] ?? m[6]);
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCMonth() === mo - 1 && t.getUTCDate() === d) out.push(t.toISOString().slice(0, 10));
  }
  return out;
}

/** Today in Asia/Shanghai, 'YYYY-MM-DD'. */
export function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from a 'YYYY-MM-DD' date to today in Shanghai (0 = today). */
export function daysSince(date: string, now: Date): number {
  return Math.round((Date.parse(shanghaiDay(now)) - Date.parse(date)) / DAY_MS);
}

/** The newest date not after today (a date in the future is a typo or a forged date, never proof of an update). */
export function newestDate(dates: Iterable<string>, now: Date): string | undefined {
  const today = shanghaiDay(now);
  let best: string | undefined;
  for (const d of dates) if (d <= today && (!best || d > best)) best = d;
  return best;
}
