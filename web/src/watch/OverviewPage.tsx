// 监测总览: every watched site against each 单项否决 line (INSPECTION.md) as 正常 / 预警 / 否决风险 (未检测 before a
// monitor has judged it), with its open incidents; the new-media accounts with the days since their last post
// (僵尸号 at 14 days).
import { Alert, Button, Card, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { get } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { AccountsTable } from './AccountsTable.tsx';
import { LevelTag } from './LevelTag.tsx';
import { LineCell } from './LineCell.tsx';
import { SiteFormModal } from './SiteFormModal.tsx';
import { useWatchNames } from './names.ts';
import type { Overview, SiteSummary } from './types.ts';

export function OverviewPage() {
  const navigate = useNavigate();
  const names = useWatchNames();
  const [adding, setAdding] = useState(false);
  const { data, loading, error, reload } = useLoad(() => get<Overview>('/api/watch/overview'), []);
  const counts = data?.counts;
  const manager = data?.abilities.canManage ?? false;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          监测总览
        </Typography.Title>
        <Space>
          <Typography.Text type="secondary" data-testid="overview-at">
            统计时间：{formatTime(data?.at)}
          </Typography.Text>
          <Button onClick={reload}>刷新</Button>
          {manager && (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="site-add">
              登记网站
            </Button>
          )}
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Space size="middle">
        <Card size="small">
          <Statistic title="正常" value={counts?.ok ?? '—'} styles={{ content: { color: '#389e0d' } }} />
        </Card>
        <Card size="small">
          <Statistic title="预警" value={counts?.warning ?? '—'} styles={{ content: { color: '#d48806' } }} />
        </Card>
        <Card size="small">
          <Statistic title="否决风险" value={counts?.veto ?? '—'} styles={{ content: { color: '#cf1322' } }} />
        </Card>
        <Card size="small">
          <Statistic title="未检测" value={counts?.unchecked ?? '—'} data-testid="count-unchecked" />
        </Card>
      </Space>
      <Card size="small" title="政府网站">
        <Table<SiteSummary>
          rowKey={(s) => s.site.id}
          size="small"
          loading={loading}
          dataSource={data?.sites}
          data-testid="overview-sites"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1100 }}
          locale={{ emptyText: manager ? '还没有登记监测网站，请点击“登记网站”' : '本单位还没有登记监测网站' }}
          onRow={(s) =>
            ({ 'data-testid': `site-row-${s.site.name}`, 'data-level': s.level }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: '网站',
              key: 'name',
              fixed: 'left',
              width: 190,
              render: (_, s) => (
                <>
                  <Link to={`/watch/sites/${s.site.id}`} data-testid="site-link">
                    {s.site.name}
                  </Link>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.unitName} · {names.siteKind[s.site.kind]}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: '总体',
              dataIndex: 'level',
              width: 86,
              render: (l: SiteSummary['level']) => <LevelTag level={l} />,
            },
            ...Object.entries(names.vetoLine).map(([line, title]) => ({
              title,
              key: line,
              width: 96,
              render: (_: unknown, s: SiteSummary) => <LineCell line={s.lines.find((l) => l.line === line)} />,
            })),
            {
              title: '未恢复事件',
              dataIndex: 'openIncidents',
              width: 96,
              render: (n: number, s) =>
                n > 0 ? (
                  <Link to={`/watch/incidents?site=${s.site.id}`} style={{ color: '#cf1322', fontWeight: 600 }}>
                    {n} 个
                  </Link>
                ) : (
                  '0'
                ),
            },
            {
              title: '最近检查',
              dataIndex: 'lastCheckedAt',
              width: 140,
              render: (at: string | null) => (at ? formatTime(at) : '尚未检查'),
            },
          ]}
        />
      </Card>
      <Card size="small" title="政务新媒体">
        <AccountsTable accounts={data?.accounts} manager={manager} loading={loading} onChanged={reload} />
      </Card>
      <SiteFormModal open={adding} onClose={() => setAdding(false)} onDone={(s) => navigate(`/watch/sites/${s.id}`)} />
    </Space>
  );
}
