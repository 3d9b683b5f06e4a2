// 统计: the dashboard of the 督查, the e-gov center and each unit's leaders — per unit and period, computed from the
// 登记台账 (src/oversight/stats.ts). Every number opens the list of ledger entries it counts; charts save as PNG (the
// chart's own toolbox), the tables export as .xlsx. Loaded lazily (routes.tsx), with ECharts, so the rest of the app
// does not carry it.
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Drawer, Form, Row, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, ToolboxComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { get, query } from '../api.ts';
import { periodOf, UnitPeriodFields, useUnitPeriod } from '../components/UnitPeriodFilter.tsx';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, ToolboxComponent, TooltipComponent, CanvasRenderer]);

interface Count {
  key: string;
  label: string;
  count: number;
}
interface Spread {
  median: number | null;
  p90: number | null;
  count: number;
}
interface Stats {
  unitName: string;
  published: Count[];
  levels: (Count & { median: number | null; p90: number | null })[];
  returns: {
    submitted: number;
    returned: number;
    share: number | null;
    byLevel: (Count & { reasons: { seq: number; text: string }[] })[];
  };
  secrecy: Count[];
  dismissedByCategory: Count[];
  dismissedByPerson: Count[];
  incidents: (Count & { toHandle: Spread; toClose: Spread })[];
  checkIns: Count[];
}
interface Entry {
  seq: number;
  time: string;
  actor: { name: string; unitName: string | null } | null;
  actionLabel: string;
  subjectView: { kindName: string; name: string };
  fields: { key: string; label: string; value: string }[];
}
interface Filters {
  unitId?: string;
  range: [Dayjs, Dayjs];
}
interface Figure {
  figure: string;
  key?: string;
  title: string;
}

const DISTRICT_ROLES = ['egovCenter', 'inspector'];

