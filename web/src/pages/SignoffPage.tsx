// 审签单: one item's review sign-off sheet — who reviewed the current revision at each level (一审, 二审, 保密审查, 三审,
// 主要领导), when, with what decision, opinion, proofreading and disclosure opinion — and every 智能校对 finding dismissed
// with who proposed and who accepted it — as an A4 sheet to print or file.
import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Skeleton, Space } from 'antd';
import { Fragment } from 'react';
import { Link, useParams } from 'react-router-dom';
import { get } from '../api.ts';
import { useLoad } from '../hooks.ts';

interface Disclosure {
  opinion: string | null;
  opinionName: string;
  basis: string[];
  basisText: string;
  reason: string;
  secrecyMatter: boolean | null;
}
interface SignoffRow {
  level: string;
  levelName: string;
  reviewer: { id: string; name: string };
  role: string;
  roleName: string;
  at: string;
  time: string;
  decision: string;
  decisionName: string;
  opinion: string;
  proofreading: string;
  disclosure: Disclosure | null;
}
interface EvidenceEntry {
  seq: number;
  time: string;
  actionLabel: string;
  actorName: string;
  entry: string;
  leafHash: string;
  proof: string[] | null;
}
interface LedgerEvidence {
  checkpoint: { size: number; root: string; time: string; keyId: string; signature: string; note: string } | null;
  statement: string;
  entries: EvidenceEntry[];
}
// DOMAIN §2.5: each 智能校对 finding dismissed instead of fixed, who proposed it and who (二审 or above) accepted it.
interface SignedAct {
  by: { id: string; name: string };
  as: string | null;
  roleName: string;
  at: string;
  time: string;
}
interface Dismissal {
  finding: {
    id: string;
    severity: string;
    severityName: string;
    line: number | null;
    column: number | null;
    text: string;
    suggestion: string;
    message: string;
  };
  reason: string;
  proposed: SignedAct | null;
  dismissed: SignedAct;
}
interface Signoff {
  itemId: string;
  title: string;
  unit: { id: string; name: string; fullName: string };
  author: { id: string; name: string };
  itemType: string;
  itemTypeName: string;
  channels: { id: string; name: string; kindName: string; column: string | null }[];
  revision: number;
  major: boolean;
  stage: string;
  stageName: string;
  publishedAt: string | null;
  rows: SignoffRow[];
  printedAt: string;
  ledger: LedgerEvidence;
  dismissals?: Dismissal[];
}

export function SignoffPage() {
  const { id = '' } = useParams();
  const sheet = useLoad(() => get<Signoff>(`/api/items/${id}/signoff`), [id]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space className="no-print" wrap>
        <Link to={`/items/${id}`}>
          <Button icon={<ArrowLeftOutlined />}>返回稿件</Button>
        </Link>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          disabled={!sheet.data}
          data-testid="signoff-print">
          打印
        </Button>
        <Button icon={<FilePdfOutlined />} href={`/api/items/${id}/signoff.pdf`} download data-testid="signoff-pdf">
          下载 PDF
        </Button>
      </Space>
      {sheet.error && <Alert className="no-print" type="error" showIcon title={sheet.error} />}
      {sheet.loading && (
        <div className="signoff">
          <Skeleton active paragraph={{ rows: 10 }} />
        </div>
      )}
      {sheet.data && !sheet.loading && <Sheet s={sheet.data} />}
    </Space>
  );
}

function Sheet({ s }: { s: Signoff }) {
  const channels = s.channels.map((c) => `${c.name}（${c.kindName}）${c.column ? `·${c.column}` : ''}`).join('；');
  return (
    <div className="signoff" data-testid="signoff-sheet">
      <h1>信息发布审签单</h1>
      <table>
        <tbody>
          <tr>
            <th>标题</th>
            <td colSpan={3} data-testid="signoff-title">
              {s.title}
            </td>
          </tr>
          <tr>
            <th>主办单位</th>
            <td>{s.unit.fullName || s.unit.name}</td>
            <th>起草人</th>
            <td>{s.author.name}</td>
          </tr>
          <tr>
            <th>信息类型</th>
            <td>{s.itemTypeName}</td>
            <th>审签版本</th>
            <td>第 {s.revision} 稿</td>
          </tr>
          <tr>
            <th>发布渠道</th>
            <td colSpan={3}>{channels || '—'}</td>
          </tr>
          <tr>
            <th>重大事项</th>
            <td>{s.major ? '是（须主要领导审定）' : '否'}</td>
            <th>当前状态</th>
            <td>{s.stageName}</td>
          </tr>
          <tr>
            <th>发布时间</th>
            <td>{s.publishedAt ?? '未发布'}</td>
            <th>打印时间</th>
            <td>{s.printedAt}</td>
          </tr>
          {s.rows.length === 0 ? (
            <tr>
              <th>审核记录</th>
              <td colSpan={3}>当前版本还没有审核记录</td>
            </tr>
          ) : (
            s.rows.map((r, i) => <ReviewRows key={`${r.level}-${r.at}-${i}`} r={r} />)
          )}
          {(s.dismissals ?? []).map((d, i) => (
            <DismissalRow key={d.finding.id} d={d} first={i === 0} count={s.dismissals!.length} />
          ))}
        </tbody>
      </table>
      <Evidence ev={s.ledger} />
    </div>
  );
}

