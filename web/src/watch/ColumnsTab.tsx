// A site's columns: kind, update clock (INSPECTION.md: 动态要闻 14 天、通知公告/政策文件 6 个月、人事/规划计划 1 年), the
// freshness monitor's latest word and level; 登记栏目, 修改 and 停止监测 for the e-gov center and the admin. Item dates are
// found next to the list's links; a list whose dates sit elsewhere gets a CSS selector for them.
import { Button, Form, Input, InputNumber, Popconfirm, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { FormModal, useAction } from '../admin/FormModal.tsx';
import { api, post } from '../api.ts';
import { formatTime } from '../format.ts';
import { LevelTag } from './LevelTag.tsx';
import { useWatchNames } from './names.ts';
import type { SiteDetail } from './types.ts';

type ColumnRow = SiteDetail['columns'][number];
interface Values {
  name: string;
  url: string;
  kind: string;
  clockDays?: number | null;
  dateSelector?: string | null;
}

const clock = (days: number | null) =>
  days === null ? '不考核' : days % 365 === 0 ? `${days / 365} 年` : days === 183 ? '6 个月' : `${days} 天`;

export function ColumnsTab({ site, onChanged }: { site: SiteDetail; onChanged: () => void }) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ColumnRow | null>(null);
  const close = () => {
    setAdding(false);
    setEditing(null);
  };
  const act = useAction();
  const names = useWatchNames();
  const manage = site.abilities.canManage;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {manage && (
        <Button type="primary" onClick={() => setAdding(true)} data-testid="column-add">
          登记栏目
        </Button>
      )}
      <Table<ColumnRow>
        rowKey="id"
        size="small"
        dataSource={site.columns}
        data-testid="site-columns"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有登记栏目' }}
        columns={[
          {
            title: '栏目',
            key: 'name',
            render: (_, c) => (
              <a href={c.url} target="_blank" rel="noreferrer">
                {c.name}
              </a>
            ),
          },
          { title: '类别', dataIndex: 'kind', width: 96 },
          { title: '更新周期', dataIndex: 'clockDays', width: 90, render: clock },
          { title: '状态', dataIndex: 'level', width: 90, render: (l: ColumnRow['level']) => <LevelTag level={l} /> },
          { title: '最新情况（含最新信息日期）', dataIndex: 'summary', render: (s: string) => s || '暂无检查结果' },
          { title: '检查时间', dataIndex: 'observedAt', width: 140, render: formatTime },
          ...(manage
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 150,
                  render: (_: unknown, c: ColumnRow) => (
                    <Space size="small">
                      <Button size="small" onClick={() => setEditing(c)} data-testid={`column-edit-${c.name}`}>
                        修改
                      </Button>
                      <Popconfirm
                        title={`停止监测栏目「${c.name}」？`}
                        okText="停止"
                        cancelText="取消"
                        onConfirm={async () => {
                          if (await act(() => api('DELETE', `/api/watch/columns/${c.id}`), '已停止监测该栏目'))
                            onChanged();
                        }}>
                        <Button size="small" danger>
                          停止监测
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<Values>
        key={editing?.id ?? 'new'}
        title={editing ? `修改栏目：${editing.name}` : '登记栏目'}
        open={adding || !!editing}
        onClose={close}
        testId="column-form"
        done={editing ? '栏目已修改' : '栏目已登记'}
        initialValues={
          editing
            ? {
                name: editing.name,
                url: editing.url,
                kind: editing.kind,
                clockDays: editing.clockDays,
                dateSelector: editing.dateSelector,
              }
            : { kind: '动态要闻' }
        }
        onSubmit={async (v) => {
          const body = {
            ...v,
            clockDays: v.clockDays ?? (editing ? null : undefined),
            dateSelector: v.dateSelector?.trim() || null,
          };
          await (editing
            ? api('PATCH', `/api/watch/columns/${editing.id}`, body)
            : post(`/api/watch/sites/${site.site.id}/columns`, body));
          onChanged();
        }}>
        <Form.Item
          name="name"
          label="栏目名称"
          rules={[
            { required: true, whitespace: true, message: '请填写栏目名称' },
            { max: 100, message: '不超过 100 个字' },
          ]}>
          <Input data-testid="column-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label="列表页地址"
          rules={[
            { required: true, message: '请填写列表页地址' },
            { pattern: /^https?:\/\/\S+$/i, message: '网址必须以 http:// 或 https:// 开头' },
          ]}>
          <Input placeholder="https://" data-testid="column-url" />
        </Form.Item>
        <Form.Item name="kind" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={names.columnKinds.map((k) => ({ value: k, label: k }))} data-testid="column-kind" />
        </Form.Item>
        <Form.Item
          name="clockDays"
          label="更新周期（天）"
          extra={
            editing
              ? '清空表示该栏目不考核更新周期'
              : '不填按类别默认：动态要闻 14 天，通知公告、政策文件 183 天，人事、规划计划 365 天'
          }>
          <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} data-testid="column-clock" />
        </Form.Item>
        <Form.Item
          name="dateSelector"
          label="日期位置（CSS 选择器）"
          extra="一般不填：自动识别链接旁的 2022-11-04、2022年11月4日 等日期；日期不在链接旁时填写，如 .list li span.date"
          rules={[{ max: 200, message: '不超过 200 个字符' }]}>
          <Input placeholder="如：.list li span.date" data-testid="column-date-selector" />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
