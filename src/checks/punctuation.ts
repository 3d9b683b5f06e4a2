// 标点: Chinese text takes full-width punctuation (GB/T 15834-2011; INSPECTION.md), brackets and quotes come
// in pairs, and a mark is not doubled. Half-width marks are reported once per paragraph; text copied out of a PDF is
// mostly half-width: there one warning for the whole document says so, instead of hundreds of findings nobody reads.
// One charCodeAt pass does the counting and the pairing: this runs on every item and every crawled page.
import { isHan } from './chars.ts';
import { finding, type RawFinding } from './model.ts';

const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};
const REPEATED = /[，。、；：,;]{2,}|([？！?!])\1+/g;
const OPENERS = '“‘（(《〔【';
const CLOSERS = '”’）)》〕】';
/** A document is treated as copied from a PDF when at least this many half-width marks outnumber the
 *  full-width ones. */
const PDF_MIN_HALF_WIDTH = 10;

// biome-ignore lint/suspicious/noConstEnum: file-local, so inlining is safe; keeps the scanning loop on numbers
const enum Kind {
  None,
  HalfMark,
  HalfOpen,
  HalfClose,
  FullMark,
  Opener,
  Closer,
  Newline,
}
const KIND = new Uint8Array(65536);
for (const ch of ',;:?!') KIND[ch.charCodeAt(0)] = Kind.HalfMark;
for (const ch of '，；：？！') KIND[ch.charCodeAt(0)] = Kind.FullMark;
for (const ch of OPENERS) KIND[ch.charCodeAt(0)] = Kind.Opener;
for (const ch of CLOSERS) KIND[ch.charCodeAt(0)] = Kind.Closer;
KIND[0x28] = Kind.HalfOpen;
KIND[0x29] = Kind.HalfClose;
KIND[0x0a] = Kind.Newline;

/** Closing marks after which a half-width , ; : is still in Chinese context (”, 》, ）, 〕, 】, 、). */
const CJK_CLOSING = new Set([0x201d, 0x2019, 0x300b, 0xff09, 0x3015, 0x3011, 0x3001]);
const chineseBefore = (c: number) => isHan(c) || CJK_CLOSING.has(c);

export function findPunctuationProblems(text: string): RawFinding[] {
  const out: RawFinding[] = [];
  const half: number[] = [];
  let full = 0;
  const pairing = new Pairing(text, out);
  for (let i = 0; i < text.length; i++) {
    const kind = KIND[text.charCodeAt(i)];
    if (kind === Kind.None) continue;
    if (kind === Kind.FullMark) full++;
    else if (kind === Kind.HalfMark) {
      if (i > 0 && chineseBefore(text.charCodeAt(i - 1))) half.push(i);
    } else if (kind === Kind.Newline) pairing.endLine(i);
    else {
      if (
        (kind === Kind.HalfOpen || kind === Kind.HalfClose)
        && (isHan(text.charCodeAt(i - 1)) || isHan(text.charCodeAt(i + 1)))
      )
        half.push(i);
      else if (kind === Kind.Opener || kind === Kind.Closer) full++;
      pairing.mark(i, kind === Kind.Opener || kind === Kind.HalfOpen);
    }
  }
  pairing.endLine(text.length);
  if (half.length >= PDF_MIN_HALF_WIDTH && half.length > full) {
    out.push(
      finding(
        'punctuation.half-width-document',
        'punctuation',
        'warning',
        half[0],
        half[0] + 1,
        `全文有 ${half.length} 处中文语境下的半角标点（疑似从 PDF 复制），请统一替换为全角标点（GB/T 15834-2011）`,
        FULL_WIDTH[text[half[0]]],
      ),
    );
  } else {
    // Once per paragraph: a paragraph typed with a half-width input method has them all over, and one finding
    // that counts them is read where ten are skipped.
    for (let k = 0; k < half.length; ) {
      const at = half[k];
      const lineEnd = text.indexOf('\n', at);
      let n = k + 1;
      while (n < half.length && (lineEnd < 0 || half[n] < lineEnd)) n++;
      const count = n - k;
      out.push(
        finding(
          'punctuation.half-width',
          'punctuation',
          'warning',
          at,
          at + 1,
          count === 1
            ? `中文语境下应使用全角标点“${FULL_WIDTH[text[at]]}”`
            : `本段有 ${count} 处中文语境下的半角标点，应使用全角标点（首处应为“${FULL_WIDTH[text[at]]}”）`,
          FULL_WIDTH[text[at]],
        ),
      );
      k = n;
    }
  }
  for (const m of text.matchAll(REPEATED)) {
    out.push(
      finding(
        'punctuation.repeated',
        'punctuation',
        'warning',
        m.index,
        m.index + m[0].length,
        `标点“${m[0]}”重复使用`,
        m[0][0],
      ),
    );
  }
  return out;
}

/** Pairs per paragraph, with two allowances: a paragraph broken mid-sentence (PDF extraction) continues on the next
 *  non-empty line, and a quotation over several paragraphs opens each of them and closes only the last. */
class Pairing {
  private stack: number[] = [];
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly out: RawFinding[],
  ) {}

  mark(i: number, opening: boolean): void {
    const { text, stack } = this;
    const ch = text[i];
    if (opening) {
      // Quotes cannot nest in the same kind: a second “ before a ” means the first one was never closed.
      if ((ch === '“' || ch === '‘') && stack.length && text[stack[stack.length - 1]] === ch)
        this.unpaired(stack.pop()!);
      stack.push(i);
      return;
    }
    const top = stack.length ? text[stack[stack.length - 1]] : '';
    const want = ch === ')' ? '(' : OPENERS[CLOSERS.indexOf(ch)];
    if (top === want || (ch === ')' && top === '（') || (ch === '）' && top === '(')) stack.pop();
    else this.unpaired(i);
  }

  endLine(nl: number): void {
    const { text } = this;
    const start = this.lineStart;
    this.lineStart = nl + 1;
    if (this.stack.length === 0) return;
    const next = nl >= text.length ? '' : text.slice(nl + 1, nl + 40).trimStart();
    const line = text.slice(start, nl);
    if (next && (line.trim() === '' || brokenParagraph(line, next))) return;
    for (const at of this.stack) if (!(text[at] === '“' && next.startsWith('“'))) this.unpaired(at);
    this.stack = [];
  }

  private unpaired(at: number): void {
    const ch = this.text[at];
    const partner =
      ch === '('
        ? ')'
        : ch === ')'
          ? '('
          : OPENERS.includes(ch)
            ? CLOSERS[OPENERS.indexOf(ch)]
            : OPENERS[CLOSERS.indexOf(ch)];
    this.out.push(
      finding(
        'punctuation.unpaired',
        'punctuation',
        'warning',
        at,
        at + 1,
        `标点“${ch}”未成对使用，请检查是否缺少与之配对的“${partner}”`,
      ),
    );
  }
}

function brokenParagraph(line: string, next: string): boolean {
  return (
    line.trim() !== ''
    && !/[。！？!?；;：:…”’）)》]\s*$/.test(line)
    && !/^[#\-*“（(【\d一二三四五六七八九十]/.test(next)
  );
}
