// 启动突发事件处置 (§4.2): for one unit or the whole district, the duty leaders who take the current and coming shifts
// that lack one, and the people added (增加处置力量), who are notified at once. The server refuses, listing the shifts,
// while a shift would stay without a 带班领导. The people named go through the roster check: where rest or registered
// unavailability is broken the server lists the findings (OVERRIDE_REQUIRED) and the form asks for the reason to
// proceed anyway, which is recorded; two duties at once is refused outright.
import { DatePicker, Form, Input, Radio, Select, type SelectProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { FormModal } from '../admin/FormModal.tsx';
import { UnitSelect } from '../admin/UnitSelect.tsx';
import { ApiError, post } from '../api.ts';
import { dayjs } from '../format.ts';
import type { Unit } from '../types.ts';
import { type DutyPool, type Emergency, LIMITS, personText } from './setupTypes.ts';
import type { DutyPerson } from './types.ts';

interface Values {
  scope: 'unit' | 'district';
  unitId?: string;
  title: string;
  description?: string;
  until?: Dayjs | null;
  leaders?: string[];
  extras?: string[];
  overrideReason?: string;
}

/** A person of a unit's duty pool as a select value: the unit matters for a 带班领导 of a district-wide emergency. */
const pick = (unitId: string, p: DutyPerson) => ({ value: `${unitId}:${p.id}`, label: personText(p) });
const parse = (v: string) => {
  const [unitId, userId] = v.split(':');
  return { unitId, userId };
};

interface Props {
  open: boolean;
  may: { units: Unit[]; district: boolean };
  pools: DutyPool[]; // the duty people of each unit this person may start one for (every unit for the district)
  defaultUnitId: string;
  onClose: () => void;
  onDeclared: (e: Emergency) => void;
}

export function EmergencyForm({ open, may, pools, defaultUnitId, onClose, onDeclared }: Props) {
  const [overriding, setOverriding] = useState(false);
  useEffect(() => setOverriding(false), [open]);
  const declare = async (v: Values) => {
    const extras = [...new Set((v.extras ?? []).map((x) => parse(x).userId))];
    try {
      onDeclared(
        await post<Emergency>('/api/duty/emergencies', {
          unitId: v.scope === 'district' ? null : v.unitId,
          title: v.title,
          description: v.description ?? '',
          until: v.until ? v.until.toISOString() : null,
          leaders: (v.leaders ?? []).map(parse),
          extraUserIds: extras,
          overrideReason: v.overrideReason ?? '',
        }),
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 'OVERRIDE_REQUIRED') setOverriding(true);
      throw e;
    }
  };
  const unitId = may.units.some((u) => u.id === defaultUnitId) ? defaultUnitId : may.units[0]?.id;
  return (
    <FormModal<Values>
      title="启动突发事件处置"
      open={open}
      onClose={onClose}
      onSubmit={declare}
      testId="emergency-form"
      submitText="启动处置"
      done="已启动突发事件处置，已通知相关人员"
      initialValues={{ scope: 'unit', unitId }}>
      <Form.Item name="scope" label="范围">
        <Radio.Group
          data-testid="emergency-scope"
          options={[
            { value: 'unit', label: '本单位' },
            { value: 'district', label: '全区', disabled: !may.district },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['scope']}>
        {({ getFieldValue }) =>
          getFieldValue('scope') === 'unit' && (
            <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
              <UnitSelect units={may.units} data-testid="emergency-unit" />
            </Form.Item>
          )
        }
      </Form.Item>
      <Form.Item
        name="title"
        label="事件名称"
        rules={[
          { required: true, whitespace: true, message: '请填写事件名称' },
          { max: LIMITS.title, message: `事件名称不能超过 ${LIMITS.title} 个字` },
        ]}>
        <Input placeholder="如：单位网站首页被篡改" data-testid="emergency-title" />
      </Form.Item>
      <Form.Item
        name="description"
        label="事件情况"
        rules={[{ max: LIMITS.text, message: `事件情况不能超过 ${LIMITS.text} 个字` }]}>
        <Input.TextArea rows={3} data-testid="emergency-description" />
      </Form.Item>
      <Form.Item
        name="until"
        label="预计结束时间"
        extra="不填则直到结束处置；期间每个班次须有带班领导"
        rules={[
          {
            validator: async (_, v: Dayjs | null | undefined) => {
              if (v && !v.isAfter(dayjs())) throw new Error('预计结束时间须晚于现在');
            },
          },
        ]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="emergency-until" />
      </Form.Item>
      <PeopleFields pools={pools} />
      {overriding && (
        <Form.Item
          name="overrideReason"
          label="超越排班规则的理由"
          extra="所选人员与排班规则冲突（见上方列出的问题）；确需仍然安排的，填写理由后再次启动，理由和问题记入台账并随事件列出"
          rules={[
            { required: true, whitespace: true, message: '请填写理由' },
            { max: LIMITS.text, message: `理由不能超过 ${LIMITS.text} 个字` },
          ]}>
          <Input.TextArea rows={2} data-testid="emergency-override-reason" />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** 带班领导 and 增加处置力量 from the duty pools of the unit, or of every unit for the whole district. */
function PeopleFields({ pools }: { pools: DutyPool[] }) {
  const form = Form.useFormInstance<Values>();
  const scope = Form.useWatch('scope', form);
  const unitId = Form.useWatch('unitId', form);
  const shown = scope === 'district' ? pools : pools.filter((p) => p.unitId === unitId);
  useEffect(() => form.setFieldsValue({ leaders: [], extras: [] }), [form, scope, unitId]);
  const options = (list: 'leaders' | 'officers'): SelectProps['options'] => {
    const groups = shown.map((p) => ({ label: p.unitName, options: p[list].map((person) => pick(p.unitId, person)) }));
    return groups.length === 1 ? groups[0].options : groups.filter((g) => g.options.length > 0);
  };
  return (
    <>
      <Form.Item
        name="leaders"
        label="带班领导"
        extra="当前及后续班次（24 小时内，或至预计结束时间）没有带班领导的，由所选带班领导轮流带班">
        <Select
          mode="multiple"
          allowClear
          optionFilterProp="label"
          placeholder="选择带班领导"
          options={options('leaders')}
          data-testid="emergency-leaders"
        />
      </Form.Item>
      <Form.Item name="extras" label="增加处置力量" extra="所选人员将收到通知，请立即到岗处置">
        <Select
          mode="multiple"
          allowClear
          optionFilterProp="label"
          placeholder="选择增加的处置人员"
          options={options('officers')}
          data-testid="emergency-extras"
        />
      </Form.Item>
    </>
  );
}
