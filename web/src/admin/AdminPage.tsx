// 管理 (admin only): units and sections, channels and columns, users and roles, the 智能校对 dictionaries and the
// holiday calendar, one tab each; the tab is part of the address (/admin/users) so that it survives a reload.
import { Card, Result, Tabs, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useSession } from '../session.tsx';
import { CalendarTab } from './CalendarTab.tsx';
import { ChannelsTab } from './ChannelsTab.tsx';
import { DictionariesTab } from './DictionariesTab.tsx';
import { UnitsTab } from './UnitsTab.tsx';
import { UsersTab } from './UsersTab.tsx';

const TABS = [
  { key: 'units', label: '单位与科室', Tab: UnitsTab },
  { key: 'channels', label: '渠道与栏目', Tab: ChannelsTab },
  { key: 'users', label: '用户与角色', Tab: UsersTab },
  { key: 'dictionaries', label: '词典', Tab: DictionariesTab },
  { key: 'calendar', label: '节假日', Tab: CalendarTab },
];

export function AdminPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const sub = useParams()['*'] ?? '';
  const active = TABS.some((t) => t.key === sub) ? sub : 'units';
  if (!user?.abilities.manageOrg) return <Result status="403" title="无权访问" subTitle="需要管理员身份才能进入管理页面" />;
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>管理</Typography.Title>
      <Tabs activeKey={active} onChange={(k) => navigate(`/admin/${k}`)} items={TABS.map(({ key, label, Tab }) => ({
        key, label: <span data-testid={`admin-tab-${key}`}>{label}</span>, children: <Tab />,
      }))} />
    </Card>
  );
}
