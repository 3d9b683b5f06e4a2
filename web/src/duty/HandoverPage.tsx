// 交接班: the handover notes (交接班记录) written at 签退 — and at a 离岗 — of a unit's recent shifts, newest first.
import { Alert, Card, DatePicker, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { get, query } from '../api.ts';
import { dayjs, formatTime, TZ } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { Handover } from './types.ts';
import { useDutyUnit } from './unit.tsx';

export function HandoverPage() {
  const { unitId, picker } = useDutyUnit();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().tz(TZ).subtract(6, 'day'), dayjs().tz(TZ)]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].add(1, 'day').format('YYYY-MM-DD');
  const list = useLoad(() => get<Handover[]>(`/api/duty/handovers${query({ unitId, from, to })}`), [unitId, from, to]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        交接班记录
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          {picker}
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            aria-label="日期"
            data-testid="handover-range"
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
          />
        </Space>
      </Card>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<Handover>
        rowKey={(h) => `${h.shiftId}-${h.person.id}-${h.checkedOutAt}`}
        size="middle"
        loading={list.loading}
        dataSource={list.data}
        data-testid="handover-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '所选日期内没有交接班记录' }}
        columns={[
          {
            title: '班次',
            dataIndex: 'shiftName',
            width: 200,
            render: (n: string, h) => (
              <>
                {n}
                <br />
                <Typography.Text type="secondary">
                  {formatTime(h.startsAt)} 至 {formatTime(h.endsAt)}
                </Typography.Text>
              </>
            ),
          },
          { title: '值班人员', dataIndex: 'person', width: 110, render: (p: Handover['person']) => p.name },
          { title: '到岗', dataIndex: 'checkedInAt', width: 140, render: formatTime },
          { title: '离岗', dataIndex: 'checkedOutAt', width: 140, render: formatTime },
          {
            title: '交接班记录',
            dataIndex: 'note',
            render: (n: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{n}</span>,
          },
        ]}
      />
    </Space>
  );
}
