// 智能校对 findings beside the text: severity, line:column, the words, the suggestion, and what may be done with each
// (DOMAIN.md §2.5): 忽略 with a reason; below 二审 a serious or error finding is only 建议忽略, shown 待二审确认 until the
// 二审 reviewer (or a higher level) chooses 同意忽略 or 不同意.
import { Button, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { type MouseEvent, useState } from 'react';
import { formatTime } from '../format.ts';
import { useLabels } from '../session.tsx';
import type { Finding } from '../types.ts';

const STATUS_NAME: Record<string, string> = {
  dismissed: '已忽略',
  redacted: '已脱密',
  fixed: '已修改',
  superseded: '已由新版本重新列出',
  proposed: '建议忽略，待二审确认',
};
// An open 密级标志 / 个人信息 finding: only the secrecy office resolves it, at its step (第七条).
const SECRECY_OPEN = '由保密审查处理';
const bySecrecyOffice = (f: Finding) => f.dismisser === 'secrecyOffice';
const STANDING_NAME: Record<string, string> = {
  author: '起草人',
  level1: '一审',
  level2: '二审',
  level3: '三审',
  level4: '主要领导审定',
};

const SEVERITY_COLOR: Record<string, string> = { serious: 'red', error: 'orange', warning: 'gold', info: 'blue' };

const blocking = (f: Finding) => f.severity === 'serious' || f.severity === 'error';
const who = (p: { name: string } | null | undefined, as: string | null | undefined) =>
  p ? `${p.name}${as ? `（${STANDING_NAME[as] ?? as}）` : ''}` : '';

type Asking = { finding: Finding; kind: 'dismiss' | 'propose' | 'reject' };
const ASK: Record<Asking['kind'], { title: string; ok: string; placeholder: string }> = {
  dismiss: { title: '忽略此项校对发现', ok: '确认忽略', placeholder: '请说明忽略的理由（将记入台账和审签单）' },
  propose: {
    title: '建议忽略此项校对发现（须二审确认）',
    ok: '提出建议',
    placeholder: '请说明建议忽略的理由，由二审（科室负责人）确认',
  },
  reject: { title: '不同意忽略', ok: '不同意', placeholder: '请说明不同意的理由（如：应当改正）' },
};

/** Each finding says whether this person may dismiss it now (`canDismiss`); `decides`: their 忽略 counts at once. */
export function FindingList({
  findings,
  decides = false,
  onDismiss,
  onAccept,
  onReject,
  onSelect,
  activeId,
}: {
  findings: Finding[];
  decides?: boolean;
  onDismiss?: (f: Finding, reason: string) => Promise<void>;
  onAccept?: (f: Finding) => Promise<void>;
  onReject?: (f: Finding, reason: string) => Promise<void>;
  onSelect?: (id: string) => void;
  activeId?: string | null;
}) {
  const labels = useLabels();
  const [asking, setAsking] = useState<Asking | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (findings.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="智能校对未发现问题" />;
  const confirm = async () => {
    if (!asking) return;
    setBusy(true);
    try {
      if (asking.kind === 'reject') await onReject?.(asking.finding, reason.trim());
      else await onDismiss?.(asking.finding, reason.trim());
      setAsking(null);
      setReason('');
    } finally {
      setBusy(false);
    }
  };
  const accept = async (f: Finding) => {
    setBusy(true);
    try {
      await onAccept?.(f);
    } finally {
      setBusy(false);
    }
  };
  const actions = (f: Finding) => {
    const stop = (run: () => void) => (e: MouseEvent) => {
      e.stopPropagation();
      run();
    };
    if (f.status === 'open' && f.canDismiss && onDismiss) {
      const kind = blocking(f) && !decides && !bySecrecyOffice(f) ? 'propose' : 'dismiss';
      return [
        <Button
          key="d"
          size="small"
          data-testid="finding-dismiss"
          onClick={stop(() => setAsking({ finding: f, kind }))}>
          {kind === 'propose' ? '建议忽略' : '忽略'}
        </Button>,
      ];
    }
    if (f.status === 'proposed' && f.canDecide) {
      return [
        <Button
          key="a"
          size="small"
          type="primary"
          loading={busy}
          data-testid="finding-accept"
          onClick={stop(() => void accept(f))}>
          同意忽略
        </Button>,
        <Button
          key="r"
          size="small"
          danger
          data-testid="finding-reject"
          onClick={stop(() => setAsking({ finding: f, kind: 'reject' }))}>
          不同意
        </Button>,
      ];
    }
    return [];
  };
  const ask = asking ? ASK[asking.kind] : ASK.dismiss;
  return (
    <>
      <List
        size="small"
        data-testid="findings"
        dataSource={findings}
        renderItem={(f) => (
          <List.Item
            data-testid="finding"
            data-severity={f.severity}
            data-status={f.status}
            style={{ background: f.id === activeId ? '#e6f4ff' : undefined, cursor: onSelect ? 'pointer' : undefined }}
            onClick={() => onSelect?.(f.id)}
            actions={actions(f)}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <Tag color={SEVERITY_COLOR[f.severity]}>{labels.severity[f.severity] ?? f.severity}</Tag>
                <Tag>{labels.category[f.category] ?? f.category}</Tag>
                {f.line !== undefined && (
                  <Typography.Text type="secondary">
                    第 {f.line} 行第 {f.column} 列
                  </Typography.Text>
                )}
                {(f.status !== 'open' || bySecrecyOffice(f)) && (
                  <Tag color={f.status === 'proposed' ? 'processing' : 'default'} data-testid="finding-status">
                    {f.status === 'open' ? SECRECY_OPEN : (STATUS_NAME[f.status] ?? '已处理')}
                  </Tag>
                )}
              </Space>
              <Typography.Text>
                <Typography.Text mark>{f.text}</Typography.Text>
                {f.suggestion ? (
                  <>
                    {' '}
                    → <Typography.Text strong>{f.suggestion}</Typography.Text>
                  </>
                ) : null}
              </Typography.Text>
              <Typography.Text type="secondary">{f.message}</Typography.Text>
              <Resolution f={f} />
            </Space>
          </List.Item>
        )}
      />
      <Modal
        title={ask.title}
        open={!!asking}
        onCancel={() => setAsking(null)}
        onOk={() => void confirm()}
        okText={ask.ok}
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{
          disabled: reason.trim().length < 2,
          danger: asking?.kind === 'reject',
          ...{ 'data-testid': 'dismiss-confirm' },
        }}>
        <Typography.Paragraph>
          “{asking?.finding.text}”：{asking?.finding.message}
        </Typography.Paragraph>
        {asking?.kind === 'reject' && asking.finding.proposalReason && (
          <Typography.Paragraph type="secondary">忽略建议的理由：{asking.finding.proposalReason}</Typography.Paragraph>
        )}
        <Input.TextArea
          data-testid="dismiss-reason"
          rows={3}
          maxLength={500}
          showCount
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={ask.placeholder}
        />
      </Modal>
    </>
  );
}

/** Who proposed, dismissed, accepted or refused, with the reasons (what the 审签单 prints). */
function Resolution({ f }: { f: Finding }) {
  if (f.status === 'proposed') {
    return (
      <Typography.Text type="secondary" data-testid="finding-proposal">
        {who(f.proposedBy, f.proposedAs)}建议忽略（{formatTime(f.proposedAt ?? null)}）：{f.proposalReason}
      </Typography.Text>
    );
  }
  if (f.status === 'dismissed') {
    const by = f.proposedBy
      ? `${who(f.proposedBy, f.proposedAs)}建议，${who(f.resolvedBy, f.resolvedAs)}同意`
      : who(f.resolvedBy, f.resolvedAs);
    return (
      <Typography.Text type="secondary">
        忽略理由：{f.reason}
        {by ? `（${by}）` : ''}
      </Typography.Text>
    );
  }
  if (f.status === 'open' && f.rejectedBy) {
    return (
      <Typography.Text type="danger" data-testid="finding-rejected">
        忽略建议未获同意：{who(f.rejectedBy, null)}（{formatTime(f.rejectedAt ?? null)}）认为“{f.rejectionReason}”
      </Typography.Text>
    );
  }
  return null;
}

/** Marks for ProofText from findings: what is not yet resolved (a proposal still waits for 二审). */
export const findingMarks = (findings: Finding[]) =>
  findings
    .filter((f) => f.status === 'open' || f.status === 'proposed')
    .map((f) => ({ start: f.start, end: f.end, className: `sev-${f.severity}`, title: f.message, id: f.id }));
