// 导入节假日安排 in the notice's own words: paste the text of 国务院办公厅关于…年部分节假日安排的通知, or upload a table
// (.xlsx / .csv: 日期, 类型 放假/上班, 名称); the server parses it, the preview lists every holiday and make-up day, and
// only 确认导入 saves it — recomputing every deadline that was counted 暂定 (DOMAIN.md §5).
import { Alert, App, Button, Card, Input, InputNumber, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { post } from '../api.ts';
import type { CalendarImported, CalendarPreview, CalendarSource } from './types.ts';

const EXAMPLE =
  '一、元旦：1月1日（周五）放假，与周末连休。\n二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）'
  + '放假调休，共9天。2月14日（周六）、2月28日（周六）上班。\n…';
const ORIGIN = { shipped: '系统内置', imported: '管理员导入' } as const;

async function readFile(file: File): Promise<Pick<CalendarSource, 'format' | 'content'>> {
  if (/\.csv$/i.test(file.name)) return { format: 'csv', content: await file.text() };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { format: 'xlsx', content: btoa(binary) };
}

export function CalendarImport({ onImported }: { onImported: (year: number) => void }) {
  const { message } = App.useApp();
  const [mode, setMode] = useState<'notice' | 'table'>('notice');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [preview, setPreview] = useState<{ source: CalendarSource; result: CalendarPreview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const showPreview = () =>
    run(async () => {
      setPreview(null);
      if (mode === 'notice' && !text.trim()) throw new Error('请粘贴通知原文');
      if (mode === 'table' && !file) throw new Error('请选择 .xlsx 或 .csv 文件');
      const content = mode === 'notice' ? { format: 'notice' as const, content: text } : await readFile(file!);
      const source: CalendarSource = { ...content, ...(year ? { year } : {}) };
      setPreview({ source, result: await post<CalendarPreview>('/api/calendar/import/preview', source) });
    });
  const confirm = () =>
    run(async () => {
      const r = await post<CalendarImported>('/api/calendar/import', preview!.source);
      const moved = r.recomputed.filter((d) => d.from !== d.to).length;
      message.success(
        `已导入 ${r.year.year} 年节假日安排；重算暂定期限 ${r.recomputed.length} 个，其中 ${moved} 个改变并已通知相关人员`,
      );
      setPreview(null);
      setText('');
      onImported(r.year.year);
    });

  return (
    <Card title="导入节假日安排" data-testid="calendar-import">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Radio.Group
          value={mode}
          onChange={(e) => {
            setMode(e.target.value);
            setPreview(null);
          }}
          optionType="button"
          options={[
            { value: 'notice', label: '粘贴通知原文' },
            { value: 'table', label: '上传表格' },
          ]}
        />
        {mode === 'notice' ? (
          <Input.TextArea
            rows={8}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPreview(null);
            }}
            placeholder={`粘贴国务院办公厅关于部分节假日安排的通知全文（含标题），例如：\n${EXAMPLE}`}
            data-testid="calendar-notice"
          />
        ) : (
          <Space orientation="vertical">
            <Typography.Text type="secondary">
              表格三列：日期（如 2027-01-01）、类型（放假 / 上班）、名称（如
              元旦；上班日可空）。每个放假日、调休上班日各一行。
            </Typography.Text>
            <input
              type="file"
              accept=".xlsx,.csv"
              data-testid="calendar-import-file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setPreview(null);
              }}
            />
          </Space>
        )}
        <Space>
          <span>年份</span>
          <InputNumber
            min={2000}
            max={2100}
            precision={0}
            value={year}
            onChange={(v) => setYear(v)}
            placeholder="通知无标题时填写"
            data-testid="calendar-import-year"
          />
          <Button onClick={() => void showPreview()} loading={busy && !preview} data-testid="calendar-preview">
            预览
          </Button>
        </Space>
        {error && <Alert type="error" showIcon title={error} data-testid="calendar-import-error" />}
        {preview && <PreviewTable result={preview.result} busy={busy} onConfirm={() => void confirm()} />}
      </Space>
    </Card>
  );
}

function PreviewTable({ result, busy, onConfirm }: { result: CalendarPreview; busy: boolean; onConfirm: () => void }) {
  const days = result.holidays.reduce((n, h) => n + h.days, 0);
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="calendar-preview-result">
      <Typography.Text strong>{result.source}</Typography.Text>
      <Typography.Text>
        {result.year} 年：{result.holidays.map((h) => `${h.name} ${h.days} 天`).join('、')}，共放假 {days} 天； 调休上班{' '}
        {result.makeupWorkdays.length} 天。
      </Typography.Text>
      {result.replaces && (
        <Alert type="warning" showIcon title={`将替换已有的 ${result.year} 年安排（${ORIGIN[result.replaces]}）`} />
      )}
      <Table
        rowKey="date"
        size="small"
        pagination={false}
        dataSource={result.entries}
        data-testid="calendar-preview-days"
        columns={[
          { title: '日期', dataIndex: 'date', width: 130 },
          { title: '星期', dataIndex: 'weekday', width: 80 },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 90,
            render: (k: string) => <Tag color={k === '放假' ? 'red' : 'blue'}>{k}</Tag>,
          },
          { title: '名称', dataIndex: 'name' },
        ]}
      />
      <Button type="primary" onClick={onConfirm} loading={busy} data-testid="calendar-confirm">
        确认导入
      </Button>
    </Space>
  );
}
