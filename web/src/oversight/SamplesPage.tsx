// 随机抽查: the 督查 draws N published items per unit in a period from a seed (recorded in the 台账, so anyone can
// redraw the same sample); the 督查 and the e-gov center redraw a recorded sample by its seed to check it, and open a
// recorded sample's checklists by its 台账 序号 (src/oversight/sampling.ts).
import { ExperimentOutlined, FolderOpenOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { UnitSelect } from '../admin/UnitSelect.tsx';
import { post } from '../api.ts';
import { periodOf } from '../components/UnitPeriodFilter.tsx';
import { dayjs, TZ } from '../format.ts';
import { useSession } from '../session.tsx';
import { useUnits } from '../units.ts';
import type { Sample } from './types.ts';

interface DrawForm {
  unitIds?: string[];
  perUnit: number;
  range: [Dayjs, Dayjs];
  seed?: string;
}

export function SamplesPage() {
  const { user } = useSession();
  const { units } = useUnits();
  const navigate = useNavigate();
  const [form] = Form.useForm<DrawForm>();
  const [sample, setSample] = useState<Sample | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [seq, setSeq] = useState<number | null>(null);
  const can = user?.abilities.oversight;

  const submit = async (redraw: boolean) => {
    setError(null);
    let f: DrawForm;
    try {
      f = await form.validateFields();
    } catch {
      return;
    }
    if (redraw && !f.seed?.trim()) {
      setError('按种子重抽须填写随机种子（见抽样记录或台账）');
      return;
    }
    const body = {
      ...periodOf(f.range),
      perUnit: f.perUnit,
      unitIds: f.unitIds?.length ? f.unitIds : undefined,
      seed: f.seed?.trim() || undefined,
    };
    setBusy(true);
    try {
      const s = await post<Sample>(redraw ? '/api/oversight/samples/redraw' : '/api/oversight/samples', body);
      setSample(s);
      form.setFieldValue('seed', s.seed);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        随机抽查
      </Typography.Title>
      <Card size="small" title="抽取样本">
        <Form<DrawForm>
          form={form}
          layout="inline"
          style={{ rowGap: 12 }}
          initialValues={{ perUnit: 3, range: [dayjs().tz(TZ).subtract(1, 'month').startOf('month'), dayjs().tz(TZ)] }}>
          <Form.Item name="unitIds" label="单位">
            <UnitSelect
              units={units}
              mode="multiple"
              allowClear
              placeholder="全部单位"
              style={{ minWidth: 220, maxWidth: 420 }}
              data-testid="sample-units"
            />
          </Form.Item>
          <Form.Item name="perUnit" label="每单位篇数" rules={[{ required: true, message: '请填写每单位抽取篇数' }]}>
            <InputNumber min={1} max={50} precision={0} style={{ width: 90 }} data-testid="sample-per-unit" />
          </Form.Item>
          <Form.Item name="range" label="期间" rules={[{ required: true, message: '请选择期间' }]}>
            <DatePicker.RangePicker style={{ width: 220 }} data-testid="sample-range" />
          </Form.Item>
          <Form.Item name="seed" label="随机种子" tooltip="留空由系统生成；填写记录中的种子可重抽同一样本">
            <Input allowClear placeholder="留空自动生成" style={{ width: 200 }} data-testid="sample-seed" />
          </Form.Item>
          <Space wrap>
            {can?.drawSample && (
              <Button
                type="primary"
                icon={<ExperimentOutlined />}
                loading={busy}
                onClick={() => void submit(false)}
                data-testid="sample-draw">
                抽取并记入台账
              </Button>
            )}
            {can?.inspection && (
              <Button
                icon={<ReloadOutlined />}
                loading={busy}
                onClick={() => void submit(true)}
                data-testid="sample-redraw">
                按种子重抽核对
              </Button>
            )}
          </Space>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} data-testid="sample-error" />}
      {sample && (
        <Card
          size="small"
          data-testid="sample"
          title={sample.seq ? `抽样（台账第 ${sample.seq} 号）` : '按种子重抽的样本（未记录）'}
          extra={
            sample.seq && (
              <Button
                type="primary"
                onClick={() => navigate(`/oversight/samples/${sample.seq}`)}
                data-testid="sample-open">
                打开检查清单
              </Button>
            )
          }>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              随机种子：
              <Typography.Text code copyable data-testid="sample-seed-shown">
                {sample.seed}
              </Typography.Text>
              期间 {sample.from} 至 {sample.to}，每单位 {sample.perUnit} 篇
            </Typography.Text>
            <Table
              size="small"
              rowKey="unitId"
              pagination={false}
              scroll={{ x: 560 }}
              dataSource={sample.units}
              locale={{ emptyText: '期间内没有发布的稿件' }}
              columns={[
                { title: '单位', dataIndex: 'unitName', width: 160 },
                { title: '期间内发布', dataIndex: 'population', width: 100 },
                {
                  title: '抽中稿件',
                  dataIndex: 'items',
                  render: (items: Sample['units'][number]['items']) =>
                    items.length ? (
                      <Space orientation="vertical" size={0}>
                        {items.map((i) => (
                          <Typography.Link key={i.id} href={`/items/${i.id}`}>
                            {i.title}
                          </Typography.Link>
                        ))}
                      </Space>
                    ) : (
                      <Tag>无</Tag>
                    ),
                },
              ]}
            />
          </Space>
        </Card>
      )}
      {can?.inspection && (
        <Card size="small" title="打开已记录的抽查">
          <Space wrap>
            <InputNumber
              min={1}
              precision={0}
              placeholder="抽样的台账序号"
              style={{ width: 180 }}
              value={seq}
              onChange={(v) => setSeq(v)}
              data-testid="sample-seq"
            />
            <Button
              icon={<FolderOpenOutlined />}
              disabled={!seq}
              onClick={() => navigate(`/oversight/samples/${seq}`)}
              data-testid="sample-seq-open">
              打开
            </Button>
            <Typography.Text type="secondary">抽样记入台账时的序号（台账中“随机抽查抽样”一行）</Typography.Text>
          </Space>
        </Card>
      )}
    </Space>
  );
}
