// 季度检查自查表: one unit's websites and new-media accounts in the State Council's indicator form (INSPECTION.md) —
// each 单项否决 item with the monitoring evidence behind it, the 扣分 items, score and pass/fail
// (src/oversight/quarterly.ts); export .xlsx / .docx.
import { FileExcelOutlined, FileWordOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { UnitSelect } from '../admin/UnitSelect.tsx';
import { get, query } from '../api.ts';
import { dayjs, formatTime, TZ } from '../format.ts';
import { useSession } from '../session.tsx';
import { useUnits } from '../units.ts';
import { download } from './download.ts';
import { type Evidence, QUARTER_OUTCOME, type Quarterly, type QuarterTarget } from './types.ts';

interface Filters {
  unitId?: string;
  quarter: Dayjs;
}

const quarterOf = (d: Dayjs) => `${d.year()}Q${Math.floor(d.month() / 3) + 1}`;

function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  if (!evidence.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      {evidence.map((e, i) => (
        <span key={`${e.at}-${i}`}>
          {formatTime(e.at)} {e.summary}
          {e.incidentId && (
            <>
              {' '}
              <Link to={`/watch/incidents/${e.incidentId}`}>事件</Link>
            </>
          )}
          {e.url && (
            <>
              {' '}
              <Typography.Link href={e.url} target="_blank" rel="noreferrer">
                页面
              </Typography.Link>
            </>
          )}
        </span>
      ))}
    </Space>
  );
}

function TargetCard({ t }: { t: QuarterTarget }) {
  return (
    <Card
      size="small"
      data-testid={`quarterly-target-${t.id}`}
      title={
        <Space wrap>
          <span>{t.name}</span>
          <Tag>{t.kindName}</Tag>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t.address}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space>
          <Tag color={t.passed ? 'success' : 'error'}>{t.result}</Tag>
          <Typography.Text strong>{t.score} 分</Typography.Text>
        </Space>
      }>
      <Typography.Title level={5}>单项否决指标</Typography.Title>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: 760 }}
        dataSource={t.vetoes}
        columns={[
          { title: '指标', dataIndex: 'name', width: 130 },
          { title: '要求', dataIndex: 'line', width: 220 },
          {
            title: '结果',
            dataIndex: 'outcome',
            width: 100,
            render: (o: keyof typeof QUARTER_OUTCOME) => (
              <Tag color={QUARTER_OUTCOME[o][1]}>{QUARTER_OUTCOME[o][0]}</Tag>
            ),
          },
          { title: '说明', dataIndex: 'note', width: 180 },
          { title: '监测依据', dataIndex: 'evidence', render: (e: Evidence[]) => <EvidenceList evidence={e} /> },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        扣分指标
      </Typography.Title>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: 560 }}
        dataSource={t.deductions}
        locale={{ emptyText: '无扣分' }}
        columns={[
          { title: '指标', dataIndex: 'name', width: 140 },
          { title: '次数', dataIndex: 'count', width: 60 },
          { title: '扣分', dataIndex: 'points', width: 60 },
          { title: '监测依据', dataIndex: 'evidence', render: (e: Evidence[]) => <EvidenceList evidence={e} /> },
        ]}
      />
    </Card>
  );
}

export function QuarterlyPage() {
  const { user } = useSession();
  const { units } = useUnits();
  const [filters, setFilters] = useState<Filters>(() => ({
    unitId: user?.abilities.oversight.inspection ? undefined : user?.unitId,
    quarter: dayjs().tz(TZ),
  }));
  const [report, setReport] = useState<Quarterly | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const params = (f: Filters) => ({ unitId: f.unitId, quarter: quarterOf(f.quarter) });

  const load = async (f: Filters) => {
    setFilters(f);
    setError(null);
    if (!f.unitId) {
      setError('请选择单位');
      return;
    }
    setBusy(true);
    try {
      setReport(await get<Quarterly>(`/api/oversight/quarterly${query(params(f))}`));
    } catch (e) {
      setReport(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const exportAs = (format: 'xlsx' | 'docx') =>
    download(`/api/oversight/quarterly/export${query({ ...params(filters), format })}`).catch((e: Error) =>
      setError(e.message),
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        季度检查自查表
      </Typography.Title>
      <Card size="small">
        <Form<Filters> layout="inline" initialValues={filters} onFinish={(f) => void load(f)} style={{ rowGap: 12 }}>
          <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <UnitSelect units={units} style={{ width: 200 }} data-testid="quarterly-unit" />
          </Form.Item>
          <Form.Item name="quarter" label="季度" rules={[{ required: true, message: '请选择季度' }]}>
            <DatePicker picker="quarter" format="YYYY年第Q季度" allowClear={false} data-testid="quarterly-quarter" />
          </Form.Item>
          <Space wrap>
            <Button
              type="primary"
              htmlType="submit"
              icon={<SearchOutlined />}
              loading={busy}
              data-testid="quarterly-search">
              查询
            </Button>
            <Button icon={<FileExcelOutlined />} disabled={!report} onClick={() => void exportAs('xlsx')}>
              导出 Excel
            </Button>
            <Button icon={<FileWordOutlined />} disabled={!report} onClick={() => void exportAs('docx')}>
              导出 Word
            </Button>
          </Space>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} data-testid="quarterly-error" />}
      {report && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="quarterly">
          <Typography.Text type="secondary">
            {report.unitName} · {report.quarter}（{report.from} 至 {report.to}），数据截至 {formatTime(report.asOf)}。
            有单项否决即不合格，否则 100 分减扣分，80 分及以上合格；监测看不到的指标为“待人工核实”。
          </Typography.Text>
          {report.targets.length ? (
            report.targets.map((t) => <TargetCard key={`${t.kind}-${t.id}`} t={t} />)
          ) : (
            <Alert type="info" showIcon title="该单位没有登记监测的网站或政务新媒体账号" />
          )}
        </Space>
      )}
    </Space>
  );
}
