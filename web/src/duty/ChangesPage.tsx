// 离岗申请: request 离岗 or 换班 for my shift; the unit's requests with their state — an approved 离岗 shows
// "等待接替人员到岗" until the replacement checks in — and, for a 带班领导, 批准 / 不批准 on the pending ones.
import { Alert, App, Button, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FormModal } from '../admin/FormModal.tsx';
import { get, post, query } from '../api.ts';
import { dayjs, formatTime, todayInShanghai } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useSession } from '../session.tsx';
import { ChangeRequestForm } from './ChangeRequestForm.tsx';
import { type Change, CHANGE_KIND_NAME, type DutyCalendar, type DutySetup } from './types.ts';
import { useDutyUnit } from './unit.tsx';

const STATE: Record<Change['state'], [string, string]> = {
  requested: ['待批准', 'blue'],
  rejected: ['未批准', 'default'],
  completed: ['已办结', 'green'],
  approved: ['等待接替人员到岗', 'orange'],
};

export function ChangesPage() {
  const { message } = App.useApp();
  const { user, has } = useSession();
  const { unitId, picker } = useDutyUnit();
  const [params] = useSearchParams();
  const [rejecting, setRejecting] = useState<Change | null>(null);
  const today = todayInShanghai();
  const from = dayjs(today).subtract(30, 'day').format('YYYY-MM-DD');
  const to = dayjs(today).add(31, 'day').format('YYYY-MM-DD');
  const setup = useLoad(() => get<DutySetup>(`/api/duty/units/${unitId}/setup`), [unitId]);
  const calendar = useLoad(
    () => get<DutyCalendar>(`/api/duty/calendar${query({ unitId, from, to })}`),
    [unitId, from, to],
  );
  const changes = useLoad(() => get<{ changes: Change[] }>(`/api/duty/changes${query({ unitId })}`), [unitId]);
  const people = new Map((setup.data?.pool.officers ?? []).map((p) => [p.id, p.name]));
  const shifts = new Map((calendar.data?.shifts ?? []).map((s) => [s.id, s]));
  const published = new Set((calendar.data?.rosters ?? []).filter((r) => r.state === 'published').map((r) => r.id));
  const nowIso = new Date().toISOString();
  const mine = (calendar.data?.shifts ?? []).filter(
    (s) =>
      published.has(s.rosterId)
      && s.endsAt > nowIso
      && (s.leader?.id === user?.id || s.officers.some((o) => o.id === user?.id)),
  );
  const onDuty = has('dutyOfficer', unitId) || has('dutyLeader', unitId);
  const list = [...(changes.data?.changes ?? [])].sort(
    (a, b) => Number(b.canDecide) - Number(a.canDecide) || b.requestedAt.localeCompare(a.requestedAt),
  );
  const pending = list.filter((c) => c.canDecide).length;

  const approve = async (c: Change) => {
    try {
      const done = await post<Change>(`/api/duty/changes/${c.id}/approve`, {});
      message.success(done.state === 'approved' ? '已批准：接替人员到岗前原值班人员仍在岗' : '已批准，班次已调整');
      changes.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '批准失败');
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          离岗与换班申请
        </Typography.Title>
        {picker}
      </Space>
      {(setup.error || calendar.error || changes.error) && (
        <Alert type="error" showIcon title={setup.error ?? calendar.error ?? changes.error} />
      )}
      {onDuty && user && setup.data && calendar.data && (
        <ChangeRequestForm
          me={user.id}
          shifts={mine}
          pool={setup.data.pool}
          initialShiftId={params.get('shift') ?? undefined}
          onDone={changes.reload}
        />
      )}
      {pending > 0 && (
        <Alert type="warning" showIcon title={`有 ${pending} 个申请待您批准`} data-testid="changes-pending" />
      )}
      <Table<Change>
        rowKey="id"
        size="middle"
        loading={changes.loading}
        dataSource={list}
        data-testid="changes-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '没有换班或离岗申请' }}
        columns={[
          { title: '类型', dataIndex: 'kind', width: 70, render: (k: Change['kind']) => CHANGE_KIND_NAME[k] },
          {
            title: '班次',
            dataIndex: 'shiftId',
            width: 210,
            render: (id: string) => {
              const s = shifts.get(id);
              return s ? (
                <>
                  {s.name}
                  <br />
                  <Typography.Text type="secondary">
                    {formatTime(s.startsAt)} 至 {formatTime(s.endsAt).slice(5)}
                  </Typography.Text>
                </>
              ) : (
                '—'
              );
            },
          },
          { title: '申请人', dataIndex: 'leavingId', width: 90, render: (id: string) => people.get(id) ?? '—' },
          { title: '接替人员', dataIndex: 'replacementId', width: 90, render: (id: string) => people.get(id) ?? '—' },
          { title: '原因', dataIndex: 'reason', ellipsis: true },
          { title: '申请时间', dataIndex: 'requestedAt', width: 140, render: formatTime },
          {
            title: '状态',
            dataIndex: 'state',
            width: 150,
            render: (s: Change['state'], c) => (
              <Tag color={STATE[s][1]} data-testid="change-state" data-state={s}>
                {c.kind === 'swap' && s === 'completed' ? '已批准' : STATE[s][0]}
              </Tag>
            ),
          },
          {
            title: '操作',
            key: 'op',
            width: 150,
            render: (_, c) =>
              c.canDecide && (
                <Space>
                  <Button type="primary" size="small" onClick={() => void approve(c)} data-testid="change-approve">
                    批准
                  </Button>
                  <Button size="small" onClick={() => setRejecting(c)} data-testid="change-reject">
                    不批准
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <FormModal<{ note: string }>
        title="不批准申请"
        open={!!rejecting}
        onClose={() => setRejecting(null)}
        testId="reject-form"
        done="已不批准该申请"
        onSubmit={async (v) => {
          await post(`/api/duty/changes/${rejecting!.id}/reject`, { note: v.note });
          changes.reload();
        }}>
        <Form.Item name="note" label="意见" rules={[{ max: 500, message: '不超过 500 个字' }]}>
          <Input.TextArea rows={3} placeholder="如：该时段人手不足，请按原安排值班" />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
