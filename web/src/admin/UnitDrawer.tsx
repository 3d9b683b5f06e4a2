// One unit in a drawer: its particulars, the 起草人可做一审 setting, its sections (科室) and adding one.
import { Alert, Button, Descriptions, Drawer, Form, Input, Skeleton, Space, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, get, post } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useLabels } from '../session.tsx';
import type { Section, UnitDetail } from '../types.ts';
import { useAction } from './FormModal.tsx';

interface Props {
  unitId: string | null;
  onClose: () => void;
  onChanged: () => void;
}

export function UnitDrawer({ unitId, onClose, onChanged }: Props) {
  const labels = useLabels();
  const detail = useLoad(
    () => (unitId ? get<UnitDetail>(`/api/units/${unitId}`) : Promise.resolve(undefined)),
    [unitId],
  );
  const act = useAction();
  const [saving, setSaving] = useState(false);
  const unit = unitId ? detail.data : undefined;

  const setAuthorMayLevel1 = async (authorMayLevel1: boolean) => {
    setSaving(true);
    const ok = await act(
      () => api('PATCH', `/api/units/${unitId}/settings`, { authorMayLevel1 }),
      authorMayLevel1 ? '已允许起草人做一审' : '已取消起草人做一审',
    );
    setSaving(false);
    if (ok) {
      detail.reload();
      onChanged();
    }
  };

  return (
    <Drawer
      open={!!unitId}
      onClose={onClose}
      size={560}
      title={unit?.name ?? '单位详情'}
      destroyOnHidden
      data-testid="unit-drawer">
      {detail.error && <Alert type="error" showIcon title={detail.error} />}
      {detail.loading || !unit ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'fullName', label: '全称', children: unit.fullName },
              { key: 'kind', label: '类型', children: labels.unitKind[unit.kind] ?? unit.kind },
              { key: 'docCode', label: '机关代字', children: unit.docCode ?? '—' },
              { key: 'districtWide', label: '全区性单位', children: unit.districtWide ? '是' : '否' },
              {
                key: 'channels',
                label: '发布渠道',
                children: unit.channels.length ? unit.channels.map((c) => c.name).join('、') : '—',
              },
            ]}
          />
          <Space align="center">
            <Switch
              id="author-may-level1"
              checked={unit.authorMayLevel1}
              loading={saving}
              onChange={setAuthorMayLevel1}
              data-testid="unit-author-level1"
            />
            <label htmlFor="author-may-level1">起草人可做一审</label>
            <Typography.Text type="secondary">（开启后，本单位起草人可对自己起草的稿件进行一审一校）</Typography.Text>
          </Space>
          <Sections
            unitId={unit.id}
            sections={unit.sections}
            onAdded={() => {
              detail.reload();
              onChanged();
            }}
          />
        </Space>
      )}
    </Drawer>
  );
}

function Sections({ unitId, sections, onAdded }: { unitId: string; sections: Section[]; onAdded: () => void }) {
  const [form] = Form.useForm<{ name: string }>();
  const act = useAction();
  const [busy, setBusy] = useState(false);
  const add = async ({ name }: { name: string }) => {
    setBusy(true);
    const ok = await act(
      () => post(`/api/units/${unitId}/sections`, { name: name.trim() }),
      `已新增科室「${name.trim()}」`,
    );
    setBusy(false);
    if (ok) {
      form.resetFields();
      onAdded();
    }
  };
  return (
    <div>
      <Table<Section>
        rowKey="id"
        size="small"
        bordered
        dataSource={sections}
        pagination={false}
        data-testid="section-list"
        columns={[{ title: '科室', dataIndex: 'name' }]}
        locale={{ emptyText: '还没有科室' }}
      />
      <Form form={form} layout="inline" onFinish={add} style={{ marginTop: 12 }}>
        <Form.Item
          name="name"
          label="新科室名称"
          rules={[
            { required: true, whitespace: true, message: '请填写科室名称' },
            { max: 50, message: '不超过 50 个字' },
          ]}>
          <Input placeholder="如：办公室" data-testid="section-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="section-add">
          新增科室
        </Button>
      </Form>
    </div>
  );
}
