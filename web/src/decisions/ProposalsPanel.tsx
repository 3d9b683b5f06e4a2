// 目录调整申请 and their approval (63号 四): the 目录's unit's 分管领导 or 主要领导 approves an addition or change, only
// its 主要领导 a withdrawal; each approval makes a new version of the 目录.
import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { get, post } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { type DecisionItem, monthLabel, PROPOSAL_KIND, PROPOSAL_STATUS, type Proposal } from './types.ts';

interface Props {
  catalogId: string;
  items: DecisionItem[];
  canApprove: (p: Proposal) => boolean;
  version: number; // reloads after a new proposal or version
  onDecided: () => void;
}

export function ProposalsPanel({ catalogId, items, canApprove, version, onDecided }: Props) {
  const { message } = App.useApp();
  const list = useLoad(() => get<Proposal[]>(`/api/decisions/catalogs/${catalogId}/proposals`), [catalogId, version]);
  const [busy, setBusy] = useState<string | null>(null);
  const titleOf = new Map(items.map((i) => [i.id, `${i.seq}. ${i.title}`]));
  const decide = async (p: Proposal, approve: boolean) => {
    setBusy(p.id);
    try {
      const r = await post<Proposal>(`/api/decisions/proposals/${p.id}/decision`, { approve });
      message.success(approve ? `已批准，目录更新为第${r.version}版` : '已不予批准');
      onDecided();
      list.reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Table<Proposal>
      rowKey="id"
      size="small"
      loading={list.loading}
      dataSource={list.data}
      data-testid="proposal-table"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 860 }}
      locale={{ emptyText: list.error ?? '没有调整申请' }}
      columns={[
        { title: '类型', dataIndex: 'kind', width: 70, render: (k: Proposal['kind']) => PROPOSAL_KIND[k] },
        {
          title: '事项',
          width: 300,
          render: (_, p) => (
            <Space orientation="vertical" size={0}>
              <span>
                {p.entry ? `${p.entry.seq}. ${p.entry.title}` : (titleOf.get(p.itemId ?? '') ?? '（已撤销的事项）')}
              </span>
              {p.entry && (
                <Typography.Text type="secondary">
                  {p.entry.leadUnit} · {monthLabel(p.entry.plannedMonth)}
                  {p.entry.note ? ` · ${p.entry.note}` : ''}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        { title: '理由', dataIndex: 'reason', width: 240 },
        { title: '提出时间', dataIndex: 'proposedAt', width: 140, render: (t: string) => formatTime(t) },
        {
          title: '状态',
          dataIndex: 'status',
          width: 120,
          render: (s: string, p) => (
            <Space orientation="vertical" size={0}>
              <Tag color={PROPOSAL_STATUS[s]?.[1]}>{PROPOSAL_STATUS[s]?.[0] ?? s}</Tag>
              {p.version && <Typography.Text type="secondary">第{p.version}版</Typography.Text>}
            </Space>
          ),
        },
        {
          title: '审批',
          width: 150,
          render: (_, p) =>
            p.status === 'pending' && canApprove(p) ? (
              <Space>
                <Popconfirm
                  title={`批准${PROPOSAL_KIND[p.kind]}？`}
                  description="批准后目录生成新版本"
                  okText="批准"
                  cancelText="取消"
                  onConfirm={() => void decide(p, true)}>
                  <Button size="small" type="primary" loading={busy === p.id} data-testid="proposal-approve">
                    批准
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title="不予批准？"
                  okText="不予批准"
                  cancelText="取消"
                  onConfirm={() => void decide(p, false)}>
                  <Button size="small" danger loading={busy === p.id} data-testid="proposal-reject">
                    不批准
                  </Button>
                </Popconfirm>
              </Space>
            ) : p.decidedAt ? (
              formatTime(p.decidedAt)
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}