function Chart({ option, testId }: { option: echarts.EChartsCoreOption; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({ toolbox: { feature: { saveAsImage: { title: '保存为图片', pixelRatio: 2 } } }, ...option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} style={{ height: 260 }} data-testid={testId} />;
}

const bars = (rows: { label: string }[], series: { name: string; data: (number | null)[] }[]) => ({
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  grid: { left: 40, right: 20, top: 40, bottom: 40 },
  xAxis: { type: 'category', data: rows.map((r) => r.label) },
  yAxis: { type: 'value', minInterval: 1 },
  series: series.map((s) => ({ type: 'bar', ...s })),
});

export function StatsPage() {
  const { units, initial } = useUnitPeriod(DISTRICT_ROLES);
  const [filters, setFilters] = useState<Filters>(initial);
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Figure | null>(null);
  const [entries, setEntries] = useState<{ total: number; entries: Entry[] } | null>(null);
  const params = { unitId: filters.unitId, ...periodOf(filters.range) };
  const key = JSON.stringify(params);

  useEffect(() => {
    setError(null);
    get<Stats>(`/api/oversight/stats${query(params)}`)
      .then(setStats)
      .catch((e: Error) => setError(e.message));
  }, [key]);
  useEffect(() => {
    setEntries(null);
    if (!open) return;
    get<{ total: number; entries: Entry[] }>(
      `/api/oversight/stats/entries${query({ ...params, figure: open.figure, key: open.key })}`,
    )
      .then(setEntries)
      .catch((e: Error) => setError(e.message));
  }, [open, key]);

  const num = (n: number, f: Figure) => (
    <Typography.Link onClick={() => setOpen(f)} data-testid={`stat-${f.figure}-${f.key ?? 'all'}`}>
      {n}
    </Typography.Link>
  );
  // A figure's rows: its label, the count (opens the entries it counts), and any further columns.
  const figureTable = <T extends Count>(
    rows: T[],
    figure: string,
    name: string,
    heads: [string, string],
    testId: string,
    extra: ColumnsType<T> = [],
  ) => (
    <Table<T>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      locale={{ emptyText: '无' }}
      columns={[
        { title: heads[0], dataIndex: 'label' },
        {
          title: heads[1],
          dataIndex: 'count',
          width: 80,
          render: (n: number, r) => num(n, { figure, key: r.key, title: `${name}：${r.label}` }),
        },
        ...extra,
      ]}
    />
  );
  const countTable = (rows: Count[], figure: string, name: string, testId: string) =>
    figureTable(rows, figure, name, ['项目', '数量'], testId);
  const fmt = (n: number | null) => (n === null ? '—' : String(n));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        统计
      </Typography.Title>
      <Card size="small">
        <Form<Filters>
          layout="inline"
          initialValues={filters}
          onFinish={(f) => setFilters({ ...f })}
          style={{ rowGap: 12 }}>
          <UnitPeriodFields units={units} testId="stats" rangeLabel="期间" required />
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="stats-search">
            查询
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/oversight/stats/export${query(params)}`}
            download
            data-testid="stats-export">
            导出 Excel
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} data-testid="stats-error" />}
      {stats && (
        <Row gutter={[16, 16]} data-testid="stats">
          <Col xs={24} lg={12}>
            <Card size="small" title={`发布数量（按渠道）· ${stats.unitName}`}>
              <Chart
                testId="chart-published"
                option={bars(stats.published, [{ name: '发布', data: stats.published.map((c) => c.count) }])}
              />
              {countTable(stats.published, 'published', '发布', 'table-published')}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="各级审核用时（工作日）">
              <Chart
                testId="chart-levels"
                option={bars(stats.levels, [
                  { name: '中位数', data: stats.levels.map((l) => l.median) },
                  { name: '第 90 百分位', data: stats.levels.map((l) => l.p90) },
                ])}
              />
              {figureTable(stats.levels, 'levels', '审核用时', ['环节', '件数'], 'table-levels', [
                { title: '中位数', dataIndex: 'median', render: fmt },
                { title: '第 90 百分位', dataIndex: 'p90', render: fmt },
              ])}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="退回比例及原因">
              <Typography.Paragraph data-testid="stats-returns">
                提交 {num(stats.returns.submitted, { figure: 'submitted', title: '提交审核' })} 次，退回{' '}
                {num(stats.returns.returned, { figure: 'returns', title: '退回' })} 次，退回比例{' '}
                {stats.returns.share === null ? '—' : `${(stats.returns.share * 100).toFixed(1)}%`}
              </Typography.Paragraph>
              {figureTable(stats.returns.byLevel, 'returns', '退回', ['退回环节', '次数'], 'table-returns', [
                {
                  title: '原因',
                  dataIndex: 'reasons',
                  render: (rs: { text: string }[]) => rs.map((x) => x.text).join('；'),
                },
              ])}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="保密审查办理">
              <Chart
                testId="chart-secrecy"
                option={{
                  tooltip: { trigger: 'item' },
                  legend: { top: 0 },
                  series: [
                    { type: 'pie', radius: '60%', data: stats.secrecy.map((c) => ({ name: c.label, value: c.count })) },
                  ],
                }}
              />
              {countTable(stats.secrecy, 'secrecy', '保密审查', 'table-secrecy')}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="排除的智能校对发现">
              <Row gutter={12}>
                <Col span={12}>
                  {countTable(stats.dismissedByCategory, 'dismissedByCategory', '按类别', 'table-dismissed-category')}
                </Col>
                <Col span={12}>
                  {countTable(stats.dismissedByPerson, 'dismissedByPerson', '按排除人', 'table-dismissed-person')}
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="读网值班异常事件（按监测项，分钟）">
              {figureTable(stats.incidents, 'incidents', '异常事件', ['监测项', '事件'], 'table-incidents', [
                {
                  title: '接手 中位数 / P90',
                  dataIndex: 'toHandle',
                  render: (d: Spread) => `${fmt(d.median)} / ${fmt(d.p90)}`,
                },
                {
                  title: '关闭 中位数 / P90',
                  dataIndex: 'toClose',
                  render: (d: Spread) => `${fmt(d.median)} / ${fmt(d.p90)}`,
                },
              ])}
              <Typography.Title level={5}>值班签到</Typography.Title>
              {countTable(stats.checkIns, 'checkIns', '值班签到', 'table-checkins')}
            </Card>
          </Col>
        </Row>
      )}
      <Drawer open={!!open} onClose={() => setOpen(null)} size="large" title={open?.title} destroyOnHidden>
        {entries && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">共 {entries.total} 条台账记录</Typography.Text>
            <Table<Entry>
              size="small"
              rowKey="seq"
              pagination={false}
              dataSource={entries.entries}
              data-testid="stats-entries"
              expandable={{
                expandedRowRender: (e) => e.fields.map((f) => `${f.label}：${f.value}`).join('；'),
              }}
              columns={[
                { title: '序号', dataIndex: 'seq', width: 70 },
                { title: '时间', dataIndex: 'time', width: 160 },
                { title: '操作人', dataIndex: 'actor', width: 100, render: (a: Entry['actor']) => a?.name ?? '系统' },
                { title: '操作', dataIndex: 'actionLabel', width: 130 },
                { title: '对象', dataIndex: 'subjectView', render: (v: Entry['subjectView']) => v.name },
              ]}
            />
          </Space>
        )}
      </Drawer>
    </Space>
  );
}
