// 公文格式 that a machine can verify (GB/T 9704-2012, see INSPECTION.md): 发文字号, 成文日期, 抄送, 附件说明.
import { matchesAt } from './chars.ts';
import { finding, type RawFinding } from './model.ts';

/** 机关代字 + a year in brackets + 序号 + 号. Matched from the bracket (fast); the 代字 is read backwards after.
 *  Wrong brackets: 綦江府发[2022]29号, 国发(2022)4号, 渝府发【2022】25号. Right brackets but 第, leading zeros, a
 *  two-digit year or spaces: 渝府发〔2022〕第025号. */
const DOC_NUMBER = /[[［【(（〔](\s*)(\d{4}|\d{2})(\s*)[\]］】)）〕](\s*)(第?)(\s*)(0*)(\d+)(\s*)号/g;
const AGENCY = /[\u4e00-\u9fff]{1,12}$/;
const DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
/** A line holding only a date: the 成文日期 or 印发日期 position. */
const DATE_LINE = new RegExp(
  String.raw`^[ \t\u3000]*(?:(\d{4})年(\d{1,2})月(\d{1,2})日|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|`
    + String.raw`([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日)(印发)?[ \t\u3000]*$`,
  'gm',
);
/** Line rules: each starts a line, indented or not, with its keyword (see lineMatches). */
const CC_LINE = /^[ \t\u3000]*抄送[:：][^\n]*?(?=[ \t\u3000]*$)/my;
const ATTACHMENT_LINE = /^[ \t\u3000]*附件[:：]?[ \t\u3000]*(?:\d+[.．])?[^\n]*$/my;
const TRAILING_PUNCT = /[。，；、,.;：:]+$/;

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && m <= 12 && dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export function findFormatProblems(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  const add = (
    rule: string,
    severity: RawFinding['severity'],
    start: number,
    end: number,
    message: string,
    suggestion: string,
  ) => out.push(finding(rule, 'format', severity, start, end, message, suggestion));

  for (const m of text.matchAll(DOC_NUMBER)) {
    const agency = AGENCY.exec(text.slice(Math.max(0, m.index - 12), m.index))?.[0];
    if (!agency) continue;
    const [whole, s1, year, s2, s3, di, s4, zeros, serial, s5] = m;
    const rightBrackets = whole[0] === '〔' && whole.includes('〕');
    if (rightBrackets && !(s1 + s2 + s3 + s4 + s5 + di + zeros) && year.length === 4) continue;
    add(
      'format.doc-number',
      'error',
      m.index - agency.length,
      m.index + whole.length,
      rightBrackets
        ? '发文字号格式不规范：年份写全称，序号不编虚位（不加前导 0）、不加“第”字（GB/T 9704-2012 7.2.4）'
        : '发文字号格式不规范：年份应使用六角括号〔〕，序号不编虚位、不加“第”字（GB/T 9704-2012 7.2.4）',
      `${agency}〔${fullYear(year)}〕${Number(serial)}号`,
    );
  }
  for (const m of text.matchAll(DATE)) {
    if (!isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      add('format.date-invalid', 'error', m.index, m.index + m[0].length, `日期“${m[0]}”不存在，请核实`, '');
    }
  }
  for (const m of text.matchAll(DATE_LINE)) findDateLineProblem(m, add);
  for (const m of lineMatches(text, '抄送', CC_LINE)) {
    if (!m[0].endsWith('。')) {
      add(
        'format.cc-period',
        'warning',
        m.index,
        m.index + m[0].length,
        '抄送机关名称后应标句号“。”（GB/T 9704-2012 7.4.2）',
        `${m[0].replace(TRAILING_PUNCT, '')}。`,
      );
    }
  }
  findAttachmentProblems(text, add);
  return out;
}

type Add = (
  rule: string,
  severity: RawFinding['severity'],
  start: number,
  end: number,
  message: string,
  suggestion: string,
) => void;

/** The matches of a line rule made global ('gm'): it starts a line with its keyword, indentation allowed. */
function lineMatches(text: string, keyword: string, rule: RegExp): RegExpExecArray[] {
  return matchesAt(text, keyword, rule, (at, from) => {
    let start = at;
    while (start > from && INDENT.has(text.charCodeAt(start - 1))) start--;
    return start > 0 && !LINE_END.has(text.charCodeAt(start - 1)) ? -1 : start;
  });
}

const INDENT = new Set([0x20, 0x09, 0x3000]);
/** Where ^ matches in a multiline JavaScript regex: after \n, \r, U+2028, U+2029. */
const LINE_END = new Set([0x0a, 0x0d, 0x2028, 0x2029]);

function fullYear(y: string): string {
  return y.length === 2 ? `20${y}` : y;
}

/** 成文日期 in Arabic numerals, 年月日 written out, no zero padding (GB/T 9704-2012 7.3.5.1). */
function findDateLineProblem(m: RegExpMatchArray, add: Add): void {
  const start = m.index! + m[0].search(/\S/);
  const end = m.index! + m[0].trimEnd().length;
  const tail = m[10] ?? '';
  const message = '成文日期应使用阿拉伯数字，年份写全称，月、日不编虚位（如 2022年11月4日）（GB/T 9704-2012 7.3.5.1）';
  if (m[1] && (m[2].startsWith('0') || m[3].startsWith('0'))) {
    add('format.date', 'warning', start, end, message, `${m[1]}年${Number(m[2])}月${Number(m[3])}日${tail}`);
  } else if (m[4]) {
    add('format.date', 'warning', start, end, message, `${m[4]}年${Number(m[5])}月${Number(m[6])}日${tail}`);
  } else if (m[7]) {
    add('format.date', 'warning', start, end, message, '');
  }
}

/** 附件说明: names take no trailing punctuation (GB/T 9704-2012 7.3.4); numbered names follow on their own lines. */
function findAttachmentProblems(text: string, add: Add): void {
  for (const m of lineMatches(text, '附件', ATTACHMENT_LINE)) {
    const lines = [[m.index, m[0]] as const];
    let next = m.index + m[0].length + 1;
    for (;;) {
      const nl = text.indexOf('\n', next);
      const line = text.slice(next, nl < 0 ? text.length : nl);
      if (!/^[ \t\u3000]*\d+[.．]\S/.test(line)) break;
      lines.push([next, line]);
      if (nl < 0) break;
      next = nl + 1;
    }
    for (const [at, line] of lines) {
      const body = line.trimEnd();
      const p = TRAILING_PUNCT.exec(body);
      if (!p || (/[:：]$/.test(body) && /附件[:：]$/.test(body.trim()))) continue;
      add(
        'format.attachment',
        'warning',
        at + p.index,
        at + body.length,
        '附件名称后不加标点符号（GB/T 9704-2012 7.3.4）',
        '',
      );
    }
  }
}
