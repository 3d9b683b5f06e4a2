// One-edit near misses of a canonical term, found from an anchor: one half of the term that occurs exactly.
// An edit (one wrong, missing or extra character) touches at most one half, so the other half is intact
// and fixes where the whole term must lie. Edits are only allowed strictly inside the term: a changed first or
// last character is usually another word (人民政府 → 人民政协), never a typo we could tell apart.

export interface NearMiss {
  start: number;
  end: number;
  /** The characters that differ: wrong (in the text) and right (in the term); '' for a missing or extra one. */
  wrong: string;
  right: string;
  /** Offset of the wrong or extra character in the text; -1 for a missing one. */
  at: number;
}

const miss = (start: number, end: number, wrong: string, right: string, at: number): NearMiss => ({
  start,
  end,
  wrong,
  right,
  at,
});

/** The left half T[0, h) is at text[s…]: look for one edit in the right part. */
export function nearMissFromLeft(text: string, s: number, term: string, h: number): NearMiss | null {
  const n = term.length;
  let i = h;
  while (i < n && s + i < text.length && text.charCodeAt(s + i) === term.charCodeAt(i)) i++;
  if (i >= n) return null;
  if (i <= n - 2 && sameAt(text, s + i + 1, term, i + 1, n)) return miss(s, s + n, text[s + i], term[i], s + i);
  if (i <= n - 2 && sameAt(text, s + i, term, i + 1, n)) return miss(s, s + n - 1, '', term[i], -1);
  if (sameAt(text, s + i + 1, term, i, n) && s + i < text.length) return miss(s, s + n + 1, text[s + i], '', s + i);
  return null;
}

/** The right half T[h, n) ends at text[…e): look for one edit in the left part. */
export function nearMissFromRight(text: string, e: number, term: string, h: number): NearMiss | null {
  const n = term.length;
  let k = n - h;
  while (k < n && e - 1 - k >= 0 && text.charCodeAt(e - 1 - k) === term.charCodeAt(n - 1 - k)) k++;
  if (k >= n) return null;
  const i = n - 1 - k;
  const wrongAt = e - 1 - k;
  if (wrongAt < 0) return null;
  if (i >= 1 && sameAt(text, wrongAt - i, term, 0, i)) return miss(wrongAt - i, e, text[wrongAt], term[i], wrongAt);
  if (i >= 1 && sameAt(text, wrongAt + 1 - i, term, 0, i) && i + 1 <= n - 1)
    return miss(wrongAt + 1 - i, e, '', term[i], -1);
  if (sameAt(text, wrongAt - i - 1, term, 0, i + 1)) return miss(wrongAt - i - 1, e, text[wrongAt], '', wrongAt);
  return null;
}

/** text[at, at + to - from) === term[from, to), compared in place: this runs on every anchor hit, and slices would
 *  allocate hundreds of thousands of strings per megabyte of text. */
function sameAt(text: string, at: number, term: string, from: number, to: number): boolean {
  if (at < 0 || at + to - from > text.length) return false;
  for (let k = from; k < to; k++) if (text.charCodeAt(at + k - from) !== term.charCodeAt(k)) return false;
  return true;
}
