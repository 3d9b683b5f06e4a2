// 工作台: my pending tasks (审核 and 保密审查) with counts and deadlines, overdue ones in red; the items I drafted; for a
// 主要领导, the 待确认的角色 the 安全管理员 asked for.
import { Alert, Button, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { get } from '../api.ts';
import { RoleRequestsCard } from '../components/RoleRequestsCard.tsx';
import { StageTag } from '../components/StageTag.tsx';
import { formatDate, formatTime, todayInShanghai } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useSession } from '../session.tsx';
import { ProvisionalTag } from '../components/Provisional.tsx';
import type { ItemSummary, Page, QueueEntry } from '../types.ts';
import { useUnits } from '../units.ts';

// proposed: 智能校对 dismissals proposed by the author or 一审, for 二审 to accept or refuse (DOMAIN §2.5).
interface Task {
  itemId: string;
  title: string;
  stage: string;
  unitId: string;
  dueOn: string | null;
  kind: string;
  updatedAt?: string;
  proposed?: number;
  dueProvisional?: boolean;
}

async function loadTasks(): Promise<Task[]> {
  const [review, secrecy] = await Promise.all([
    get<Page<ItemSummary>>('/api/review-queue?limit=100'),
    get<{ review: QueueEntry[]; consent: QueueEntry[] }>('/api/secrecy/queue'),
  ]);
  const tasks = new Map<string, Task>();
  for (const i of review.items)
    tasks.set(i.id, {
      itemId: i.id,
      title: i.title,
      stage: i.stage,
      unitId: i.unitId,
      dueOn: null,
      kind: '审核',
      updatedAt: i.updatedAt,
      proposed: i.proposedFindings,
    });
  for (const e of secrecy.review)
    tasks.set(e.itemId, {
      ...tasks.get(e.itemId),
      itemId: e.itemId,
      title: e.title,
      stage: e.stage,
      unitId: e.unitId,
      dueOn: e.dueOn,
      dueProvisional: e.dueProvisional,
      kind: '保密审查',
    });
  for (const e of secrecy.consent)
    if (!tasks.has(e.itemId))
      tasks.set(e.itemId, {
        itemId: e.itemId,
        title: e.title,
        stage: e.stage,
        unitId: e.unitId,
        dueOn: e.dueOn,
        kind: '会签同意',
      });
  return [...tasks.values()].sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
}

export function WorkbenchPage() {
  const { user } = useSession();
  const { unitName } = useUnits();
  const tasks = useLoad(loadTasks, []);
  const mine = useLoad(() => get<Page<ItemSummary>>('/api/items?mine=1&limit=50'), []);
  const today = todayInShanghai();
  const overdue = (tasks.data ?? []).filter((t) => t.dueOn && t.dueOn < today).length;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        工作台
      </Typography.Title>
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title="待我处理" value={tasks.data?.length ?? 0} loading={tasks.loading} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title="已逾期"
              value={overdue}
              loading={tasks.loading}
              valueStyle={overdue ? { color: '#cf1322' } : undefined}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="我起草的稿件" value={mine.data?.items.length ?? 0} loading={mine.loading} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title="其中被退回"
              value={(mine.data?.items ?? []).filter((i) => i.stage === 'returned').length}
              loading={mine.loading}
            />
          </Card>
        </Col>
      </Row>
      <RoleRequestsCard />
      <Card title="我的待办" data-testid="tasks">
        {tasks.error && <Alert type="error" showIcon title={tasks.error} />}
        <Table<Task>
          rowKey="itemId"
          size="middle"
          loading={tasks.loading}
          dataSource={tasks.data}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无待办事项' }}
          columns={[
            {
              title: '标题',
              dataIndex: 'title',
              render: (t: string, r) => (
                <Space size={4} wrap>
                  <Link to={`/items/${r.itemId}`} data-testid="task-link">
                    {t}
                  </Link>
                  {r.proposed ? (
                    <Tag color="processing" data-testid="task-proposals">
                      {r.proposed} 处忽略建议待确认
                    </Tag>
                  ) : null}
                </Space>
              ),
            },
            { title: '事项', dataIndex: 'kind', width: 100 },
            { title: '单位', dataIndex: 'unitId', width: 150, render: unitName },
            { title: '状态', dataIndex: 'stage', width: 150, render: (s: string) => <StageTag stage={s} /> },
            {
              title: '办理期限',
              dataIndex: 'dueOn',
              width: 150,
              render: (d: string | null, r) =>
                d ? (
                  <span className={d < today ? 'overdue' : undefined} data-testid={d < today ? 'overdue' : undefined}>
                    {formatDate(d)}
                    {d < today ? '（已逾期）' : ''}
                    <ProvisionalTag provisional={r.dueProvisional} />
                  </span>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <Card
        title="我起草的稿件"
        extra={
          <Link to="/items/new">
            <Button type="primary">新建稿件</Button>
          </Link>
        }
        data-testid="my-items">
        {mine.error && <Alert type="error" showIcon title={mine.error} />}
        <Table<ItemSummary>
          rowKey="id"
          size="middle"
          loading={mine.loading}
          dataSource={mine.data?.items}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: `${user?.name ?? ''}还没有起草稿件` }}
          columns={[
            { title: '标题', dataIndex: 'title', render: (t: string, r) => <Link to={`/items/${r.id}`}>{t}</Link> },
            { title: '状态', dataIndex: 'stage', width: 150, render: (s: string) => <StageTag stage={s} /> },
            { title: '版本', dataIndex: 'revision', width: 70 },
            { title: '更新时间', dataIndex: 'updatedAt', width: 160, render: formatTime },
          ]}
        />
      </Card>
    </Space>
  );
}
