// 排版: one issue as a PDF (pdfkit) — cover with the masthead, 目录, the documents, colophon — with an embedded CJK
// font. Pages are numbered from the first page after the 目录; the 目录's numbers are written after the documents
// are laid out (pdfkit buffers the pages), so each is the page its document really starts on.
import { cjkPdf } from '../platform/documents/cjk-fonts.ts';
import type { OfficialDocument } from './parse.ts';

export type PaperSize = 'A4' | '16K';
/** Points: A4 210×297 mm; 16开 185×260 mm. */
const PAPER: Record<PaperSize, [number, number]> = { A4: [595.28, 841.89], '16K': [524.41, 737.01] };

export interface Colophon {
  supervisor: string; // 主管单位
  sponsor: string; // 主办单位
  publisher: string; // 编辑出版
  address: string;
  postcode: string;
  phone: string; // 电话
}

export interface TypesetIssue {
  masthead: string; // 重庆市綦江区人民政府公报
  label: string; // 2022年第11期（总第129期）
  year: number;
  number: number;
  publishDate: string; // YYYY-MM-DD
  foreword: { title: string; text: string } | null;
  sections: { name: string; documents: OfficialDocument[] }[];
  colophon: Colophon;
}

export interface TocLine {
  section: string;
  title: string;
  page: number;
}

export interface Typeset {
  pdf: Buffer;
  toc: TocLine[];
  pages: number;
}

type Doc = PDFKit.PDFDocument;
const BODY = 11;
const LINE_GAP = 4;

