// 用户与角色: the accounts (optionally of one unit), adding one, granting a role and revoking one (with a confirm),
// resetting a password. The 安全管理员 acts here; the 审计管理员 reads. It never sees or chooses a password: the server
// mails a one-time one to the person, and this screen shows only the masked address. A review or secrecy role granted
// here shows as 待确认 until the unit's 主要领导 confirms it (三员分立, issue 11).
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, get, post, query } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useLabels, useSession } from '../session.tsx';
import type { Section } from '../types.ts';
import { useUnits } from '../units.ts';
import { FormModal, useAction } from './FormModal.tsx';
import { type RoleForm, RoleFields } from './RoleFields.tsx';
import { type RoleAssignment, type RoleRequest, SECTION_ROLES, type UserAccount } from './types.ts';
import { UnitSelect } from './UnitSelect.tsx';

interface UserForm {
  username: string;
  displayName: string;
  unitId: string;
  email: string;
  roles?: string[];
}
interface OneTimeSent {
  oneTimePasswordSentTo: string | null;
}

// src/org/model.ts usernameProblem, checked here before sending.
const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** Section names of the units the listed roles name (a 科室负责人's section, a 工作人员's). */
async function loadSectionNames(users: UserAccount[]): Promise<Map<string, string>> {
  const unitIds = [
    ...new Set(users.flatMap((u) => [...u.roles, ...u.pendingRoles].filter((r) => r.sectionId).map((r) => r.unitId))),
  ];
  const lists = await Promise.all(unitIds.map((id) => get<Section[]>(`/api/units/${id}/sections`)));
  return new Map(lists.flat().map((s) => [s.id, s.name]));
}

async function loadUsers(unitId: string | undefined) {
  const users = await get<UserAccount[]>(`/api/users${query({ unitId })}`);
  return { users, sectionNames: await loadSectionNames(users) };
}

