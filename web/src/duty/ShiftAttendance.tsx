// My shift: 签到 (到岗), 签退 (离岗) with the 交接班记录, and the previous shift's handover notes. Leaving before the
// shift ends is refused by the server unless an approved 离岗 has been taken over (§4.6); its message is shown.
import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { get, post } from '../api.ts';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { ShiftRecord } from './types.ts';
import { useSubmit } from './useSubmit.ts';

export function ShiftAttendance({ shiftId, me, onChanged }: { shiftId: string; me: string; onChanged: () => void }) {
  const record = useLoad(() => get<ShiftRecord>(`/api/duty/shifts/${shiftId}`), [shiftId]);
  const { busy, error, run } = useSubmit();
  const [note, setNote] = useState('');
  const r = record.data;
  const mine = r?.attendance.find((a) => a.userId === me);
  const role = r?.people.find((p) => p.id === me)?.role;

  const act = async (what: 'check-in' | 'check-out') => {
    const done = await run(
      () => post(`/api/duty/shifts/${shiftId}/${what}`, what === 'check-out' ? { handoverNote: note } : {}),
      what === 'check-in' ? '已签到（到岗）' : '已签退，交接班记录已保存',
    );
    if (!done) return;
    record.reload();
    onChanged();
  };

  if (record.error) return <Alert type="error" showIcon title={record.error} />;
  if (!r) return <Card loading size="small" />;
  return (
    <Card
      size="small"
      title={`我的班次：${r.name}`}
      data-testid="my-shift"
      data-shift-id={shiftId}
      extra={
        role !== 'replacement'
        && !mine?.checkedOutAt && <Link to={`/duty/changes?shift=${shiftId}`}>申请离岗或换班</Link>
      }>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 't', label: '时间', children: `${formatTime(r.startsAt)} 至 ${formatTime(r.endsAt)}` },
          {
            key: 'r',
            label: '我的身份',
            children: role === 'leader' ? '带班领导' : role === 'replacement' ? '接替人员' : '值班人员',
          },
          { key: 'in', label: '签到', children: mine ? formatTime(mine.checkedInAt) : <Tag>未签到</Tag> },
          { key: 'out', label: '签退', children: mine?.checkedOutAt ? formatTime(mine.checkedOutAt) : '—' },
        ]}
      />
      {r.previousHandover.map((h) => (
        <Alert
          key={h.shiftId + h.at}
          type="info"
          style={{ marginBottom: 8 }}
          title={`上一班（${h.name}）${h.by}的交接班记录，${formatTime(h.at)}`}
          description={h.note}
        />
      ))}
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="attendance-error" />
      )}
      {!mine && (
        <Button type="primary" loading={busy} onClick={() => void act('check-in')} data-testid="check-in">
          签到（到岗）
        </Button>
      )}
      {mine && !mine.checkedOutAt && (
        <Form layout="vertical" onFinish={() => void act('check-out')}>
          <Form.Item label="交接班记录" required>
            <Input.TextArea
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={2000}
              showCount
              data-testid="handover-note"
              placeholder="本班读网情况、发现的问题及处理、需下一班跟进的事项"
            />
          </Form.Item>
          <Space>
            <Button htmlType="submit" loading={busy} disabled={!note.trim()} data-testid="check-out">
              签退（离岗）
            </Button>
            <Typography.Text type="secondary">班次结束前 30 分钟起可签退；中途离岗须办理离岗申请。</Typography.Text>
          </Space>
        </Form>
      )}
      {mine?.checkedOutAt && <Typography.Paragraph>已签退。交接班记录：{mine.handoverNote}</Typography.Paragraph>}
    </Card>
  );
}
