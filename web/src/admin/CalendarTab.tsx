// 节假日: the years whose holiday schedule (放假 and 调休上班) is known, one year's schedule with the State Council notice
// it comes from, and importing a year from the notice's text or a table (CalendarImport.tsx). A year not yet imported
// counts Monday–Friday, and every deadline reaching into it is marked 暂定 (DOMAIN.md §5).
import { Alert, Button, Card, Descriptions, Skeleton, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { get } from '../api.ts';
import { dayjs, formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { CalendarImport } from './CalendarImport.tsx';
import type { CalendarYear, CalendarYears, CalendarYearSummary } from './types.ts';

const ORIGIN = { shipped: '系统内置', imported: '管理员导入' } as const;

interface DayRow {
  key: string;
  kind: '放假' | '调休上班';
  name: string;
  first: string;
  last: string;
  days: number;
}

const withWeekday = (d: string) => `${d}（${dayjs(d).format('dddd')}）`;

function dayRows(y: CalendarYear): DayRow[] {
  const off = y.holidays.map(
    (h): DayRow => ({
      key: `h-${h.name}`,
      kind: '放假',
      name: h.name,
      first: h.days[0],
      last: h.days[h.days.length - 1],
      days: h.days.length,
    }),
  );
  const on = y.makeupWorkdays.map(
    (d): DayRow => ({ key: `m-${d}`, kind: '调休上班', name: '调休上班', first: d, last: d, days: 1 }),
  );
  return [...off, ...on].sort((a, b) => a.first.localeCompare(b.first));
}

export function CalendarTab() {
  const years = useLoad(() => get<CalendarYears>('/api/calendar/years'), []);
  const [picked, setPicked] = useState<number | null>(null);
  const list = years.data?.years ?? [];
  const thisYear = dayjs().year();
  const year = picked ?? (list.some((y) => y.year === thisYear) ? thisYear : (list[list.length - 1]?.year ?? null));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {years.data?.abilities.canImport && (
        <CalendarImport
          onImported={(y) => {
            years.reload();
            setPicked(y);
          }}
        />
      )}
      {years.error && <Alert type="error" showIcon title={years.error} />}
      <Table<CalendarYearSummary>
        rowKey="year"
        size="middle"
        loading={years.loading}
        dataSource={list}
        pagination={false}
        data-testid="calendar-years"
        locale={{ emptyText: '还没有任何年份的节假日安排，请导入' }}
        rowClassName={(r) => (r.year === year ? 'ant-table-row-selected' : '')}
        columns={[
          { title: '年份', dataIndex: 'year', width: 80 },
          { title: '依据的通知', dataIndex: 'source' },
          { title: '来源', dataIndex: 'origin', width: 110, render: (o: keyof typeof ORIGIN) => ORIGIN[o] },
          { title: '导入时间', dataIndex: 'importedAt', width: 150, render: formatTime },
          { title: '放假天数', dataIndex: 'holidayDays', width: 90 },
          { title: '调休上班', dataIndex: 'makeupWorkdays', width: 90, render: (n: number) => `${n} 天` },
          {
            title: '操作',
            key: 'view',
            width: 80,
            render: (_, r) => (
              <Button
                type="link"
                onClick={() => setPicked(r.year)}
                aria-label={`查看${r.year}年安排`}
                data-testid={`calendar-view-${r.year}`}>
                查看
              </Button>
            ),
          },
        ]}
      />
      {year !== null && <YearSchedule year={year} />}
    </Space>
  );
}

function YearSchedule({ year }: { year: number }) {
  const y = useLoad(() => get<CalendarYear>(`/api/calendar/${year}`), [year]);
  return (
    <Card title={`${year} 年放假和调休安排`} data-testid="calendar-year">
      {y.error && <Alert type="error" showIcon title={y.error} />}
      {y.loading || !y.data ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'source', label: '依据', children: <span data-testid="calendar-source">{y.data.source}</span> },
              {
                key: 'origin',
                label: '来源',
                children: `${ORIGIN[y.data.origin]}${y.data.importedAt ? `（${formatTime(y.data.importedAt)}）` : ''}`,
              },
            ]}
          />
          <Table<DayRow>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={dayRows(y.data)}
            data-testid="calendar-days"
            locale={{ emptyText: '该年没有放假安排' }}
            columns={[
              {
                title: '类别',
                dataIndex: 'kind',
                width: 100,
                render: (k: DayRow['kind']) => <Tag color={k === '放假' ? 'red' : 'blue'}>{k}</Tag>,
              },
              { title: '名称', dataIndex: 'name', width: 120 },
              {
                title: '日期',
                key: 'dates',
                render: (_, r) =>
                  r.first === r.last ? withWeekday(r.first) : `${withWeekday(r.first)} 至 ${withWeekday(r.last)}`,
              },
              { title: '天数', dataIndex: 'days', width: 80, render: (n: number) => `${n} 天` },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
