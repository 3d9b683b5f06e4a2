// The fields of a role grant (授予角色): which role, in which unit, and the section where the role needs one.
import { Form, Select } from 'antd';
import { get } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { useLabels } from '../session.tsx';
import type { Section, Unit } from '../types.ts';
import { DISTRICT_WIDE_ROLES, SECTION_ROLES } from './types.ts';
import { UnitSelect } from './UnitSelect.tsx';

export interface RoleForm {
  role: string;
  unitId: string;
  sectionId?: string;
}

export function RoleFields({ units }: { units: Unit[] }) {
  const labels = useLabels();
  const form = Form.useFormInstance<RoleForm>();
  const role = Form.useWatch('role', form);
  const unitId = Form.useWatch('unitId', form);
  const sections = useLoad(
    () => (unitId ? get<Section[]>(`/api/units/${unitId}/sections`) : Promise.resolve([])),
    [unitId],
  );
  const districtWide = (id: string) => units.find((u) => u.id === id)?.districtWide ?? false;

  return (
    <>
      <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
        <Select
          data-testid="role-select"
          options={Object.entries(labels.role).map(([value, label]) => ({ value, label }))}
          onChange={() => form.setFieldValue('sectionId', undefined)}
        />
      </Form.Item>
      <Form.Item
        name="unitId"
        label="所在单位"
        dependencies={['role']}
        rules={[
          { required: true, message: '请选择单位' },
          {
            validator: async (_, id: string | undefined) => {
              if (id && DISTRICT_WIDE_ROLES.includes(form.getFieldValue('role')) && !districtWide(id)) {
                throw new Error(
                  `${labels.role[form.getFieldValue('role')]}是全区性角色，只能在区政府办公室等全区性单位授予`,
                );
              }
            },
          },
        ]}>
        <UnitSelect units={units} data-testid="role-unit" onChange={() => form.setFieldValue('sectionId', undefined)} />
      </Form.Item>
      {SECTION_ROLES.includes(role) && (
        <Form.Item
          name="sectionId"
          label="科室"
          rules={[{ required: role === 'sectionHead', message: '科室负责人须指定本单位的科室' }]}
          extra={role === 'staff' ? '工作人员可不指定科室' : undefined}>
          <Select
            data-testid="role-section"
            allowClear
            loading={sections.loading}
            placeholder="选择科室"
            notFoundContent={sections.error ?? '该单位还没有科室'}
            options={(sections.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      )}
    </>
  );
}
