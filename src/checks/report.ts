// From what the detectors found to the report: one order, one finding per span, line:column. A big lexicon can
// produce hundreds of thousands of findings, so nothing here copies them or sorts them more than once.
import { lineStarts } from './chars.ts';
import type { Finding, RawFinding, Severity } from './model.ts';

/** The rank of a severity in the report order: 0 for serious, the gravest (SEVERITY_ORDER, spelt out: a lookup by
 *  key in a table costs more than these comparisons, and it runs for every pair of findings at one position). */
export function severityRank(s: Severity): number {
  return s === 'serious' ? 0 : s === 'error' ? 1 : s === 'warning' ? 2 : 3;
}

/** Report order: by position; at one position the graver first, then the shorter. */
export function compareFindings(a: RawFinding, b: RawFinding): number {
  return a.start - b.start || severityRank(a.severity) - severityRank(b.severity) || a.end - b.end;
}

/**
 * All lists in report order, equal findings in list order: what a stable sort of their concatenation gives.
 * The longest list (a lexicon's, which comes sorted) is not sorted again: the others, sorted on their own, are
 * merged into it by binary search, so that most of its findings are moved without being looked at.
 */
export function inReportOrder(lists: RawFinding[][]): RawFinding[] {
  if (lists.length === 0) return [];
  let big = 0;
  for (let k = 1; k < lists.length; k++) if (lists[k].length > lists[big].length) big = k;
  const main = isSorted(lists[big]) ? lists[big] : lists[big].sort(compareFindings);
  const before = ([] as RawFinding[]).concat(...lists.slice(0, big)).sort(compareFindings);
  const after = ([] as RawFinding[]).concat(...lists.slice(big + 1)).sort(compareFindings);
  if (before.length + after.length === 0) return main;
  const out = new Array<RawFinding>(main.length + before.length + after.length);
  let o = 0;
  let i = 0;
  let b = 0;
  let a = 0;
  while (b < before.length || a < after.length) {
    // On a tie a finding of an earlier list goes first: before, then main, then after.
    const fromBefore = a === after.length || (b < before.length && compareFindings(before[b], after[a]) <= 0);
    const next = fromBefore ? before[b++] : after[a++];
    const stop = fromBefore
      ? firstFrom(main, i, (f) => compareFindings(next, f) <= 0)
      : firstFrom(main, i, (f) => compareFindings(f, next) > 0);
    while (i < stop) out[o++] = main[i++];
    out[o++] = next;
  }
  while (i < main.length) out[o++] = main[i++];
  return out;
}

function isSorted(list: RawFinding[]): boolean {
  for (let i = 1; i < list.length; i++) if (compareFindings(list[i - 1], list[i]) > 0) return false;
  return true;
}

/** The first index ≥ from where `past` holds, in a list where it holds from some index on. Gallops first: the
 *  findings merged into a long list usually land a short way after the previous one. */
function firstFrom(list: RawFinding[], from: number, past: (f: RawFinding) => boolean): number {
  let lo = from;
  let step = 1;
  while (lo + step < list.length && !past(list[lo + step])) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(lo + step, list.length);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (past(list[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** One span, one finding: a serious 表述错误 also listed as a 错别字 is shown once, as the graver. */
export function dropShadowed(raw: RawFinding[]): RawFinding[] {
  const best = new Map<string, RawFinding>();
  let words = 0;
  for (const f of raw) {
    if (f.category !== 'expression' && f.category !== 'misspelling') continue;
    words++;
    const key = `${f.start}:${f.end}`;
    const had = best.get(key);
    if (!had || severityRank(f.severity) < severityRank(had.severity)) best.set(key, f);
  }
  if (best.size === words) return raw;
  const kept = new Set(best.values());
  return raw.filter((f) => (f.category !== 'expression' && f.category !== 'misspelling') || kept.has(f));
}

/** Completes findings in report order with line, column and text, in place (copies would cost GC time). */
export function locate(text: string, sorted: RawFinding[]): Finding[] {
  const starts = lineStarts(text);
  const findings = sorted as Finding[];
  // Sorted by start, so the line only moves forward.
  let line = 0;
  for (const f of findings) {
    while (line + 1 < starts.length && starts[line + 1] <= f.start) line++;
    f.line = line + 1;
    f.column = f.start - starts[line] + 1;
    if (!f.text) f.text = text.slice(f.start, f.end); // a lexicon match already carries its word
  }
  return findings;
}
