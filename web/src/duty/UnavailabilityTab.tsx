// 不可值班: who of the unit's duty people cannot take duty when (年休假、出差…), not yet over; 自动排班 leaves them out.
// Recording one for a person of the unit, and deleting one.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Popconfirm, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormModal, useAction } from '../admin/FormModal.tsx';
import { api, get, post, query } from '../api.ts';
import { useLoad } from '../hooks.ts';
import type { SetupTabProps } from './SetupPage.tsx';
import { LIMITS, type Unavailability } from './setupTypes.ts';

interface Values {
  userId: string;
  range: [Dayjs, Dayjs];
  reason: string;
}

export function UnavailabilityTab({ setup }: SetupTabProps) {
  const list = useLoad(
    () => get<Unavailability[]>(`/api/duty/unavailability${query({ unitId: setup.unitId })}`),
    [setup.unitId],
  );
  const [adding, setAdding] = useState(false);
  const act = useAction();
  const remove = async (u: Unavailability) => {
    if (await act(() => api('DELETE', `/api/duty/unavailability/${u.id}`), `已删除${u.name}的不可值班登记`))
      list.reload();
  };
  const add = async (v: Values) => {
    await post('/api/duty/unavailability', {
      unitId: setup.unitId,
      userId: v.userId,
      from: v.range[0].format('YYYY-MM-DD'),
      to: v.range[1].format('YYYY-MM-DD'),
      reason: v.reason,
    });
    list.reload();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {setup.abilities.canManage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="unavailable-add">
          登记不可值班
        </Button>
      )}
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<Unavailability>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data}
        data-testid="unavailable-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '没有尚未结束的不可值班登记' }}
        columns={[
          { title: '人员', dataIndex: 'name', width: 120 },
          { title: '日期（含起止两天）', key: 'days', width: 240, render: (_, u) => `${u.from} 至 ${u.to}` },
          { title: '原因', dataIndex: 'reason' },
          {
            title: '操作',
            key: 'remove',
            width: 80,
            render: (_, u) =>
              u.canRemove && (
                <Popconfirm
                  title={`删除${u.name}的这条登记？`}
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => remove(u)}>
                  <Button type="link" danger aria-label={`删除${u.name}的登记`} data-testid="unavailable-remove">
                    删除
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <FormModal<Values>
        title="登记不可值班的时间"
        open={adding}
        onClose={() => setAdding(false)}
        testId="unavailable-form"
        done="已登记，自动排班时将避开"
        submitText="登记"
        onSubmit={add}>
        <Form.Item name="userId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择值班人员或带班领导"
            data-testid="unavailable-person"
            options={setup.pool.officers.map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="range" label="日期（含起止两天）" rules={[{ required: true, message: '请选择起止日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} data-testid="unavailable-range" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="原因"
          rules={[
            { required: true, whitespace: true, message: '请填写原因' },
            { max: LIMITS.reason, message: `原因不能超过 ${LIMITS.reason} 个字` },
          ]}>
          <Input placeholder="如：年休假、出差" data-testid="unavailable-reason" />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
