// Which shifts are "mine" now: published shifts of my duty units that I stand (or lead) and may check in to — from an
// hour before they start until they end — and shifts where I am the approved replacement still to arrive.
import { get, query } from '../api.ts';
import { dayjs, todayInShanghai } from '../format.ts';
import type { DutyCalendar, NowDto } from './types.ts';

const EARLY_MS = 60 * 60 * 1000; // 到岗 is accepted from an hour before the shift (src/duty/attendance.ts)

export async function myShiftIds(me: string, unitIds: string[], now: NowDto): Promise<string[]> {
  const today = todayInShanghai();
  const from = dayjs(today).subtract(1, 'day').format('YYYY-MM-DD');
  const to = dayjs(today).add(2, 'day').format('YYYY-MM-DD');
  const t = Date.parse(now.at);
  const calendars = await Promise.all(
    unitIds.map((unitId) => get<DutyCalendar>(`/api/duty/calendar${query({ unitId, from, to })}`)),
  );
  const ids = new Set<string>();
  for (const cal of calendars) {
    const published = new Set(cal.rosters.filter((r) => r.state === 'published').map((r) => r.id));
    for (const s of cal.shifts) {
      const mine = s.leader?.id === me || s.officers.some((o) => o.id === me);
      if (mine && published.has(s.rosterId) && Date.parse(s.startsAt) - EARLY_MS <= t && t < Date.parse(s.endsAt))
        ids.add(s.id);
    }
  }
  for (const u of now.units)
    for (const s of u.shifts) if (s.awaiting.some((a) => a.replacement.id === me)) ids.add(s.shiftId);
  return [...ids];
}
