// The 单位 + 期间 part of a filter bar (台账, 统计): a searchable unit (empty: every unit the reader may see) and a date
// range in Beijing time, starting at this month. The server decides what each reader may see; `districtRoles` only
// chooses whether the bar starts on the reader's own unit or on all.
import { DatePicker, Form } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { UnitSelect } from '../admin/UnitSelect.tsx';
import { dayjs, TZ } from '../format.ts';
import { useSession } from '../session.tsx';
import type { Unit } from '../types.ts';
import { useUnits } from '../units.ts';

export interface UnitPeriod {
  unitId?: string;
  range?: [Dayjs, Dayjs] | null;
}

/** The units to choose from and the starting values: own unit (or all, for district-wide roles), this month. */
export function useUnitPeriod(districtRoles: readonly string[]) {
  const { user } = useSession();
  const { units } = useUnits();
  const [initial] = useState<{ unitId?: string; range: [Dayjs, Dayjs] }>(() => ({
    unitId: user?.roles.some((r) => districtRoles.includes(r.role)) ? undefined : user?.unitId,
    range: [dayjs().tz(TZ).startOf('month'), dayjs().tz(TZ)],
  }));
  return { units, initial };
}

/** from / to as the API takes them (YYYY-MM-DD), or undefined when no range is chosen. */
export const periodOf = (range: UnitPeriod['range']) => ({
  from: range?.[0]?.format('YYYY-MM-DD'),
  to: range?.[1]?.format('YYYY-MM-DD'),
});

/** The two form items, inside the page's own inline Form (names unitId and range). */
export function UnitPeriodFields(props: { units: Unit[]; testId: string; rangeLabel: string; required?: boolean }) {
  const { units, testId, rangeLabel, required = false } = props;
  return (
    <>
      <Form.Item name="unitId" label="单位">
        <UnitSelect
          units={units}
          allowClear
          placeholder="全部可查看的单位"
          style={{ width: 180 }}
          data-testid={`${testId}-unit`}
        />
      </Form.Item>
      <Form.Item name="range" label={rangeLabel} rules={required ? [{ required: true, message: '请选择期间' }] : []}>
        <DatePicker.RangePicker allowClear={!required} style={{ width: 250 }} data-testid={`${testId}-range`} />
      </Form.Item>
    </>
  );
}
