// 预公开 (条例 §14–§16; 63号 二): the draft decision and its explanation, published through 三审三校 + 保密审查, open for
// comment on the public page /yijian/{id} for at least 30 days (a shorter window states its reason, shown publicly);
// the 承办单位 answers each comment 采纳 / 部分采纳 / 不予采纳 with a reason, then publishes the 意见收集和采纳情况.
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { get, post, query } from '../api.ts';
import { useSubmit } from '../duty/useSubmit.ts';
import { dayjs, formatTime, todayInShanghai } from '../format.ts';
import { useLoad } from '../hooks.ts';
import type { ItemSummary } from '../types.ts';
import type { Action } from './act.ts';
import type { ActionSpec } from './ActionModal.tsx';
import { useLabels } from '../session.tsx';
import { ANSWER_COLOR, type Comment, type CommentAnswer, type DecisionItem } from './types.ts';

interface Props {
  item: DecisionItem;
  onAct: (action: Action) => Promise<void>;
  onAction: (spec: ActionSpec) => void;
  onChanged: () => void;
}

const daysBetween = (a: string, b: string) => dayjs(b).diff(dayjs(a), 'day');

export function ConsultationCard({ item, onAct, onAction, onChanged }: Props) {
  const p = item.procedure;
  const c = p.consultation;
  const run = item.abilities.runProcedure;
  if (p.notDisclosedReason !== null)
    return (
      <Card title="预公开" size="small">
        <Alert type="info" showIcon title={`该事项依法不予公开，不开展预公开：${p.notDisclosedReason}`} />
      </Card>
    );
  if (!c)
    return (
      <Card title="预公开（公开征求意见）" size="small" data-testid="consultation">
        {run && p.steps.launch.status === 'done' ? (
          <OpenForm item={item} onAct={onAct} />
        ) : (
          <Alert
            type="info"
            showIcon
            title={p.steps.launch.status === 'done' ? '尚未发布征求意见' : '决策启动办结后发布征求意见稿'}
          />
        )}
      </Card>
    );
  const last = dayjs(c.closesOn).subtract(1, 'day').format('YYYY-MM-DD');
  const publish: ActionSpec = {
    title: '公布意见收集和采纳情况',
    fields: ['on'],
    labels: { on: '公布日期（征求意见期限届满后）' },
    build: (v) => ({ kind: 'publishReport', on: v.on }),
  };
  return (
    <Card
      title="预公开（公开征求意见）"
      size="small"
      data-testid="consultation"
      extra={
        <a href={`/yijian/${item.id}`} target="_blank" rel="noreferrer" data-testid="consultation-public">
          公开页面
        </a>
      }>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            label: '征求意见期限',
            children: `${c.opensOn} 至 ${last}（${daysBetween(c.opensOn, c.closesOn)}天）`,
          },
          ...(c.shortReason ? [{ label: '期限少于30天的理由', children: c.shortReason }] : []),
          {
            label: '征求意见稿',
            children: c.draftItemId ? <Link to={`/items/${c.draftItemId}`}>查看稿件</Link> : '—',
          },
          { label: '收到意见', children: `${c.comments} 条，待答复 ${c.unanswered} 条` },
          {
            label: '意见收集和采纳情况',
            children: c.reportPublishedOn ? <Tag color="success">已于 {c.reportPublishedOn} 公布</Tag> : '尚未公布',
          },
        ]}
      />
      {run && <Comments item={item} onChanged={onChanged} />}
      {run && !c.reportPublishedOn && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button type="primary" onClick={() => onAction(publish)} data-testid="report-publish">
            公布意见收集和采纳情况
          </Button>
          {todayInShanghai() < c.closesOn && <span>征求意见期限届满（{c.closesOn}）后才能公布</span>}
        </Space>
      )}
    </Card>
  );
}

interface OpenValues {
  draftItemId: string;
  opensOn: string;
  closesOn: string;
  shortReason?: string;
}

