// A 目录's rows as the notice prints them: 序号, 类别, 决策事项, 承办单位, 计划决策时间, 备注 (one table for the import
// preview, every version and the differences between versions). Scrolls sideways on a phone.
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { type Entry, monthLabel } from './types.ts';

export function entryColumns<T extends Entry>(): ColumnsType<T> {
  return [
    { title: '序号', dataIndex: 'seq', width: 64, render: (s: number) => (s > 0 ? s : '？') },
    { title: '类别', dataIndex: 'category', width: 150 },
    { title: '决策事项', dataIndex: 'title', width: 320 },
    { title: '承办单位', dataIndex: 'leadUnit', width: 130 },
    { title: '计划决策时间', dataIndex: 'plannedMonth', width: 120, render: (m: string) => monthLabel(m) },
    { title: '备注', dataIndex: 'note', width: 120 },
  ];
}

export function EntryTable({ entries, testId, empty }: { entries: Entry[]; testId?: string; empty?: ReactNode }) {
  return (
    <Table<Entry>
      rowKey="seq"
      size="small"
      data-testid={testId}
      dataSource={entries}
      columns={entryColumns<Entry>()}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText: empty ?? '没有事项' }}
    />
  );
}
