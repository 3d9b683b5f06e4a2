// 重要日期 (§4.2): the 重大活动 and 重要节点 from today on — the unit's own and the whole district's — on which every
// shift needs a 带班领导; marking one, and taking a mark off (a district one only by those who may mark for the district).
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Popconfirm, Radio, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormModal, useAction } from '../admin/FormModal.tsx';
import { api, get, post, query } from '../api.ts';
import { dayjs } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { SetupTabProps } from './SetupPage.tsx';
import { LIMITS, type SpecialDay, type SpecialDayList, SPECIAL_KIND_NAME, type SpecialKind } from './setupTypes.ts';

interface Values {
  day: Dayjs;
  kind: SpecialKind;
  name: string;
  scope: 'unit' | 'district';
}

export function SpecialDaysTab({ setup }: SetupTabProps) {
  const list = useLoad(
    () => get<SpecialDayList>(`/api/duty/special-days${query({ unitId: setup.unitId })}`),
    [setup.unitId],
  );
  const [adding, setAdding] = useState(false);
  const act = useAction();
  const may = list.data?.abilities;
  const remove = async (d: SpecialDay) => {
    if (await act(() => api('DELETE', `/api/duty/special-days/${d.id}`), `已取消「${d.name}」`)) list.reload();
  };
  const add = async (v: Values) => {
    await post('/api/duty/special-days', {
      unitId: v.scope === 'district' ? null : setup.unitId,
      day: v.day.format('YYYY-MM-DD'),
      kind: v.kind,
      name: v.name,
    });
    list.reload();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {(may?.canMark || may?.canMarkDistrict) && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="special-add">
          标记重要日期
        </Button>
      )}
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Table<SpecialDay>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.days}
        data-testid="special-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '今天及以后没有标记重大活动或重要节点' }}
        columns={[
          { title: '日期', dataIndex: 'day', width: 170, render: (d: string) => `${d} ${dayjs(d).format('dddd')}` },
          {
            title: '类型',
            dataIndex: 'kind',
            width: 100,
            render: (k: SpecialKind) => <Tag color={k === 'majorEvent' ? 'red' : 'orange'}>{SPECIAL_KIND_NAME[k]}</Tag>,
          },
          { title: '名称', dataIndex: 'name' },
          { title: '范围', dataIndex: 'district', width: 90, render: (b: boolean) => (b ? '全区' : '本单位') },
          {
            title: '操作',
            key: 'remove',
            width: 90,
            render: (_, d) =>
              d.canRemove && (
                <Popconfirm
                  title={`取消「${d.name}」的标记？`}
                  okText="取消标记"
                  cancelText="不取消"
                  onConfirm={() => remove(d)}>
                  <Button type="link" danger aria-label={`取消${d.name}`} data-testid="special-remove">
                    取消标记
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <FormModal<Values>
        title="标记重大活动或重要节点"
        open={adding}
        onClose={() => setAdding(false)}
        testId="special-form"
        done="已标记，当天的班次须有带班领导"
        submitText="标记"
        onSubmit={add}
        initialValues={{ kind: 'majorEvent', scope: may?.canMark ? 'unit' : 'district' }}>
        <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: 200 }} data-testid="special-day" />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select
            style={{ width: 200 }}
            data-testid="special-kind"
            options={Object.entries(SPECIAL_KIND_NAME).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="活动或节点名称"
          rules={[
            { required: true, whitespace: true, message: '请填写活动或节点名称' },
            { max: LIMITS.specialName, message: `活动或节点名称不能超过 ${LIMITS.specialName} 个字` },
          ]}>
          <Input placeholder="如：全国两会召开" data-testid="special-name" />
        </Form.Item>
        <Form.Item name="scope" label="范围">
          <Radio.Group
            options={[
              { value: 'unit', label: `本单位（${setup.unitName}）`, disabled: !may?.canMark },
              { value: 'district', label: '全区各单位', disabled: !may?.canMarkDistrict },
            ]}
          />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
