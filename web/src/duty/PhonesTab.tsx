// 值班电话 (§4.6: the duty officer is reachable 24 hours): the unit's duty people with the phone the roster, the Excel
// table and 今日值班 show; a roster keeper, or the person, changes it.
import { Button, Form, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { FormModal } from '../admin/FormModal.tsx';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import type { SetupTabProps } from './SetupPage.tsx';
import { PHONE_RE } from './setupTypes.ts';
import type { DutyPerson } from './types.ts';

export function PhonesTab({ setup, reload }: SetupTabProps) {
  const { user } = useSession();
  const [editing, setEditing] = useState<DutyPerson | null>(null);
  const leaders = new Set(setup.pool.leaders.map((p) => p.id));
  const mayEdit = (p: DutyPerson) => setup.abilities.canManage || p.id === user?.id;
  return (
    <>
      <Table<DutyPerson>
        rowKey="id"
        size="middle"
        dataSource={setup.pool.officers}
        pagination={false}
        data-testid="phone-table"
        locale={{ emptyText: '本单位还没有值班人员或带班领导（由管理员授予角色）' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 140 },
          {
            title: '身份',
            key: 'role',
            width: 120,
            render: (_, p) => (leaders.has(p.id) ? <Tag color="red">带班领导</Tag> : <Tag>值班人员</Tag>),
          },
          {
            title: '值班电话',
            dataIndex: 'phone',
            render: (v: string | null) => v ?? <span style={{ color: '#cf1322' }}>未登记</span>,
          },
          {
            title: '操作',
            key: 'edit',
            width: 100,
            render: (_, p) =>
              mayEdit(p) && (
                <Button
                  type="link"
                  onClick={() => setEditing(p)}
                  aria-label={`修改${p.name}的值班电话`}
                  data-testid="phone-edit">
                  修改
                </Button>
              ),
          },
        ]}
      />
      <FormModal<{ phone: string }>
        title={`值班电话：${editing?.name ?? ''}`}
        open={!!editing}
        onClose={() => setEditing(null)}
        testId="phone-form"
        done="值班电话已保存"
        submitText="保存"
        initialValues={{ phone: editing?.phone ?? '' }}
        onSubmit={async (v) => {
          await api('PUT', `/api/duty/people/${editing?.id}/phone`, { phone: v.phone.trim() });
          reload();
        }}>
        <Form.Item
          name="phone"
          label="联系电话（24 小时可接通）"
          rules={[
            { required: true, whitespace: true, message: '请填写联系电话' },
            {
              validator: async (_, v: string | undefined) => {
                if (v && !PHONE_RE.test(v.trim())) throw new Error('联系电话只能包含数字、空格和 + - ( )，3 到 30 位');
              },
            },
          ]}>
          <Input placeholder="如：139 2300 4001" data-testid="phone-input" />
        </Form.Item>
      </FormModal>
    </>
  );
}
