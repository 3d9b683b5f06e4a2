// The statutory procedure of one decision as steps (条例 第二章至第四章): 决策启动 → 公众参与 → 专家论证 → 风险评估 →
// 合法性审查 → 集体讨论决定 → 决策公布 → 执行和后评估, each with its day, outcome, document 文号 and who is responsible,
// and the actions the server allows on the current step: 办结, 标注不适用 (never on a mandatory step), 送合法性审查,
// the 合法性审查机构's opinion, and after the gate the 常务会议's decision.
import { Button, Space, Steps, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { isMandatory } from './act.ts';
import type { ActionSpec } from './ActionModal.tsx';
import { useLabels } from '../session.tsx';
import type { DecisionItem, StepKey } from './types.ts';

const OUTCOME_LABEL: Partial<Record<StepKey, string>> = {
  launch: '决策启动情况（决策事项、启动依据、起草单位等）',
  participation: '公众参与情况（座谈会、听证会等）',
  expert: '专家论证情况',
  risk: '风险评估结论（社会稳定风险评估）',
  collective: '集体讨论决定情况（常务会议日期、决定）',
  publication: '决策公布情况（公报、网站）',
  implementation: '执行和后评估情况',
};

function responsible(item: DecisionItem, step: StepKey): string {
  if (step === 'legality') return '合法性审查机构（区司法局）';
  if (step === 'collective') return '区政府常务会议';
  return `承办单位：${item.leadUnit}`;
}

function details(item: DecisionItem, step: StepKey): ReactNode[] {
  const p = item.procedure;
  const s = p.steps[step];
  const out: ReactNode[] = [
    <Typography.Text type="secondary" key="unit">
      {responsible(item, step)}
    </Typography.Text>,
  ];
  if (s.status === 'done') out.push(<span key="on">办结日期：{s.on}</span>);
  if (s.outcome)
    out.push(<span key="outcome">{s.status === 'notApplicable' ? `不适用理由：${s.outcome}` : s.outcome}</span>);
  if (s.reference) out.push(<span key="ref">文号：{s.reference}</span>);
  if (step === 'participation' && p.consultation)
    out.push(
      <span key="c">
        预公开：{p.consultation.opensOn} 起，收到意见 {p.consultation.comments} 条（见下方）
      </span>,
    );
  if (step === 'legality') {
    if (p.legalityRequestedOn) out.push(<span key="req">送审日期：{p.legalityRequestedOn}</span>);
    if (p.legalityOpinion === 'unlawful')
      out.push(
        <Typography.Text type="danger" key="op">
          审查意见：不合法，须修改后重新送审
        </Typography.Text>,
      );
  }
  if (step === 'collective' && p.submittedOn) out.push(<span key="sub">提请审议日期：{p.submittedOn}</span>);
  return out;
}

export function ProcedureSteps({ item, onAction }: { item: DecisionItem; onAction: (spec: ActionSpec) => void }) {
  const names = useLabels().decisions.step;
  const steps = Object.keys(names); // in the 条例's order
  const p = item.procedure;
  const current = item.currentStep;
  const tag = (step: StepKey) => {
    const s = p.steps[step];
    if (s.status === 'done') return <Tag color="success">已办结</Tag>;
    if (s.status === 'notApplicable') return <Tag>不适用</Tag>;
    return step === current ? <Tag color="processing">办理中</Tag> : <Tag>待办</Tag>;
  };
  return (
    <Steps
      orientation="vertical"
      current={current ? steps.indexOf(current) : steps.length}
      data-testid="procedure-steps"
      items={steps.map((step) => ({
        key: step,
        status:
          p.steps[step].status !== 'pending'
            ? 'finish'
            : step === current
              ? step === 'legality' && p.legalityOpinion === 'unlawful'
                ? 'error'
                : 'process'
              : 'wait',
        title: (
          <Space wrap size={4} data-testid={`step-${step}`}>
            {names[step]}
            {tag(step)}
            {isMandatory(item, step) && <Tag color="red">必经程序</Tag>}
          </Space>
        ),
        content: (
          <Space orientation="vertical" size={2} style={{ paddingBottom: 12 }}>
            {details(item, step)}
            {step === current && <StepButtons item={item} step={step} onAction={onAction} />}
          </Space>
        ),
      }))}
    />
  );
}

function StepButtons({
  item,
  step,
  onAction,
}: {
  item: DecisionItem;
  step: StepKey;
  onAction: (s: ActionSpec) => void;
}) {
  const labels = useLabels().decisions;
  const name = labels.step[step];
  const p = item.procedure;
  const run = item.abilities.runProcedure;
  const buttons: ReactNode[] = [];
  const complete: ActionSpec = {
    title: `办结：${name}`,
    fields: ['on', 'outcome', 'reference'],
    labels: { outcome: OUTCOME_LABEL[step], on: '办结日期' },
    build: (v) => ({ kind: 'complete', step, on: v.on, outcome: v.outcome, reference: v.reference || null }),
  };
  const consultationDone = p.notDisclosedReason !== null || !!p.consultation?.reportPublishedOn;
  if (run && step === 'legality' && (!p.legalityRequestedOn || p.legalityOpinion === 'unlawful'))
    buttons.push(
      <Button
        key="request"
        type="primary"
        data-testid="legality-request"
        onClick={() =>
          onAction({
            title: '送合法性审查',
            fields: ['on'],
            labels: { on: '送审日期（合法性审查一般不少于7个工作日）' },
            build: (v) => ({ kind: 'requestLegality', on: v.on }),
          })
        }>
        送合法性审查
      </Button>,
    );
  if (item.abilities.reviewLegality && step === 'legality' && p.legalityRequestedOn && !p.legalityOpinion)
    buttons.push(
      <Button
        key="opinion"
        type="primary"
        data-testid="legality-opinion"
        onClick={() =>
          onAction({
            title: '出具合法性审查意见',
            fields: ['opinion', 'on', 'risk', 'reference'],
            labels: { on: '出具意见日期', reference: '审查意见书文号（可不填）' },
            build: (v) => ({
              kind: 'opinion',
              opinion: v.opinion as 'lawful',
              on: v.on,
              risk: v.risk || null,
              reference: v.reference || null,
            }),
          })
        }>
        出具合法性审查意见
      </Button>,
    );
  if (step === 'legality' && p.legalityRequestedOn && !p.legalityOpinion && !item.abilities.reviewLegality)
    buttons.push(
      <Typography.Text type="secondary" key="wait">
        等待合法性审查机构出具审查意见
      </Typography.Text>,
    );
  const mayComplete =
    step !== 'legality' && (step !== 'participation' || consultationDone) && (step !== 'collective' || p.submittedOn);
  if (run && mayComplete)
    buttons.push(
      <Button key="complete" type="primary" onClick={() => onAction(complete)} data-testid="step-complete">
        办结
      </Button>,
    );
  if (run && step === 'participation' && !consultationDone)
    buttons.push(
      <Typography.Text type="secondary" key="hint">
        公布意见收集和采纳情况后才能办结
      </Typography.Text>,
    );
  if (run && step === 'collective' && !p.submittedOn)
    buttons.push(
      <Typography.Text type="secondary" key="gate">
        须先提请常务会议审议（见上方）
      </Typography.Text>,
    );
  if (run && !isMandatory(item, step))
    buttons.push(
      <Button
        key="na"
        onClick={() =>
          onAction({
            title: `标注不适用：${name}`,
            fields: ['reason'],
            build: (v) => ({ kind: 'notApplicable', step, reason: v.reason }),
          })
        }
        data-testid="step-not-applicable">
        标注不适用
      </Button>,
    );
  if (p.legalityOpinion === 'riskStated' && step === 'collective' && p.legalityRisk)
    buttons.unshift(
      <Typography.Text type="warning" key="risk">
        合法性审查意见：{labels.opinion.riskStated}（{p.legalityRisk}）
      </Typography.Text>,
    );
  return buttons.length ? <Space wrap>{buttons}</Space> : null;
}
