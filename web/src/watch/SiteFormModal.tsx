// 登记监测网站 (区电子政务中心、管理员): the host unit, name, homepage address and whether it is the portal or a sub-site.
import { Form, Input, Select } from 'antd';
import { FormModal } from '../admin/FormModal.tsx';
import { UnitSelect } from '../admin/UnitSelect.tsx';
import { post } from '../api.ts';
import { useUnits } from '../units.ts';
import { type Site, SITE_KIND_NAME } from './types.ts';

interface Values { unitId: string; name: string; url: string; kind: Site['kind'] }

export function SiteFormModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (s: Site) => void }) {
  const { units } = useUnits();
  return (
    <FormModal<Values> title="登记监测网站" open={open} onClose={onClose} testId="site-form" done="网站已登记，开始监测" initialValues={{ kind: 'subsite' }}
      onSubmit={async (v) => onDone(await post<Site>('/api/watch/sites', v))}>
      <Form.Item name="unitId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
        <UnitSelect units={units} data-testid="site-unit" />
      </Form.Item>
      <Form.Item name="name" label="网站名称" rules={[{ required: true, whitespace: true, message: '请填写网站名称' }, { max: 100, message: '不超过 100 个字' }]}>
        <Input placeholder="如：区科技局网站" data-testid="site-name" />
      </Form.Item>
      <Form.Item name="url" label="首页地址" rules={[{ required: true, message: '请填写首页地址' }, { pattern: /^https?:\/\/\S+$/i, message: '网址必须以 http:// 或 https:// 开头' }]}>
        <Input placeholder="https://" data-testid="site-url" />
      </Form.Item>
      <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
        <Select options={Object.entries(SITE_KIND_NAME).map(([value, label]) => ({ value, label }))} data-testid="site-kind" />
      </Form.Item>
    </FormModal>
  );
}
