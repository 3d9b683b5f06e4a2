// 稿件 / 审核: the revision as it will appear, its 智能校对 findings, the diff against the previous revision, every
// earlier opinion; and, for whoever holds the awaiting step, the review form or the secrecy office's form.
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Result,
  Row,
  Space,
  Spin,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { get, post } from '../api.ts';
import { Attachments } from '../components/Attachments.tsx';
import { FindingList, findingMarks } from '../components/FindingList.tsx';
import { LiveUrls } from '../components/LiveUrls.tsx';
import { ProofText } from '../components/ProofText.tsx';
import { ReviewForm } from '../components/ReviewForm.tsx';
import { SecrecyForm } from '../components/SecrecyForm.tsx';
import { StageTag } from '../components/StageTag.tsx';
import { formatTime } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useLabels, useSession } from '../session.tsx';
import type { Finding, FindingsDto, History, ItemDetail, SecrecyRecord } from '../types.ts';
import { useUnits } from '../units.ts';

async function loadAll(id: string) {
  const [item, history, findings, record] = await Promise.all([
    get<ItemDetail>(`/api/items/${id}`),
    get<History>(`/api/items/${id}/history`),
    get<FindingsDto>(`/api/items/${id}/findings`),
    get<SecrecyRecord>(`/api/items/${id}/secrecy`).catch(() => null),
  ]);
  return { item, history, findings, record };
}

