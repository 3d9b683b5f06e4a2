// 防篡改页面: pages that should not change (领导信息、机构职能…), with their baseline; add and remove for the
// e-gov center and the admin.
import { Button, Form, Input, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { FormModal, useAction } from '../admin/FormModal.tsx';
import { api, post } from '../api.ts';
import { formatTime } from '../format.ts';
import type { PageBaseline, SiteDetail } from './types.ts';

export function PagesTab({ site, onChanged }: { site: SiteDetail; onChanged: () => void }) {
  const [adding, setAdding] = useState(false);
  const act = useAction();
  const manage = site.abilities.canManage;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {manage && (
        <Button type="primary" onClick={() => setAdding(true)} data-testid="page-add">
          加入防篡改页面
        </Button>
      )}
      <Table<PageBaseline>
        rowKey="id"
        size="small"
        dataSource={site.pages}
        data-testid="site-pages"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有加入不应变化的页面' }}
        columns={[
          { title: '页面', dataIndex: 'label' },
          {
            title: '地址',
            dataIndex: 'url',
            render: (u: string) => (
              <a href={u} target="_blank" rel="noreferrer">
                {u}
              </a>
            ),
          },
          {
            title: '基线',
            key: 'baseline',
            width: 200,
            render: (_, p) => (p.baselineAt ? `已建立（${formatTime(p.baselineAt)}）` : '等待首次检查建立'),
          },
          ...(manage
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 90,
                  render: (_: unknown, p: PageBaseline) => (
                    <Popconfirm
                      title={`移出「${p.label}」？`}
                      okText="移出"
                      cancelText="取消"
                      onConfirm={async () => {
                        if (await act(() => api('DELETE', `/api/watch/pages/${p.id}`), '已移出防篡改页面')) onChanged();
                      }}>
                      <Button size="small" danger>
                        移出
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<{ label: string; url: string }>
        title="加入防篡改页面"
        open={adding}
        onClose={() => setAdding(false)}
        testId="page-form"
        done="已加入防篡改页面"
        onSubmit={async (v) => {
          await post(`/api/watch/sites/${site.site.id}/pages`, v);
          onChanged();
        }}>
        <Form.Item
          name="label"
          label="页面名称"
          rules={[
            { required: true, whitespace: true, message: '请填写页面名称' },
            { max: 100, message: '不超过 100 个字' },
          ]}>
          <Input placeholder="如：领导信息" />
        </Form.Item>
        <Form.Item
          name="url"
          label="页面地址"
          rules={[
            { required: true, message: '请填写页面地址' },
            { pattern: /^https?:\/\/\S+$/i, message: '网址必须以 http:// 或 https:// 开头' },
          ]}>
          <Input placeholder="https://" />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
