// 申请离岗或换班 for one of my shifts: 离岗 (a shift under way or about to be) names the replacement, who must arrive
// before I may go; 换班 (a shift not yet begun) hands the shift to a colleague at once when approved.
import { Alert, Button, Card, Form, Input, Radio, Select } from 'antd';
import { post } from '../api.ts';
import { formatTime } from '../format.ts';
import type { DutyPerson, DutyShift } from './types.ts';
import { useSubmit } from './useSubmit.ts';

interface Values {
  shiftId: string;
  kind: 'leave' | 'swap';
  replacementId: string;
  reason: string;
}

interface Props {
  me: string;
  shifts: DutyShift[]; // my published shifts not yet over
  pool: { officers: DutyPerson[]; leaders: DutyPerson[] };
  initialShiftId?: string;
  onDone: () => void;
}

export function ChangeRequestForm({ me, shifts, pool, initialShiftId, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit();
  const shiftId = Form.useWatch('shiftId', form);
  const shift = shifts.find((s) => s.id === shiftId);
  const candidates = (shift?.leader?.id === me ? pool.leaders : pool.officers).filter(
    (p) => p.id !== me && p.id !== shift?.leader?.id && !shift?.officers.some((o) => o.id === p.id),
  );

  const submit = async (v: Values) => {
    if (
      !(await run(
        () => post('/api/duty/changes', v),
        `${v.kind === 'leave' ? '离岗' : '换班'}申请已提交，等待带班领导批准`,
      ))
    )
      return;
    form.resetFields(['replacementId', 'reason']);
    onDone();
  };

  if (shifts.length === 0)
    return (
      <Card size="small" title="申请离岗或换班">
        <Alert type="info" title="您近期没有已发布的值班班次" />
      </Card>
    );
  return (
    <Card size="small" title="申请离岗或换班">
      <Form<Values>
        form={form}
        layout="inline"
        style={{ rowGap: 12 }}
        onFinish={(v) => void submit(v)}
        data-testid="change-form"
        initialValues={{
          kind: 'leave',
          shiftId: shifts.some((s) => s.id === initialShiftId) ? initialShiftId : shifts[0].id,
        }}>
        <Form.Item name="shiftId" label="班次" rules={[{ required: true, message: '请选择班次' }]}>
          <Select
            style={{ width: 300 }}
            data-testid="change-shift"
            options={shifts.map((s) => ({
              value: s.id,
              label: `${s.name} ${formatTime(s.startsAt)} 至 ${formatTime(s.endsAt).slice(5)}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Radio.Group
            options={[
              { value: 'leave', label: '离岗（须接替人员到岗）' },
              { value: 'swap', label: '换班（未开始的班次）' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="replacementId"
          label="接替人员"
          rules={[{ required: true, message: '请选择接替人员：接替人员到岗后方可离岗' }]}>
          <Select
            style={{ width: 160 }}
            placeholder="选择接替人员"
            data-testid="change-replacement"
            options={candidates.map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="原因"
          rules={[
            { required: true, whitespace: true, message: '请填写原因' },
            { max: 500, message: '不超过 500 个字' },
          ]}>
          <Input style={{ width: 260 }} placeholder="如：家中急事" data-testid="change-reason" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="change-submit">
          提交申请
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="change-error" />}
    </Card>
  );
}
