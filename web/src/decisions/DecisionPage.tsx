// 决策事项: one decision of the 目录 and its statutory procedure — the steps with their days, outcomes and 文号, the
// actions the server allows here, the gate 提请常务会议审议 (refused with the list of what is missing, 63号 一), and
// 预公开 with the public's comments and their answers. The 过程记录和材料 of the item download as a ZIP.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, get } from '../api.ts';
import { todayInShanghai } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useLabels } from '../session.tsx';
import { type Action, act } from './act.ts';
import { ActionModal, type ActionSpec } from './ActionModal.tsx';
import { ConsultationCard } from './ConsultationCard.tsx';
import { download } from './download.ts';
import { ProcedureSteps } from './ProcedureSteps.tsx';
import { type DecisionItem, monthLabel, stepLabel } from './types.ts';

export function DecisionPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const steps = useLabels().decisions.step;
  const loaded = useLoad(() => get<DecisionItem>(`/api/decisions/items/${id}`), [id]);
  const [item, setItem] = useState<DecisionItem | null>(null);
  const [spec, setSpec] = useState<ActionSpec | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const shown = item?.id === id && item.revision >= (loaded.data?.revision ?? 0) ? item : loaded.data;
  if (loaded.error) return <Alert type="error" showIcon title={loaded.error} />;
  if (!shown) return <Spin />;
  const run = async (action: Action) => {
    const r = await act(shown, action);
    setItem(r.item);
    setWarnings(r.warnings);
    for (const w of r.warnings) message.warning(w);
    message.success('已保存');
  };
  const reload = () => {
    setItem(null);
    loaded.reload();
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to={`/decisions/catalog?id=${shown.catalogId}`}>重大行政决策事项目录</Link> },
          { title: `第${shown.seq}项` },
        ]}
      />
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="decision-title">
          {shown.title}
        </Typography.Title>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void download(`/api/decisions/items/${shown.id}/records.zip`, `${shown.title}过程材料.zip`).catch(
              (e: Error) => message.error(e.message),
            )
          }>
          过程记录和材料（ZIP）
        </Button>
      </Space>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { label: '序号', children: shown.seq },
          { label: '类别', children: shown.category },
          { label: '承办单位', children: shown.leadUnit },
          { label: '计划决策时间', children: monthLabel(shown.plannedMonth) },
          { label: '当前步骤', children: <Tag color="processing">{stepLabel(steps, shown.currentStep)}</Tag> },
          { label: '备注', children: shown.note || '—' },
          ...(shown.procedure.notDisclosedReason
            ? [{ label: '依法不予公开', children: shown.procedure.notDisclosedReason }]
            : []),
        ]}
      />
      {warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} closable data-testid="action-warning" />
      ))}
      <Gate item={shown} onSubmit={run} onRefused={reload} />
      <Card title="法定程序" size="small">
        <ProcedureSteps item={shown} onAction={setSpec} />
      </Card>
      <ConsultationCard item={shown} onAct={run} onAction={setSpec} onChanged={reload} />
      {spec && (
        <ActionModal
          spec={spec}
          onClose={() => setSpec(null)}
          onSubmit={async (a) => {
            await run(a);
            setSpec(null);
          }}
        />
      )}
    </Space>
  );
}

/** 提请常务会议审议 (63号 一; 条例 §26): the server refuses — and records the refusal in the ledger — until every
 *  step before the gate is settled, the 采纳情况 is published and the 合法性审查 opinion allows it. */
function Gate({ item, onSubmit, onRefused }: GateProps) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = item.procedure;
  if (p.submittedOn)
    return (
      <Alert
        type="success"
        showIcon
        title={`已于 ${p.submittedOn} 提请区政府常务会议审议`}
        data-testid="gate-submitted"
      />
    );
  const submit = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      await onSubmit({ kind: 'submit', on: todayInShanghai() });
    } catch (e) {
      setRefusal((e as Error).message);
      if (e instanceof ApiError && e.code === 'GATE_CLOSED') onRefused();
    } finally {
      setBusy(false);
    }
  };
  const missing = item.gateMissing;
  return (
    <Card size="small" title="提请区政府常务会议审议" data-testid="gate">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {refusal && <Refusal message={refusal} />}
        {refusal ? null : missing.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={`尚缺 ${missing.length} 项，未履行完法定程序的事项不得提请常务会议审议`}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="gate-missing">
                {missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            }
          />
        ) : (
          <Alert type="success" showIcon title="法定程序已履行完毕，可以提请常务会议审议" />
        )}
        {item.abilities.runProcedure && (
          <Popconfirm
            title="提请区政府常务会议审议？"
            description={`提请日期：${todayInShanghai()}`}
            okText="提请审议"
            cancelText="取消"
            onConfirm={() => void submit()}>
            <Button type="primary" loading={busy} data-testid="gate-submit">
              提请常务会议审议
            </Button>
          </Popconfirm>
        )}
      </Space>
    </Card>
  );
}

/** The server's refusal, "未履行完法定程序，不得提请…：甲；乙", as its sentence and the list of what is missing. */
function Refusal({ message }: { message: string }) {
  const at = message.indexOf('：');
  const missing = at < 0 ? [] : message.slice(at + 1).split('；');
  return (
    <Alert
      type="error"
      showIcon
      title={at < 0 ? message : `${message.slice(0, at)}（本次提请已记入台账）`}
      data-testid="gate-refusal"
      description={
        missing.length > 0 && (
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )
      }
    />
  );
}

interface GateProps {
  item: DecisionItem;
  onSubmit: (a: Action) => Promise<void>;
  onRefused: () => void;
}