/** 台账存证: each entry's bytes, leaf hash and inclusion proof to a signed checkpoint — verifiable from the paper alone. */
function Evidence({ ev }: { ev: LedgerEvidence }) {
  const mono = { fontFamily: 'monospace', fontSize: 11, wordBreak: 'break-all' as const };
  return (
    <section className="signoff-evidence" data-testid="signoff-evidence">
      <h2>台账存证</h2>
      <p data-testid="signoff-evidence-statement">{ev.statement}</p>
      <p style={{ fontSize: 12 }}>
        核验方法：叶哈希 = SHA-256(0x00 ‖ 记录原文)；沿包含证明逐级计算（RFC 9162 第 2.1.3.2 节）应得到检查点的根哈希；
        再用平台公钥（台账页面下载）核验检查点的 Ed25519 签名。
      </p>
      {ev.checkpoint && <pre style={{ ...mono, whiteSpace: 'pre-wrap' }}>{ev.checkpoint.note}</pre>}
      <table>
        <tbody>
          {ev.entries.map((e) => (
            <tr key={e.seq}>
              <th>第 {e.seq} 条</th>
              <td>
                <div>
                  {e.time}　{e.actionLabel}　{e.actorName}
                </div>
                <div style={mono}>记录原文：{e.entry}</div>
                <div style={mono}>叶哈希：{e.leafHash}</div>
                <div style={mono}>包含证明：{e.proof ? e.proof.join(' ') || '（无）' : '尚无检查点'}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ReviewRows({ r }: { r: SignoffRow }) {
  const d = r.disclosure;
  return (
    <Fragment>
      <tr data-testid="signoff-row">
        <th rowSpan={d ? 4 : 3}>{r.levelName}</th>
        <td colSpan={3}>
          <strong>{r.reviewer.name}</strong>（{r.roleName}）　{r.time}　结论：<strong>{r.decisionName}</strong>
        </td>
      </tr>
      <tr>
        <td colSpan={3}>意见：{r.opinion || '—'}</td>
      </tr>
      {d && (
        <tr>
          <td colSpan={3}>
            公开属性：{d.opinionName || '—'}
            {d.secrecyMatter !== null && `；是否涉及保密事项：${d.secrecyMatter ? '是' : '否'}`}
            {(d.basis.length > 0 || d.basisText) && `；依据：${[...d.basis, d.basisText].filter(Boolean).join('；')}`}
            {d.reason && `；理由：${d.reason}`}
          </td>
        </tr>
      )}
      <tr>
        <td colSpan={3}>校对：{r.proofreading || '—'}</td>
      </tr>
    </Fragment>
  );
}

const act = (a: SignedAct) => `${a.by.name}（${a.roleName || '—'}）${a.time}`;

function DismissalRow({ d, first, count }: { d: Dismissal; first: boolean; count: number }) {
  const f = d.finding;
  return (
    <tr data-testid="signoff-dismissal">
      {first && (
        <th rowSpan={count}>
          校对发现
          <br />
          忽略
        </th>
      )}
      <td colSpan={3}>
        【{f.severityName}】{f.line === null ? '' : `第 ${f.line} 行：`}
        {f.text}
        {f.suggestion ? ` → ${f.suggestion}` : ''}（{f.message}）
        <br />
        理由：{d.reason}
        <br />
        {d.proposed ? (
          <>
            建议：{act(d.proposed)}；同意：{act(d.dismissed)}
          </>
        ) : (
          <>忽略：{act(d.dismissed)}</>
        )}
      </td>
    </tr>
  );
}
