// 智能校对 findings beside the text: severity, line:column, the words, the suggestion, and 忽略 with a reason.
import { Button, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLabels } from '../session.tsx';
import type { Finding } from '../types.ts';

// 'secrecy': a 密级标志 / 个人信息 finding that only the secrecy office resolves, at its step (第七条).
const STATUS_NAME: Record<string, string> = { dismissed: '已忽略', redacted: '已脱密', fixed: '已修改', secrecy: '由保密审查处理' };

const SEVERITY_COLOR: Record<string, string> = { serious: 'red', error: 'orange', warning: 'gold', info: 'blue' };

export function FindingList({ findings, canDismiss, onDismiss, onSelect, activeId }: {
  findings: Finding[]; canDismiss: boolean; onDismiss?: (f: Finding, reason: string) => Promise<void>;
  onSelect?: (id: string) => void; activeId?: string | null;
}) {
  const labels = useLabels();
  const [dismissing, setDismissing] = useState<Finding | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (findings.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="智能校对未发现问题" />;
  const confirm = async () => {
    if (!dismissing || !onDismiss) return;
    setBusy(true);
    try {
      await onDismiss(dismissing, reason.trim());
      setDismissing(null);
      setReason('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <List size="small" data-testid="findings" dataSource={findings} renderItem={(f) => (
        <List.Item data-testid="finding" data-severity={f.severity} data-status={f.status}
          style={{ background: f.id === activeId ? '#e6f4ff' : undefined, cursor: onSelect ? 'pointer' : undefined }}
          onClick={() => onSelect?.(f.id)}
          actions={canDismiss && f.status === 'open' && onDismiss
            ? [<Button key="d" size="small" data-testid="finding-dismiss" onClick={(e) => { e.stopPropagation(); setDismissing(f); }}>忽略</Button>]
            : []}>
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap>
              <Tag color={SEVERITY_COLOR[f.severity]}>{labels.severity[f.severity] ?? f.severity}</Tag>
              <Tag>{labels.category[f.category] ?? f.category}</Tag>
              {f.line !== undefined && <Typography.Text type="secondary">第 {f.line} 行第 {f.column} 列</Typography.Text>}
              {f.status !== 'open' && <Tag color="default">{STATUS_NAME[f.status] ?? '已处理'}</Tag>}
            </Space>
            <Typography.Text>
              <Typography.Text mark>{f.text}</Typography.Text>
              {f.suggestion ? <> → <Typography.Text strong>{f.suggestion}</Typography.Text></> : null}
            </Typography.Text>
            <Typography.Text type="secondary">{f.message}</Typography.Text>
            {f.reason && <Typography.Text type="secondary">忽略理由：{f.reason}</Typography.Text>}
          </Space>
        </List.Item>
      )} />
      <Modal title="忽略此项校对发现" open={!!dismissing} onCancel={() => setDismissing(null)} onOk={() => void confirm()}
        okText="确认忽略" cancelText="取消" confirmLoading={busy} okButtonProps={{ disabled: reason.trim().length < 2, ...{ 'data-testid': 'dismiss-confirm' } }}>
        <Typography.Paragraph>“{dismissing?.text}”：{dismissing?.message}</Typography.Paragraph>
        <Input.TextArea data-testid="dismiss-reason" rows={3} maxLength={500} showCount value={reason}
          onChange={(e) => setReason(e.target.value)} placeholder="请说明忽略的理由（将记入台账）" />
      </Modal>
    </>
  );
}

/** Marks for ProofText from findings. */
export const findingMarks = (findings: Finding[]) => findings.filter((f) => f.status === 'open' || f.status === 'secrecy')
  .map((f) => ({ start: f.start, end: f.end, className: `sev-${f.severity}`, title: f.message, id: f.id }));
