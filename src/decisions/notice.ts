// The 目录 as files (issue 17): the table as .xlsx with the seed's columns (綦江府办发〔2022〕63号: 序号 类别 决策事项
// 承办单位 决策时间 备注), and the 印发 notice in 公文 layout with the 目录 as its 附件, worded as 63号 is. Pure text
// here; the files are made by platform/documents.
import type { Gongwen } from '../platform/documents/gongwen-docx.ts';
import { escapeHtml as esc } from '../platform/documents/html.ts';
import type { TitledTable } from '../platform/documents/xlsx.ts';
import { type CatalogEntry, monthLabel } from './catalog.ts';

export const CATALOG_HEADINGS = ['序号', '类别', '决策事项', '承办单位', '决策时间', '备注'] as const;

export interface NoticeUnit {
  fullName: string; // 重庆市綦江区人民政府办公室
  kind: string; // office | department | town | other
  docCode: string | null; // 机关代字: 綦江府办发
}

export interface NoticeCatalog {
  year: number;
  title: string; // 2022年度重大行政决策事项目录
}

const rowsOf = (entries: readonly CatalogEntry[]) =>
  [...entries]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => [String(e.seq), e.category, e.title, e.leadUnit, monthLabel(e.plannedMonth), e.note]);

export function catalogTable(c: NoticeCatalog, entries: readonly CatalogEntry[]): TitledTable {
  return {
    sheet: `${c.year}年度目录`,
    title: c.title,
    headings: CATALOG_HEADINGS,
    rows: rowsOf(entries),
    widths: [6, 18, 60, 18, 12, 16],
    wrap: true,
  };
}

const chineseDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The 印发 notice as 63号 words it, for the unit keeping the 目录; the 发文字号's number is left for the 文书 to fill. */
export function catalogNotice(c: NoticeCatalog, unit: NoticeUnit, entries: readonly CatalogEntry[], today: string) {
  const district = unit.kind === 'office';
  const addressee = district ? '各街道办事处、各镇人民政府，区政府各部门，有关单位：' : '本单位各科室，有关单位：';
  const para = (text: string) => ({ kind: 'para' as const, text });
  const catalogName = `《${c.title}》`;
  const notice: Gongwen = {
    issuer: `${unit.fullName}文件`,
    docNumber: `${unit.docCode ?? ''}〔${c.year}〕　号`,
    title: `${unit.fullName}关于印发${c.title}的通知`,
    addressee,
    blocks: [
      para(
        '根据《重大行政决策程序暂行条例》（国务院令第713号）、《重庆市重大行政决策程序规定》（重庆市人民政府令第337号）要求，'
          + `现将${catalogName}（以下简称《目录》）印发给你们，并就有关工作通知如下：`,
      ),
      para(
        '一、各承办单位要细化任务安排，明确工作责任，严格履行重大行政决策法定程序，确保按时保质完成决策事项。'
          + '未严格履行法定程序的事项，不得提请审议。',
      ),
      para(
        '二、各承办单位要认真落实重大行政决策预公开制度，除依法不予公开的决策事项外，在决策前应公布决策草案及其说明等材料，'
          + '明确提出意见的方式和期限，采取便于社会公众参与的方式充分听取意见，并以适当方式公布意见收集和采纳情况。',
      ),
      para('三、区司法局要加强合法性审查，及时提出合法性审查意见，并加强对各承办单位履行法定程序的指导。'),
      para(
        '四、《目录》实行动态管理，根据实际情况，确需调整或新增的重大行政决策事项，承办单位要认真研究论证，'
          + '提出调整建议，按程序报批后执行。',
      ),
      para(`附件：${catalogName}`),
    ],
    signer: unit.fullName,
    date: chineseDate(today),
    remark: '（此件公开发布）',
    attachment: { title: c.title, headings: CATALOG_HEADINGS, rows: rowsOf(entries), widths: [6, 16, 46, 16, 12, 8] },
  };
  return notice;
}

/** The notice as the body of a draft item (HTML, the 附件 table included), for 三审三校. */
export function noticeHtml(n: Gongwen): string {
  const p = (t: string) => `<p>${esc(t)}</p>`;
  const cells = (tag: 'th' | 'td', r: readonly string[]) =>
    `<tr>${r.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('')}</tr>`;
  const t = n.attachment;
  const table = t
    ? `<h2>附件</h2>${p(t.title)}<table><thead>${cells('th', t.headings)}</thead>`
      + `<tbody>${t.rows.map((r) => cells('td', r)).join('')}</tbody></table>`
    : '';
  return [
    p(n.docNumber),
    `<h1>${esc(n.title)}</h1>`,
    p(n.addressee),
    ...n.blocks.map((b) => p(b.text)),
    p(n.signer),
    p(n.date),
    n.remark ? p(n.remark) : '',
    table,
  ].join('\n');
}
