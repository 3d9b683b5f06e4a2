// 异常事件: the incidents this person may see, filtered by unit, state and monitor (the filters live in the address);
// the ones nobody has taken up are marked 待接手, and those past the time to take them up (or already escalated) stand
// out. 导出 Excel gives the same selection as the 异常情况登记表 offices file.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { UnitSelect } from '../admin/UnitSelect.tsx';
import { get, query } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useUnits } from '../units.ts';
import { LevelTag, StateTag } from './LevelTag.tsx';
import { optionsOf, useWatchNames } from './names.ts';
import { type IncidentView, isUnacknowledged, type Monitor } from './types.ts';
import './watch.css';

const FILTERS = ['unit', 'state', 'monitor', 'site', 'account'] as const;

export function IncidentsPage() {
  const [params, setParams] = useSearchParams();
  const { units, unitName } = useUnits();
  const names = useWatchNames();
  const f = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<
    (typeof FILTERS)[number],
    string | undefined
  >;
  const set = (key: string, value: string | undefined) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  const state = f.state === 'open' ? undefined : f.state;
  const filters = {
    unitId: f.unit,
    state,
    open: f.state === 'open' ? '1' : undefined,
    monitor: f.monitor,
    siteId: f.site,
    accountId: f.account,
  };
  const url = `/api/watch/incidents${query({ ...filters, limit: 500 })}`;
  const exportUrl = `/api/watch/incidents/export${query(filters)}`;
  const { data, loading, error, reload } = useLoad(() => get<IncidentView[]>(url), [url]);
  // Overdue first, then those waiting to be taken up, then the rest; newest first within each.
  const urgency = (i: IncidentView) => (i.overdue ? 0 : isUnacknowledged(i.state) ? 1 : 2);
  const list = [...(data ?? [])].sort((a, b) => urgency(a) - urgency(b) || b.openedAt.localeCompare(a.openedAt));
  const overdue = list.filter((i) => i.overdue).length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        异常事件
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <UnitSelect
            units={units}
            value={f.unit}
            allowClear
            placeholder="全部单位"
            onChange={(v) => set('unit', v)}
            style={{ width: 180 }}
            aria-label="单位"
            data-testid="incident-unit"
          />
          <Select<string>
            value={f.state}
            allowClear
            placeholder="全部状态"
            onChange={(v) => set('state', v)}
            style={{ width: 140 }}
            aria-label="状态"
            data-testid="incident-state-filter"
            options={[{ value: 'open', label: '未恢复（全部）' }, ...optionsOf(names.incidentState)]}
          />
          <Select<string>
            value={f.monitor}
            allowClear
            placeholder="全部监测"
            onChange={(v) => set('monitor', v)}
            style={{ width: 140 }}
            aria-label="监测"
            data-testid="incident-monitor"
            options={optionsOf(names.monitor)}
          />
          {(f.site || f.account) && (
            <Button
              onClick={() => {
                set('site', undefined);
                set('account', undefined);
              }}>
              显示全部网站和账号
            </Button>
          )}
          <Button onClick={reload}>刷新</Button>
          <Tooltip title="按当前筛选条件导出异常情况登记表（发现时间、已通知人员、处理过程、恢复时间）">
            <Button icon={<DownloadOutlined />} href={exportUrl} download data-testid="incident-export">
              导出 Excel
            </Button>
          </Tooltip>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} />}
      {overdue > 0 && (
        <Alert
          type="error"
          showIcon
          title={`有 ${overdue} 个事件超过时限无人接手处理，请立即处理`}
          data-testid="incidents-overdue"
        />
      )}
      <Table<IncidentView>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data && list}
        data-testid="incident-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '没有符合条件的异常事件' }}
        rowClassName={(i) => (i.overdue ? 'watch-overdue' : isUnacknowledged(i.state) ? 'watch-unacked' : '')}
        columns={[
          { title: '发现时间', dataIndex: 'openedAt', width: 140, render: formatTime },
          {
            title: '对象',
            key: 'subject',
            width: 220,
            render: (_, i) => (
              <>
                {i.subject.name}
                <br />
                <Typography.Text type="secondary">{unitName(i.unitId)}</Typography.Text>
              </>
            ),
          },
          { title: '监测', dataIndex: 'monitor', width: 80, render: (m: Monitor) => names.monitor[m] },
          {
            title: '情况',
            dataIndex: 'summary',
            render: (s: string, i) => (
              <Link to={`/watch/incidents/${i.id}`} data-testid="incident-link">
                {s}
              </Link>
            ),
          },
          {
            title: '级别',
            dataIndex: 'level',
            width: 90,
            render: (l: IncidentView['level']) => <LevelTag level={l} />,
          },
          {
            title: '状态',
            key: 'state',
            width: 150,
            render: (_, i) => (
              <Space size={4} wrap>
                <StateTag state={i.state} />
                {i.overdue ? (
                  <Tag color="red" data-testid="incident-overdue">
                    {i.escalations ? '超时已升级' : '超时未接手'}
                  </Tag>
                ) : (
                  isUnacknowledged(i.state) && <Tag color="orange">待接手</Tag>
                )}
              </Space>
            ),
          },
          {
            title: '最近观测',
            dataIndex: 'lastObservedAt',
            width: 140,
            render: (t: string, i) => (
              <>
                {formatTime(t)}
                <br />
                <Typography.Text type="secondary">共 {i.observations} 次</Typography.Text>
              </>
            ),
          },
        ]}
      />
    </Space>
  );
}
