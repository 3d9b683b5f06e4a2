// 公文 in, structure out: the elements of GB/T 9704-2012 (党政机关公文格式) read from a document's paragraphs, one
// paragraph a line (plain text, or a .docx through platform/documents). Pure: no I/O.
//   版头  份号 · 密级和保密期限 · 紧急程度 · 发文机关标志 · 发文字号 · 签发人
//   主体  标题 · 主送机关 · 正文 (层次 一、（一）1.（1）) · 附件说明 · 发文机关署名 · 成文日期 · 附注 · 附件
//   版记  抄送机关 · 印发机关和印发日期
// GB/T 9704 violations are not judged here: the 智能校对 engine's 公文格式 rules (checks/docformat.ts, headings.ts)
// report them, see formatFindings in model.ts.

export type HeadingLevel = 0 | 1 | 2 | 3 | 4;

export interface BodyParagraph {
  /** 结构层次: 1 一、 2 （一） 3 1. 4 （1）; 0 for a plain paragraph. */
  level: HeadingLevel;
  text: string;
}

export interface Attachment {
  title: string;
  paragraphs: string[];
}

export interface OfficialDocument {
  /** 份号: the copy number, six digits, at the top left of a numbered copy. */
  copyNumber: string | null;
  /** 密级和保密期限, e.g. 秘密★1年; a document carrying one never goes into the gazette. */
  classification: string | null;
  /** 紧急程度: 特急 / 加急. */
  urgency: string | null;
  /** 发文机关标志, as printed: 重庆市綦江区人民政府文件. */
  issuerMark: string;
  /** 发文字号, as printed (the brackets are judged by the format rules, not corrected here). */
  docNumber: string | null;
  /** 签发人 (上行文 only). */
  signers: string[];
  /** 标题, its lines joined. */
  title: string;
  /** 主送机关, without the closing colon. */
  addressee: string | null;
  body: BodyParagraph[];
  /** 附件说明: 附件：1．… 2．… lines after the 正文. */
  attachmentNote: string[];
  /** 发文机关署名. */
  signature: string | null;
  /** 成文日期, as printed, and as an ISO date. */
  date: string | null;
  dateIso: string | null;
  /** 附注, e.g. （此件公开发布）, 联系人 lines. */
  notes: string[];
  attachments: Attachment[];
  /** 抄送机关, without the label and the closing full stop. */
  cc: string | null;
  /** 印发机关和印发日期. */
  printer: string | null;
  printDate: string | null;
  printDateIso: string | null;
  /** 索引号 of the 政府信息公开 catalogue, when the 公报室 records one (not part of GB/T 9704; never parsed). */
  indexNumber?: string | null;
}

const COPY_NUMBER = /^\d{6}$/;
const CLASSIFICATION = /^(?:绝密|机密|秘密)(?:\s*[★☆]\s*\S*)?$/;
const URGENCY = /^(特\s*急|加\s*急|特\s*提|平\s*急)$/;
const DOC_NUMBER = /^(\S*?[[［【(（〔]\s*\d{2,4}\s*[\]］】)）〕]\s*第?\s*\d+\s*号)(?:\s+签发人[:：]\s*(.+))?$/;
const SIGNER_LINE = /^签发人[:：]\s*(.+)$/;
const ARABIC_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const CHINESE_DATE = /^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/;
const PRINT_LINE = /^(.*?)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发$/;
const CC = /^抄\s*送[:：]\s*(.*?)[。.]?$/;
const ATTACHMENT_NOTE = /^附\s*件[:：]/;
const ATTACHMENT_ITEM = /^\d+[.．、]/;
const NOTE = /^[（(].*[）)]$/;
/** The 文种 a title ends with (《党政机关公文处理工作条例》第八条, and the 规范性文件 names). */
const TITLE_END =
  /(?:决议|决定|命令|令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要|规定|办法|方案|规划|细则|制度|目录)$/;
const compact = (s: string) => s.replace(/\s+/g, '');
const HEADINGS: [RegExp, HeadingLevel][] = [
  [/^[一二三四五六七八九十]{1,3}[、，,]/, 1],
  [/^[（(][一二三四五六七八九十]{1,3}[）)]/, 2],
  [/^\d{1,2}[.．、](?!\d)/, 3],
  [/^[（(]\d{1,2}[）)]/, 4],
];

const DIGITS = '〇一二三四五六七八九';

