// One dictionary's entries: a searchable table with 修改 and 删除 (with a confirm), and the add/edit dialog.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { api } from '../api.ts';
import { FormModal, useAction } from './FormModal.tsx';

export interface DictKind<T extends { id: string }, F> {
  path: 'units' | 'leaders' | 'lexicon';
  noun: string; // 单位 / 领导人 / 词语
  rows: T[];
  search: (entry: T) => string[]; // the texts the filter box looks in
  columns: ColumnsType<T>;
  toForm: (entry: T) => F;
  save: (id: string | null, form: F) => Promise<unknown>; // null: a new entry
  fields: ReactNode;
}

interface Props<T extends { id: string }, F> {
  kind: DictKind<T, F>;
  blank: Partial<F>;
  canEdit: boolean;
  onChanged: () => void;
}

type Editing<T> = { entry: T | null } | null; // null: closed; entry null: a new one

export function DictList<T extends { id: string }, F extends object>({ kind, blank, canEdit, onChanged }: Props<T, F>) {
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Editing<T>>(null);
  const act = useAction();
  const shown = filter.trim()
    ? kind.rows.filter((e) => kind.search(e).some((t) => t.includes(filter.trim())))
    : kind.rows;
  const remove = async (e: T) => {
    if (await act(() => api('DELETE', `/api/dictionaries/${kind.path}/${e.id}`), `已删除${kind.noun}`)) onChanged();
  };
  const actions: ColumnsType<T> = canEdit
    ? [
        {
          title: '操作',
          key: 'actions',
          width: 130,
          render: (_, e) => (
            <Space size={0}>
              <Button type="link" onClick={() => setEditing({ entry: e })} data-testid="dict-edit">
                修改
              </Button>
              <Popconfirm title={`删除这个${kind.noun}？`} okText="删除" cancelText="取消" onConfirm={() => remove(e)}>
                <Button type="link" danger data-testid="dict-delete">
                  删除
                </Button>
              </Popconfirm>
            </Space>
          ),
        },
      ]
    : [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={`查找${kind.noun}`}
          aria-label={`查找${kind.noun}`}
          style={{ width: 260 }}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          data-testid="dict-search"
        />
        {canEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ entry: null })}
            data-testid={`dict-add-${kind.path}`}>
            新增{kind.noun}
          </Button>
        )}
      </Space>
      <Table<T>
        rowKey="id"
        size="middle"
        dataSource={shown}
        columns={[...kind.columns, ...actions]}
        data-testid={`dict-table-${kind.path}`}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: filter ? `没有找到相符的${kind.noun}` : `还没有${kind.noun}` }}
      />
      <FormModal<F>
        title={`${editing?.entry ? '修改' : '新增'}${kind.noun}`}
        open={!!editing}
        onClose={() => setEditing(null)}
        testId={`dict-form-${kind.path}`}
        done={editing?.entry ? `已修改${kind.noun}` : `已新增${kind.noun}`}
        initialValues={editing?.entry ? kind.toForm(editing.entry) : blank}
        onSubmit={async (f) => {
          await kind.save(editing?.entry?.id ?? null, f);
          onChanged();
        }}>
        {kind.fields}
      </FormModal>
    </Space>
  );
}
