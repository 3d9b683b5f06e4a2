// 结构层次序数 (GB/T 9704-2012 7.3.3): 一、 then （一） then 1. then （1）, each counting up from one without gaps.
import { finding, type RawFinding } from './model.ts';

const NUMERALS = '一二三四五六七八九十';
const HEADING = new RegExp(
  String.raw`^[ \t\u3000]*(?:[-*][ \t]+)?(?:([一二三四五六七八九十]{1,3})([、.．，,])|`
    + String.raw`[（(]([一二三四五六七八九十]{1,3})[）)]([、.．]?)|(\d{1,2})([.．、])(?!\d)|[（(](\d{1,2})[）)]([、.．]?))`,
  'gm',
);

/** 一 … 九十九 as a number; 0 when not a plain Chinese numeral. */
function chineseNumber(s: string): number {
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? NUMERALS.indexOf(s) + 1 : 0;
  const tens = ten === 0 ? 1 : NUMERALS.indexOf(s[0]) + 1;
  const ones = ten === s.length - 1 ? 0 : NUMERALS.indexOf(s[ten + 1]) + 1;
  return tens * 10 + ones;
}

function chineseNumeral(n: number): string {
  if (n <= 10) return NUMERALS[n - 1];
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? NUMERALS[tens - 1] : ''}十${n % 10 ? NUMERALS[(n % 10) - 1] : ''}`;
}

const FORM = ['一、', '（一）', '1.', '（1）'];

export function findHeadingProblems(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  const expected = [1, 1, 1, 1];
  for (const m of text.matchAll(HEADING)) {
    const level = m[1] ? 0 : m[3] ? 1 : m[5] ? 2 : 3;
    const raw = m[1] ?? m[3] ?? m[5] ?? m[7];
    const sep = m[2] ?? m[4] ?? m[6] ?? m[8] ?? '';
    const n = level < 2 ? chineseNumber(raw) : Number(raw);
    const start = m.index + m[0].search(/[一二三四五六七八九十\d（(]/);
    const end = m.index + m[0].length;
    const shown = (k: number) =>
      level === 0
        ? `${chineseNumeral(k)}、`
        : level === 1
          ? `（${chineseNumeral(k)}）`
          : level === 2
            ? `${k}.`
            : `（${k}）`;
    const rightSep = level === 0 ? '、' : level === 2 ? '.．' : '';
    if (sep && !rightSep.includes(sep)) {
      out.push(
        finding(
          'format.heading-form',
          'format',
          'warning',
          start,
          end,
          `层次序数“${m[0].trim()}”写法不规范，第${level + 1}层应写作“${FORM[level]}”（GB/T 9704-2012 7.3.3）`,
          shown(n),
        ),
      );
    }
    // A new document (or a new part) starts again at one; anything else must be the next number.
    if (n !== 1 && n !== expected[level] && n > 0) {
      out.push(
        finding(
          'format.heading-order',
          'format',
          'warning',
          start,
          end,
          `层次序数不连续：此处应为“${shown(expected[level])}”（GB/T 9704-2012 7.3.3）`,
          shown(expected[level]),
        ),
      );
    }
    expected[level] = n + 1;
    for (let l = level + 1; l < 4; l++) expected[l] = 1;
  }
  return out;
}