function chineseNumber(s: string): number {
  const ten = s.indexOf('十');
  if (ten < 0) return DIGITS.indexOf(s);
  const tens = ten === 0 ? 1 : DIGITS.indexOf(s[0]);
  const ones = ten === s.length - 1 ? 0 : DIGITS.indexOf(s[ten + 1]);
  return tens * 10 + ones;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** 2022年11月4日 or 二〇二二年十一月四日 (a line of its own) → 2022-11-04; null when the line is not a date. */
export function readDate(line: string): string | null {
  const a = ARABIC_DATE.exec(line);
  if (a) return iso(Number(a[1]), Number(a[2]), Number(a[3]));
  const c = CHINESE_DATE.exec(line);
  if (!c) return null;
  const year = Number([...c[1]].map((ch) => (ch === '○' || ch === '零' ? 0 : DIGITS.indexOf(ch))).join(''));
  return iso(year, chineseNumber(c[2]), chineseNumber(c[3]));
}

export function headingLevel(text: string): HeadingLevel {
  for (const [re, level] of HEADINGS) if (re.test(text)) return level;
  return 0;
}

/** Paragraphs of a text: one a line, trimmed, blank lines and page-break rules (---) dropped. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[ \t\u3000]+|[ \t\u3000]+$/g, ''))
    .filter((l) => l !== '' && !/^[-—_=]{3,}$/.test(l));
}

export function parseOfficialDocument(text: string): OfficialDocument {
  const lines = paragraphsOf(text);
  const doc: OfficialDocument = {
    copyNumber: null,
    classification: null,
    urgency: null,
    issuerMark: '',
    docNumber: null,
    signers: [],
    title: '',
    addressee: null,
    body: [],
    attachmentNote: [],
    signature: null,
    date: null,
    dateIso: null,
    notes: [],
    attachments: [],
    cc: null,
    printer: null,
    printDate: null,
    printDateIso: null,
  };
  let i = readHead(lines, doc);
  const end = readRecord(lines, doc);
  i = readTitle(lines, i, end, doc);
  readMain(lines.slice(i, end), doc);
  return doc;
}

/** 版头: 份号, 密级, 紧急程度 (any order, each on its line), 发文机关标志, 发文字号 with its 签发人. */
function readHead(lines: string[], doc: OfficialDocument): number {
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (COPY_NUMBER.test(line)) doc.copyNumber = line;
    else if (CLASSIFICATION.test(line)) doc.classification = line.replace(/\s+/g, '');
    else if (URGENCY.test(line)) doc.urgency = line.replace(/\s+/g, '');
    else break;
  }
  const number = (l: string | undefined) => (l === undefined ? null : DOC_NUMBER.exec(l));
  // The mark is the line before the 发文字号; a document printed without a 版头 starts at its title.
  if (!number(lines[i]) && number(lines[i + 1])) doc.issuerMark = lines[i++];
  const m = number(lines[i]);
  if (!m) return i;
  doc.docNumber = m[1];
  if (m[2]) doc.signers = m[2].split(/\s+/);
  i++;
  for (let s = SIGNER_LINE.exec(lines[i] ?? ''); s; s = SIGNER_LINE.exec(lines[i] ?? '')) {
    doc.signers.push(...s[1].split(/\s+/));
    i++;
  }
  return i;
}

/** 版记 from the end: 印发机关和印发日期 on the last lines, 抄送 above them. Returns where the 版记 starts. */
function readRecord(lines: string[], doc: OfficialDocument): number {
  let end = lines.length;
  const last = PRINT_LINE.exec(lines[end - 1] ?? '');
  if (last) {
    doc.printDate = last[2].replace(/\s+/g, '');
    doc.printDateIso = readDate(doc.printDate);
    end--;
    if (last[1]) doc.printer = last[1];
    else if (end > 0 && !CC.test(lines[end - 1])) doc.printer = lines[--end];
  }
  const cc = CC.exec(lines[end - 1] ?? '');
  if (cc) {
    doc.cc = cc[1];
    end--;
  }
  return end;
}

/** 标题: the lines up to the one that ends with a 文种, then 主送机关 (a line ending with a colon). */
function readTitle(lines: string[], start: number, end: number, doc: OfficialDocument): number {
  let i = start;
  const parts: string[] = [];
  while (i < end && parts.length < 6) {
    parts.push(lines[i++]);
    if (TITLE_END.test(lines[i - 1])) break;
  }
  doc.title = parts.join('');
  const addressee = /^(.+?)[:：]$/.exec(lines[i] ?? '');
  if (addressee && i < end) {
    doc.addressee = addressee[1];
    i++;
  }
  return i;
}

/** 正文 to the 成文日期 (the first line that is only a date), 附件说明 and 署名 above it, 附注 and 附件 below. */
function readMain(lines: string[], doc: OfficialDocument): void {
  const dateAt = lines.findIndex((l) => readDate(l) !== null);
  if (dateAt < 0) {
    doc.body = lines.map((text) => ({ level: headingLevel(text), text }));
    return;
  }
  doc.date = lines[dateAt];
  doc.dateIso = readDate(lines[dateAt]);
  let bodyEnd = dateAt;
  if (dateAt > 0) doc.signature = lines[--bodyEnd];
  let noteAt = bodyEnd - 1;
  while (noteAt >= 0 && !ATTACHMENT_NOTE.test(lines[noteAt])) noteAt--;
  if (noteAt >= 0 && lines.slice(noteAt + 1, bodyEnd).every((l) => ATTACHMENT_ITEM.test(l))) {
    doc.attachmentNote = lines.slice(noteAt, bodyEnd);
    bodyEnd = noteAt;
  }
  doc.body = lines.slice(0, bodyEnd).map((text) => ({ level: headingLevel(text), text }));
  let i = dateAt + 1;
  while (i < lines.length && NOTE.test(lines[i])) doc.notes.push(lines[i++]);
  doc.attachments = splitAttachments(lines.slice(i), doc);
}

/** The 附件 after the 版记-less main part: a new one starts at each paragraph the 正文 names in 《》 or the
 *  附件说明 lists; otherwise everything is one attachment titled by its first paragraph. */
function splitAttachments(lines: string[], doc: OfficialDocument): Attachment[] {
  if (lines.length === 0) return [];
  const named = new Set<string>();
  for (const p of doc.body) for (const m of p.text.matchAll(/《([^》]+)》/g)) named.add(compact(m[1]));
  for (const note of doc.attachmentNote) {
    named.add(compact(note.replace(ATTACHMENT_NOTE, '').replace(/^\s*\d+[.．、]/, '')));
  }
  const out: Attachment[] = [];
  for (const line of lines) {
    if (out.length === 0 || named.has(compact(line))) out.push({ title: line, paragraphs: [] });
    else out[out.length - 1].paragraphs.push(line);
  }
  return out;
}

/** The 发文机关 a document names in its 版头 (the mark without 文件), or its signature. */
export function issuersOf(doc: OfficialDocument): string[] {
  const mark = doc.issuerMark.replace(/\s*文件$/, '').trim();
  return (mark || doc.signature || '').split(/\s+/).filter(Boolean);
}
