// 登记政务新媒体账号 (区电子政务中心、管理员): the unit, platform, name and, when it has one, the address the monitor reads
// its posts from; without one, the unit's duty officer enters the last-post date by hand.
import { Form, Input, Select } from 'antd';
import { FormModal } from '../admin/FormModal.tsx';
import { UnitSelect } from '../admin/UnitSelect.tsx';
import { post } from '../api.ts';
import { useUnits } from '../units.ts';
import { PLATFORM_NAME } from './types.ts';

interface Values { unitId: string; platform: string; name: string; url?: string }

export function AccountFormModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { units } = useUnits();
  return (
    <FormModal<Values> title="登记政务新媒体账号" open={open} onClose={onClose} testId="account-form" done="账号已登记，开始监测" initialValues={{ platform: 'wechat' }}
      onSubmit={async (v) => { await post('/api/watch/accounts', { ...v, url: v.url?.trim() || null }); onDone(); }}>
      <Form.Item name="unitId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
        <UnitSelect units={units} />
      </Form.Item>
      <Form.Item name="platform" label="平台" rules={[{ required: true, message: '请选择平台' }]}>
        <Select options={Object.entries(PLATFORM_NAME).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="name" label="账号名称" rules={[{ required: true, whitespace: true, message: '请填写账号名称' }, { max: 100, message: '不超过 100 个字' }]}>
        <Input placeholder="如：綦江科技" />
      </Form.Item>
      <Form.Item name="url" label="主页或订阅地址" extra="没有可读取的地址时留空，由值班人员登记最近发布日期"
        rules={[{ pattern: /^https?:\/\/\S+$/i, message: '网址必须以 http:// 或 https:// 开头' }]}>
        <Input placeholder="https://" />
      </Form.Item>
    </FormModal>
  );
}
