// 台账: the ledger (登记台账, a Merkle tree with signed checkpoints), newest first, filtered by unit, date range,
// kind of action, who acted, a 稿件's title and a person; each row names its subject (《title》第 2 版, 张三（科技局）)
// and expands to labelled Chinese fields; 加载更多 pages on; 导出 Excel downloads one unit's ledger over the range as
// the file people print and file.
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { get, query } from '../api.ts';
import { periodOf, UnitPeriodFields, useUnitPeriod } from '../components/UnitPeriodFilter.tsx';
import { LedgerCheckpoints } from './LedgerCheckpoints.tsx';

interface LedgerEntry {
  seq: number;
  at: string;
  time: string; // Beijing, as the server formats it
  actor: { id: string; name: string; unitName: string | null } | null;
  role: string;
  roleName: string;
  unitId: string;
  unitName: string;
  action: string;
  actionLabel: string;
  subject: string; // raw: item:<id>
  subjectView: { kind: string; kindName: string; id: string; name: string };
  fields: { key: string; label: string; value: string }[];
  payload: unknown;
}
interface Filters {
  unitId?: string;
  range?: [Dayjs, Dayjs] | null;
  action?: string;
  actor?: string;
  title?: string;
  person?: string;
}

const PAGE = 50;
// The modules whose actions the ledger records (the first part of an action code such as publish.approve).
const MODULES: [string, string][] = [
  ['publish', '稿件审核与发布'],
  ['secrecy', '保密审查'],
  ['challenge', '质疑申请'],
  ['org', '单位、用户与角色'],
  ['auth', '登录与账号'],
  ['dictionary', '智能校对词典'],
  ['calendar', '节假日安排'],
  ['duty', '值班'],
  ['watch', '读网值班与网站监测'],
];
const DISTRICT_ROLES = ['egovCenter', 'inspector', 'auditAdmin'];

const paramsOf = (f: Filters) => ({
  unitId: f.unitId,
  ...periodOf(f.range),
  action: f.action,
  actor: f.actor?.trim() || undefined,
  title: f.title?.trim() || undefined,
  person: f.person?.trim() || undefined,
});

export function LedgerPage() {
  const { units, initial } = useUnitPeriod(DISTRICT_ROLES);
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>(initial);
  const [entries, setEntries] = useState<LedgerEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // action code → its Chinese name, from loaded entries
  const [seen, setSeen] = useState<Map<string, string>>(new Map());
  const request = useRef(0);

  const load = async (f: Filters, after: string | null) => {
    const mine = ++request.current;
    setLoading(true);
    setError(null);
    try {
      const page = await get<{ entries: LedgerEntry[]; nextCursor: string | null }>(
        `/api/ledger${query({ ...paramsOf(f), limit: PAGE, cursor: after })}`,
      );
      if (mine !== request.current) return;
      setEntries((prev) => (after ? [...prev, ...page.entries] : page.entries));
      setCursor(page.nextCursor);
      setSeen((prev) => new Map([...prev, ...page.entries.map((e): [string, string] => [e.action, e.actionLabel])]));
    } catch (e) {
      if (mine === request.current) setError(e instanceof Error ? e.message : '台账加载失败');
    } finally {
      if (mine === request.current) setLoading(false);
    }
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => {
    void load(filters, null);
  }, [filters]);

  const { unitId, from, to } = paramsOf(filters);
  const exportUrl =
    unitId && from && to ? `/api/ledger/export${query({ unitId, from, to, format: 'xlsx' })}` : undefined;
  const actionOptions = [
    { label: '按类别', options: MODULES.map(([value, label]) => ({ value, label: `${label}（全部）` })) },
    ...(seen.size ? [{ label: '按操作', options: [...seen].map(([value, label]) => ({ value, label })) }] : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        登记台账
      </Typography.Title>
      <Card size="small">
        <Form<Filters>
          form={form}
          layout="inline"
          initialValues={initial}
          onFinish={(f) => setFilters({ ...f })}
          style={{ rowGap: 12 }}>
          <UnitPeriodFields units={units} testId="ledger" rangeLabel="日期" />
          <Form.Item name="action" label="操作">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部操作"
              style={{ width: 200 }}
              options={actionOptions}
              data-testid="ledger-action"
            />
          </Form.Item>
          <Form.Item name="actor" label="操作人" rules={[{ max: 64, message: '不超过 64 个字' }]}>
            <Input allowClear placeholder="姓名" style={{ width: 120 }} data-testid="ledger-actor" />
          </Form.Item>
          <Form.Item name="title" label="稿件标题" rules={[{ max: 100, message: '不超过 100 个字' }]}>
            <Input allowClear placeholder="标题中的文字" style={{ width: 160 }} data-testid="ledger-title" />
          </Form.Item>
          <Form.Item name="person" label="人员" rules={[{ max: 64, message: '不超过 64 个字' }]}>
            <Input allowClear placeholder="做的或涉及的人" style={{ width: 130 }} data-testid="ledger-person" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="ledger-search">
              查询
            </Button>
            <Tooltip title={exportUrl ? '导出所选单位在所选日期内的台账' : '导出需先选择单位和日期范围，并点击查询'}>
              <Button
                icon={<DownloadOutlined />}
                href={exportUrl}
                download
                disabled={!exportUrl}
                data-testid="ledger-export">
                导出 Excel
              </Button>
            </Tooltip>
          </Space>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} data-testid="ledger-error" />}
      <Table<LedgerEntry>
        rowKey="seq"
        size="small"
        loading={loading}
        dataSource={entries}
        pagination={false}
        data-testid="ledger-table"
        locale={{ emptyText: '所选范围内没有台账记录' }}
        expandable={{
          expandedRowRender: (e) => (
            <Descriptions size="small" column={1} bordered data-testid="ledger-detail">
              {e.fields.map((f) => (
                <Descriptions.Item key={f.key || f.label} label={f.label}>
                  <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{f.value}</span>
                </Descriptions.Item>
              ))}
              <Descriptions.Item label="对象标识">
                <Typography.Text type="secondary" copyable>
                  {e.subject}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          ),
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间', dataIndex: 'time', width: 160 },
          {
            title: '操作人',
            dataIndex: 'actor',
            width: 150,
            render: (a: LedgerEntry['actor']) => (a ? `${a.name}${a.unitName ? `（${a.unitName}）` : ''}` : '系统'),
          },
          { title: '角色', dataIndex: 'roleName', width: 110, render: (r: string) => r || '—' },
          { title: '单位', dataIndex: 'unitName', width: 130 },
          { title: '操作', dataIndex: 'actionLabel', width: 170 },
          {
            title: '对象',
            dataIndex: 'subjectView',
            ellipsis: true,
            render: (v: LedgerEntry['subjectView']) => (
              <span title={v.name}>
                <Typography.Text type="secondary">{v.kindName}</Typography.Text> {v.name}
              </span>
            ),
          },
        ]}
      />
      <Space>
        <Typography.Text type="secondary" data-testid="ledger-count">
          已显示 {entries.length} 条{cursor ? '' : entries.length ? '，已全部加载' : ''}
        </Typography.Text>
        {cursor && (
          <Button onClick={() => void load(filters, cursor)} loading={loading} data-testid="ledger-more">
            加载更多
          </Button>
        )}
      </Space>
      <LedgerCheckpoints />
    </Space>
  );
}
