// The HTML edition of an issue: one self-contained page (masthead, 目录 linking to each document, the documents with
// their GB/T 9704 elements, colophon) that reads without JavaScript and prints. Everything is escaped.
import { escapeHtml as e } from '../platform/documents/html.ts';
import type { OfficialDocument } from './parse.ts';
import type { TypesetIssue } from './typeset.ts';

export const CSS = `body{font-family:"FangSong","STFangsong","Noto Serif SC",serif;max-width:46em;margin:2em auto;
padding:0 1em;line-height:1.8;color:#111}header{text-align:center;border-bottom:3px solid #c00000}
.masthead{color:#c00000;font-size:2em;margin:.2em 0}h2{text-align:center}h3{margin-top:1.5em}
.num,.date,.sig{margin:0}.num{text-align:center}.sig,.date{text-align:right}p.b{text-indent:2em;margin:.3em 0}
.l1{font-weight:bold}.record{border-top:1px solid #333;border-bottom:1px solid #333;margin-top:1.5em}
article{border-top:1px dashed #999;margin-top:2em}footer{margin-top:3em;border-top:1px solid #999;font-size:.9em}
@media print{article{break-before:page}nav a{color:#000;text-decoration:none}}`;

export function documentHtml(d: OfficialDocument, id: string): string {
  const p = (cls: string, text: string) => `<p class="${cls}">${e(text)}</p>`;
  const parts = [`<article id="${id}"><h2>${e(d.title)}</h2>`];
  if (d.docNumber) parts.push(p('num', d.docNumber));
  if (d.addressee) parts.push(p('to', `${d.addressee}：`));
  for (const b of d.body) parts.push(p(b.level === 1 ? 'b l1' : 'b', b.text));
  for (const a of d.attachmentNote) parts.push(p('b', a));
  if (d.signature) parts.push(p('sig', d.signature));
  if (d.date) parts.push(p('date', d.date));
  for (const n of d.notes) parts.push(p('b', n));
  for (const a of d.attachments) {
    parts.push(`<h3>${e(a.title)}</h3>`, ...a.paragraphs.map((x) => p('b', x)));
  }
  if (d.cc || d.printer) {
    parts.push('<div class="record">');
    if (d.cc) parts.push(p('cc', `抄送：${d.cc}。`));
    if (d.printer || d.printDate) parts.push(p('printed', `${d.printer ?? ''}　　${d.printDate ?? ''}印发`));
    parts.push('</div>');
  }
  parts.push('</article>');
  return parts.join('\n');
}

/** A document as plain text, one paragraph a line, in the order it prints (the text 三审三校 reads and search finds). */
export function documentText(d: OfficialDocument): string {
  const lines = [d.title, d.docNumber ?? '', d.addressee ? `${d.addressee}：` : ''];
  lines.push(...d.body.map((b) => b.text), ...d.attachmentNote, d.signature ?? '', d.date ?? '', ...d.notes);
  for (const a of d.attachments) lines.push(a.title, ...a.paragraphs);
  if (d.cc) lines.push(`抄送：${d.cc}。`);
  if (d.printer || d.printDate) lines.push(`${d.printer ?? ''}　　${d.printDate ?? ''}印发`);
  return lines.filter(Boolean).join('\n');
}

/** The whole issue as plain text: masthead, 目录, 卷首语, each document — what the reviewers of the issue read. */
export function issueText(issue: TypesetIssue): string {
  const lines = [issue.masthead, issue.label, '目录'];
  for (const s of issue.sections.filter((x) => x.documents.length > 0)) {
    lines.push(s.name, ...s.documents.map((d) => d.title));
  }
  if (issue.foreword) lines.push(issue.foreword.title, ...issue.foreword.text.split(/\n+/));
  for (const s of issue.sections) for (const d of s.documents) lines.push(documentText(d));
  return lines.filter(Boolean).join('\n');
}

export function issueHtml(issue: TypesetIssue): string {
  const [y, m, d] = issue.publishDate.split('-').map(Number);
  const toc: string[] = [];
  const bodies: string[] = [];
  if (issue.foreword) {
    toc.push('<h3>卷首语</h3><ul><li><a href="#juanshouyu">', e(issue.foreword.title), '</a></li></ul>');
    bodies.push(
      `<article id="juanshouyu"><h2>${e(issue.foreword.title)}</h2>`,
      ...issue.foreword.text.split(/\n+/).map((x) => `<p class="b">${e(x)}</p>`),
      '</article>',
    );
  }
  let n = 0;
  for (const s of issue.sections.filter((x) => x.documents.length > 0)) {
    toc.push(`<h3>${e(s.name)}</h3><ul>`);
    for (const doc of s.documents) {
      const id = `doc-${++n}`;
      toc.push(`<li><a href="#${id}">${e(doc.title)}</a></li>`);
      bodies.push(documentHtml(doc, id));
    }
    toc.push('</ul>');
  }
  const c = issue.colophon;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${issue.masthead} ${issue.label}`)}</title><style>${CSS}</style></head>
<body><header><p class="masthead">${e(issue.masthead)}</p><p>${e(issue.label)}　${y}年${m}月${d}日出版</p></header>
<main><nav aria-label="目录"><h2>目　录</h2>${toc.join('')}</nav>
${bodies.join('\n')}</main>
<footer><p>主管单位：${e(c.supervisor)}　主办单位：${e(c.sponsor)}</p><p>编辑出版：${e(c.publisher)}</p>
<p>地址：${e(c.address)}　邮编：${e(c.postcode)}　电话：${e(c.phone)}</p></footer></body></html>
`;
}
