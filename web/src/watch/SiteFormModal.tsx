// 登记监测网站 and 修改监测网站 (区电子政务中心、管理员): the host unit, name, homepage address and whether it is the portal
// or a sub-site. Given a site, the dialog edits it (a mistyped homepage address is fixed here, its history kept).
import { Form, Input, Select } from 'antd';
import { FormModal } from '../admin/FormModal.tsx';
import { UnitSelect } from '../admin/UnitSelect.tsx';
import { api, post } from '../api.ts';
import { useUnits } from '../units.ts';
import { optionsOf, useWatchNames } from './names.ts';
import type { Site } from './types.ts';

interface Values {
  unitId: string;
  name: string;
  url: string;
  kind: Site['kind'];
}

export function SiteFormModal({
  site,
  open,
  onClose,
  onDone,
}: {
  site?: Site;
  open: boolean;
  onClose: () => void;
  onDone: (s: Site) => void;
}) {
  const { units } = useUnits();
  const names = useWatchNames();
  const initialValues = site
    ? { unitId: site.unitId, name: site.name, url: site.url, kind: site.kind }
    : { kind: 'subsite' as const };
  return (
    <FormModal<Values>
      title={site ? '修改监测网站' : '登记监测网站'}
      open={open}
      onClose={onClose}
      testId="site-form"
      done={site ? '网站信息已修改' : '网站已登记，开始监测'}
      initialValues={initialValues}
      onSubmit={async (v) =>
        onDone(
          site ? await api<Site>('PATCH', `/api/watch/sites/${site.id}`, v) : await post<Site>('/api/watch/sites', v),
        )
      }>
      <Form.Item name="unitId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
        <UnitSelect units={units} data-testid="site-unit" />
      </Form.Item>
      <Form.Item
        name="name"
        label="网站名称"
        rules={[
          { required: true, whitespace: true, message: '请填写网站名称' },
          { max: 100, message: '不超过 100 个字' },
        ]}>
        <Input placeholder="如：区科技局网站" data-testid="site-name" />
      </Form.Item>
      <Form.Item
        name="url"
        label="首页地址"
        rules={[
          { required: true, message: '请填写首页地址' },
          { pattern: /^https?:\/\/\S+$/i, message: '网址必须以 http:// 或 https:// 开头' },
        ]}>
        <Input placeholder="https://" data-testid="site-url" />
      </Form.Item>
      <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
        <Select options={optionsOf(names.siteKind)} data-testid="site-kind" />
      </Form.Item>
    </FormModal>
  );
}
