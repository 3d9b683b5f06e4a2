// 输入文字卫生 (input hygiene): which characters no text a person submits may carry, whatever the field. Pure; the
// server applies it to every JSON body, query string and path parameter (text-hygiene-hook.ts), the upload reader to
// multipart fields and file names, and the .docx import to the title and file name it takes from the document.
//
// Refused, with a 400 that names the field:
// - C0 controls other than tab and newline (CR only as part of CR LF), DEL and the C1 controls: NUL truncates text in
//   C libraries and files, the others hide or rewrite what a reviewer sees;
// - bidirectional controls, U+202A–U+202E, U+2066–U+2069 and the marks U+200E, U+200F, U+061C: they reorder what is
//   displayed ("report\u202egpj.pdf" shows as "reportfdp.jpg"); no script written in this district needs them;
// - text made only of invisible characters (zero-width spaces and joiners, BOM, fillers…) that is not plain
//   whitespace: it looks empty and passes "required". Plain spaces alone are left to each schema's trim().min(1);
// - malformed UTF-16 (a lone surrogate): stored, it would be rewritten to U+FFFD.
// Invisible characters inside visible text are kept: emoji need ZWJ and variation selectors.
import { AppError } from '../errors.ts';

export type TextFault = 'control' | 'bidi' | 'invisible' | 'surrogate';

export interface TextProblem {
  fault: TextFault;
  codePoint: number | null; // the first offending character; null for 'invisible'
}

const isBidi = (c: number) =>
  (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x200e || c === 0x200f || c === 0x061c;
const isControl = (c: number) => (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f);

/** Characters that draw nothing. Ordinary whitespace (space, tab, newline, U+3000) is not in this list. */
const INVISIBLE = new RegExp(
  '^[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200d\u2060-\u2064'
    + '\u206a-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]$',
  'u',
);
const WHITESPACE = /^\s$/u;

/** The first thing wrong with `text`, or null when it may be stored. */
export function textProblem(text: string): TextProblem | null {
  let visible = false;
  let invisible = false;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (unit > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return { fault: 'surrogate', codePoint: unit };
    }
    const c = text.codePointAt(i)!;
    if (c > 0xffff) i += 1;
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
    if (isControl(c)) return { fault: 'control', codePoint: c };
    if (isBidi(c)) return { fault: 'bidi', codePoint: c };
    if (visible) continue;
    const ch = String.fromCodePoint(c);
    if (INVISIBLE.test(ch)) invisible = true;
    else if (!WHITESPACE.test(ch)) visible = true;
  }
  return invisible && !visible ? { fault: 'invisible', codePoint: null } : null;
}

/** Stable codes, one per fault, for programs and tests. */
export const TEXT_FAULT_CODE: Record<TextFault, string> = {
  control: 'TEXT_CONTROL_CHAR',
  bidi: 'TEXT_BIDI_CONTROL',
  invisible: 'TEXT_INVISIBLE_ONLY',
  surrogate: 'TEXT_MALFORMED',
};

/** Chinese names of common fields; any other field is named by its path. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: '标题',
  body: '正文',
  text: '正文',
  html: '正文',
  name: '名称',
  fullName: '全称',
  displayName: '姓名',
  username: '用户名',
  password: '密码',
  oldPassword: '原密码',
  newPassword: '新密码',
  email: '电子邮箱',
  phone: '电话',
  opinion: '意见',
  reason: '理由',
  note: '备注',
  summary: '摘要',
  source: '来源',
  url: '网址',
  message: '内容',
  comment: '意见',
  label: '名称',
  law: '依据',
  basis: '依据',
  q: '搜索词',
  file: '文件',
  fileName: '文件名',
  filename: '文件名',
  content: '正文',
  redactedText: '脱密文本',
  originalText: '原文',
  referenceNo: '文号',
  docCode: '机关代字',
};

const U = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** 「标题」 for `title`; 「标题（items.0.title）」 for a nested one; the path itself for an unnamed field. */
export function fieldLabel(path: readonly (string | number)[]): string {
  const joined = path.map(String).join('.');
  const last = path.at(-1);
  const label = typeof last === 'string' && Object.hasOwn(FIELD_LABELS, last) ? FIELD_LABELS[last] : null;
  if (!label) return `「${joined || '(整体)'}」`;
  return path.length > 1 ? `「${label}（${joined}）」` : `「${label}」`;
}

function describe(p: TextProblem): string {
  const at = p.codePoint === null ? '' : `（${U(p.codePoint)}）`;
  if (p.fault === 'control') return `含有不可见的控制字符${at}，请删除后重新提交`;
  if (p.fault === 'bidi')
    return `含有改变文字显示方向的控制字符${at}，可能使显示内容与实际内容不一致，请删除后重新提交`;
  if (p.fault === 'surrogate') return `含有不完整的字符编码${at}，请重新输入`;
  return '只有不可见的字符，请填写实际内容';
}

/** The 400 for a problem in the field at `path`; `label` names it in the message when its path would not. */
export function textError(path: readonly (string | number)[], p: TextProblem, where = '', label?: string): AppError {
  const field = path.map(String).join('.');
  return new AppError(400, TEXT_FAULT_CODE[p.fault], `${where}${label ?? fieldLabel(path)}${describe(p)}`, field);
}

/** Throws the 400 when `text` (the field at `path`) may not be stored. */
export function assertCleanText(path: readonly (string | number)[], text: string, where = ''): void {
  const p = textProblem(text);
  if (p) throw textError(path, p, where);
}

const MAX_DEPTH = 64;

/**
 * Walks a parsed JSON body, query or params object and returns the first string (value or key) that may not be
 * stored, with its path; null when everything is clean.
 */
export function findTextProblem(value: unknown, path: (string | number)[] = [], depth = 0): AppError | null {
  if (typeof value === 'string') {
    const p = textProblem(value);
    return p ? textError(path, p) : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return new AppError(400, 'INPUT_TOO_DEEP', `${fieldLabel(path)}嵌套层次过多`, path.join('.'));
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findTextProblem(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const keyProblem = textProblem(key);
    if (keyProblem) return textError([...path, key], keyProblem);
    const found = findTextProblem(v, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
