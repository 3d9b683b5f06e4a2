// A unit's robot webhooks: add (企业微信、钉钉、通用 JSON), rename or change the address, stop or start, delete.
// The address is shown masked; the robot key never comes back from the server.
import { Button, Card, Form, Input, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { FormModal, useAction } from '../admin/FormModal.tsx';
import { api, post } from '../api.ts';
import { optionsOf, useWatchNames } from './names.ts';
import type { Webhook, WebhookKind } from './types.ts';

interface Values {
  kind: WebhookKind;
  name: string;
  url?: string;
}
interface Props {
  unitId: string;
  webhooks: Webhook[] | undefined;
  loading: boolean;
  canEdit: boolean;
  onChanged: () => void;
}

export function WebhooksCard({ unitId, webhooks, loading, canEdit, onChanged }: Props) {
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const act = useAction();
  const names = useWatchNames();
  const save = async (v: Values) => {
    const body = { ...v, url: v.url?.trim() || undefined };
    if (editing === 'new') await post(`/api/watch/units/${unitId}/webhooks`, body);
    else await api('PATCH', `/api/watch/webhooks/${(editing as Webhook).id}`, body);
    onChanged();
  };
  const toggle = async (w: Webhook, active: boolean) => {
    if (
      await act(() => api('PATCH', `/api/watch/webhooks/${w.id}`, { active }), active ? '机器人已启用' : '机器人已停用')
    )
      onChanged();
  };
  return (
    <Card
      size="small"
      title="通知机器人"
      extra={
        canEdit && (
          <Button type="primary" onClick={() => setEditing('new')} data-testid="webhook-add">
            新增机器人
          </Button>
        )
      }>
      <Table<Webhook>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={webhooks}
        pagination={false}
        data-testid="webhook-table"
        locale={{ emptyText: '还没有通知机器人' }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', width: 140, render: (k: WebhookKind) => names.webhookKind[k] },
          { title: '地址（已隐藏密钥）', dataIndex: 'url' },
          {
            title: '状态',
            dataIndex: 'active',
            width: 110,
            render: (a: boolean, w) =>
              canEdit ? (
                <Switch
                  checked={a}
                  checkedChildren="启用"
                  unCheckedChildren="停用"
                  aria-label={`${w.name}启用`}
                  onChange={(v) => void toggle(w, v)}
                />
              ) : (
                <Tag color={a ? 'green' : 'default'}>{a ? '启用' : '停用'}</Tag>
              ),
          },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 140,
                  render: (_: unknown, w: Webhook) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(w)}>
                        修改
                      </Button>
                      <Popconfirm
                        title={`删除机器人「${w.name}」？`}
                        okText="删除"
                        cancelText="取消"
                        onConfirm={async () => {
                          if (await act(() => api('DELETE', `/api/watch/webhooks/${w.id}`), '机器人已删除'))
                            onChanged();
                        }}>
                        <Button size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<Values>
        title={editing === 'new' ? '新增通知机器人' : '修改通知机器人'}
        open={!!editing}
        onClose={() => setEditing(null)}
        testId="webhook-form"
        done="通知机器人已保存"
        initialValues={editing && editing !== 'new' ? { kind: editing.kind, name: editing.name } : { kind: 'wecom' }}
        onSubmit={save}>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={optionsOf(names.webhookKind)} />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请填写机器人名称' },
            { max: 100, message: '不超过 100 个字' },
          ]}>
          <Input placeholder="如：科技局值班群" />
        </Form.Item>
        <Form.Item
          name="url"
          label="Webhook 地址"
          extra={editing !== 'new' ? '不修改地址请留空' : undefined}
          rules={[
            { required: editing === 'new', message: '请填写 Webhook 地址' },
            { pattern: /^https?:\/\/\S+$/i, message: '网址必须以 http:// 或 https:// 开头' },
          ]}>
          <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