export async function typesetIssue(issue: TypesetIssue, paper: PaperSize = 'A4'): Promise<Typeset> {
  const [width, height] = PAPER[paper];
  const margin = Math.round(width * 0.12);
  const { doc, bytes: done } = await cjkPdf({
    size: [width, height],
    margins: { top: margin + 10, bottom: margin, left: margin, right: margin },
    bufferPages: true,
    autoFirstPage: false,
    info: { Title: `${issue.masthead} ${issue.label}`, Creator: 'gongkai' },
  });

  cover(doc, issue);
  const tocSlots = tableOfContents(doc, issue);
  const firstNumbered = doc.bufferedPageRange().count; // the page after the 目录 is page 1
  const toc: TocLine[] = [];
  const pageNow = () => doc.bufferedPageRange().count - firstNumbered; // after addPage: the new page's number
  if (issue.foreword) {
    doc.addPage();
    toc.push({ section: '卷首语', title: issue.foreword.title, page: pageNow() });
    heading(doc, issue.foreword.title);
    for (const p of issue.foreword.text.split(/\n+/).filter(Boolean)) paragraph(doc, p);
  }
  for (const section of issue.sections) {
    for (const d of section.documents) {
      doc.addPage();
      toc.push({ section: section.name, title: d.title, page: pageNow() });
      officialDocument(doc, d);
    }
  }
  colophonPage(doc, issue.colophon);

  // The 目录's page numbers, now known.
  for (const [i, slot] of tocSlots.entries()) {
    doc.switchToPage(slot.page);
    doc.font('body').fontSize(BODY).text(String(toc[i].page), slot.x, slot.y, { width: slot.width, align: 'right' });
  }
  const range = doc.bufferedPageRange();
  const header = `${issue.masthead}　${issue.year}年第${issue.number}期`;
  for (let p = firstNumbered; p < range.count; p++) {
    doc.switchToPage(p);
    const { left, right, bottom } = doc.page.margins;
    const inner = width - left - right;
    doc.page.margins.bottom = 0; // writing in the margin must not open a new page
    doc
      .font('body')
      .fontSize(8)
      .text(header, left, margin - 14, { width: inner, align: 'center', lineBreak: false });
    doc
      .moveTo(left, margin)
      .lineTo(width - right, margin)
      .lineWidth(0.5)
      .stroke();
    doc.fontSize(9).text(String(p - firstNumbered + 1), left, height - bottom + 16, { width: inner, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return { pdf: await done, toc, pages: range.count };
}

function cover(doc: Doc, issue: TypesetIssue): void {
  doc.addPage();
  const { left, right } = doc.page.margins;
  const inner = doc.page.width - left - right;
  doc.font('bold').fontSize(30).fillColor('#c00000');
  doc.text(issue.masthead, left, doc.page.height * 0.22, { width: inner, align: 'center' });
  doc.moveDown(0.5).fontSize(16).text(String(issue.year), { width: inner, align: 'center' });
  doc.fillColor('black').font('body').fontSize(14);
  doc.moveDown(1).text(issue.label.replace(/^\d+年/, ''), { width: inner, align: 'center' });
  const [y, m, d] = issue.publishDate.split('-').map(Number);
  doc.moveDown(1).fontSize(12).text(`${y}年${m}月${d}日出版`, { width: inner, align: 'center' });
}

interface Slot {
  page: number;
  x: number;
  y: number;
  width: number;
}

/** Lays out the 目录 (section heads, then each document's title) and returns where each page number goes. */
function tableOfContents(doc: Doc, issue: TypesetIssue): Slot[] {
  doc.addPage();
  const { left, right } = doc.page.margins;
  const inner = doc.page.width - left - right;
  const numberWidth = 36;
  doc.font('bold').fontSize(18).text('目　录', { width: inner, align: 'center' });
  doc.moveDown(0.8);
  const slots: Slot[] = [];
  const line = (title: string) => {
    doc.font('body').fontSize(BODY);
    const h = doc.heightOfString(title, { width: inner - numberWidth - 8, lineGap: LINE_GAP });
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    slots.push({
      page: doc.bufferedPageRange().count - 1,
      x: left + inner - numberWidth,
      y: doc.y,
      width: numberWidth,
    });
    doc.text(title, left + 12, doc.y, { width: inner - numberWidth - 20, lineGap: LINE_GAP });
    doc.moveDown(0.3);
  };
  const head = (name: string) => {
    if (doc.y + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc.moveDown(0.4).font('bold').fontSize(13).text(name, left, doc.y, { width: inner });
    doc.moveDown(0.3);
  };
  if (issue.foreword) {
    head('卷首语');
    line(issue.foreword.title);
  }
  for (const s of issue.sections.filter((x) => x.documents.length > 0)) {
    head(s.name);
    for (const d of s.documents) line(d.title);
  }
  return slots;
}

function heading(doc: Doc, text: string): void {
  const { left, right } = doc.page.margins;
  doc
    .font('bold')
    .fontSize(16)
    .text(text, left, doc.y, { width: doc.page.width - left - right, align: 'center', lineGap: LINE_GAP });
  doc.moveDown(0.8);
}

function paragraph(doc: Doc, text: string, opts: { bold?: boolean; align?: 'left' | 'right' | 'center' } = {}): void {
  const { left, right } = doc.page.margins;
  doc
    .font(opts.bold ? 'bold' : 'body')
    .fontSize(BODY)
    .text(text, left, doc.y, {
      width: doc.page.width - left - right,
      align: opts.align ?? 'justify',
      indent: opts.align ? 0 : BODY * 2,
      lineGap: LINE_GAP,
    });
}

/** One 公文 as a gazette reproduces it: 标题, 发文字号, 主送, 正文, 附件说明, 署名, 成文日期, 附注, 附件, 版记. */
function officialDocument(doc: Doc, d: OfficialDocument): void {
  heading(doc, d.title);
  if (d.docNumber) paragraph(doc, d.docNumber, { align: 'center' });
  doc.moveDown(0.5);
  if (d.addressee) paragraph(doc, `${d.addressee}：`, { align: 'left' });
  for (const p of d.body) paragraph(doc, p.text, { bold: p.level === 1 });
  for (const a of d.attachmentNote) paragraph(doc, a);
  doc.moveDown(1);
  if (d.signature) paragraph(doc, d.signature, { align: 'right' });
  if (d.date) paragraph(doc, d.date, { align: 'right' });
  for (const n of d.notes) paragraph(doc, n);
  for (const a of d.attachments) {
    doc.moveDown(1);
    heading(doc, a.title);
    for (const p of a.paragraphs) paragraph(doc, p);
  }
  if (d.cc || d.printer) {
    doc.moveDown(1);
    const { left, right } = doc.page.margins;
    const rule = () =>
      doc
        .moveTo(left, doc.y)
        .lineTo(doc.page.width - right, doc.y)
        .lineWidth(0.5)
        .stroke();
    rule();
    doc.moveDown(0.3);
    if (d.cc) paragraph(doc, `抄送：${d.cc}。`, { align: 'left' });
    if (d.printer || d.printDate) paragraph(doc, `${d.printer ?? ''}　　${d.printDate ?? ''}印发`, { align: 'left' });
    rule();
  }
}

function colophonPage(doc: Doc, c: Colophon): void {
  doc.addPage();
  const { left, right } = doc.page.margins;
  const inner = doc.page.width - left - right;
  doc.y = doc.page.height * 0.6;
  doc.font('body').fontSize(BODY);
  for (const line of [
    `主管单位：${c.supervisor}`,
    `主办单位：${c.sponsor}`,
    `编辑出版：${c.publisher}`,
    `地址：${c.address}`,
    `邮编：${c.postcode}`,
    `电话：${c.phone}`,
  ]) {
    doc.text(line, left, doc.y, { width: inner, lineGap: LINE_GAP });
  }
}
