// 登记政务新媒体账号 and 修改 (区电子政务中心、管理员): the unit, platform, name and, when it has one, the address the monitor
// reads its posts from; without one, the unit's duty officer enters the last-post date by hand.
import { Form, Input, Select } from 'antd';
import { FormModal } from '../admin/FormModal.tsx';
import { UnitSelect } from '../admin/UnitSelect.tsx';
import { api, post } from '../api.ts';
import { useUnits } from '../units.ts';
import { optionsOf, useWatchNames } from './names.ts';
import type { Account } from './types.ts';

interface Values {
  unitId: string;
  platform: string;
  name: string;
  url?: string | null;
}

export function AccountFormModal({
  account,
  open,
  onClose,
  onDone,
}: {
  account?: Account;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { units } = useUnits();
  const names = useWatchNames();
  const initialValues = account
    ? { unitId: account.unitId, platform: account.platform, name: account.name, url: account.url }
    : { platform: 'wechat' };
  return (
    <FormModal<Values>
      title={account ? '修改政务新媒体账号' : '登记政务新媒体账号'}
      open={open}
      onClose={onClose}
      testId="account-form"
      done={account ? '账号信息已修改' : '账号已登记，开始监测'}
      initialValues={initialValues}
      onSubmit={async (v) => {
        const body = { ...v, url: v.url?.trim() || null };
        await (account ? api('PATCH', `/api/watch/accounts/${account.id}`, body) : post('/api/watch/accounts', body));
        onDone();
      }}>
      <Form.Item name="unitId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
        <UnitSelect units={units} />
      </Form.Item>
      <Form.Item name="platform" label="平台" rules={[{ required: true, message: '请选择平台' }]}>
        <Select options={optionsOf(names.platform)} />
      </Form.Item>
      <Form.Item
        name="name"
        label="账号名称"
        rules={[
          { required: true, whitespace: true, message: '请填写账号名称' },
          { max: 100, message: '不超过 100 个字' },
        ]}>
        <Input placeholder="如：綦江科技" data-testid="account-name" />
      </Form.Item>
      <Form.Item
        name="url"
        label="主页或订阅地址"
        extra="没有可读取的地址时留空，由值班人员登记最近发布日期"
        rules={[{ pattern: /^https?:\/\/\S+$/i, message: '网址必须以 http:// 或 https:// 开头' }]}>
        <Input placeholder="https://" />
      </Form.Item>
    </FormModal>
  );
}
