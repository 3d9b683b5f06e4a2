// 目录的版本: every version kept (import, then one per approved change), each with its reason; any two compared item
// by item (by 序号): added, withdrawn, and each changed field from → to.
import { Alert, Card, Empty, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { get, query } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { EntryTable } from './EntryTable.tsx';
import { type Diff, FIELD_NAME, monthLabel, type Version } from './types.ts';

export function VersionsPanel({ catalogId, current }: { catalogId: string; current: number }) {
  const versions = useLoad(() => get<Version[]>(`/api/decisions/catalogs/${catalogId}/versions`), [catalogId, current]);
  const [range, setRange] = useState<[number, number]>([Math.max(1, current - 1), current]);
  useEffect(() => setRange([Math.max(1, current - 1), current]), [current]);
  const list = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  const options = list.map((v) => ({ value: v.version, label: `第${v.version}版` }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {versions.error && <Alert type="error" showIcon title={versions.error} />}
      <Table<Version>
        rowKey="version"
        size="small"
        loading={versions.loading}
        dataSource={list}
        data-testid="version-table"
        pagination={false}
        scroll={{ x: 600 }}
        expandable={{ expandedRowRender: (v) => <EntryTable entries={v.entries} /> }}
        columns={[
          {
            title: '版本',
            dataIndex: 'version',
            width: 110,
            render: (n: number) => (
              <Space>
                第{n}版{n === current && <Tag color="blue">现行</Tag>}
              </Space>
            ),
          },
          { title: '事项数', width: 80, render: (_, v) => v.entries.length },
          { title: '原因', dataIndex: 'reason', width: 320 },
          { title: '时间', dataIndex: 'createdAt', width: 150, render: (t: string) => formatTime(t) },
        ]}
      />
      {list.length > 1 && (
        <Card size="small" title="版本比较" data-testid="version-diff">
          <Space wrap style={{ marginBottom: 12 }}>
            <Select
              style={{ width: 110 }}
              value={range[0]}
              options={options}
              onChange={(v) => setRange([v, range[1]])}
              data-testid="diff-from"
            />
            <span>→</span>
            <Select
              style={{ width: 110 }}
              value={range[1]}
              options={options}
              onChange={(v) => setRange([range[0], v])}
              data-testid="diff-to"
            />
          </Space>
          <DiffView catalogId={catalogId} from={range[0]} to={range[1]} />
        </Card>
      )}
    </Space>
  );
}

function DiffView({ catalogId, from, to }: { catalogId: string; from: number; to: number }) {
  const diff = useLoad(
    () => get<Diff>(`/api/decisions/catalogs/${catalogId}/diff${query({ from, to })}`),
    [catalogId, from, to],
  );
  if (diff.error) return <Alert type="error" showIcon title={diff.error} />;
  const d = diff.data;
  if (!d) return null;
  if (!d.added.length && !d.removed.length && !d.changed.length) return <Empty description="两个版本没有差异" />;
  const show = (v: string, field: string) => (field === 'plannedMonth' ? monthLabel(v) : v || '（空）');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {d.added.length > 0 && (
        <>
          <Typography.Text strong style={{ color: '#389e0d' }}>
            增加 {d.added.length} 项
          </Typography.Text>
          <EntryTable entries={d.added} />
        </>
      )}
      {d.removed.length > 0 && (
        <>
          <Typography.Text strong type="danger">
            撤销 {d.removed.length} 项
          </Typography.Text>
          <EntryTable entries={d.removed} />
        </>
      )}
      {d.changed.length > 0 && (
        <List
          size="small"
          bordered
          header={<Typography.Text strong>调整 {d.changed.length} 项</Typography.Text>}
          dataSource={d.changed}
          renderItem={(c) => (
            <List.Item>
              <Space orientation="vertical" size={0}>
                <span>序号 {c.seq}</span>
                {c.fields.map((f) => (
                  <span key={f.field}>
                    {FIELD_NAME[f.field] ?? f.field}：<Typography.Text delete>{show(f.from, f.field)}</Typography.Text>
                    {' → '}
                    <Typography.Text mark>{show(f.to, f.field)}</Typography.Text>
                  </span>
                ))}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
