// 节假日: the years whose holiday schedule (放假 and 调休上班) is known, one year's schedule with the State Council notice
// it comes from, and importing a year from a JSON file. A missing year is an error for every deadline, never a guess.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, InputNumber, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, get } from '../api.ts';
import { dayjs, formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { FormModal } from './FormModal.tsx';
import type { CalendarYear, CalendarYears, CalendarYearSummary } from './types.ts';

const ORIGIN = { shipped: '系统内置', imported: '管理员导入' } as const;

interface DayRow { key: string; kind: '放假' | '调休上班'; name: string; first: string; last: string; days: number }

const withWeekday = (d: string) => `${d}（${dayjs(d).format('dddd')}）`;

function dayRows(y: CalendarYear): DayRow[] {
  const off = y.holidays.map((h): DayRow => ({ key: `h-${h.name}`, kind: '放假', name: h.name, first: h.days[0], last: h.days[h.days.length - 1], days: h.days.length }));
  const on = y.makeupWorkdays.map((d): DayRow => ({ key: `m-${d}`, kind: '调休上班', name: '调休上班', first: d, last: d, days: 1 }));
  return [...off, ...on].sort((a, b) => a.first.localeCompare(b.first));
}

export function CalendarTab() {
  const years = useLoad(() => get<CalendarYears>('/api/calendar/years'), []);
  const [picked, setPicked] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const list = years.data?.years ?? [];
  const thisYear = dayjs().year();
  const year = picked ?? (list.some((y) => y.year === thisYear) ? thisYear : list[list.length - 1]?.year ?? null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {years.data?.abilities.canImport && (
        <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="calendar-import">导入某年安排</Button>
      )}
      {years.error && <Alert type="error" showIcon title={years.error} />}
      <Table<CalendarYearSummary> rowKey="year" size="middle" loading={years.loading} dataSource={list} pagination={false}
        data-testid="calendar-years" locale={{ emptyText: '还没有任何年份的节假日安排，请导入' }}
        rowClassName={(r) => (r.year === year ? 'ant-table-row-selected' : '')}
        columns={[
          { title: '年份', dataIndex: 'year', width: 80 },
          { title: '依据的通知', dataIndex: 'source' },
          { title: '来源', dataIndex: 'origin', width: 110, render: (o: keyof typeof ORIGIN) => ORIGIN[o] },
          { title: '导入时间', dataIndex: 'importedAt', width: 150, render: formatTime },
          { title: '放假天数', dataIndex: 'holidayDays', width: 90 },
          { title: '调休上班', dataIndex: 'makeupWorkdays', width: 90, render: (n: number) => `${n} 天` },
          { title: '操作', key: 'view', width: 80, render: (_, r) => (
            <Button type="link" onClick={() => setPicked(r.year)} aria-label={`查看${r.year}年安排`} data-testid={`calendar-view-${r.year}`}>查看</Button>
          ) },
        ]} />
      {year !== null && <YearSchedule year={year} />}
      <FormModal<{ year: number; content: FileContent }> title="导入节假日安排" open={importing} onClose={() => setImporting(false)}
        testId="calendar-import-form" done="已导入节假日安排" submitText="导入" initialValues={{ year: thisYear + 1 }}
        onSubmit={async (v) => { await api('PUT', `/api/calendar/${v.year}`, v.content && 'json' in v.content ? v.content.json : null); years.reload(); setPicked(v.year); }}>
        <Typography.Paragraph type="secondary">
          按国务院办公厅关于部分节假日安排的通知填写 JSON：year（年份）、source（通知名称及文号）、holidays（每个节日的 name 和放假日期 days）、
          makeupWorkdays（调休上班日）。日期格式为 YYYY-MM-DD。已有的年份会被覆盖。
        </Typography.Paragraph>
        <Form.Item name="content" label="JSON 文件" rules={[{ validator: async (_, v: unknown) => checkContent(v) }]}>
          <JsonFileInput />
        </Form.Item>
        <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
          <InputNumber min={2000} max={2100} precision={0} data-testid="calendar-import-year" />
        </Form.Item>
      </FormModal>
    </Space>
  );
}

function YearSchedule({ year }: { year: number }) {
  const y = useLoad(() => get<CalendarYear>(`/api/calendar/${year}`), [year]);
  return (
    <Card title={`${year} 年放假和调休安排`} data-testid="calendar-year">
      {y.error && <Alert type="error" showIcon title={y.error} />}
      {y.loading || !y.data ? <Skeleton active /> : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} items={[
            { key: 'source', label: '依据', children: <span data-testid="calendar-source">{y.data.source}</span> },
            { key: 'origin', label: '来源', children: `${ORIGIN[y.data.origin]}${y.data.importedAt ? `（${formatTime(y.data.importedAt)}）` : ''}` },
          ]} />
          <Table<DayRow> rowKey="key" size="small" pagination={false} dataSource={dayRows(y.data)} data-testid="calendar-days"
            locale={{ emptyText: '该年没有放假安排' }}
            columns={[
              { title: '类别', dataIndex: 'kind', width: 100, render: (k: DayRow['kind']) => <Tag color={k === '放假' ? 'red' : 'blue'}>{k}</Tag> },
              { title: '名称', dataIndex: 'name', width: 120 },
              { title: '日期', key: 'dates', render: (_, r) => (r.first === r.last ? withWeekday(r.first) : `${withWeekday(r.first)} 至 ${withWeekday(r.last)}`) },
              { title: '天数', dataIndex: 'days', width: 80, render: (n: number) => `${n} 天` },
            ]} />
        </Space>
      )}
    </Card>
  );
}

type FileContent = { json: unknown } | { error: string } | undefined;

async function checkContent(v: unknown) {
  const c = v as FileContent;
  if (!c) throw new Error('请选择 JSON 文件');
  if ('error' in c) throw new Error(c.error);
}

/** A file chooser that reads a .json file; the year inside it fills the 年份 field. */
function JsonFileInput({ onChange }: { value?: FileContent; onChange?: (v: FileContent) => void }) {
  const form = Form.useFormInstance();
  const read = async (file: File | undefined) => {
    if (!file) return onChange?.(undefined);
    try {
      const json: unknown = JSON.parse(await file.text());
      const year = (json as { year?: unknown } | null)?.year;
      if (typeof year === 'number') form.setFieldValue('year', year);
      onChange?.({ json });
    } catch {
      onChange?.({ error: `「${file.name}」不是有效的 JSON 文件，请检查括号、引号和逗号` });
    }
  };
  return <input id="content" type="file" accept=".json,application/json" data-testid="calendar-import-file" onChange={(e) => void read(e.target.files?.[0])} />;
}
