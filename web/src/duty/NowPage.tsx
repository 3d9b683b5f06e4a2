// 今日值班: who is on duty now in each unit I may see — 值班人员 and 带班领导 with their duty phones, whether they have
// checked in, and an approved 离岗 still "等待接替人员到岗" (the person leaving stays on duty until then); my own shift
// with 签到 / 签退 on top.
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { get } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useSession } from '../session.tsx';
import { useUnits } from '../units.ts';
import './duty.css';
import { myShiftIds } from './myShifts.ts';
import { ShiftAttendance } from './ShiftAttendance.tsx';
import type { DutyPerson, NowDto, OnDutyPerson, OnDutyShift } from './types.ts';

const DUTY_ROLES = ['dutyOfficer', 'dutyLeader'];
const REFRESH_MS = 60_000;

const personText = (p: DutyPerson | null) => (p ? `${p.name}${p.phone ? `（${p.phone}）` : ''}` : '—');

function Person({ p, testId }: { p: OnDutyPerson; testId: string }) {
  return (
    <div data-testid={testId} data-name={p.name}>
      {personText(p)} {p.checkedIn ? <Tag color="green">已到岗</Tag> : <Tag>未签到</Tag>}
    </div>
  );
}

export function NowPage() {
  const { user } = useSession();
  const { unitName } = useUnits();
  const now = useLoad(() => get<NowDto>('/api/duty/now'), []);
  const dutyUnits = [...new Set((user?.roles ?? []).filter((r) => DUTY_ROLES.includes(r.role)).map((r) => r.unitId))];
  const mine = useLoad(async () => (now.data && user ? myShiftIds(user.id, dutyUnits, now.data) : []), [now.data]);
  const { reload } = now;
  useEffect(() => {
    const t = setInterval(reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          今日值班
        </Typography.Title>
        <Space>
          {now.data && <Typography.Text type="secondary">更新于 {formatTime(now.data.at)}</Typography.Text>}
          <Button icon={<ReloadOutlined />} onClick={reload} loading={now.loading} data-testid="now-reload">
            刷新
          </Button>
        </Space>
      </Space>
      {now.error && <Alert type="error" showIcon title={now.error} />}
      {mine.error && <Alert type="error" showIcon title={mine.error} />}
      {user && (mine.data ?? []).map((id) => <ShiftAttendance key={id} shiftId={id} me={user.id} onChanged={reload} />)}
      {!now.data ? (
        <Spin tip="正在加载…">
          <div style={{ height: 120 }} />
        </Spin>
      ) : now.data.units.length === 0 ? (
        <Empty description="没有可查看的单位" />
      ) : (
        now.data.units.map((u) => (
          <Card
            key={u.unitId}
            size="small"
            title={unitName(u.unitId)}
            data-testid="now-unit"
            data-unit={unitName(u.unitId)}>
            {u.emergencies.map((e) => (
              <Alert
                key={e.id}
                type="warning"
                showIcon
                style={{ marginBottom: 8 }}
                data-testid="now-emergency"
                title={
                  <>
                    突发事件处置中：{e.title}
                    {e.district ? '（全区）' : ''} <Link to="/duty/emergencies">查看处置</Link>
                  </>
                }
              />
            ))}
            <Table<OnDutyShift>
              rowKey="shiftId"
              size="small"
              pagination={false}
              dataSource={u.shifts}
              locale={{ emptyText: <Typography.Text type="danger">现在没有已发布的值班班次</Typography.Text> }}
              columns={[
                {
                  title: '班次',
                  dataIndex: 'name',
                  width: 200,
                  render: (n: string, s) => (
                    <>
                      {n}
                      <br />
                      <Typography.Text type="secondary">
                        {formatTime(s.startsAt)} 至 {formatTime(s.endsAt)}
                      </Typography.Text>
                    </>
                  ),
                },
                {
                  title: '值班人员',
                  key: 'o',
                  render: (_, s) => s.officers.map((p) => <Person key={p.id} p={p} testId="now-officer" />),
                },
                {
                  title: '带班领导',
                  key: 'l',
                  width: 260,
                  render: (_, s) => (s.leader ? <Person p={s.leader} testId="now-leader" /> : '—'),
                },
                {
                  title: '离岗',
                  key: 'a',
                  width: 280,
                  render: (_, s) =>
                    s.awaiting.map((a) => (
                      <Tag key={a.changeId} color="orange" data-testid="awaiting">
                        等待接替人员到岗：{a.leaving.name}离岗，由{a.replacement.name}接替
                      </Tag>
                    )),
                },
              ]}
            />
            {u.reinforcements.length > 0 && (
              <Typography.Paragraph style={{ marginTop: 8 }}>
                增加处置力量：{u.reinforcements.map(personText).join('、')}
              </Typography.Paragraph>
            )}
          </Card>
        ))
      )}
    </Space>
  );
}
