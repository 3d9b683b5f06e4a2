// The days a month or week view shows: whole weeks, Monday first, as YYYY-MM-DD strings (dates only, no time zone).
import { dayjs } from '../format.ts';

export type ViewMode = 'month' | 'week';

const mondayOf = (d: string) => {
  const x = dayjs(d);
  return x.subtract((x.day() + 6) % 7, 'day');
};

export function visibleDays(anchor: string, mode: ViewMode): string[] {
  const start = mode === 'week' ? mondayOf(anchor) : mondayOf(dayjs(anchor).startOf('month').format('YYYY-MM-DD'));
  const weeks =
    mode === 'week' ? 1 : Math.ceil((dayjs(anchor).endOf('month').startOf('day').diff(start, 'day') + 1) / 7);
  return Array.from({ length: weeks * 7 }, (_, i) => start.add(i, 'day').format('YYYY-MM-DD'));
}

export const shiftAnchor = (anchor: string, mode: ViewMode, by: number) =>
  dayjs(anchor).add(by, mode).format('YYYY-MM-DD');

export function periodTitle(anchor: string, mode: ViewMode): string {
  if (mode === 'month') return dayjs(anchor).format('YYYY年M月');
  const days = visibleDays(anchor, 'week');
  return `${dayjs(days[0]).format('YYYY年M月D日')} — ${dayjs(days[6]).format('M月D日')}`;
}

export const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];