export function UsersTab() {
  const labels = useLabels();
  const canManage = !!useSession().user?.abilities.manageAccounts;
  const { units, unitName } = useUnits();
  const [unitId, setUnitId] = useState<string | undefined>();
  const list = useLoad(() => loadUsers(unitId), [unitId]);
  const [adding, setAdding] = useState(false);
  const [granting, setGranting] = useState<UserAccount | null>(null);
  const [resetting, setResetting] = useState<UserAccount | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const sent = (r: OneTimeSent) => setSentTo(r.oneTimePasswordSentTo);
  const act = useAction();

  const roleText = (u: UserAccount, r: RoleAssignment | RoleRequest) => {
    const where = [
      r.unitId !== u.unitId ? unitName(r.unitId) : '',
      r.sectionId ? (list.data?.sectionNames.get(r.sectionId) ?? '') : '',
    ].filter(Boolean);
    return `${labels.role[r.role] ?? r.role}${where.length ? `（${where.join('·')}）` : ''}`;
  };
  const revoke = async (u: UserAccount, r: RoleAssignment) => {
    if (
      await act(
        () => api('DELETE', `/api/users/${u.id}/roles/${r.id}`),
        `已撤销${u.name}的${labels.role[r.role] ?? r.role}角色`,
      )
    )
      list.reload();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="user-unit-filter">单位</label>
        <UnitSelect
          id="user-unit-filter"
          units={units}
          allowClear
          placeholder="全部单位"
          value={unitId}
          onChange={setUnitId}
          data-testid="user-unit-filter"
        />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="user-add">
            新增用户
          </Button>
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error} />}
      {sentTo && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setSentTo(null)}
          data-testid="one-time-sent"
          title={`一次性密码已发送至 ${sentTo}`}
          description="密码只发给本人，管理员看不到；本人首次登录后须改为只有自己知道的密码"
        />
      )}
      <Table<UserAccount>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.users}
        data-testid="user-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '没有符合条件的用户' }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 150 },
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '单位', dataIndex: 'unitId', width: 140, render: unitName },
          {
            title: '状态',
            key: 'state',
            width: 150,
            render: (_, u) =>
              u.disabled ? (
                <Tag>已停用</Tag>
              ) : u.mustChangePassword ? (
                <Tag color="gold" data-testid="user-one-time">
                  待本人修改初始密码
                </Tag>
              ) : (
                <Tag color="green">正常</Tag>
              ),
          },
          {
            title: '角色',
            key: 'roles',
            render: (_, u) => (
              <Space wrap size={[4, 4]}>
                {u.roles.length + u.pendingRoles.length === 0 && <span>—</span>}
                {u.roles.map((r) => (
                  <Tag key={r.id} data-testid="user-role">
                    {roleText(u, r)}
                    {canManage && (
                      <Popconfirm
                        title={`撤销${u.name}的「${roleText(u, r)}」角色？`}
                        okText="撤销"
                        cancelText="取消"
                        onConfirm={() => revoke(u, r)}>
                        <Button
                          type="text"
                          size="small"
                          icon={<CloseOutlined />}
                          aria-label={`撤销${roleText(u, r)}`}
                          data-testid="role-revoke"
                        />
                      </Popconfirm>
                    )}
                  </Tag>
                ))}
                {u.pendingRoles.map((r) => (
                  <Tag
                    key={r.id}
                    color="orange"
                    data-testid="user-role-pending"
                    title="须经本单位主要领导确认后生效，生效前不授予任何权限">
                    {roleText(u, r)}·待主要领导确认
                  </Tag>
                ))}
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'grant',
                  width: 110,
                  render: (_: unknown, u: UserAccount) => (
                    <Space orientation="vertical" size={0}>
                      <Button
                        type="link"
                        onClick={() => setGranting(u)}
                        aria-label={`为${u.name}授予角色`}
                        data-testid="role-grant">
                        授予角色
                      </Button>
                      <Button
                        type="link"
                        onClick={() => setResetting(u)}
                        aria-label={`重置${u.name}的密码`}
                        data-testid="password-reset">
                        重置密码
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<UserForm>
        title="新增用户"
        open={adding}
        onClose={() => setAdding(false)}
        testId="user-form"
        done="已新增用户"
        initialValues={{ unitId, roles: ['staff'] }}
        onSubmit={async (v) => {
          sent(await post<OneTimeSent>('/api/users', { ...v, roles: (v.roles ?? []).map((role) => ({ role })) }));
          list.reload();
        }}>
        <Form.Item
          name="username"
          label="用户名（登录名）"
          rules={[
            { required: true, message: '请填写用户名' },
            { pattern: USERNAME_RE, message: '用户名须为 2–64 位小写字母、数字或 . _ -，以字母或数字开头' },
          ]}>
          <Input autoComplete="off" placeholder="如：kjj.zhangsan" data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请填写姓名' },
            { max: 32, message: '不超过 32 个字' },
          ]}>
          <Input data-testid="user-name" />
        </Form.Item>
        <Form.Item name="unitId" label="所在单位" rules={[{ required: true, message: '请选择单位' }]}>
          <UnitSelect units={units} data-testid="user-unit" />
        </Form.Item>
        <Form.Item
          name="email"
          label="电子邮箱"
          extra="系统生成一次性密码，只发送至本人的这个邮箱"
          rules={[
            { required: true, whitespace: true, message: '请填写本人的电子邮箱' },
            { type: 'email', message: '电子邮箱格式不正确' },
          ]}>
          <Input autoComplete="off" placeholder="如：zhangsan@example.gov.cn" data-testid="user-email" />
        </Form.Item>
        <Form.Item
          name="roles"
          label="本单位角色"
          extra="工作人员、分管领导、主要领导、保密工作机构须经本单位主要领导确认后生效；科室负责人须指定科室，请在新增后用「授予角色」授予">
          <Select
            mode="multiple"
            data-testid="user-roles"
            options={Object.entries(labels.role)
              .filter(([r]) => r !== 'sectionHead')
              .map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      </FormModal>
      <FormModal<RoleForm>
        title={`授予角色：${granting?.name ?? ''}`}
        open={!!granting}
        onClose={() => setGranting(null)}
        testId="role-form"
        done="已提交：值班等角色即时生效，审核和保密角色待本单位主要领导确认"
        initialValues={{ unitId: granting?.unitId }}
        onSubmit={async (v) => {
          await post(`/api/users/${granting?.id}/roles`, {
            ...v,
            sectionId: SECTION_ROLES.includes(v.role) ? (v.sectionId ?? null) : null,
          });
          list.reload();
        }}>
        <RoleFields units={units} />
      </FormModal>
      <FormModal<object>
        title={`重置密码：${resetting?.name ?? ''}`}
        open={!!resetting}
        onClose={() => setResetting(null)}
        testId="password-reset-form"
        done="已重置：该用户的登录已全部退出，一次性密码已发至本人邮箱"
        submitText="重置并发送"
        onSubmit={async () => {
          sent(await post<OneTimeSent>(`/api/users/${resetting?.id}/password`, {}));
          list.reload();
        }}>
        <p>
          系统将生成一次性密码，只发送至{resetting?.name}登记的电子邮箱；该用户的登录将全部退出，下次登录须修改密码。
        </p>
      </FormModal>
    </Space>
  );
}
