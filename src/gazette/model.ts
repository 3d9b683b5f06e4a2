// 政府公报: the pure rules — which 公文 may enter the gazette, and what breaks GB/T 9704-2012 in it.
import { type Finding, runChecks } from '../checks/index.ts';
import { type AppError, invalid, unprocessable } from '../platform/errors.ts';
import type { OfficialDocument } from './parse.ts';

export type { Attachment, BodyParagraph, HeadingLevel, OfficialDocument } from './parse.ts';
export { issuersOf, parseOfficialDocument } from './parse.ts';

export interface ImportedDocument {
  document: OfficialDocument;
  /** GB/T 9704 problems found by the 智能校对 engine's 公文格式 rules (发文字号 brackets, dates, 抄送, 层次序数). */
  formatFindings: Finding[];
}

/** A document carrying a 密级 (in its 版头, or a ★ marking anywhere) is never printed in a public gazette. */
export function gazetteRefusal(doc: OfficialDocument, text: string): AppError | null {
  if (doc.classification) {
    return unprocessable('CLASSIFIED', `该公文标有密级“${doc.classification}”，涉密公文不得编入政府公报`);
  }
  const mark = runChecks(text).findings.find((f) => f.rule === 'secrecy.classification');
  if (mark) return unprocessable('CLASSIFIED', `该公文含密级标志“${mark.text}”，涉密公文不得编入政府公报`);
  return null;
}

/** The 公文格式 findings of the checks engine for this text (one rule set: checks/docformat.ts, headings.ts). */
export function formatFindings(text: string): Finding[] {
  return runChecks(text).findings.filter((f) => f.category === 'format');
}

/** The sections a district gazette uses, in its order; each issue may name its own. */
export const DEFAULT_SECTIONS = ['区政府文件', '区政府办公室文件', '部门文件', '人事任免'] as const;

export interface IssueInput {
  year: number;
  number: number;
  totalNumber: number;
  publishDate: string;
  forewordTitle?: string | null;
  foreword?: string | null;
  sections?: string[];
}

export interface IssueFields {
  year: number;
  number: number;
  totalNumber: number;
  publishDate: string;
  forewordTitle: string | null;
  foreword: string | null;
  sections: string[];
}

export interface Entry {
  id: string;
  /** The published item the text comes from; null for a 公文 read from a Word file. */
  itemId: string | null;
  revision: number;
  section: string;
  position: number;
  title: string;
  docNumber: string | null;
  issuers: string[];
  docDate: string | null;
  document: OfficialDocument;
  /** Where the text came from: a published item (三审三校), or a Word file the 公报室 read in. */
  source: EntrySource;
  /** For source 'word': the file's name and who read it in (users.id). */
  sourceFile: string | null;
  importedBy: string | null;
}

export const ENTRY_SOURCES = ['published', 'word'] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

export interface StoredIssue extends IssueFields {
  id: string;
  /** 2022年第11期（总第129期） */
  label: string;
  /** The item (type 'gazette') that carries the issue through 三审三校; null until first submitted. */
  itemId: string | null;
  /** In the gazette's order: by section, then by position. */
  entries: Entry[];
}

