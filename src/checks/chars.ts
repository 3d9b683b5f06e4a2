// Character classes and positions shared by the detectors of 智能校对.

/** CJK unified ideographs (basic block and extension A) and 〇. */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || code === 0x3007;
}

/** 一二三…十百千万〇两 and 0-9: an edit on one of these is a different number, not a typo (十四五 vs 十三五). */
export function isNumeral(ch: string): boolean {
  return /[0-9０-９一二三四五六七八九十百千万〇零两]/.test(ch);
}

/** Offsets where each line starts, for turning offsets into line:column once per text. */
export function lineStarts(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let k = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

/**
 * What text.matchAll would find with `rule` (sticky, 'y') made global, tried only at each occurrence of a keyword
 * every match holds: `startAt` walks back from the occurrence, not past `from` (the end of the previous match), to
 * where such a match must begin, or gives -1 when none can. When the keyword is rare, an indexOf costs far less
 * than the rule tried at every offset.
 */
export function matchesAt(
  text: string,
  keyword: string,
  rule: RegExp,
  startAt: (at: number, from: number) => number,
): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let from = 0;
  for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
    if (at < from) continue;
    const start = startAt(at, from);
    if (start < 0) continue;
    rule.lastIndex = start;
    const m = rule.exec(text);
    if (!m) continue;
    out.push(m);
    from = m.index + m[0].length;
  }
  return out;
}