function OpenForm({ item, onAct }: { item: DecisionItem; onAct: (a: Action) => Promise<void> }) {
  const [form] = Form.useForm<OpenValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const drafts = useLoad(
    () => get<{ items: ItemSummary[] }>(`/api/items${query({ stage: 'published', limit: 100 })}`),
    [],
  );
  const opensOn = Form.useWatch('opensOn', form);
  const closesOn = Form.useWatch('closesOn', form);
  const days = opensOn && closesOn ? daysBetween(opensOn, closesOn) : null;
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onAct({ kind: 'openConsultation', ...v, shortReason: v.shortReason?.trim() || null });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const today = todayInShanghai();
  const date = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按 2022-06-15 的格式填写日期' };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ opensOn: today, closesOn: dayjs(today).add(30, 'day').format('YYYY-MM-DD') }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {drafts.error && <Alert type="error" showIcon title={drafts.error} style={{ marginBottom: 12 }} />}
      <Form.Item
        name="draftItemId"
        label="征求意见稿（含起草说明，须已经三审三校和保密审查发布）"
        rules={[{ required: true, message: '请选择已发布的征求意见稿' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={drafts.loading}
          placeholder="选择承办单位已发布的稿件"
          options={(drafts.data?.items ?? [])
            .filter((d) => d.unitId === item.leadUnitId || d.unitId === item.catalogUnitId)
            .map((d) => ({ value: d.id, label: d.title }))}
          data-testid="consultation-draft"
        />
      </Form.Item>
      <Space wrap>
        <Form.Item name="opensOn" label="开始收集日期" rules={[{ required: true, ...date }]}>
          <Input type="date" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          name="closesOn"
          label="停止收集日期（当日起不再收集）"
          rules={[{ required: true, ...date }]}
          extra={days !== null ? `征求意见期限 ${days} 天` : undefined}>
          <Input type="date" style={{ width: 180 }} data-testid="consultation-closes" />
        </Form.Item>
      </Space>
      {days !== null && days < 30 && (
        <Form.Item
          name="shortReason"
          label="期限少于30天的理由（将在公开页面显示，条例第十四条）"
          rules={[{ required: true, whitespace: true, message: '期限少于30天的，须说明理由' }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      )}
      <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="consultation-open">
        发布征求意见
      </Button>
    </Form>
  );
}

function Comments({ item, onChanged }: { item: DecisionItem; onChanged: () => void }) {
  const answers = useLabels().decisions.answer;
  const list = useLoad(() => get<Comment[]>(`/api/decisions/items/${item.id}/comments`), [item.id, item.revision]);
  const [answering, setAnswering] = useState<Comment | null>(null);
  const closed = !!item.procedure.consultation?.reportPublishedOn;
  return (
    <>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ margin: '12px 0' }} />}
      <Table<Comment>
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        loading={list.loading}
        dataSource={list.data}
        data-testid="comment-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: '尚未收到意见' }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 60 },
          { title: '收到时间', dataIndex: 'receivedAt', width: 140, render: (t: string) => formatTime(t) },
          {
            title: '提出人',
            width: 140,
            render: (_, x) => [x.name ?? '匿名', x.contact].filter(Boolean).join('，'),
          },
          {
            title: '意见',
            dataIndex: 'body',
            width: 320,
            render: (b: string, x) => (
              <Space orientation="vertical" size={0}>
                <span>{b}</span>
                {x.piiCount > 0 && <Tag color="orange">公开时屏蔽个人信息 {x.piiCount} 处</Tag>}
              </Space>
            ),
          },
          {
            title: '采纳情况',
            width: 220,
            render: (_, x) =>
              x.answer ? (
                <Space orientation="vertical" size={0}>
                  <Tag color={ANSWER_COLOR[x.answer]}>{answers[x.answer]}</Tag>
                  <span>{x.answerReason}</span>
                </Space>
              ) : closed ? (
                '—'
              ) : (
                <Button size="small" onClick={() => setAnswering(x)} data-testid="comment-answer">
                  答复
                </Button>
              ),
          },
        ]}
      />
      {answering && (
        <AnswerModal
          item={item}
          comment={answering}
          onClose={() => setAnswering(null)}
          onDone={() => {
            setAnswering(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}

function AnswerModal({ item, comment, onClose, onDone }: AnswerProps) {
  const answers = useLabels().decisions.answer;
  const [form] = Form.useForm<{ answer: CommentAnswer; reason: string }>();
  const { busy, error, run } = useSubmit();
  const submit = async () => {
    const v = await form.validateFields();
    const url = `/api/decisions/items/${item.id}/comments/${comment.id}/answer`;
    if (await run(() => post(url, v), `第${comment.seq}条意见已答复`)) onDone();
  };
  return (
    <Modal
      open
      title={`答复第${comment.seq}条意见`}
      okText="答复"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'answer-ok' } as Record<string, string>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <p style={{ whiteSpace: 'pre-wrap' }}>{comment.body}</p>
      <Form form={form} layout="vertical" initialValues={{ answer: 'adopted' }}>
        <Form.Item name="answer" label="采纳情况" rules={[{ required: true }]}>
          <Radio.Group
            data-testid="answer-kind"
            options={Object.entries(answers).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请说明理由' }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="answer-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface AnswerProps {
  item: DecisionItem;
  comment: Comment;
  onClose: () => void;
  onDone: () => void;
}
