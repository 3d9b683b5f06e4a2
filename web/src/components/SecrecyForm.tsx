// 保密审查: the secrecy office's opinion on the revision (公开 / 部分公开 with the withheld spans / 免于公开 /
// 需报审 with the authority and reference number), a return to the author, and resuming a referred item.
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { post } from '../api.ts';
import type { ItemDetail, SecrecyRecord } from '../types.ts';
import { OpinionFields } from './OpinionFields.tsx';
import { ProvisionalTag } from './Provisional.tsx';
import { type Span, SpanPicker } from './SpanPicker.tsx';

interface Values {
  opinion: string;
  basisIds?: string[];
  basisText?: string;
  reason: string;
  authority?: string;
  referenceNo?: string;
  answer?: string;
  answerRef?: string;
}

export function SecrecyForm({ item, record, onDone }: { item: ItemDetail; record: SecrecyRecord; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [spans, setSpans] = useState<Span[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const opinion = Form.useWatch('opinion', form);
  const resuming = item.stage === 'referred';

  const act = async (what: () => Promise<unknown>, done: string) => {
    setError(null);
    setBusy(true);
    try {
      await what();
      message.success(done);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const decision = (v: Values) => ({
    opinion: v.opinion,
    basisIds: v.basisIds ?? [],
    basisText: v.basisText ?? '',
    reason: v.reason ?? '',
    ...(v.opinion === 'partial' ? { spans } : {}),
  });
  const give = async () => {
    const v = await form.validateFields();
    await act(
      () =>
        post(`/api/items/${item.id}/secrecy/opinion`, {
          revision: item.revision,
          ...decision(v),
          ...(v.opinion === 'refer' ? { referral: { authority: v.authority, referenceNo: v.referenceNo } } : {}),
        }),
      '已提交保密审查意见',
    );
  };
  const resume = async () => {
    const v = form.getFieldsValue();
    await act(
      () =>
        post(`/api/items/${item.id}/secrecy/resume`, {
          revision: item.revision,
          answer: v.answer ?? '',
          answerRef: v.answerRef || undefined,
          ...(v.opinion ? { decision: decision(v) } : {}),
        }),
      '已登记答复',
    );
  };
  const giveBack = async () => {
    const v = form.getFieldsValue();
    await act(
      () => post(`/api/items/${item.id}/secrecy/return`, { revision: item.revision, reason: v.reason ?? '' }),
      '已退回修改',
    );
  };

  return (
    <Card title={resuming ? '登记报审答复' : '保密审查意见'} data-testid="secrecy-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="secrecy-error" />}
      {record.receipts[0] && (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          title={
            <>
              收件日期 {record.receipts[0].receivedOn}，应于 {record.receipts[0].dueOn}
              <ProvisionalTag provisional={record.receipts[0].dueProvisional} /> 前（10 个工作日）出具意见
            </>
          }
        />
      )}
      <Form form={form} layout="vertical">
        {resuming && (
          <>
            <Form.Item name="answer" label="答复内容" rules={[{ required: true, message: '请填写答复内容' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="answerRef" label="答复文号">
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        <OpinionFields opinions={resuming ? ['disclose', 'partial', 'exempt'] : undefined} />
        {opinion === 'partial' && (
          <Form.Item label="不予公开的内容（将替换为“（此处不予公开）”）">
            <SpanPicker text={item.body.text} spans={spans} onChange={setSpans} />
          </Form.Item>
        )}
        {opinion === 'refer' && !resuming && (
          <Space>
            <Form.Item name="authority" label="报审机关" rules={[{ required: true, message: '请填写报审机关' }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="referenceNo" label="报审文号" rules={[{ required: true, message: '请填写报审文号' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Space>
        )}
        <Space>
          {resuming ? (
            <Button type="primary" loading={busy} onClick={() => void resume()} data-testid="secrecy-resume">
              登记答复
            </Button>
          ) : (
            <Button type="primary" loading={busy} onClick={() => void give()} data-testid="secrecy-submit">
              提交审查意见
            </Button>
          )}
          {!resuming && (
            <Button danger loading={busy} onClick={() => void giveBack()} data-testid="secrecy-return">
              退回修改
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}
