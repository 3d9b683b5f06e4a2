// 监测历史 of a site: its incidents, the monitors' runs, the latest availability probes and every latest status.
import { Card, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatTime } from '../format.ts';
import { LevelTag, StateTag } from './LevelTag.tsx';
import { useWatchNames } from './names.ts';
import type { Incident, Monitor, Probe, Run, SiteDetail, Status, WatchLevel } from './types.ts';

const page = { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false };
const timeCol = (title: string, dataIndex: string) => ({ title, dataIndex, width: 140, render: formatTime });
const levelCol = { title: '级别', dataIndex: 'level', width: 90, render: (l: WatchLevel) => <LevelTag level={l} /> };

export function HistoryTab({ site }: { site: SiteDetail }) {
  const names = useWatchNames();
  const monitorCol = { title: '监测', dataIndex: 'monitor', width: 80, render: (m: Monitor) => names.monitor[m] };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="异常事件">
        <Table<Incident>
          rowKey="id"
          size="small"
          dataSource={site.incidents}
          pagination={page}
          locale={{ emptyText: '没有异常事件' }}
          data-testid="site-incidents"
          columns={[
            timeCol('发现时间', 'openedAt'),
            monitorCol,
            {
              title: '情况',
              dataIndex: 'summary',
              render: (s: string, i) => <Link to={`/watch/incidents/${i.id}`}>{s}</Link>,
            },
            levelCol,
            { title: '状态', dataIndex: 'state', width: 80, render: (s: Incident['state']) => <StateTag state={s} /> },
          ]}
        />
      </Card>
      <Card size="small" title="最新检查结果">
        <Table<Status>
          rowKey={(s) => `${s.monitor}:${s.targetKey}:${s.rule}`}
          size="small"
          dataSource={site.statuses}
          pagination={page}
          locale={{ emptyText: '暂无检查结果' }}
          columns={[timeCol('检查时间', 'observedAt'), monitorCol, { title: '结果', dataIndex: 'summary' }, levelCol]}
        />
      </Card>
      <Card size="small" title="监测运行">
        <Table<Run>
          rowKey="id"
          size="small"
          dataSource={site.runs}
          pagination={page}
          locale={{ emptyText: '暂无监测运行记录' }}
          columns={[
            timeCol('开始时间', 'startedAt'),
            monitorCol,
            {
              title: '耗时',
              dataIndex: 'durationMs',
              width: 90,
              render: (ms: number) => `${(ms / 1000).toFixed(1)} 秒`,
            },
            {
              title: '结果',
              key: 'outcome',
              render: (_, r) =>
                r.outcome === 'ok' ? (
                  `完成，${r.observations} 项结果`
                ) : (
                  <Tag color="red">失败：{r.error ?? '原因不明'}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title="首页探测（最近 100 次）">
        <Table<Probe>
          rowKey="at"
          size="small"
          dataSource={site.probes}
          pagination={page}
          locale={{ emptyText: '暂无探测记录' }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 140, render: formatTime },
            {
              title: '结果',
              dataIndex: 'ok',
              width: 90,
              render: (ok: boolean) => (ok ? <Tag color="green">可访问</Tag> : <Tag color="red">失败</Tag>),
            },
            {
              title: '响应',
              key: 'resp',
              render: (_, p) => `${p.statusCode ?? '无响应'} · ${p.ms} 毫秒${p.error ? ` · ${p.error}` : ''}`,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
