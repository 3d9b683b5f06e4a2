// 密级标志: a document carrying 绝密/机密/秘密★term (GB/T 9704-2012 7.2.2) or an internal-use mark must go to
// 保密审查 and is never published (DOMAIN.md §3.4). The same words inside sentences — 泄露国家秘密,
// 保守国家秘密法, 商业秘密, 内部资料的信息 — are not marks.
import { finding, type RawFinding } from './model.ts';

/** 机密★1年, 绝密★长期, 秘密★: the star appears only in a marking. */
const STARRED = /(绝密|机密|秘密)\s*[★☆]\s*(?:(?:\d+|[一二三四五六七八九十]+)\s*(?:年|个月)|长期)?/g;
/** A line that is nothing but a classification, as at the top-left of a 公文. */
const LEVEL_LINE = /^[\s（(【[]*(绝密|机密|秘密)(级)?\s*(?:\d+\s*(?:年|个月)|长期)?[\s）)】\]]*$/gm;
/** 此件不公开 is itself a disclosure decision printed on the document. */
const NOT_PUBLIC = /此件不(?:予)?公开/g;
/** Internal-use marks: alone on a line, in brackets, or with their usual companions. */
const INTERNAL_LINE = /^[\s（(【[]*(内部资料|内部使用|内部文件|内部刊物)[^\n]{0,6}$/gm;
const INTERNAL_BRACKETED =
  /[（(【[](内部资料|内部使用|内部文件|内部刊物)[^）)】\]\n]{0,8}[）)】\]]|(仅供内部使用|仅限内部使用|内部资料[，,\s]*(?:注意保存|请勿外传|妥善保管))/g;

const MESSAGE = '含密级或内部标志，须送保密审查，严禁公开发布';

export function findSecrecyMarks(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  const seen = new Set<number>();
  const add = (start: number, end: number, rule: string) => {
    if (seen.has(start)) return;
    seen.add(start);
    out.push(finding(rule, 'secrecy', 'serious', start, end, MESSAGE));
  };
  if (text.includes('★') || text.includes('☆')) {
    // a star is rare: no need to try STARRED at every 密
    for (const m of text.matchAll(STARRED)) add(m.index, m.index + m[0].length, 'secrecy.classification');
  }
  for (const m of text.matchAll(LEVEL_LINE)) {
    const lead = m[0].indexOf(m[1]);
    add(m.index + lead, m.index + m[0].trimEnd().length, 'secrecy.classification');
  }
  for (const m of text.matchAll(NOT_PUBLIC)) add(m.index, m.index + m[0].length, 'secrecy.not-public');
  for (const re of [INTERNAL_LINE, INTERNAL_BRACKETED]) {
    for (const m of text.matchAll(re)) {
      const lead = m[0].search(/内部|仅/);
      add(m.index + Math.max(0, lead), m.index + m[0].trimEnd().length, 'secrecy.internal');
    }
  }
  return out;
}
