// 预警线与否决线 of one site (INSPECTION.md defaults; the warning lines are the market's practice and may change).
// Only the lines already overridden or changed here are sent; the others keep following the defaults.
import { Alert, Button, Form, InputNumber, Space, Typography } from 'antd';
import { api } from '../api.ts';
import { useSubmit } from '../duty/useSubmit.ts';
import type { Site, Thresholds } from './types.ts';

const ROWS: [string, keyof Thresholds, keyof Thresholds, string][] = [
  ['首页不可访问（近 7 天失败比例，%）', 'availabilityWarnPct', 'availabilityVetoPct', '达到即'],
  ['首页不更新（天）', 'homepageWarnDays', 'homepageVetoDays', '达到即'],
  ['空白栏目（个）', 'blankWarnAbove', 'blankVeto', '预警：超过；否决：达到'],
  ['动态要闻、通知公告、政策文件不更新（个）', 'staleKeyWarnAbove', 'staleKeyVeto', '预警：超过；否决：达到'],
  ['应更新栏目不更新（个）', 'staleAnyWarnAbove', 'staleAnyVeto', '预警：超过；否决：达到'],
];

export function ThresholdsForm({ site, onChanged }: { site: Site; onChanged: () => void }) {
  const [form] = Form.useForm<Thresholds>();
  const { busy, error, run } = useSubmit();
  const save = async (v: Thresholds) => {
    const body = Object.fromEntries(
      Object.entries(v).filter(([k, x]) => k in site.overrides || x !== site.thresholds[k as keyof Thresholds]),
    );
    if (await run(() => api('PUT', `/api/watch/sites/${site.id}/thresholds`, body), '预警线与否决线已保存'))
      onChanged();
  };
  return (
    <Form<Thresholds>
      form={form}
      layout="horizontal"
      initialValues={site.thresholds}
      onFinish={(v) => void save(v)}
      data-testid="thresholds-form"
      style={{ maxWidth: 760 }}>
      {ROWS.map(([label, warn, veto, hint]) => (
        <Form.Item key={warn} label={label} extra={hint} labelCol={{ span: 10 }}>
          <Space>
            <Form.Item name={warn} noStyle rules={[{ required: true, message: '请填写预警线' }]}>
              <InputNumber min={0} aria-label={`${label}预警线`} prefix="预警" />
            </Form.Item>
            <Form.Item name={veto} noStyle rules={[{ required: true, message: '请填写否决线' }]}>
              <InputNumber min={0} aria-label={`${label}否决线`} prefix="否决" />
            </Form.Item>
            {(warn in site.overrides || veto in site.overrides) && (
              <Typography.Text type="secondary">已调整</Typography.Text>
            )}
          </Space>
        </Form.Item>
      ))}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        保存
      </Button>
    </Form>
  );
}
