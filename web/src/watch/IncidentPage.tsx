// 异常事件处理 (DOMAIN §4.5: found when, by whom, what, who was told, what was done, when it recovered): the evidence,
// the steps with time, person and notes, the notification deliveries, and the transitions this person may make.
import { Alert, Card, Descriptions, Result, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { get } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useUnits } from '../units.ts';
import { IncidentActions } from './IncidentActions.tsx';
import { LevelTag, StateTag } from './LevelTag.tsx';
import { useWatchNames } from './names.ts';
import { type Delivery, DELIVERY_COLOUR, type IncidentDetail } from './types.ts';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function IncidentPage() {
  const { id = '' } = useParams();
  const { unitName } = useUnits();
  const names = useWatchNames();
  const { data: d, loading, error, reload } = useLoad(() => get<IncidentDetail>(`/api/watch/incidents/${id}`), [id]);
  if (error && !d)
    return (
      <Result
        status="warning"
        title="无法打开异常事件"
        subTitle={error}
        extra={<Link to="/watch/incidents">返回异常事件</Link>}
      />
    );
  if (!d)
    return (
      <Spin spinning={loading} tip="正在加载…">
        <div style={{ minHeight: 200 }} />
      </Spin>
    );
  const i = d.incident;
  const evidence = Object.entries(i.details);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="incident-title">
          {i.summary}
        </Typography.Title>
        <Space>
          {i.siteId && <Link to={`/watch/sites/${i.siteId}`}>查看网站详情</Link>}
          <Link to="/watch/incidents">返回异常事件</Link>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {i.overdue && <Alert type="error" showIcon title="该事件超过时限无人接手处理，请立即接手" />}
      <Card size="small">
        <Descriptions
          size="small"
          column={3}
          items={[
            {
              label: '对象',
              children: i.subject.url ? (
                <Typography.Link href={i.subject.url} target="_blank" rel="noreferrer">
                  {i.subject.name}
                </Typography.Link>
              ) : (
                i.subject.name
              ),
            },
            { label: '单位', children: unitName(i.unitId) },
            { label: '类别', children: i.medium === 'website' ? '政府网站' : '政务新媒体' },
            { label: '监测', children: `${names.monitor[i.monitor]}：${names.rule[i.rule] ?? i.rule}` },
            { label: '级别', children: <LevelTag level={i.level} /> },
            { label: '状态', children: <StateTag state={i.state} /> },
            { label: '发现时间', children: formatTime(i.openedAt) },
            { label: '最近观测', children: `${formatTime(i.lastObservedAt)}（共 ${i.observations} 次）` },
            {
              label: '升级通知',
              children: i.escalations ? `${i.escalations} 次（${formatTime(i.escalatedAt)}）` : '无',
            },
          ]}
        />
      </Card>
      <IncidentActions detail={d} onDone={reload} />
      <Card size="small" title="证据">
        {evidence.length ? (
          <Descriptions
            size="small"
            column={1}
            bordered
            data-testid="incident-evidence"
            items={evidence.map(([k, v]) => ({
              label: names.detail[k] ?? k,
              children: <span style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>{show(v)}</span>,
            }))}
          />
        ) : (
          <Typography.Text type="secondary">监测没有附带证据</Typography.Text>
        )}
      </Card>
      <Card size="small" title="处理过程">
        <Timeline
          data-testid="incident-steps"
          items={d.steps.map((s) => ({
            key: s.id,
            content: (
              <div data-testid="incident-step" data-kind={s.kind}>
                <Typography.Text strong>{names.step[s.kind] ?? s.kind}</Typography.Text>
                <Typography.Text type="secondary">
                  　{formatTime(s.at)}　{s.actorName}
                </Typography.Text>
                {s.note && <div style={{ whiteSpace: 'pre-wrap' }}>{s.note}</div>}
              </div>
            ),
          }))}
        />
      </Card>
      <Card size="small" title="通知发送">
        <Table<Delivery>
          rowKey="id"
          size="small"
          dataSource={d.deliveries}
          data-testid="incident-deliveries"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '没有发送通知' }}
          columns={[
            {
              title: '原因',
              dataIndex: 'reason',
              width: 80,
              render: (r: Delivery['reason']) => (r === 'open' ? '发现' : '升级'),
            },
            { title: '渠道', dataIndex: 'channel', width: 100, render: (c: string) => names.deliveryChannel[c] ?? c },
            { title: '接收', dataIndex: 'label' },
            {
              title: '状态',
              dataIndex: 'state',
              width: 90,
              render: (s: Delivery['state']) => <Tag color={DELIVERY_COLOUR[s]}>{names.deliveryState[s]}</Tag>,
            },
            { title: '尝试次数', dataIndex: 'attempts', width: 80 },
            { title: '发送时间', key: 'at', width: 140, render: (_, x) => formatTime(x.sentAt ?? x.nextAttemptAt) },
            { title: '错误', dataIndex: 'lastError', ellipsis: true, render: (e: string | null) => e ?? '—' },
          ]}
        />
      </Card>
    </Space>
  );
}
