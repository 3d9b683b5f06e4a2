// 班次模板: the unit's 班次 (工作日白班、夜班、节假日值班…) that 自动排班 lays out on each day of their kinds; adding one,
// changing one, and switching one off (a 班次 in use is never deleted).
import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { FormModal, useAction } from '../admin/FormModal.tsx';
import { api, post } from '../api.ts';
import type { SetupTabProps } from './SetupPage.tsx';
import { LIMITS, TIME_RE } from './setupTypes.ts';
import { DAY_KIND_NAME, type DayKind, type Template } from './types.ts';

interface Values {
  name: string;
  start: string;
  end: string;
  dayKinds: DayKind[];
  leaderRequired?: boolean;
  hard?: boolean;
}

const hours = (t: Template) =>
  t.start === t.end ? `${t.start} 起 24 小时` : `${t.start}–${t.end <= t.start ? '次日' : ''}${t.end}`;

export function TemplatesTab({ setup, reload }: SetupTabProps) {
  // null: closed; template null: a new one
  const [editing, setEditing] = useState<{ template: Template | null } | null>(null);
  const act = useAction();
  const canManage = setup.abilities.canManage;
  const toggle = async (t: Template) => {
    if (
      await act(
        () => api('PATCH', `/api/duty/templates/${t.id}`, { active: !t.active }),
        `已${t.active ? '停用' : '启用'}班次「${t.name}」`,
      )
    )
      reload();
  };
  const save = async (v: Values) => {
    const body = { ...v, leaderRequired: v.leaderRequired === true, hard: v.hard === true };
    const t = editing?.template;
    await (t
      ? api('PATCH', `/api/duty/templates/${t.id}`, body)
      : post(`/api/duty/units/${setup.unitId}/templates`, body));
    reload();
  };
  const t = editing?.template;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {canManage && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ template: null })}
          data-testid="template-add">
          新增班次
        </Button>
      )}
      <Table<Template>
        rowKey="id"
        size="middle"
        dataSource={setup.templates}
        pagination={false}
        data-testid="template-table"
        locale={{ emptyText: '本单位还没有班次，自动排班前请先新增班次' }}
        columns={[
          { title: '班次', dataIndex: 'name', width: 160 },
          { title: '时间', key: 'hours', width: 170, render: (_, r) => hours(r) },
          {
            title: '适用日子',
            dataIndex: 'dayKinds',
            render: (kinds: DayKind[]) => kinds.map((k) => <Tag key={k}>{DAY_KIND_NAME[k]}</Tag>),
          },
          { title: '须带班领导', dataIndex: 'leaderRequired', width: 100, render: (b: boolean) => (b ? '是' : '否') },
          { title: '难班次', dataIndex: 'hard', width: 80, render: (b: boolean) => (b ? '是' : '否') },
          {
            title: '状态',
            dataIndex: 'active',
            width: 80,
            render: (b: boolean) => (b ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
          },
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 140,
                  render: (_: unknown, r: Template) => (
                    <Space size={0}>
                      <Button type="link" onClick={() => setEditing({ template: r })} aria-label={`修改班次${r.name}`}>
                        修改
                      </Button>
                      <Button
                        type="link"
                        onClick={() => void toggle(r)}
                        aria-label={`${r.active ? '停用' : '启用'}班次${r.name}`}>
                        {r.active ? '停用' : '启用'}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<Values>
        title={t ? `修改班次：${t.name}` : '新增班次'}
        open={!!editing}
        onClose={() => setEditing(null)}
        testId="template-form"
        done={t ? '班次已修改' : '班次已新增'}
        submitText="保存"
        onSubmit={save}
        initialValues={
          t
            ? {
                name: t.name,
                start: t.start,
                end: t.end,
                dayKinds: t.dayKinds,
                leaderRequired: t.leaderRequired,
                hard: t.hard,
              }
            : { dayKinds: ['working'] }
        }>
        <Form.Item
          name="name"
          label="班次名称"
          rules={[
            { required: true, whitespace: true, message: '请填写班次名称' },
            { max: LIMITS.templateName, message: `班次名称不能超过 ${LIMITS.templateName} 个字` },
          ]}>
          <Input placeholder="如：工作日白班" data-testid="template-name" />
        </Form.Item>
        <Space align="start" size="large">
          <Form.Item
            name="start"
            label="开始时间"
            rules={[
              { required: true, message: '请填写开始时间' },
              { pattern: TIME_RE, message: '开始时间须为 HH:MM（如 08:30）' },
            ]}>
            <Input placeholder="08:30" style={{ width: 120 }} data-testid="template-start" />
          </Form.Item>
          <Form.Item
            name="end"
            label="结束时间"
            extra="早于或等于开始时间表示次日结束"
            rules={[
              { required: true, message: '请填写结束时间' },
              { pattern: TIME_RE, message: '结束时间须为 HH:MM（如 17:30）' },
            ]}>
            <Input placeholder="17:30" style={{ width: 120 }} data-testid="template-end" />
          </Form.Item>
        </Space>
        <Form.Item
          name="dayKinds"
          label="适用日子"
          rules={[
            { required: true, type: 'array', min: 1, message: '请选择班次适用的日子：工作日、休息日或法定节假日' },
          ]}>
          <Checkbox.Group
            data-testid="template-day-kinds"
            options={Object.entries(DAY_KIND_NAME).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="leaderRequired" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox data-testid="template-leader">须有带班领导</Checkbox>
        </Form.Item>
        <Form.Item name="hard" valuePropName="checked">
          <Checkbox data-testid="template-hard">难班次（夜班、节假日值班等，轮值时均衡分配）</Checkbox>
        </Form.Item>
      </FormModal>
    </Space>
  );
}
