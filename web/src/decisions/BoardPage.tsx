// 年度看板 for the 区政府办公室 and 区司法局: each item of the year with its step, the days to its planned month (overdue
// in red), when its comment window closes, and what it still lacks before the 常务会议; the year's exports.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popover, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { get, query } from '../api.ts';
import { todayInShanghai } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useSession } from '../session.tsx';
import { useUnits } from '../units.ts';
import { download } from './download.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { type Board, type BoardRow, type Catalog, monthLabel } from './types.ts';
import './decisions.css';

function loadBoard(year: number): Promise<Board> {
  return get<Board>(`/api/decisions/board${query({ year })}`);
}

/** Days to the planned month: working days (法定节假日 and 调休 counted) when the server says so. */
function days(r: BoardRow, unit: string) {
  if (!r.step) return '程序已办结';
  if (r.overdue)
    return (
      <Typography.Text type="danger">
        已逾期 {Math.abs(r.daysToPlanned)} {unit}
      </Typography.Text>
    );
  return r.daysToPlanned > 0 ? `还有 ${r.daysToPlanned} ${unit}` : '本月';
}

export function BoardPage() {
  const { user } = useSession();
  const { unitName } = useUnits();
  const { message } = App.useApp();
  const catalogs = useLoad(() => get<Catalog[]>('/api/decisions/catalogs'), []);
  const years = [...new Set((catalogs.data ?? []).map((c) => c.year))].sort((a, b) => b - a);
  const [chosenYear, setYear] = useState<number | null>(null);
  const year = chosenYear ?? years[0] ?? Number(todayInShanghai().slice(0, 4));
  const ready = catalogs.data !== undefined || catalogs.error !== null; // the year is known
  const board = useLoad(() => (ready ? loadBoard(year) : Promise.resolve(undefined)), [year, ready]);
  const ofYear = (catalogs.data ?? []).filter((c) => c.year === year);
  const data = board.data;
  const unit = data?.dayKind === 'working' ? '个工作日' : '天';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          重大行政决策年度看板
        </Typography.Title>
        <Space wrap>
          <Link to="/decisions/catalog">事项目录</Link>
          <Select
            style={{ width: 120 }}
            value={year}
            onChange={setYear}
            options={(years.length ? years : [year]).map((y) => ({ value: y, label: `${y}年度` }))}
            data-testid="board-year"
          />
        </Space>
      </Space>
      {ofYear.map((c) => (
        <Space wrap key={c.id}>
          <Typography.Text>{unitName(c.unitId)}目录：</Typography.Text>
          <ExportButtons
            catalog={c}
            canDraftNotice={!!user?.abilities.decisions.importOwnCatalog && user.unitId === c.unitId}
          />
        </Space>
      ))}
      {board.error ? (
        <Alert type="error" showIcon title={board.error} />
      ) : (
        <Table<BoardRow>
          rowKey="id"
          size="middle"
          loading={board.loading}
          dataSource={data?.items}
          data-testid="board-table"
          pagination={false}
          scroll={{ x: 1040 }}
          rowClassName={(r) => (r.overdue ? 'decision-overdue' : '')}
          locale={{ emptyText: `${year}年度没有重大行政决策事项` }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 60 },
            { title: '类别', dataIndex: 'category', width: 100 },
            {
              title: '决策事项',
              dataIndex: 'title',
              width: 300,
              render: (t: string, r) => <Link to={`/decisions/items/${r.id}`}>{t}</Link>,
            },
            { title: '承办单位', dataIndex: 'unitName', width: 120 },
            { title: '计划决策时间', dataIndex: 'plannedMonth', width: 110, render: (m: string) => monthLabel(m) },
            {
              title: '当前步骤',
              dataIndex: 'stepLabel',
              width: 120,
              render: (l: string, r) => <Tag color={r.overdue ? 'red' : r.step ? 'processing' : 'success'}>{l}</Tag>,
            },
            { title: '距计划时间', width: 130, render: (_, r) => days(r, unit) },
            {
              title: '征求意见截止',
              dataIndex: 'commentClosesAt',
              width: 120,
              render: (d: string | null) => d ?? '—',
            },
            {
              title: '提请审议尚缺',
              dataIndex: 'missing',
              width: 120,
              render: (m: string[]) =>
                m.length ? (
                  <Popover
                    title="提请常务会议审议尚缺"
                    trigger="click"
                    content={
                      <ul style={{ margin: 0, paddingLeft: 18, maxWidth: 320 }}>
                        {m.map((x) => (
                          <li key={x}>{x}</li>
                        ))}
                      </ul>
                    }>
                    <Button size="small" type="link" data-testid="board-missing">
                      尚缺 {m.length} 项
                    </Button>
                  </Popover>
                ) : (
                  '—'
                ),
            },
            {
              title: '材料',
              width: 80,
              render: (_, r) => (
                <Button
                  size="small"
                  type="link"
                  icon={<DownloadOutlined />}
                  title="过程记录和材料（ZIP）"
                  onClick={() =>
                    void download(`/api/decisions/items/${r.id}/records.zip`, `${r.title}过程材料.zip`).catch(
                      (e: Error) => message.error(e.message),
                    )
                  }>
                  ZIP
                </Button>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}
