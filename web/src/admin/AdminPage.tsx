// 管理: one tab each for units and sections, channels and columns, the 智能校对 dictionaries and the holiday calendar
// (the 系统管理员's), and users and roles (the 安全管理员's; the 审计管理员 reads it) — 三员分立, each sees only theirs.
// The tab is part of the address (/admin/users) so that it survives a reload.
import { Card, Result, Tabs, Typography } from 'antd';
import type { ComponentType } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useSession } from '../session.tsx';
import { CalendarTab } from './CalendarTab.tsx';
import { ChannelsTab } from './ChannelsTab.tsx';
import { DictionariesTab } from './DictionariesTab.tsx';
import { UnitsTab } from './UnitsTab.tsx';
import { UsersTab } from './UsersTab.tsx';

type Ability = 'manageOrg' | 'listUsers';
const TABS: { key: string; label: string; Tab: ComponentType; needs: Ability }[] = [
  { key: 'units', label: '单位与科室', Tab: UnitsTab, needs: 'manageOrg' },
  { key: 'channels', label: '渠道与栏目', Tab: ChannelsTab, needs: 'manageOrg' },
  { key: 'users', label: '用户与角色', Tab: UsersTab, needs: 'listUsers' },
  { key: 'dictionaries', label: '词典', Tab: DictionariesTab, needs: 'manageOrg' },
  { key: 'calendar', label: '节假日', Tab: CalendarTab, needs: 'manageOrg' },
];

export function AdminPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const sub = useParams()['*'] ?? '';
  const tabs = TABS.filter((t) => user?.abilities[t.needs]);
  if (tabs.length === 0)
    return (
      <Result status="403" title="无权访问" subTitle="需要系统管理员、安全管理员或审计管理员身份才能进入管理页面" />
    );
  const active = tabs.some((t) => t.key === sub) ? sub : tabs[0].key;
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        管理
      </Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(k) => navigate(`/admin/${k}`)}
        items={tabs.map(({ key, label, Tab }) => ({
          key,
          label: <span data-testid={`admin-tab-${key}`}>{label}</span>,
          children: <Tab />,
        }))}
      />
    </Card>
  );
}
