// 发布网址: after the CMS has put a published item online, its unit records the page address per website channel,
// so that 读网值班 can check the live page against the approved text.
import { App, Button, Form, Input, Space, Typography } from 'antd';
import { api } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useLabels } from '../session.tsx';
import type { History, UnitDetail } from '../types.ts';

export function LiveUrls({
  itemId,
  unitId,
  publications,
  onSaved,
}: {
  itemId: string;
  unitId: string;
  publications: History['publications'];
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const labels = useLabels();
  const unit = useLoad(() => api<UnitDetail>('GET', `/api/units/${unitId}`), [unitId]);
  const websites = new Map((unit.data?.channels ?? []).filter((c) => c.kind === 'website').map((c) => [c.id, c]));
  // The newest publication per website channel.
  const latest = new Map(publications.filter((p) => websites.has(p.channelId)).map((p) => [p.channelId, p]));
  if (latest.size === 0) return null;

  const save = async (channelId: string, url: string) => {
    try {
      await api('PUT', `/api/items/${itemId}/live-url`, { channelId, url });
      message.success('已登记发布网址，读网巡检将核对网页正文');
      onSaved();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }} data-testid="live-urls">
      <Typography.Text type="secondary">
        稿件上网后登记其网址，读网值班巡检时核对网页正文与审定文本是否一致。
      </Typography.Text>
      {[...latest.values()].map((p) => (
        <Form
          key={p.channelId}
          layout="inline"
          initialValues={{ url: p.liveUrl ?? '' }}
          onFinish={(v: { url: string }) => void save(p.channelId, v.url)}>
          <Form.Item
            label={`${labels.channelKind.website ?? '网站'}：${websites.get(p.channelId)?.name ?? ''}`}
            name="url"
            rules={[
              { required: true, message: '请填写发布网址' },
              { type: 'url', message: '请填写以 http:// 或 https:// 开头的网址' },
            ]}>
            <Input style={{ width: 420 }} placeholder="https://…" data-testid="live-url-input" />
          </Form.Item>
          <Button htmlType="submit" data-testid="live-url-save">
            {p.liveUrl ? '修改' : '登记'}
          </Button>
        </Form>
      ))}
    </Space>
  );
}
