// 单位与科室: the district's units, adding one, and a unit's detail (科室, 起草人可做一审) in a drawer.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { get, post } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useLabels } from '../session.tsx';
import type { Unit } from '../types.ts';
import { FormModal } from './FormModal.tsx';
import { UnitDrawer } from './UnitDrawer.tsx';

interface UnitForm {
  name: string;
  fullName: string;
  kind: string;
  docCode?: string;
}

export function UnitsTab() {
  const labels = useLabels();
  const units = useLoad(() => get<Unit[]>('/api/units'), []);
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="unit-add">
        新增单位
      </Button>
      {units.error && <Alert type="error" showIcon title={units.error} />}
      <Table<Unit>
        rowKey="id"
        size="middle"
        loading={units.loading}
        dataSource={units.data}
        data-testid="unit-table"
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有单位，请先新增' }}
        columns={[
          { title: '简称', dataIndex: 'name', width: 160 },
          { title: '全称', dataIndex: 'fullName' },
          { title: '类型', dataIndex: 'kind', width: 90, render: (k: string) => labels.unitKind[k] ?? k },
          { title: '机关代字', dataIndex: 'docCode', width: 100, render: (c: string | null) => c ?? '—' },
          {
            title: '起草人可做一审',
            dataIndex: 'authorMayLevel1',
            width: 130,
            render: (v: boolean) => (v ? '允许' : '不允许'),
          },
          {
            title: '',
            dataIndex: 'districtWide',
            width: 90,
            render: (v: boolean) => (v ? <Tag color="red">全区性</Tag> : null),
          },
          {
            title: '操作',
            key: 'open',
            width: 90,
            render: (_, u) => (
              <Button
                type="link"
                onClick={() => setOpenId(u.id)}
                aria-label={`查看${u.name}详情`}
                data-testid="unit-open">
                详情
              </Button>
            ),
          },
        ]}
      />
      <FormModal<UnitForm>
        title="新增单位"
        open={adding}
        onClose={() => setAdding(false)}
        testId="unit-form"
        done="已新增单位"
        initialValues={{ kind: 'department' }}
        onSubmit={async (v) => {
          await post('/api/units', { ...v, docCode: v.docCode?.trim() || null });
          units.reload();
        }}>
        <Form.Item
          name="name"
          label="单位简称"
          rules={[
            { required: true, whitespace: true, message: '请填写单位简称' },
            { max: 50, message: '不超过 50 个字' },
          ]}>
          <Input placeholder="如：区科技局" data-testid="unit-name" />
        </Form.Item>
        <Form.Item
          name="fullName"
          label="单位全称"
          rules={[
            { required: true, whitespace: true, message: '请填写单位全称' },
            { max: 100, message: '不超过 100 个字' },
          ]}>
          <Input placeholder="如：重庆市綦江区科学技术局" data-testid="unit-fullname" />
        </Form.Item>
        <Form.Item name="kind" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
          <Select
            data-testid="unit-kind"
            options={Object.entries(labels.unitKind).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item
          name="docCode"
          label="机关代字"
          extra="发文字号中的代字，如「綦科技发」；可不填"
          rules={[{ max: 20, message: '不超过 20 个字' }]}>
          <Input data-testid="unit-doccode" />
        </Form.Item>
      </FormModal>
      <UnitDrawer unitId={openId} onClose={() => setOpenId(null)} onChanged={units.reload} />
    </Space>
  );
}
