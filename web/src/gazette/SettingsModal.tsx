// 刊物设置: the deployment's 刊名, the online edition's title and the 版权页 (主管单位, 主办单位, 编辑出版, 地址,
// 邮编, 电话) that every issue's cover, page headers and colophon print and /gongbao shows. The 公报室 and the 系统管理员
// change them; the 督查 reads them. The server checks each field (zh-CN errors) and keeps the change in the ledger.
import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api, get } from '../api.ts';
import type { GazetteSettings } from './types.ts';

type Loaded = GazetteSettings & { updatedAt: string | null; canEdit: boolean };

const FIELDS: [keyof GazetteSettings, string, string][] = [
  ['masthead', '刊名', '封面刊头和页眉所印，如 重庆市綦江区人民政府公报'],
  ['siteTitle', '网上公报名称', '网上公报各页的标题'],
  ['supervisor', '主管单位', ''],
  ['sponsor', '主办单位', ''],
  ['publisher', '编辑出版', ''],
  ['address', '地址', ''],
  ['postcode', '邮编', '6 位数字'],
  ['phone', '电话', '如 (023)48659622'],
];

export function SettingsModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<GazetteSettings>();
  const { message } = App.useApp();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    get<Loaded>('/api/gazette/settings').then(
      (s) => {
        setLoaded(s);
        form.setFieldsValue(s);
      },
      (e: Error) => setError(e.message),
    );
  }, [form]);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await api<Loaded>('PUT', '/api/gazette/settings', v);
      message.success('已保存刊物设置：此后排版的各期即用新的刊名和版权页');
      onClose();
    } catch (e) {
      setError((e as Error).message);
      setSaving(false);
    }
  };
  const readOnly = !loaded?.canEdit;
  return (
    <Modal
      open
      title="刊物设置（刊名和版权页）"
      okText="保存"
      cancelText={readOnly ? '关闭' : '取消'}
      onOk={() => void save()}
      onCancel={onClose}
      confirmLoading={saving}
      okButtonProps={{ disabled: readOnly, ...({ 'data-testid': 'settings-save' } as Record<string, string>) }}
      width={640}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {loaded && !loaded.updatedAt && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="尚未设置：目前使用随软件提供的演示值（綦江区）。请改为本单位的刊名和版权页。"
        />
      )}
      <Form form={form} layout="horizontal" labelCol={{ span: 6 }} disabled={readOnly}>
        {FIELDS.map(([name, label, extra]) => (
          <Form.Item
            key={name}
            name={name}
            label={label}
            extra={extra || undefined}
            rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}>
            <Input maxLength={name === 'postcode' ? 6 : 100} data-testid={`settings-${name}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
