// 公开属性意见 (保密审查制度 第十二条): the opinion, its legal basis picked from the maintained list and/or written
// out, and the reason. Used by 一审, 二审 and the secrecy office's step; rendered inside an antd Form under `name`.
import { Form, Input, Select } from 'antd';
import { get } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useLabels } from '../session.tsx';
import type { Basis } from '../types.ts';

export function OpinionFields({ name, opinions }: { name?: string; opinions?: string[] }) {
  const labels = useLabels();
  const bases = useLoad(() => get<Basis[]>('/api/secrecy/bases'), []);
  const at = (f: string) => (name ? [name, f] : f);
  const kinds = opinions ?? Object.keys(labels.opinion);
  return (
    <>
      <Form.Item name={at('opinion')} label="公开属性意见" rules={[{ required: true, message: '请选择审查意见' }]}>
        <Select
          data-testid="opinion-select"
          placeholder="请选择"
          options={kinds.map((k) => ({ value: k, label: labels.opinion[k] }))}
        />
      </Form.Item>
      <Form.Item name={at('basisIds')} label="依据（法律条款）">
        <Select
          data-testid="basis-select"
          mode="multiple"
          loading={bases.loading}
          placeholder="从法律条款清单中选择"
          optionFilterProp="label"
          options={(bases.data ?? []).map((b) => ({ value: b.id, label: `${b.law} ${b.article}：${b.summary}` }))}
        />
      </Form.Item>
      <Form.Item name={at('basisText')} label="其他依据">
        <Input maxLength={500} placeholder="清单外的依据（可选）" />
      </Form.Item>
      <Form.Item name={at('reason')} label="理由" rules={[{ required: true, message: '请注明审查理由' }]}>
        <Input.TextArea data-testid="opinion-reason" rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}
