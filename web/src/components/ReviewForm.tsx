// 审核: approve or return at the awaiting level with the opinion, the proofreading done, and the confirmation
// of the review standards (DOMAIN.md §2.4). Levels 1 and 2 also state the disclosure opinion (保密审查制度 第八条);
// level 1 says whether the item is a secrecy matter and, for a declassified secret, what follows.
import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { post } from '../api.ts';
import { useLabels } from '../session.tsx';
import type { ItemDetail } from '../types.ts';
import { OpinionFields } from './OpinionFields.tsx';

interface Values {
  opinion: string;
  proofreading?: string;
  standardsAttested?: boolean;
  disclosure?: {
    opinion?: string;
    basisIds?: string[];
    basisText?: string;
    reason?: string;
    secrecyMatter?: boolean;
    declassified?: boolean;
    declassification?: string;
  };
}

/** `blocked`: why 智能校对 keeps the item from passing this level (DOMAIN §2.5), shown by the 通过 button; null: nothing. */
export function ReviewForm({
  item,
  onDone,
  blocked = null,
}: {
  item: ItemDetail;
  onDone: () => void;
  blocked?: string | null;
}) {
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const level = item.awaitingLevel!;
  const withDisclosure = level <= 2;

  const send = async (decision: 'approve' | 'return') => {
    setError(null);
    const v =
      decision === 'approve'
        ? await form.validateFields()
        : await form.validateFields(['opinion']).then(() => form.getFieldsValue());
    if (decision === 'approve' && !v.standardsAttested) {
      setError('请确认已按审核标准审核');
      return;
    }
    setBusy(true);
    try {
      const d = v.disclosure;
      await post(`/api/items/${item.id}/${decision}`, {
        level,
        revision: item.revision,
        opinion: v.opinion,
        proofreading: v.proofreading ?? '',
        standardsAttested: !!v.standardsAttested,
        ...(withDisclosure && d?.opinion
          ? {
              disclosure: {
                opinion: d.opinion,
                basisIds: d.basisIds ?? [],
                basisText: d.basisText ?? '',
                reason: d.reason ?? '',
                ...(level === 1
                  ? {
                      secrecyMatter: !!d.secrecyMatter,
                      declassified: !!d.declassified,
                      declassification: d.declassified ? d.declassification : null,
                    }
                  : {}),
              },
            }
          : {}),
      });
      message.success(decision === 'approve' ? `${labels.level[level]}：已通过` : '已退回修改');
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={`${labels.level[level]}（第 ${item.revision} 版）`} data-testid="review-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="review-error" />}
      <Form form={form} layout="vertical" initialValues={{ disclosure: { secrecyMatter: false, declassified: false } }}>
        <Form.Item name="opinion" label="审核意见" rules={[{ required: true, message: '请填写审核意见' }]}>
          <Input.TextArea data-testid="review-opinion" rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="proofreading" label="校对情况">
          <Input.TextArea
            data-testid="review-proofreading"
            rows={2}
            maxLength={5000}
            placeholder="如：已核对文字、数据、日期、人名"
          />
        </Form.Item>
        {withDisclosure && (
          <>
            <OpinionFields name="disclosure" />
            {level === 1 && (
              <Space size="large" wrap>
                <Form.Item name={['disclosure', 'secrecyMatter']} label="是否属于保密事项" valuePropName="checked">
                  <Switch data-testid="secrecy-matter" checkedChildren="是" unCheckedChildren="否" />
                </Form.Item>
                <Form.Item name={['disclosure', 'declassified']} label="是否为解密事项" valuePropName="checked">
                  <Switch checkedChildren="是" unCheckedChildren="否" />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() =>
                    form.getFieldValue(['disclosure', 'declassified']) && (
                      <Form.Item
                        name={['disclosure', 'declassification']}
                        label="解密后处理"
                        rules={[{ required: true, message: '请选择解密后的处理' }]}>
                        <Select
                          style={{ width: 200 }}
                          options={Object.entries(labels.declassification).map(([value, label]) => ({ value, label }))}
                        />
                      </Form.Item>
                    )
                  }
                </Form.Item>
              </Space>
            )}
          </>
        )}
        <Form.Item name="standardsAttested" valuePropName="checked">
          <Checkbox data-testid="attest">
            我已按审核标准审核：政治导向、事实数据、文字标点、涉密与个人信息、版权来源
          </Checkbox>
        </Form.Item>
        {blocked && (
          <Alert type="warning" showIcon title={blocked} style={{ marginBottom: 12 }} data-testid="review-blocking" />
        )}
        <Space>
          <Button
            type="primary"
            loading={busy}
            onClick={() => void send('approve')}
            data-testid="approve"
            disabled={!!blocked}>
            通过
          </Button>
          <Button danger loading={busy} onClick={() => void send('return')} data-testid="return">
            退回修改
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
