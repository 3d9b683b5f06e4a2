// The keyboard way to do what drag and drop does: a shift's day, 带班领导 and 值班人员 in a dialog (PATCH the shift).
import { Form, Select } from 'antd';
import { FormModal } from '../admin/FormModal.tsx';
import type { DutyPerson, DutyShift, RosterDetail } from './types.ts';

interface Values {
  day: string;
  leaderId?: string | null;
  officerIds: string[];
}

interface Props {
  shift: DutyShift | null;
  detail: RosterDetail;
  pool: { officers: DutyPerson[]; leaders: DutyPerson[] };
  onClose: () => void;
  onSave: (shift: DutyShift, patch: { day: string; leaderId: string | null; officerIds: string[] }) => Promise<unknown>;
}

const options = (people: DutyPerson[]) =>
  people.map((p) => ({ value: p.id, label: p.phone ? `${p.name}（${p.phone}）` : p.name }));

export function ShiftEditModal({ shift, detail, pool, onClose, onSave }: Props) {
  if (!shift) return null;
  return (
    <FormModal<Values>
      title={`调整班次：${shift.day} ${shift.name}（${shift.start}–${shift.end}）`}
      open
      onClose={onClose}
      testId="shift-form"
      done="班次已调整"
      submitText="保存"
      initialValues={{
        day: shift.day,
        leaderId: shift.leader?.id ?? null,
        officerIds: shift.officers.map((o) => o.id),
      }}
      onSubmit={(v) => onSave(shift, { day: v.day, leaderId: v.leaderId ?? null, officerIds: v.officerIds ?? [] })}>
      {shift.leaderReasons.length > 0 && (
        <p style={{ color: '#cf1322' }}>须有带班领导：{shift.leaderReasons.join('；')}</p>
      )}
      <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <Select
          data-testid="shift-day"
          options={detail.days.map((d) => ({
            value: d.date,
            label: `${d.date} ${d.weekday}${d.holiday ? `（${d.holiday}）` : ''}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="leaderId" label="带班领导">
        <Select
          allowClear
          placeholder="不安排带班领导"
          data-testid="shift-leader-select"
          options={options(pool.leaders)}
        />
      </Form.Item>
      <Form.Item name="officerIds" label="值班人员">
        <Select
          mode="multiple"
          placeholder="选择值班人员"
          data-testid="shift-officers-select"
          options={options(pool.officers)}
          optionFilterProp="label"
        />
      </Form.Item>
    </FormModal>
  );
}