export function ItemPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const labels = useLabels();
  const { message } = App.useApp();
  const { unitName } = useUnits();
  const all = useLoad(() => loadAll(id!), [id]);
  const [active, setActive] = useState<string | null>(null);
  const { user } = useSession();
  if (all.loading && !all.data)
    return (
      <Spin tip="正在加载稿件…">
        <div style={{ height: 200 }} />
      </Spin>
    );
  if (all.error || !all.data) return <Result status="error" title="无法打开稿件" subTitle={all.error} />;
  const { item, history, findings, record } = all.data;
  const latest = history.revisions[history.revisions.length - 1];
  const previous = history.revisions.length > 1;
  // One list: 智能校对 and 密级标志 / 个人信息 findings alike, each saying whether this person may dismiss it.
  const shown = findings.findings;

  const dismiss = async (f: Finding, reason: string) => {
    try {
      await post(`/api/items/${item.id}/findings/${f.id}/dismiss`, { reason });
      all.reload();
    } catch (e) {
      message.error((e as Error).message);
      throw e;
    }
  };
  const decide = async (f: Finding, verdict: 'accept' | 'reject', reason?: string) => {
    try {
      await post(`/api/items/${item.id}/findings/${f.id}/${verdict}`, verdict === 'reject' ? { reason } : {});
      message.success(verdict === 'accept' ? '已同意忽略' : '已退回该忽略建议');
      all.reload();
    } catch (e) {
      message.error((e as Error).message);
      throw e;
    }
  };
  const consent = async () => {
    try {
      await post(`/api/items/${item.id}/secrecy/consents`, { revision: item.revision });
      message.success('已记录本单位同意');
      all.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const submit = async () => {
    try {
      await post(`/api/items/${item.id}/submit`, { revision: item.revision });
      message.success('已提交审核');
      all.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  // Who may record where the item is online (the server's policy canRecordLiveUrl decides; this only hides the form).
  const recordsLiveUrl =
    item.stage === 'published'
    && !!user?.roles.some(
      (r) => r.role === 'egovCenter' || ((r.role === 'staff' || r.role === 'sectionHead') && r.unitId === item.unitId),
    );
  const reviewing = item.abilities.canApprove || item.abilities.canReturn;
  const blocked = proofreadingBlock(findings.findings, item.awaitingLevel);
  const secrecyStep =
    record
    && (record.abilities.canGiveOpinion || record.abilities.canResume)
    && (item.stage === 'secrecy' || item.stage === 'referred');
  const redacted = record?.redaction && record.redaction.revision === item.revision ? record.redaction : null;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="item-title">
              {item.title}
            </Typography.Title>
            <StageTag stage={item.stage} />
            {item.major && <Tag color="red">重大事项</Tag>}
          </Space>
          <Space wrap>
            {item.abilities.canEdit && (
              <Button onClick={() => navigate(`/items/${item.id}/edit`)} data-testid="edit">
                修改
              </Button>
            )}
            {item.abilities.canSubmit && (
              <Button
                type="primary"
                onClick={() => void submit()}
                data-testid="item-submit"
                disabled={!!proofreadingBlock(findings.findings, 1)}
                title={proofreadingBlock(findings.findings, 1) ?? undefined}>
                提交审核
              </Button>
            )}
            <Link to={`/items/${item.id}/signoff`}>
              <Button data-testid="signoff-link">审签单</Button>
            </Link>
          </Space>
        </Space>
        <Descriptions
          size="small"
          column={3}
          style={{ marginTop: 12 }}
          items={[
            { key: 'u', label: '单位', children: unitName(item.unitId) },
            { key: 'a', label: '起草人', children: item.authorName },
            {
              key: 't',
              label: '类型',
              children: labels.itemType[item.itemType] + (item.source ? `（来源：${item.source}）` : ''),
            },
            { key: 'r', label: '版本', children: `第 ${item.revision} 版` },
            { key: 'p', label: '定时发布', children: item.publishAt ? formatTime(item.publishAt) : '审定后立即发布' },
            { key: 'd', label: '发布时间', children: formatTime(item.publishedAt) },
          ]}
        />
        {record && record.blockers.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            title="尚不能发布"
            data-testid="blockers"
            description={
              <ul style={{ margin: 0 }}>
                {record.blockers.map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            }
          />
        )}
        {recordsLiveUrl && (
          <LiveUrls itemId={item.id} unitId={item.unitId} publications={history.publications} onSaved={all.reload} />
        )}
        {record?.abilities.canConsent && (
          <Button style={{ marginTop: 8 }} onClick={() => void consent()} data-testid="consent">
            本单位同意发布（共同形成信息）
          </Button>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={reviewing || secrecyStep ? 14 : 24}>
          <Card>
            <Tabs
              items={[
                {
                  key: 'body',
                  label: redacted ? '正文（脱密后，将发布此文本）' : '正文（发布效果）',
                  children: redacted ? (
                    <div className="item-body" data-testid="redacted-text" style={{ whiteSpace: 'pre-wrap' }}>
                      {redacted.redactedText}
                    </div>
                  ) : (
                    <div
                      className="item-body"
                      data-testid="item-body"
                      dangerouslySetInnerHTML={{ __html: item.body.html }}
                    />
                  ),
                },
                {
                  key: 'findings',
                  label: `智能校对（${shown.filter((f) => f.status === 'open' || f.status === 'proposed').length}）`,
                  children: (
                    <Row gutter={12}>
                      <Col span={13}>
                        <ProofText
                          text={item.body.text}
                          marks={findingMarks(shown)}
                          activeId={active}
                          onMarkClick={setActive}
                        />
                      </Col>
                      <Col span={11}>
                        <FindingList
                          findings={shown}
                          decides={findings.decides}
                          onDismiss={dismiss}
                          onAccept={(f) => decide(f, 'accept')}
                          onReject={(f, reason) => decide(f, 'reject', reason)}
                          activeId={active}
                          onSelect={setActive}
                        />
                      </Col>
                    </Row>
                  ),
                },
                {
                  key: 'diff',
                  label: '修改对比',
                  children:
                    previous && latest ? (
                      <div className="proof-text" data-testid="diff">
                        {latest.diff.map((d, i) =>
                          d.op === 'equal' ? (
                            <span key={i}>{d.text}</span>
                          ) : (
                            <span key={i} className={d.op === 'insert' ? 'diff-insert' : 'diff-delete'}>
                              {d.text}
                            </span>
                          ),
                        )}
                      </div>
                    ) : (
                      <Empty description="只有一个版本，没有可对比的修改" />
                    ),
                },
                {
                  key: 'opinions',
                  label: `审核记录（${history.steps.length + history.disclosure.length}）`,
                  children: <Opinions history={history} />,
                },
                {
                  key: 'attachments',
                  label: '附件',
                  children: <Attachments itemId={item.id} editable={item.abilities.canEdit} />,
                },
              ]}
            />
          </Card>
        </Col>
        {(reviewing || secrecyStep) && (
          <Col xs={24} xl={10}>
            {reviewing && item.awaitingLevel && <ReviewForm item={item} onDone={all.reload} blocked={blocked} />}
            {secrecyStep && record && <SecrecyForm item={item} record={record} onDone={all.reload} />}
          </Col>
        )}
      </Row>
    </Space>
  );
}

/**
 * What keeps 智能校对 from letting the item pass `level` (the server's gate, DOMAIN §2.5): at submitting and 一审 an open
 * serious or error finding; at 二审 and above also a proposed dismissal that 二审 has not accepted. null: nothing.
 */
function proofreadingBlock(findings: Finding[], level: number | null): string | null {
  const serious = findings.filter((f) => f.kind !== 'secrecy' && (f.severity === 'serious' || f.severity === 'error'));
  const open = serious.filter((f) => f.status === 'open').length;
  const proposed = level !== null && level >= 2 ? serious.filter((f) => f.status === 'proposed').length : 0;
  if (open + proposed === 0) return null;
  const parts = [open ? `${open} 处未修改也未忽略` : '', proposed ? `${proposed} 处忽略建议待二审确认` : '']
    .filter(Boolean)
    .join('，');
  return (
    `智能校对还有 ${open + proposed} 处严重/错误问题未处理：${parts}。`
    + (level !== null && level >= 2
      ? '请在“智能校对”中同意或不同意忽略建议，或直接说明理由忽略；需要修改的请退回。'
      : '请修改，或说明理由建议忽略。')
  );
}

function Opinions({ history }: { history: History }) {
  const labels = useLabels();
  const events = [
    ...history.revisions.map((r) => ({
      at: r.createdAt,
      color: 'gray',
      node: (
        <>
          第 {r.number} 版由 {r.createdBy.name} 保存
        </>
      ),
    })),
    ...history.steps.map((s) => ({
      at: s.createdAt,
      color: s.decision === 'approve' ? 'green' : 'red',
      node: (
        <span data-testid="step">
          <b>{labels.level[s.level]}</b>（第 {s.revision} 版）{s.reviewer.name}：
          {s.decision === 'approve' ? '通过' : '退回'}
          <br />
          意见：{s.opinion}
          {s.proofreading ? (
            <>
              <br />
              校对：{s.proofreading}
            </>
          ) : null}
        </span>
      ),
    })),
    ...history.disclosure.map((d) => ({
      at: d.createdAt,
      color: 'blue',
      node: (
        <span data-testid="disclosure">
          <b>{labels.step[d.step] ?? d.step}</b>（第 {d.revision} 版）{d.actor.name}：
          {d.opinion ? labels.opinion[d.opinion] : d.kind === 'return' ? '退回' : '恢复审查'}
          {d.reason ? (
            <>
              <br />
              理由：{d.reason}
            </>
          ) : null}
        </span>
      ),
    })),
    ...history.publications.map((p) => ({
      at: p.publishedAt,
      color: 'green',
      node: (
        <>
          已发布（第 {p.revision} 版{p.text === 'redacted' ? '，脱密文本' : ''}）
        </>
      ),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  if (events.length === 0) return <Empty description="暂无记录" />;
  return (
    <Timeline
      items={events.map((e, i) => ({
        key: i,
        color: e.color,
        children: (
          <>
            {e.node}
            <br />
            <Typography.Text type="secondary">{formatTime(e.at)}</Typography.Text>
          </>
        ),
      }))}
    />
  );
}
