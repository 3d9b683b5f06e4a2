// Which scheduled backups to keep: the newest archive of each of the last `daily` days that have one, of each of the
// last `weekly` ISO weeks and of each of the last `monthly` months (days, weeks and months in Asia/Shanghai); every
// other archive goes. Pure: no files, no clock.
import { backupTimeOf } from './model.ts';

export interface Retention {
  daily: number;
  weekly: number;
  monthly: number;
}

/** The calendar day in Asia/Shanghai (UTC+8, no daylight saving): YYYY-MM-DD. */
const shanghaiDay = (t: Date) => new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** ISO week (Monday first) of a YYYY-MM-DD day: YYYY-Www. */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the Thursday of this week decides its year
  const year = d.getUTCFullYear();
  const week = 1 + Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / (7 * 86400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The archive names to delete, among `names` (names that are not backup archives are never listed). */
export function backupsToDelete(names: readonly string[], keep: Retention): string[] {
  const dated = names
    .map((name) => ({ name, at: backupTimeOf(name) }))
    .filter((b): b is { name: string; at: Date } => b.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.name < b.name ? 1 : -1)); // newest first
  const kept = new Set<string>();
  const rule = (bucket: (day: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of dated) {
      if (seen.size >= count) break;
      const key = bucket(shanghaiDay(b.at));
      if (seen.has(key)) continue;
      seen.add(key);
      kept.add(b.name);
    }
  };
  rule((day) => day, keep.daily);
  rule(isoWeek, keep.weekly);
  rule((day) => day.slice(0, 7), keep.monthly);
  return dated.filter((b) => !kept.has(b.name)).map((b) => b.name);
}
