// Dates as the offices write them: YYYY-MM-DD HH:mm, Beijing time.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const TZ = 'Asia/Shanghai';

export const formatTime = (iso: string | null | undefined) =>
  iso ? dayjs(iso).tz(TZ).format('YYYY-MM-DD HH:mm') : '—';
export const formatDate = (isoDate: string | null | undefined) => (isoDate ? isoDate.slice(0, 10) : '—');
export const todayInShanghai = () => dayjs().tz(TZ).format('YYYY-MM-DD');
export { dayjs };
