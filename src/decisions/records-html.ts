// The index.html of a 决策过程记录和材料 ZIP (records.ts), in Chinese: what a 档案 clerk or an inspector opens first.
// Pure: the gathered record in, HTML out; every value escaped.
import { escapeHtml as e } from '../platform/documents/html.ts';
import type { PublishedDocument } from '../publish/service.ts';
import { monthLabel } from './catalog.ts';
import { OPINION_NAME, STEP_NAME, STEPS } from './model.ts';
import type { CatalogRow, ItemRow } from './store.ts';

export interface ItemRecord {
  item: ItemRow;
  originals: boolean; // the comments as received (names, contacts) rather than screened
  draft: PublishedDocument | null;
  comments: {
    seq: number;
    receivedAt: string;
    name: string | null;
    contact: string | null;
    text: string;
    answer: string;
    reason: string;
    answeredAt: string | null;
  }[];
  reminders: { kind: string; basis: string; sentAt: string; recipients: string[] }[];
  ledger: { seq: number; at: string; actor: string; action: string; actionName: string; leafHash: string }[];
}

const STATUS = { pending: '未办结', done: '已办结', notApplicable: '不适用' } as const;
const REMINDER = {
  plannedMonth: '计划决策时间前一个月',
  plannedWeek: '计划决策时间前一周',
  commentSoon: '征求意见截止前',
  commentClosed: '征求意见已截止',
} as Record<string, string>;

const table = (headings: string[], rows: (string | null)[][]) =>
  rows.length === 0
    ? '<p>（无）</p>'
    : `<table><thead><tr>${headings.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${e(c ?? '')}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

const CSS = `body{font-family:"SimSun","Songti SC",serif;max-width:60em;margin:0 auto;padding:1em;line-height:1.6}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top}`;

const page = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(title)}</title><style>${CSS}</style></head>
<body><h1>${e(title)}</h1>${body}</body></html>
`;

function procedureHtml(r: ItemRecord): string {
  const p = r.item.procedure;
  const steps = STEPS.map((k) => {
    const s = p.steps[k];
    return [STEP_NAME[k], STATUS[s.status], s.on, s.outcome, s.reference];
  });
  const c = p.consultation;
  const consultation = c
    ? table(
        ['开始日期', '截止（不含）', '少于30天的理由', '意见数', '采纳情况公布日期', '征求意见稿'],
        [[c.opensOn, c.closesOn, c.shortReason, String(c.comments), c.reportPublishedOn, r.draft?.title ?? null]],
      )
    : `<p>${p.notDisclosedReason ? `依法不予公开：${e(p.notDisclosedReason)}` : '尚未发布征求意见'}</p>`;
  const legality = table(
    ['送审日期', '审查意见', '明示的法律风险', '出具日期', '审查意见书文号'],
    [
      [
        p.legalityRequestedOn,
        p.legalityOpinion ? OPINION_NAME[p.legalityOpinion] : '尚未出具',
        p.legalityRisk,
        p.steps.legality.on,
        p.steps.legality.reference,
      ],
    ],
  );
  return `<h2>一、法定程序</h2>${table(['步骤', '状态', '日期', '情况或不适用理由', '文件文号'], steps)}
<p>提请常务会议审议：${e(p.submittedOn ?? '尚未提请')}</p>
<h2>二、公众参与（预公开）</h2>${consultation}
<h2>三、公众意见及采纳情况</h2><p>${r.originals ? '意见原件（含姓名、联系方式，仅承办单位可见）' : '经智能校对筛查个人信息后的意见'}</p>
${table(
  ['序号', '收到时间', '姓名', '联系方式', '意见', '采纳情况', '理由', '答复时间'],
  r.comments.map((x) => [String(x.seq), x.receivedAt, x.name, x.contact, x.text, x.answer, x.reason, x.answeredAt]),
)}
<h2>四、合法性审查</h2>${legality}`;
}

export function recordIndexHtml(r: ItemRecord): string {
  const i = r.item;
  const facts = table(
    ['序号', '类别', '决策事项', '承办单位', '计划决策时间', '备注', '状态'],
    [
      [
        String(i.seq),
        i.category,
        i.title,
        i.leadUnit,
        monthLabel(i.plannedMonth),
        i.note,
        i.withdrawnAt ? '已撤销' : '在目录中',
      ],
    ],
  );
  const reminders = table(
    ['提醒', '依据', '发送时间', '收件人数'],
    r.reminders.map((x) => [REMINDER[x.kind] ?? x.kind, x.basis, x.sentAt, String(x.recipients.length)]),
  );
  const ledger = table(
    ['台账序号', '时间', '操作人', '动作', '叶哈希（RFC 9162）'],
    r.ledger.map((x) => [String(x.seq), x.at, x.actor, x.actionName, x.leafHash]),
  );
  const files = `<ul><li>决策过程.json：程序、意见、提醒的完整数据</li><li>台账记录.json：登记台账原文（可按叶哈希核验）</li>${
    r.draft ? '<li>征求意见稿.txt：经三审三校和保密审查发布的征求意见稿</li>' : ''
  }</ul>`;
  return page(
    `决策过程记录和材料：${i.title}`,
    `${facts}${procedureHtml(r)}<h2>五、提醒记录</h2>${reminders}<h2>六、登记台账</h2>${ledger}<h2>文件</h2>${files}`,
  );
}

export function catalogIndexHtml(
  catalog: CatalogRow,
  folders: { dir: string; item: ItemRow }[],
  versions: { version: number; reason: string; createdAt: string }[],
): string {
  const rows = folders.map(({ dir, item }) => {
    const link = `<a href="${e(encodeURI(`${dir}index.html`))}">${e(item.title)}</a>`;
    return `<tr><td>${item.seq}</td><td>${link}</td><td>${e(item.leadUnit)}</td><td>${e(
      monthLabel(item.plannedMonth),
    )}</td><td>${item.withdrawnAt ? '已撤销' : '在目录中'}</td></tr>`;
  });
  const items = `<table><thead><tr><th>序号</th><th>决策事项</th><th>承办单位</th><th>计划决策时间</th><th>状态</th></tr>
</thead><tbody>${rows.join('')}</tbody></table>`;
  const history = table(
    ['版本', '说明', '时间'],
    versions.map((v) => [String(v.version), v.reason, v.createdAt]),
  );
  return page(
    `${catalog.title}：决策过程记录和材料`,
    `<p>现行版本：第${catalog.version}版。目录.xlsx 为现行版本的目录表。</p>${items}<h2>目录版本</h2>${history}`,
  );
}
