// 年度考核: the year's scoring scheme (items, full marks, points deducted per unit of the source metric, cap), edited
// by the 督查 (src/org/policy/oversight.ts canEditScheme), and every unit's scores and ranking, each deduction listing
// the 台账 entries it counts (src/oversight/assessment.ts); export .xlsx.
import { DeleteOutlined, EditOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, get } from '../api.ts';
import { dayjs, formatTime, TZ } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useSession } from '../session.tsx';
import { download } from './download.ts';
import { type Assessment, METRICS, type Scheme, type SchemeItem } from './types.ts';

type UnitScore = Assessment['units'][number];
type ItemScore = UnitScore['items'][number];

function SchemeEditor(props: { year: number; scheme: Scheme; onClose: () => void; onSaved: () => void }) {
  const { year, scheme, onClose, onSaved } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ items: SchemeItem[] }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async ({ items }: { items: SchemeItem[] }) => {
    setError(null);
    setBusy(true);
    try {
      await api('PUT', '/api/oversight/assessment/scheme', { year, items });
      message.success(`${year} 年考核方案已保存`);
      onSaved();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const total = (Form.useWatch('items', form) ?? []).reduce((s, i) => s + (Number(i?.points) || 0), 0);
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={`${year} 年考核方案`}
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="scheme-save">
          保存
        </Button>
      }>
      <Form form={form} initialValues={{ items: scheme.items }} onFinish={(v) => void save(v)} layout="vertical">
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f) => (
                <Card
                  key={f.key}
                  size="small"
                  data-testid={`scheme-item-${f.name}`}
                  extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />}>
                  <Space wrap align="start">
                    <Form.Item
                      name={[f.name, 'name']}
                      label="考核项"
                      rules={[{ required: true, message: '请填写名称' }]}>
                      <Input style={{ width: 160 }} maxLength={40} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'key']}
                      label="代码"
                      rules={[{ required: true, message: '请填写代码' }]}
                      tooltip="英文字母开头的字母、数字，在方案中唯一">
                      <Input style={{ width: 110 }} maxLength={32} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'metric']}
                      label="数据来源"
                      rules={[{ required: true, message: '请选择' }]}>
                      <Select
                        style={{ width: 200 }}
                        options={Object.entries(METRICS).map(([value, label]) => ({ value, label }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'points']} label="分值" rules={[{ required: true, message: '请填写' }]}>
                      <InputNumber min={0} max={100} style={{ width: 80 }} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'perUnit']}
                      label="每单位扣分"
                      rules={[{ required: true, message: '请填写' }]}>
                      <InputNumber min={0} max={100} step={0.5} style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'cap']} label="扣分上限" rules={[{ required: true, message: '请填写' }]}>
                      <InputNumber min={0} max={100} style={{ width: 80 }} />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ key: '', name: '', metric: 'returnPercent', points: 10, perUnit: 1, cap: 10 })}>
                添加考核项
              </Button>
              <Typography.Text type="secondary">合计 {total} 分</Typography.Text>
            </Space>
          )}
        </Form.List>
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="scheme-error" />}
    </Drawer>
  );
}

export function AssessmentPage() {
  const { user } = useSession();
  const canEdit = !!user?.abilities.oversight.editScheme;
  const [year, setYear] = useState(() => dayjs().tz(TZ).year());
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const {
    data,
    loading,
    error: loadError,
    reload,
  } = useLoad(() => get<Assessment>(`/api/oversight/assessment?year=${year}`), [year]);
  const items = data?.scheme.items ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        年度考核
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <span>年度</span>
          <InputNumber
            min={2000}
            max={2100}
            precision={0}
            value={year}
            onChange={(v) => v && setYear(v)}
            data-testid="assessment-year"
          />
          {canEdit && data && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="scheme-edit">
              修改考核方案
            </Button>
          )}
          <Button
            icon={<FileExcelOutlined />}
            disabled={!data}
            onClick={() =>
              void download(`/api/oversight/assessment/export?year=${year}`).catch((e: Error) => setError(e.message))
            }
            data-testid="assessment-export">
            导出 Excel
          </Button>
        </Space>
      </Card>
      {(loadError || error) && (
        <Alert type="error" showIcon title={loadError ?? error} data-testid="assessment-error" />
      )}
      <Spin spinning={loading}>
        {data && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card
              size="small"
              title={`考核方案（${data.scheme.custom ? `已修改，${formatTime(data.scheme.updatedAt)}` : '默认方案'}）`}>
              <Table<SchemeItem>
                size="small"
                rowKey="key"
                pagination={false}
                scroll={{ x: 560 }}
                dataSource={data.scheme.items}
                data-testid="scheme"
                columns={[
                  { title: '考核项', dataIndex: 'name', width: 140 },
                  { title: '数据来源', dataIndex: 'metric', render: (m: string) => METRICS[m] ?? m },
                  { title: '分值', dataIndex: 'points', width: 60 },
                  { title: '每单位扣分', dataIndex: 'perUnit', width: 90 },
                  { title: '扣分上限', dataIndex: 'cap', width: 80 },
                ]}
              />
            </Card>
            <Card size="small" title={`${data.year} 年各单位得分与排名`}>
              <Table<UnitScore>
                size="small"
                rowKey="unitId"
                pagination={false}
                scroll={{ x: 300 + items.length * 90 }}
                dataSource={data.units}
                data-testid="assessment"
                expandable={{
                  expandedRowRender: (u) => <ScoreDetail items={u.items} />,
                }}
                columns={[
                  { title: '排名', dataIndex: 'rank', width: 60, fixed: 'start' },
                  { title: '单位', dataIndex: 'unitName', width: 150, fixed: 'start' },
                  {
                    title: '总分',
                    dataIndex: 'total',
                    width: 70,
                    render: (n: number) => <Typography.Text strong>{n}</Typography.Text>,
                  },
                  ...items.map((i) => ({
                    title: `${i.name}（${i.points}）`,
                    key: i.key,
                    width: 90,
                    render: (_: unknown, u: UnitScore) => u.items.find((x) => x.key === i.key)?.score ?? '—',
                  })),
                ]}
              />
            </Card>
          </Space>
        )}
      </Spin>
      {editing && data && (
        <SchemeEditor
          year={year}
          scheme={data.scheme}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
    </Space>
  );
}

function ScoreDetail({ items }: { items: ItemScore[] }) {
  return (
    <Table<ItemScore>
      size="small"
      rowKey="key"
      pagination={false}
      scroll={{ x: 640 }}
      dataSource={items}
      columns={[
        { title: '考核项', dataIndex: 'name', width: 130 },
        { title: '数据来源', dataIndex: 'metricName', width: 170 },
        { title: '数值', dataIndex: 'value', width: 60 },
        { title: '扣分', dataIndex: 'deducted', width: 60 },
        { title: '得分', dataIndex: 'score', width: 60 },
        {
          title: '依据的台账记录',
          dataIndex: 'seqs',
          render: (seqs: number[]) =>
            seqs.length ? (
              <Space wrap size={4}>
                {seqs.slice(0, 50).map((s) => (
                  <Tag key={s}>第 {s} 号</Tag>
                ))}
                {seqs.length > 50 && <span>等 {seqs.length} 条</span>}
              </Space>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}
