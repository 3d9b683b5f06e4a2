// 公平性: each person's load on this roster — shifts, hours, nights, weekend/holiday shifts — and the spread (most
// minus fewest) of each among the officers, so the keeper sees at a glance whether one person carries the nights.
import { Card, Table, Typography } from 'antd';
import type { RosterDetail } from './types.ts';

type Row = RosterDetail['counts'][number];

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
const shifts = (c: Row) => c.hard + c.normal;

const COLUMNS: { key: string; title: string; value: (c: Row) => number }[] = [
  { key: 'shifts', title: '班次', value: shifts },
  { key: 'hours', title: '小时', value: (c) => hours(c.minutes) },
  { key: 'nights', title: '夜班', value: (c) => c.nights },
  { key: 'offDays', title: '周末/节假日', value: (c) => c.offDays },
];

export function FairnessCard({ detail }: { detail: RosterDetail }) {
  const officers = detail.counts.filter((c) => shifts(c) > 0);
  if (officers.length === 0) return null;
  const spread = (value: (c: Row) => number) => {
    const all = officers.map(value);
    return Math.round((Math.max(...all) - Math.min(...all)) * 10) / 10;
  };
  return (
    <Card size="small" title="公平性（本表）" style={{ marginTop: 12 }} data-testid="roster-fairness">
      <Table<Row>
        size="small"
        pagination={false}
        rowKey={(c) => c.person.id}
        dataSource={officers}
        columns={[
          { key: 'name', title: '值班人员', render: (_, c) => c.person.name },
          ...COLUMNS.map((col) => ({ key: col.key, title: col.title, render: (_: unknown, c: Row) => col.value(c) })),
        ]}
        onRow={(c) =>
          ({ 'data-testid': 'fairness-row', 'data-person-id': c.person.id }) as React.HTMLAttributes<HTMLElement>
        }
        summary={() => (
          <Table.Summary.Row data-testid="fairness-spread">
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>最多与最少之差</Typography.Text>
            </Table.Summary.Cell>
            {COLUMNS.map((col, i) => (
              <Table.Summary.Cell key={col.key} index={i + 1}>
                {spread(col.value)}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
    </Card>
  );
}
