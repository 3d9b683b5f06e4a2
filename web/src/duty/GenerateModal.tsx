// 自动排班: a new draft roster over a date range, filled by the fair rotation from the people chosen (nobody chosen:
// an empty draft, for importing an Excel table or adding shifts by hand). Overlapping an existing roster is refused.
import { DatePicker, Form, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../admin/FormModal.tsx';
import { post } from '../api.ts';
import type { DutySetup, RosterDetail } from './types.ts';

interface Values {
  range: [Dayjs, Dayjs];
  officerIds?: string[];
  leaderIds?: string[];
}

interface Props {
  open: boolean;
  unitId: string;
  setup: DutySetup | undefined;
  onClose: () => void;
  onCreated: (d: RosterDetail) => void;
}

export function GenerateModal({ open, unitId, setup, onClose, onCreated }: Props) {
  const people = (list: { id: string; name: string }[] = []) => list.map((p) => ({ value: p.id, label: p.name }));
  const create = async (v: Values) => {
    const officerIds = v.officerIds ?? [];
    const detail = await post<RosterDetail>('/api/duty/rosters', {
      unitId,
      from: v.range[0].format('YYYY-MM-DD'),
      to: v.range[1].add(1, 'day').format('YYYY-MM-DD'),
      ...(officerIds.length > 0 && { generate: { officerIds, leaderIds: v.leaderIds ?? [] } }),
    });
    onCreated(detail);
  };
  return (
    <FormModal<Values>
      title="自动排班（新建值班表草稿）"
      open={open}
      onClose={onClose}
      onSubmit={create}
      testId="generate-form"
      done="已生成值班表草稿"
      submitText="生成"
      initialValues={{
        officerIds: setup?.pool.officers.filter((p) => !setup.pool.leaders.some((l) => l.id === p.id)).map((p) => p.id),
        leaderIds: setup?.pool.leaders.map((p) => p.id),
      }}>
      <Form.Item
        name="range"
        label="日期（含起止两天）"
        rules={[{ required: true, message: '请选择值班表的起止日期' }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} data-testid="generate-range" />
      </Form.Item>
      <Form.Item
        name="officerIds"
        label="参加轮值的值班人员"
        extra="不选人员则新建空白值班表，可导入 Excel 或逐个添加班次">
        <Select
          mode="multiple"
          allowClear
          options={people(setup?.pool.officers)}
          optionFilterProp="label"
          data-testid="generate-officers"
        />
      </Form.Item>
      <Form.Item name="leaderIds" label="带班领导（法定节假日、重大活动、突发事件等须带班）">
        <Select
          mode="multiple"
          allowClear
          options={people(setup?.pool.leaders)}
          optionFilterProp="label"
          data-testid="generate-leaders"
        />
      </Form.Item>
    </FormModal>
  );
}
