// GB/T 15834-2011 rules beyond full-width and pairing: no 顿号 between items that each carry quotation marks or
// 书名号 (4.5.3.5), a 书名号 inside a 书名号 is 〈〉 (4.15.3.3), and a title or a heading that is not a sentence takes
// no full stop (4.1.3.1 and 5.1.7, with GB/T 9704 for 公文 titles). Each rule is one regular expression or a walk
// over lines: the text is only searched where the marks it is about occur.
import { finding, type RawFinding } from './model.ts';

const QUOTED_ENUMERATION = /[》”]、(?=[《“])/g;
const NESTED_TITLE = /《[^《》\n]*(《[^《》\n]*》)/g;
const HEADING =
  /^[ \t\u3000]*(?:([一二三四五六七八九十]+)、|（([一二三四五六七八九十]+)）)([^。，；：！？\n]{2,24})。[ \t\u3000]*$/;
const ITEM_START = /^[ \t\u3000]*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/;
const DOC_TITLE =
  /^[ \t\u3000]*关于[^。\n]{2,60}的(?:通知|意见|决定|报告|请示|批复|函|办法|规定|方案|公告|通告|通报|纪要|批示)。[ \t\u3000]*$/;

export function findPunctuationRules(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  if (text.includes('、')) {
    for (const m of text.matchAll(QUOTED_ENUMERATION)) {
      out.push(
        finding(
          'punctuation.quoted-enumeration',
          'punctuation',
          'warning',
          m.index + 1,
          m.index + 2,
          '标有引号或书名号的并列成分之间通常不用顿号（GB/T 15834-2011 4.5.3.5），如《宪法》《民法典》',
          '',
        ),
      );
    }
  }
  if (text.includes('《')) {
    for (const m of text.matchAll(NESTED_TITLE)) {
      const at = m.index + m[0].length - m[1].length;
      out.push(
        finding(
          'punctuation.nested-title',
          'punctuation',
          'warning',
          at,
          at + m[1].length,
          '书名号里边还要用书名号时，里边一层用单书名号〈〉（GB/T 15834-2011 4.15.3.3）',
          `〈${m[1].slice(1, -1)}〉`,
        ),
      );
    }
  }
  if (text.includes('。')) headingStops(text, out);
  return out;
}

/** 一、总体要求。 on its own line, followed by its body (not by the next item of a list of sentences), and a
 *  公文 title such as 关于…的通知。 on the first line. Only lines that end in 。 are looked at. */
function headingStops(text: string, out: RawFinding[]): void {
  const first = firstLine(text, 0);
  if (first && DOC_TITLE.test(first.line)) {
    out.push(stopFinding(first.start + first.line.lastIndexOf('。'), DOC_TITLE_MESSAGE));
  }
  for (let at = text.indexOf('。\n'); at >= 0; at = text.indexOf('。\n', at + 1)) {
    const start = text.lastIndexOf('\n', at - 1) + 1;
    if (at - start > 30) continue;
    const line = text.slice(start, at + 1);
    if (!HEADING.test(line)) continue;
    const next = firstLine(text, at + 2)?.line ?? '';
    const previous = lastLine(text, start - 1);
    const inList = /[；：;:]\s*$/.test(previous) || sameLevel(previous, line) || sameLevel(next, line);
    if (!inList && next !== '') out.push(stopFinding(at, '标题、小标题末尾不用句号（GB/T 15834-2011 5.1.7）'));
  }
}

const DOC_TITLE_MESSAGE = '公文标题末尾不用句号（GB/T 9704-2012 7.3.2；GB/T 15834-2011 5.1.7）';

/** The first non-blank line from `from` on, with its offset. */
function firstLine(text: string, from: number): { line: string; start: number } | undefined {
  let start = from;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line.trim() !== '') return { line, start };
    start = end + 1;
  }
  return undefined;
}

/** The last non-blank line ending before offset `end` (a newline or -1). */
function lastLine(text: string, end: number): string {
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (line.trim() !== '') return line;
    end = start - 1;
  }
  return '';
}

function sameLevel(other: string, line: string): boolean {
  if (!ITEM_START.test(other)) return false;
  return other.trimStart().startsWith('（') === line.trimStart().startsWith('（');
}

function stopFinding(at: number, message: string): RawFinding {
  return finding('punctuation.heading-stop', 'punctuation', 'warning', at, at + 1, message, '');
}
