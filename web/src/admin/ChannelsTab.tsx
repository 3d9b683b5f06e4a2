// 渠道与栏目: one unit's publishing channels (政府网站, 政务新媒体) and each website's columns (栏目); adding either.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { get, post } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useLabels, useSession } from '../session.tsx';
import type { Channel, Column, UnitDetail } from '../types.ts';
import { useUnits } from '../units.ts';
import { FormModal } from './FormModal.tsx';
import { UnitSelect } from './UnitSelect.tsx';

interface ChannelForm {
  kind: string;
  name: string;
  url?: string;
}
interface ColumnForm {
  name: string;
  kind: string;
}

export function ChannelsTab() {
  const labels = useLabels();
  const { user } = useSession();
  const { units } = useUnits();
  const [unitId, setUnitId] = useState(user?.unitId ?? '');
  const detail = useLoad(
    () => (unitId ? get<UnitDetail>(`/api/units/${unitId}`) : Promise.resolve(undefined)),
    [unitId],
  );
  const [addingChannel, setAddingChannel] = useState(false);
  const [columnsOf, setColumnsOf] = useState<Channel | null>(null);
  const channels = detail.data?.channels ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="channel-unit">单位</label>
        <UnitSelect
          id="channel-unit"
          units={units}
          value={unitId || undefined}
          onChange={setUnitId}
          data-testid="channel-unit"
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={!unitId}
          onClick={() => setAddingChannel(true)}
          data-testid="channel-add">
          新增渠道
        </Button>
      </Space>
      {detail.error && <Alert type="error" showIcon title={detail.error} />}
      {detail.loading ? (
        <Skeleton active />
      ) : channels.length === 0 ? (
        <Empty description="该单位还没有发布渠道" />
      ) : (
        channels.map((c) => (
          <Card
            key={c.id}
            size="small"
            data-testid="channel-card"
            title={
              <span>
                {c.name}
                <Typography.Text type="secondary">（{labels.channelKind[c.kind] ?? c.kind}）</Typography.Text>
              </span>
            }
            extra={
              <Space>
                {c.url && (
                  <a href={c.url} target="_blank" rel="noreferrer">
                    {c.url}
                  </a>
                )}
                {c.kind === 'website' && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setColumnsOf(c)} data-testid="column-add">
                    新增栏目
                  </Button>
                )}
              </Space>
            }>
            {c.kind === 'website' ? (
              <Table<Column>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={c.columns}
                data-testid="column-table"
                locale={{ emptyText: '还没有栏目' }}
                columns={[
                  { title: '栏目', dataIndex: 'name' },
                  { title: '栏目类型', dataIndex: 'kind', width: 160 },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">政务新媒体账号不设栏目，稿件发布到账号本身。</Typography.Text>
            )}
          </Card>
        ))
      )}
      <FormModal<ChannelForm>
        title="新增发布渠道"
        open={addingChannel}
        onClose={() => setAddingChannel(false)}
        testId="channel-form"
        done="已新增发布渠道"
        initialValues={{ kind: 'website' }}
        onSubmit={async (v) => {
          await post('/api/channels', { unitId, ...v, url: v.url?.trim() || null });
          detail.reload();
        }}>
        <Form.Item name="kind" label="渠道类型" rules={[{ required: true, message: '请选择渠道类型' }]}>
          <Select
            data-testid="channel-kind"
            options={Object.entries(labels.channelKind).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="渠道名称"
          rules={[
            { required: true, whitespace: true, message: '请填写渠道名称' },
            { max: 50, message: '不超过 50 个字' },
          ]}>
          <Input placeholder="如：綦江区人民政府网站、綦江发布" data-testid="channel-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label="网址"
          extra="政府网站填写首页地址；新媒体账号可不填"
          rules={[
            { type: 'url', message: '请填写以 http:// 或 https:// 开头的网址' },
            { max: 500, message: '不超过 500 个字符' },
          ]}>
          <Input placeholder="https://" data-testid="channel-url" />
        </Form.Item>
      </FormModal>
      <FormModal<ColumnForm>
        title={`新增栏目：${columnsOf?.name ?? ''}`}
        open={!!columnsOf}
        onClose={() => setColumnsOf(null)}
        testId="column-form"
        done="已新增栏目"
        initialValues={{ kind: '动态要闻' }}
        onSubmit={async (v) => {
          await post(`/api/channels/${columnsOf?.id}/columns`, v);
          detail.reload();
        }}>
        <Form.Item
          name="name"
          label="栏目名称"
          rules={[
            { required: true, whitespace: true, message: '请填写栏目名称' },
            { max: 50, message: '不超过 50 个字' },
          ]}>
          <Input placeholder="如：工作动态" data-testid="column-name" />
        </Form.Item>
        <Form.Item name="kind" label="栏目类型" rules={[{ required: true, message: '请选择栏目类型' }]}>
          <Select data-testid="column-kind" options={labels.columnKinds.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
