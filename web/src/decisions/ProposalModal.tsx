// 目录调整申请 (63号 四): add an item, change one (its 类别, title, 承办单位, planned month, 备注; not its 序号), or
// withdraw one — always with the reasons. It applies only when the 目录's unit approves it.
import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { post } from '../api.ts';
import { type DecisionItem, type Entry, monthLabel, PROPOSAL_KIND, type ProposalKind } from './types.ts';

interface Props {
  catalogId: string;
  year: number;
  kind: ProposalKind;
  item?: DecisionItem;
  nextSeq: number;
  onDone: () => void;
  onClose: () => void;
}

type Values = Omit<Entry, 'plannedMonth'> & { plannedMonth: string; reason: string };

export function ProposalModal({ catalogId, year, kind, item, nextSeq, onDone, onClose }: Props) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const { reason, ...entry } = await form.validateFields();
    setBusy(true);
    setError(null);
    const body =
      kind === 'withdraw'
        ? { kind, itemId: item?.id, reason }
        : { kind, ...(item ? { itemId: item.id } : {}), entry: { ...entry, note: entry.note ?? '' }, reason };
    try {
      await post(`/api/decisions/catalogs/${catalogId}/proposals`, body);
      onDone();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  const initial = item
    ? { ...item, plannedMonth: monthLabel(item.plannedMonth) }
    : { seq: nextSeq, plannedMonth: `${year}年` };
  const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];
  return (
    <Modal
      open
      title={`申请${PROPOSAL_KIND[kind]}目录事项${item ? `：${item.seq}. ${item.title}` : ''}`}
      okText="提交申请"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'proposal-submit' } as Record<string, string>}
      width={640}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial}>
        {kind !== 'withdraw' && (
          <>
            <Form.Item name="seq" label="序号" rules={[{ required: true, message: '请填写序号' }]}>
              <InputNumber min={1} max={999} disabled={kind === 'change'} />
            </Form.Item>
            <Form.Item name="category" label="类别" rules={required('类别')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="title" label="决策事项" rules={required('决策事项')}>
              <Input maxLength={500} data-testid="proposal-title" />
            </Form.Item>
            <Form.Item name="leadUnit" label="承办单位" rules={required('承办单位')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="plannedMonth"
              label="计划决策时间"
              rules={required('计划决策时间')}
              extra={`${year}年内的月份，如“${year}年6月”`}>
              <Input maxLength={20} data-testid="proposal-month" />
            </Form.Item>
            <Form.Item name="note" label="备注">
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="reason"
          label={`${PROPOSAL_KIND[kind]}的理由和依据`}
          rules={required(`${PROPOSAL_KIND[kind]}的理由和依据`)}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="proposal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
