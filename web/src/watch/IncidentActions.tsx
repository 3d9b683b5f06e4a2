// The transitions of an incident this person may make now — 接手处理, 已恢复, 关闭 (关闭 only after recovery) — each
// with a required note that becomes the step's 说明.
import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '../admin/FormModal.tsx';
import { post } from '../api.ts';
import type { IncidentDetail } from './types.ts';

type Event = 'handle' | 'recover' | 'close';
const ACTION: Record<Event, { label: string; done: string; placeholder: string }> = {
  handle: { label: '接手处理', done: '已登记处理中', placeholder: '如：已电话通知平台运维，正在排查' },
  recover: { label: '已恢复', done: '已登记恢复', placeholder: '如：运维重启服务后首页恢复访问' },
  close: { label: '关闭', done: '事件已关闭', placeholder: '如：已复核恢复情况，关闭' },
};

export function IncidentActions({ detail, onDone }: { detail: IncidentDetail; onDone: () => void }) {
  const [event, setEvent] = useState<Event | null>(null);
  const { canHandle, canRecover, canClose } = detail.abilities;
  const allowed: Event[] = [
    ...(canHandle ? ['handle' as const] : []),
    ...(canRecover ? ['recover' as const] : []),
    ...(canClose ? ['close' as const] : []),
  ];
  if (!allowed.length) return null;
  return (
    <Card size="small">
      <Space>
        <Typography.Text>处理：</Typography.Text>
        {allowed.map((e) => (
          <Button
            key={e}
            type={e === allowed[0] ? 'primary' : 'default'}
            onClick={() => setEvent(e)}
            data-testid={`incident-${e}`}>
            {ACTION[e].label}
          </Button>
        ))}
      </Space>
      <FormModal<{ note: string }>
        title={event ? ACTION[event].label : ''}
        open={!!event}
        onClose={() => setEvent(null)}
        testId="incident-note-form"
        done={event ? ACTION[event].done : ''}
        submitText={event ? ACTION[event].label : undefined}
        onSubmit={async (v) => {
          await post(`/api/watch/incidents/${detail.incident.id}/${event}`, v);
          onDone();
        }}>
        <Form.Item
          name="note"
          label="说明"
          rules={[
            { required: true, whitespace: true, message: '请填写说明' },
            { max: 2000, message: '不超过 2000 个字' },
          ]}>
          <Input.TextArea
            rows={4}
            placeholder={event ? ACTION[event].placeholder : ''}
            autoFocus
            data-testid="incident-note"
          />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
