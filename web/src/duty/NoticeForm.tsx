// 上级通知登记 (§4.5): a notice from superiors received on duty — when, from whom, what, who was told.
import { Alert, Button, Card, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { post } from '../api.ts';
import { dayjs } from '../format.ts';
import type { DutyPerson } from './types.ts';
import { useSubmit } from './useSubmit.ts';

interface Values {
  receivedAt: Dayjs;
  fromWhom: string;
  content: string;
  toldUserIds?: string[];
  toldOthers?: string;
}

export function NoticeForm({ unitId, people, onDone }: { unitId: string; people: DutyPerson[]; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit();
  const submit = async (v: Values) => {
    const sent = await run(
      () =>
        post('/api/duty/notices', {
          unitId,
          receivedAt: v.receivedAt.toISOString(),
          fromWhom: v.fromWhom,
          content: v.content,
          toldUserIds: v.toldUserIds ?? [],
          toldOthers: v.toldOthers ?? '',
        }),
      '上级通知已登记',
    );
    if (!sent) return;
    form.resetFields();
    onDone();
  };
  return (
    <Card size="small" title="登记上级通知">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ receivedAt: dayjs() }}
        data-testid="notice-form">
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="receivedAt" label="收到时间" rules={[{ required: true, message: '请选择收到时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="notice-time" />
          </Form.Item>
          <Form.Item
            name="fromWhom"
            label="通知来源"
            style={{ flex: 1 }}
            rules={[
              { required: true, whitespace: true, message: '请填写上级单位或人员' },
              { max: 100, message: '不超过 100 个字' },
            ]}>
            <Input placeholder="如：区政府办公室值班室 张某" data-testid="notice-from" />
          </Form.Item>
        </div>
        <Form.Item
          name="content"
          label="通知内容"
          rules={[
            { required: true, whitespace: true, message: '请填写通知内容' },
            { max: 2000, message: '不超过 2000 个字' },
          ]}>
          <Input.TextArea rows={3} data-testid="notice-content" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="toldUserIds" label="已告知（本单位）" style={{ flex: 1 }}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              options={people.map((p) => ({ value: p.id, label: p.name }))}
              data-testid="notice-told"
            />
          </Form.Item>
          <Form.Item
            name="toldOthers"
            label="已告知的其他人员"
            style={{ flex: 1 }}
            rules={[{ max: 200, message: '不超过 200 个字' }]}>
            <Input placeholder="如：分管领导（电话告知）" />
          </Form.Item>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="notice-submit">
          登记
        </Button>
      </Form>
    </Card>
  );
}