/** Where an issue stands: compiled by the 公报室 (editing, or returned by a reviewer), in review, or released. */
export const ISSUE_STATUSES = ['editing', 'returned', 'reviewing', 'published', 'withheld'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export const ISSUE_STATUS_NAME: Record<IssueStatus, string> = {
  editing: '编辑中',
  returned: '退回修改',
  reviewing: '审核中',
  published: '已发布',
  withheld: '不予发布',
};

/** The issue's status from the stage of its item (null: never submitted). */
export function issueStatus(stage: string | null): IssueStatus {
  if (stage === null || stage === 'draft') return 'editing';
  if (stage === 'returned' || stage === 'published' || stage === 'withheld') return stage;
  return 'reviewing';
}

/** Its entries and order change only while the 公报室 holds it. */
export const isIssueEditable = (status: IssueStatus) => status === 'editing' || status === 'returned';

export interface Issue extends StoredIssue {
  status: IssueStatus;
  /** When the issue was released on the online edition. */
  publishedAt: string | null;
}

export const issueLabel = (i: Pick<IssueFields, 'year' | 'number' | 'totalNumber'>) =>
  `${i.year}年第${i.number}期（总第${i.totalNumber}期）`;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function realDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const wholeIn = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

/** The fields of a new issue, checked; a zh-CN error names the field. */
export function issueFields(input: IssueInput): IssueFields | AppError {
  if (!wholeIn(input.year, 1949, 2100)) return invalid('year', '年份应为 1949 至 2100 之间的整数');
  if (!wholeIn(input.number, 1, 99)) return invalid('number', '期号应为 1 至 99 之间的整数');
  if (!wholeIn(input.totalNumber, 1, 99999)) return invalid('totalNumber', '总期号应为正整数');
  if (!realDate(input.publishDate)) return invalid('publishDate', '出版日期应为有效日期，如 2022-12-10');
  const publishYear = Number(input.publishDate.slice(0, 4));
  if (publishYear < input.year || publishYear > input.year + 1) {
    return invalid('publishDate', `出版日期应在 ${input.year} 年或次年`);
  }
  const sections = (input.sections ?? [...DEFAULT_SECTIONS]).map((s) => s.trim());
  if (sections.length === 0 || sections.length > 20) return invalid('sections', '栏目应有 1 至 20 个');
  const bad = sections.findIndex((s) => !s || s.length > 40);
  if (bad >= 0) return invalid(`sections.${bad}`, '栏目名称不能为空，且不超过 40 字');
  if (new Set(sections).size !== sections.length) return invalid('sections', '栏目名称不能重复');
  const forewordTitle = input.forewordTitle?.trim() || null;
  const foreword = input.foreword?.trim() || null;
  if (foreword && !forewordTitle) return invalid('forewordTitle', '请填写卷首语标题');
  if (foreword && foreword.length > 20000) return invalid('foreword', '卷首语不能超过 20000 字');
  if (forewordTitle && forewordTitle.length > 100) return invalid('forewordTitle', '卷首语标题不能超过 100 字');
  return {
    year: input.year,
    number: input.number,
    totalNumber: input.totalNumber,
    publishDate: input.publishDate,
    forewordTitle,
    foreword,
    sections,
  };
}

/** The new order of an issue's entries: every entry exactly once, each in a section of the issue. */
export function checkOrder(
  issue: Pick<Issue, 'sections' | 'entries'>,
  order: readonly { id: string; section: string }[],
): AppError | null {
  const ids = new Set(issue.entries.map((e) => e.id));
  if (order.length !== ids.size || new Set(order.map((o) => o.id)).size !== order.length) {
    return invalid('entries', '排序须列出本期的每篇公文各一次');
  }
  for (const [i, o] of order.entries()) {
    if (!ids.has(o.id)) return invalid(`entries.${i}.id`, '该公文不在本期中');
    if (!issue.sections.includes(o.section)) return invalid(`entries.${i}.section`, `本期没有栏目“${o.section}”`);
  }
  return null;
}

/** Entries sorted the way the gazette prints them: section order, then position. */
export function inGazetteOrder<E extends Pick<Entry, 'section' | 'position'>>(sections: string[], entries: E[]): E[] {
  return [...entries].sort(
    (a, b) => sections.indexOf(a.section) - sections.indexOf(b.section) || a.position - b.position,
  );
}

/** The deployment's 刊名, the online edition's title and the 版权页 — what the masthead, page headers and colophon of
 *  every issue print, and the title of /gongbao. */
export interface GazetteSettings {
  masthead: string; // 刊名: 重庆市綦江区人民政府公报
  siteTitle: string; // the online edition's name, in every /gongbao page title
  supervisor: string; // 主管单位
  sponsor: string; // 主办单位
  publisher: string; // 编辑出版
  address: string; // 地址
  postcode: string; // 邮编
  phone: string; // 电话
}

/** Until the 公报室 saves its own: the seed's, 重庆市綦江区人民政府公报 2022年第11期 (the demo district). */
export const DEFAULT_SETTINGS: GazetteSettings = {
  masthead: '重庆市綦江区人民政府公报',
  siteTitle: '重庆市綦江区人民政府公报',
  supervisor: '重庆市綦江区人民政府',
  sponsor: '重庆市綦江区人民政府办公室',
  publisher: '重庆市綦江区人民政府公报室',
  address: '重庆市綦江区古南街道中山路1号',
  postcode: '401420',
  phone: '(023)48659622',
};

const SETTING_RULES: Record<keyof GazetteSettings, { name: string; max: number; pattern?: [RegExp, string] }> = {
  masthead: { name: '刊名', max: 40 },
  siteTitle: { name: '网上公报名称', max: 60 },
  supervisor: { name: '主管单位', max: 60 },
  sponsor: { name: '主办单位', max: 60 },
  publisher: { name: '编辑出版', max: 60 },
  address: { name: '地址', max: 100 },
  postcode: { name: '邮编', max: 6, pattern: [/^\d{6}$/, '邮编应为 6 位数字，如 401420'] },
  phone: {
    name: '电话',
    max: 40,
    pattern: [/^[\d()（）+\-－ 、，,转]+$/, '电话只能含数字、括号、连字符和“转”，如 (023)48659622'],
  },
};

/** The settings as typed, trimmed and checked; a zh-CN error names the field. */
export function settingsFields(input: GazetteSettings): GazetteSettings | AppError {
  const out = {} as GazetteSettings;
  for (const [key, rule] of Object.entries(SETTING_RULES) as [
    keyof GazetteSettings,
    (typeof SETTING_RULES)[keyof GazetteSettings],
  ][]) {
    const v = (input[key] ?? '').replace(/\s+/g, ' ').trim();
    if (!v) return invalid(key, `请填写${rule.name}`);
    if ([...v].length > rule.max) return invalid(key, `${rule.name}不能超过 ${rule.max} 字`);
    if (rule.pattern && !rule.pattern[0].test(v)) return invalid(key, rule.pattern[1]);
    out[key] = v;
  }
  return out;
}
