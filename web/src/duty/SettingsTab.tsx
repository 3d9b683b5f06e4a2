// 值班规则: the unit's minimum rest between two shifts of one person, the reminder before a shift, and the fewest 读网
// rounds a day of each kind needs (the 读网记录 report counts the days short of it).
import { Alert, Button, Form, InputNumber } from 'antd';
import { api } from '../api.ts';
import type { SetupTabProps } from './SetupPage.tsx';
import { type DutySettings, LIMITS } from './setupTypes.ts';
import { DAY_KIND_NAME, type DayKind } from './types.ts';
import { useSubmit } from './useSubmit.ts';

/** A whole number 0..max, worded as the server words it (src/duty/model.ts checkSettings). */
const whole = (label: string, max: number) => [
  { required: true, message: `请填写${label}` },
  { type: 'integer' as const, min: 0, max, message: `${label}须为 0 到 ${max} 之间的整数` },
];

export function SettingsTab({ setup, reload }: SetupTabProps) {
  const { busy, error, run } = useSubmit();
  const disabled = !setup.abilities.canManage;
  const save = async (v: DutySettings) => {
    if (await run(() => api('PUT', `/api/duty/units/${setup.unitId}/settings`, v), '值班规则已保存')) reload();
  };
  const number = (testId: string, max: number, unit: string) => (
    <InputNumber
      min={0}
      max={max}
      precision={0}
      disabled={disabled}
      suffix={unit}
      style={{ width: 160 }}
      data-testid={testId}
    />
  );
  return (
    <Form<DutySettings>
      layout="vertical"
      initialValues={setup.settings}
      onFinish={(v) => void save(v)}
      data-testid="settings-form"
      style={{ maxWidth: 560 }}>
      <Form.Item
        name="minRestMinutes"
        label="两班之间最短休息（分钟）"
        extra="同一人两个班次之间至少休息多久；排班时检查"
        rules={whole('两班之间最短休息（分钟）', LIMITS.minutes)}>
        {number('settings-min-rest', LIMITS.minutes, '分钟')}
      </Form.Item>
      <Form.Item
        name="remindMinutes"
        label="班前提醒提前量（分钟）"
        extra="班次开始前多久提醒值班人员"
        rules={whole('班前提醒提前量（分钟）', LIMITS.minutes)}>
        {number('settings-remind', LIMITS.minutes, '分钟')}
      </Form.Item>
      {(Object.keys(DAY_KIND_NAME) as DayKind[]).map((k) => (
        <Form.Item
          key={k}
          name={['readings', k]}
          label={`${DAY_KIND_NAME[k]}每日读网至少`}
          rules={whole(`${DAY_KIND_NAME[k]}读网轮次`, LIMITS.readings)}>
          {number(`settings-readings-${k}`, LIMITS.readings, '轮')}
        </Form.Item>
      ))}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="settings-error" />}
      {!disabled && (
        <Button type="primary" htmlType="submit" loading={busy} data-testid="settings-submit">
          保存
        </Button>
      )}
    </Form>
  );
}
