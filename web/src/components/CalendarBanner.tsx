// From 1 November, until next year's holiday schedule is imported, the 系统管理员 and the 区政府办公室 see this banner
// (who, and which year: GET /api/calendar/reminder, decided by src/org/policy/calendar.ts).
import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { get } from '../api.ts';
import { useLoad } from '../hooks.ts';

export function CalendarBanner() {
  const r = useLoad(() => get<{ year: number | null; show: boolean }>('/api/calendar/reminder'), []);
  if (!r.data?.show || r.data.year === null) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="calendar-banner"
      style={{ marginBottom: 16 }}
      title={
        <>
          尚未导入 {r.data.year} 年节假日安排：跨入该年的期限和值班暂按周一至周五推算（暂定）。国务院办公厅通知发布后，
          请在 <Link to="/admin/calendar">管理 › 节假日</Link> 粘贴通知原文导入。
        </>
      }
    />
  );
}
