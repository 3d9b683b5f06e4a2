// 读网记录: each reading round (when, the pages read, anomalies found) and the days with fewer rounds than the unit's
// minimum (e.g. twice a working day, once a rest day or holiday).
import { Alert, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { get, post, query } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { DAY_KIND_NAME, type Reading, type ReadingDay, type ReadingReport } from './types.ts';
import { useSubmit } from './useSubmit.ts';

export function ReadingsTab({
  unitId,
  from,
  to,
  canRecord,
}: {
  unitId: string;
  from: string;
  to: string;
  canRecord: boolean;
}) {
  const [form] = Form.useForm<{ pages: string; anomalies?: string }>();
  const { busy, error, run } = useSubmit();
  const report = useLoad(
    () => get<ReadingReport>(`/api/duty/readings${query({ unitId, from, to })}`),
    [unitId, from, to],
  );
  const submit = async (v: { pages: string; anomalies?: string }) => {
    const pages = v.pages
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    if (
      !(await run(() => post('/api/duty/readings', { unitId, pages, anomalies: v.anomalies ?? '' }), '读网记录已登记'))
    )
      return;
    form.resetFields();
    report.reload();
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {canRecord && (
        <Card size="small" title="登记一轮读网（时间为现在）">
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
            <Form.Item
              name="pages"
              label="读过的网页或栏目（每行一个）"
              rules={[{ required: true, whitespace: true, message: '请填写读过的网页或栏目' }]}>
              <Input.TextArea rows={3} placeholder={'区科技局网站首页\n通知公告栏目'} data-testid="reading-pages" />
            </Form.Item>
            <Form.Item name="anomalies" label="发现的异常（没有可不填）">
              <Input.TextArea rows={2} />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit" loading={busy} data-testid="reading-submit">
              登记
            </Button>
          </Form>
        </Card>
      )}
      {report.error && <Alert type="error" showIcon title={report.error} />}
      {report.data && report.data.missingDays.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="readings-missing"
          title={`${report.data.missingDays.length} 天读网轮次不足`}
          description={report.data.missingDays
            .map(
              (d: ReadingDay) =>
                `${d.date}（${DAY_KIND_NAME[d.dayKind]}，`
                + `应读 ${d.required} 轮，已读 ${d.recorded} 轮${d.inProgress ? '，今日进行中' : ''}）`,
            )
            .join('；')}
        />
      )}
      <Table<Reading>
        rowKey="id"
        size="middle"
        loading={report.loading}
        dataSource={report.data?.rounds}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '所选日期内没有读网记录' }}
        columns={[
          { title: '时间', dataIndex: 'readAt', width: 140, render: formatTime },
          { title: '读网人', dataIndex: 'name', width: 100 },
          { title: '读过的网页', dataIndex: 'pages', render: (p: string[]) => p.join('；') },
          {
            title: '发现的异常',
            dataIndex: 'anomalies',
            width: 260,
            render: (a: string) =>
              a ? <Tag color="red">{a}</Tag> : <Typography.Text type="secondary">无</Typography.Text>,
          },
        ]}
      />
    </Space>
  );
}
