// The form for one action on a step: the day (today by default, never later), what came of it, a document's 文号;
// or the reason a step is 不适用; or the 合法性审查 opinion. The server's refusal shows in the form, in Chinese.
import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { todayInShanghai } from '../format.ts';
import type { Action } from './act.ts';
import { useLabels } from '../session.tsx';

export type Field = 'on' | 'outcome' | 'reference' | 'reason' | 'opinion' | 'risk';
export interface ActionSpec {
  title: string;
  fields: Field[];
  labels?: Partial<Record<Field, string>>;
  build: (v: Record<Field, string>) => Action;
}

const LABEL: Record<Field, string> = {
  on: '日期',
  outcome: '办理情况',
  reference: '文件文号（会议纪要、评估报告、审查意见书等，可不填）',
  reason: '不适用的理由',
  opinion: '审查意见',
  risk: '法律风险（明示法律风险时必填）',
};

export function ActionModal({ spec, onSubmit, onClose }: Props) {
  const names = useLabels().decisions;
  const [form] = Form.useForm<Record<Field, string>>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = (f: Field) => spec.labels?.[f] ?? LABEL[f];
  const has = (f: Field) => spec.fields.includes(f);
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(spec.build(v));
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  const text = (f: Field, rows: number, max: number, required = true) => (
    <Form.Item
      name={f}
      label={label(f)}
      rules={required ? [{ required: true, whitespace: true, message: `请填写${label(f)}` }] : []}>
      {rows > 1 ? (
        <Input.TextArea rows={rows} maxLength={max} data-testid={`action-${f}`} />
      ) : (
        <Input maxLength={max} data-testid={`action-${f}`} />
      )}
    </Form.Item>
  );
  return (
    <Modal
      open
      title={spec.title}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void ok()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'action-ok' } as Record<string, string>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form form={form} layout="vertical" initialValues={{ on: todayInShanghai(), opinion: 'lawful' }}>
        {has('opinion') && (
          <Form.Item name="opinion" label={label('opinion')} rules={[{ required: true }]}>
            <Radio.Group
              data-testid="action-opinion"
              options={Object.entries(names.opinion).map(([value, l]) => ({ value, label: l }))}
            />
          </Form.Item>
        )}
        {has('on') && (
          <Form.Item
            name="on"
            label={label('on')}
            rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按 2022-06-15 的格式填写日期' }]}>
            <Input type="date" max={todayInShanghai()} style={{ width: 180 }} data-testid="action-on" />
          </Form.Item>
        )}
        {has('outcome') && text('outcome', 4, 4000)}
        {has('reason') && text('reason', 3, 2000)}
        {has('risk') && (
          <Form.Item noStyle shouldUpdate={(a, b) => a.opinion !== b.opinion}>
            {() => form.getFieldValue('opinion') === 'riskStated' && text('risk', 3, 4000)}
          </Form.Item>
        )}
        {has('reference') && text('reference', 1, 200, false)}
      </Form>
    </Modal>
  );
}

interface Props {
  spec: ActionSpec;
  onSubmit: (action: Action) => Promise<void>;
  onClose: () => void;
}
