// The frame around every screen: the menu on the left (what this person may use), who is signed in, 退出.
import {
  AlertOutlined,
  AuditOutlined,
  BookOutlined,
  ApartmentOutlined,
  EditOutlined,
  HomeOutlined,
  LogoutOutlined,
  ScheduleOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { OVERSIGHT_MENU, oversightMenu } from '../oversight/menu.tsx';
import { useSession } from '../session.tsx';
import { CalendarBanner } from './CalendarBanner.tsx';

const LEDGER_ROLES = ['sectionHead', 'leader', 'principal', 'secrecy', 'egovCenter', 'inspector', 'auditAdmin'];
// 值班: the duty people, the roster keepers (分管领导、主要领导) and the district roles that must reach the officer on shift.
const DUTY_ROLES = [
  'dutyOfficer',
  'dutyLeader',
  'leader',
  'principal',
  'egovCenter',
  'inspector',
  'sysAdmin',
  'auditAdmin',
];
// 值班设置: kept by whom src/org/policy/duty.ts canManageRoster allows (its 带班领导 and leadership, the 系统管理员); the duty
// officers see it read-only and take out their own calendar subscription there.
const DUTY_SETUP_ROLES = ['dutyOfficer', 'dutyLeader', 'leader', 'principal', 'sysAdmin'];
const DUTY_MENU: [string, string, string[]?][] = [
  ['/duty/now', '今日值班'],
  ['/duty/emergencies', '突发事件'],
  ['/duty/roster', '排班'],
  ['/duty/changes', '离岗申请'],
  ['/duty/handovers', '交接班'],
  ['/duty/notices', '通知登记'],
  ['/duty/setup', '值班设置', DUTY_SETUP_ROLES],
];
// 读网监测: who src/org/policy/watch.ts lets see monitoring (duty people of a unit, and the district roles).
const WATCH_ROLES = ['dutyOfficer', 'dutyLeader', 'egovCenter', 'inspector', 'sysAdmin', 'auditAdmin'];
const WATCH_MENU: [string, string][] = [
  ['/watch/overview', '监测总览'],
  ['/watch/incidents', '异常事件'],
  ['/watch/settings', '通知设置'],
];

// 重大行政决策: whoever the session's decisions.view allows (src/org/policy/decisions.ts canReadDecisions).
const DECISIONS_MENU: [string, string][] = [
  ['/decisions/catalog', '事项目录'],
  ['/decisions/board', '年度看板'],
];

export function AppLayout() {
  const { user, labels, signOut } = useSession();
  const { pathname } = useLocation();
  if (!user || !labels) return null;
  const roles = [...new Set(user.roles.map((r) => labels.role[r.role] ?? r.role))].join('、');
  const dutyMenu = DUTY_MENU.filter(([, , only]) => !only || user.roles.some((r) => only.includes(r.role)));
  const items = [
    { key: '/', icon: <HomeOutlined />, label: <Link to="/">工作台</Link> },
    { key: '/items/new', icon: <EditOutlined />, label: <Link to="/items/new">新建稿件</Link> },
    ...(user.roles.some((r) => LEDGER_ROLES.includes(r.role))
      ? [{ key: '/ledger', icon: <AuditOutlined />, label: <Link to="/ledger">台账</Link> }]
      : []),
    ...oversightMenu(user),
    ...(user.roles.some((r) => DUTY_ROLES.includes(r.role))
      ? [
          {
            key: '/duty',
            icon: <ScheduleOutlined />,
            label: '值班',
            children: dutyMenu.map(([key, label]) => ({
              key,
              label: (
                <Link to={key} data-testid={`menu-${key.slice(6)}`}>
                  {label}
                </Link>
              ),
            })),
          },
        ]
      : []),
    ...(user.roles.some((r) => WATCH_ROLES.includes(r.role))
      ? [
          {
            key: '/watch',
            icon: <AlertOutlined />,
            label: '读网监测',
            children: WATCH_MENU.map(([key, label]) => ({
              key,
              label: (
                <Link to={key} data-testid={`menu-watch-${key.slice(7)}`}>
                  {label}
                </Link>
              ),
            })),
          },
        ]
      : []),
    ...(user.abilities.viewGazette
      ? [
          {
            key: '/gazette',
            icon: <BookOutlined />,
            label: (
              <Link to="/gazette" data-testid="menu-gazette">
                政府公报
              </Link>
            ),
          },
        ]
      : []),
    ...(user.abilities.decisions.view
      ? [
          {
            key: '/decisions',
            icon: <ApartmentOutlined />,
            label: '重大行政决策',
            children: DECISIONS_MENU.map(([key, label]) => ({
              key,
              label: (
                <Link to={key} data-testid={`menu-${key.slice(1).replace('/', '-')}`}>
                  {label}
                </Link>
              ),
            })),
          },
        ]
      : []),
    ...(user.abilities.manageOrg || user.abilities.listUsers
      ? [{ key: '/admin', icon: <SettingOutlined />, label: <Link to="/admin">管理</Link> }]
      : []),
  ];
  const keys = [
    ...items.map((i) => i.key),
    ...[...DUTY_MENU, ...WATCH_MENU, ...DECISIONS_MENU, ...OVERSIGHT_MENU].map(([k]) => k),
  ];
  // A decision's own page belongs to the 目录 it is in.
  const path = pathname.startsWith('/decisions/items/') ? '/decisions/catalog' : pathname;
  const selected = keys.filter((k) => (k === '/' ? path === '/' : path.startsWith(k)));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={188} theme="dark" breakpoint="lg" collapsedWidth={64}>
        <div style={{ color: '#fff', padding: '18px 16px', fontSize: 18, fontWeight: 600 }}>gongkai 公开</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected}
          defaultOpenKeys={['/duty', '/watch', '/decisions', '/oversight']}
          items={items}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
          }}>
          <Space size="large">
            <Typography.Text data-testid="current-user">
              {user.name}（{roles}）
            </Typography.Text>
            <Link to="/password" data-testid="menu-password">
              修改密码
            </Link>
            <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 20 }}>
          <CalendarBanner />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
