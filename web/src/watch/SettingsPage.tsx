// 通知设置 of a unit (DOMAIN §4.4): who is told when nobody is on shift (值班联系人), how long an incident may wait to be
// taken up before it is escalated (升级时限), and the unit's robots (企业微信、钉钉、通用 JSON). Kept by the unit's
// 带班领导, the e-gov center and the admin; the addresses come back masked.
import { Alert, Button, Card, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { api, get } from '../api.ts';
import type { DutySetup } from '../duty/types.ts';
import { useDutyUnit } from '../duty/unit.tsx';
import { useSubmit } from '../duty/useSubmit.ts';
import { useLoad } from '../hooks.ts';
import type { UnitSettings } from './types.ts';
import { WebhooksCard } from './WebhooksCard.tsx';

interface Values {
  contactIds: string[];
  ackMinutes: number;
}

export function SettingsPage() {
  const { unitId, picker } = useDutyUnit();
  // The server shows a unit's settings only to those who keep them (its 带班领导, the e-gov center, the admin).
  const settings = useLoad(() => get<UnitSettings>(`/api/watch/units/${unitId}/settings`), [unitId]);
  const canEdit = !!settings.data && !settings.error;
  const setup = useLoad(() => get<DutySetup>(`/api/duty/units/${unitId}/setup`), [unitId]);
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit();
  const s = settings.data?.settings;
  useEffect(() => {
    if (s) form.setFieldsValue({ contactIds: s.contactIds, ackMinutes: s.ackMinutes });
  }, [s, form]);
  const people = [...(setup.data?.pool.leaders ?? []), ...(setup.data?.pool.officers ?? [])].filter(
    (p, i, all) => all.findIndex((q) => q.id === p.id) === i,
  );
  const save = async (v: Values) => {
    if (await run(() => api('PUT', `/api/watch/units/${unitId}/settings`, v), '通知设置已保存')) settings.reload();
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          通知设置
        </Typography.Title>
        {picker}
      </Space>
      {(settings.error || setup.error) && <Alert type="error" showIcon title={settings.error ?? setup.error} />}
      <Card size="small" title="值班联系人与升级时限" loading={settings.loading && !s}>
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={!canEdit}
          onFinish={(v) => void save(v)}
          data-testid="watch-settings-form"
          style={{ maxWidth: 640 }}>
          <Form.Item name="contactIds" label="值班联系人" extra="没有人当班时，网站和新媒体的异常通知这些人员">
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              placeholder="选择本单位值班人员或带班领导"
              aria-label="值班联系人"
              options={people.map((p) => ({ value: p.id, label: p.phone ? `${p.name}（${p.phone}）` : p.name }))}
            />
          </Form.Item>
          <Form.Item
            name="ackMinutes"
            label="升级时限（分钟）"
            extra="事件发现后超过该时间无人接手处理，升级通知带班领导和区电子政务中心"
            rules={[{ required: true, message: '请填写升级时限' }]}>
            <InputNumber min={5} max={1440} style={{ width: 160 }} />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {canEdit ? (
            <Button type="primary" htmlType="submit" loading={busy}>
              保存
            </Button>
          ) : (
            <Typography.Text type="secondary">只有本单位带班领导、区电子政务中心或管理员可以修改</Typography.Text>
          )}
        </Form>
      </Card>
      <WebhooksCard
        unitId={unitId}
        webhooks={settings.data?.webhooks}
        loading={settings.loading}
        canEdit={canEdit}
        onChanged={settings.reload}
      />
    </Space>
  );
}
