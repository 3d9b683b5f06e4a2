// 通知登记: notices from superiors received on duty (上级通知) and the 读网记录, for a unit over a date range.
import { Alert, Card, DatePicker, Space, Table, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { get, query } from '../api.ts';
import { dayjs, formatTime, TZ } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useSession } from '../session.tsx';
import { NoticeForm } from './NoticeForm.tsx';
import { ReadingsTab } from './ReadingsTab.tsx';
import type { DutySetup, Notice } from './types.ts';
import { useDutyUnit } from './unit.tsx';

export function NoticesPage() {
  const { has } = useSession();
  const { unitId, picker } = useDutyUnit();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().tz(TZ).subtract(6, 'day'), dayjs().tz(TZ)]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].add(1, 'day').format('YYYY-MM-DD');
  const canRecord = has('dutyOfficer', unitId) || has('dutyLeader', unitId);
  const setup = useLoad(() => get<DutySetup>(`/api/duty/units/${unitId}/setup`), [unitId]);
  const notices = useLoad(() => get<Notice[]>(`/api/duty/notices${query({ unitId, from, to })}`), [unitId, from, to]);
  const noticeTab = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {canRecord && <NoticeForm unitId={unitId} people={setup.data?.pool.officers ?? []} onDone={notices.reload} />}
      {notices.error && <Alert type="error" showIcon title={notices.error} />}
      <Table<Notice>
        rowKey="id"
        size="middle"
        loading={notices.loading}
        dataSource={notices.data}
        data-testid="notice-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '所选日期内没有登记上级通知' }}
        columns={[
          { title: '收到时间', dataIndex: 'receivedAt', width: 140, render: formatTime },
          { title: '来源', dataIndex: 'fromWhom', width: 180 },
          {
            title: '内容',
            dataIndex: 'content',
            render: (c: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{c}</span>,
          },
          {
            title: '已告知',
            key: 'told',
            width: 200,
            render: (_, n) => [...n.told.map((t) => t.name), ...(n.toldOthers ? [n.toldOthers] : [])].join('、') || '—',
          },
          { title: '登记人', dataIndex: 'recordedByName', width: 90 },
        ]}
      />
    </Space>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        值班记录
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          {picker}
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            aria-label="日期"
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
          />
        </Space>
      </Card>
      <Tabs
        items={[
          { key: 'notices', label: '上级通知登记', children: noticeTab },
          {
            key: 'readings',
            label: '读网记录',
            children: <ReadingsTab unitId={unitId} from={from} to={to} canRecord={canRecord} />,
          },
        ]}
      />
    </Space>
  );
}
