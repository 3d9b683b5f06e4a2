// Choosing a unit by its short name (searchable), as a form control or a filter.
import { Select, type SelectProps } from 'antd';
import type { Unit } from '../types.ts';

export function UnitSelect({ units, ...rest }: { units: Unit[] } & SelectProps<string>) {
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择单位"
      style={{ minWidth: 200 }}
      options={units.map((u) => ({ value: u.id, label: u.name }))}
      {...rest}
    />
  );
}
