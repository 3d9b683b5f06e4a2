// 待确认的角色: on the 主要领导's 工作台, the review and secrecy roles the 安全管理员 asked for in their unit (for the
// 区政府办公室's 主要领导 also every unit's 主要领导). Nothing is in force until confirmed here; a refusal needs a reason.
// Hidden when there is nothing for this person to decide.
import { Alert, Button, Card, Form, Input, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { FormModal, useAction } from '../admin/FormModal.tsx';
import type { RoleRequestView } from '../admin/types.ts';
import { get, post } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useLabels } from '../session.tsx';
import { useUnits } from '../units.ts';

const loadMine = async () =>
  (await get<RoleRequestView[]>('/api/role-requests?status=pending')).filter((r) => r.canDecide);

export function RoleRequestsCard() {
  const labels = useLabels();
  const { unitName } = useUnits();
  const list = useLoad(loadMine, []);
  const [refusing, setRefusing] = useState<RoleRequestView | null>(null);
  const act = useAction();
  if (!list.error && (list.data ?? []).length === 0) return null;
  const roleName = (r: RoleRequestView) => `${unitName(r.unitId)}${labels.role[r.role] ?? r.role}`;
  const confirm = async (r: RoleRequestView) => {
    if (
      await act(() => post(`/api/role-requests/${r.id}/confirm`), `已确认：${r.user.name}的${roleName(r)}角色即时生效`)
    )
      list.reload();
  };
  return (
    <Card title={`待确认的角色（${list.data?.length ?? 0}）`} data-testid="role-requests">
      {list.error && <Alert type="error" showIcon title={list.error} />}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="安全管理员申请授予的审核、保密角色，须经您确认后才生效；确认前该人员没有任何相应权限。"
      />
      <Table<RoleRequestView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data}
        pagination={false}
        columns={[
          { title: '人员', key: 'user', render: (_, r) => `${r.user.name}（${r.user.username}）` },
          { title: '申请的角色', key: 'role', render: (_, r) => roleName(r) },
          { title: '申请人', dataIndex: 'requestedByName', width: 110 },
          { title: '申请时间', dataIndex: 'requestedAt', width: 170, render: formatTime },
          {
            title: '操作',
            key: 'act',
            width: 170,
            render: (_, r) => (
              <Space>
                <Popconfirm
                  title={`确认授予${r.user.name}「${roleName(r)}」角色？`}
                  okText="确认"
                  cancelText="取消"
                  onConfirm={() => confirm(r)}>
                  <Button type="primary" size="small" data-testid="role-request-confirm">
                    确认
                  </Button>
                </Popconfirm>
                <Button size="small" danger onClick={() => setRefusing(r)} data-testid="role-request-refuse">
                  不同意
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <FormModal<{ reason: string }>
        title={`不同意：${refusing ? `${refusing.user.name}的${roleName(refusing)}角色` : ''}`}
        open={!!refusing}
        onClose={() => setRefusing(null)}
        testId="role-refuse-form"
        done="已退回该角色申请"
        onSubmit={async (v) => {
          await post(`/api/role-requests/${refusing?.id}/refuse`, v);
          list.reload();
        }}>
        <Form.Item
          name="reason"
          label="理由"
          rules={[
            { required: true, whitespace: true, message: '请填写不同意的理由' },
            { max: 500, message: '不超过 500 个字' },
          ]}>
          <Input.TextArea rows={3} data-testid="role-refuse-reason" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
