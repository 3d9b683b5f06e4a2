// 固定序列: formulations whose order and completeness are prescribed — 四个意识 (政治意识、大局意识、核心意识、
// 看齐意识), 四个自信, 五位一体, 两个维护 … (data/series.json, each with its source). The items are patterns of the
// shared automaton; items that follow each other with only a separator (、，和 …) between them form a run, and a run
// of one series in the wrong order, or missing one item, is reported. A series whose items also occur elsewhere in
// ordinary lists (创新、协调 …; 自由、民主) is only checked next to its label or when nearly complete.
import data from './data/series.json' with { type: 'json' };
import { scannerOf, type DictionaryRule, type DictionaryScanner } from './dictionary-scan.ts';
import { documentDate } from './formulations.ts';
import { finding, type RawFinding, type Severity } from './model.ts';

export interface Series {
  label: string;
  items: string[];
  distinctive: boolean;
  /** An older version of the series, valid until this date (YYYY-MM-DD). */
  until?: string;
  source: string;
  date: string;
}

const file = data as { sources: Record<string, string>; entries: Series[] };
export const SERIES: Series[] = file.entries.map((e) => ({ ...e, source: file.sources[e.source] ?? e.source }));

/** What may stand between two items of one run: a separator, with quotes, 和/及 and a shared head word. */
const GAP =
  /^(?:发展|理念)?[”’"]?(?:[、，,；;]|[、，,]?(?:和|及|以及|与|并))[“‘"]?(?:增强|坚定|树牢|做到|坚持)?[“‘"]?$/;
const LABEL_WINDOW = 40;
/** The longest gap GAP allows, in characters. */
const NEAR = 12;

export function buildSeriesChecker(series: Series[] = SERIES): DictionaryRule & DictionaryScanner {
  const patterns = [...new Set(series.flatMap((s) => s.items))];
  const index = new Map(patterns.map((p, i) => [p, i]));
  /** For each series, the position of each pattern in it (-1: not an item). */
  const position = series.map((s) => {
    const pos = new Int32Array(patterns.length).fill(-1);
    s.items.forEach((item, k) => {
      pos[index.get(item)!] = k;
    });
    return pos;
  });
  return scannerOf({
    patterns,
    start(text) {
      const hits: number[] = []; // pattern, start, end triples, in order of end
      return {
        match(p, s, e) {
          hits.push(p, s, e);
        },
        finish() {
          const chosen = longestFirst(hits);
          const out: RawFinding[] = [];
          let run: number[] = [];
          const flush = () => {
            if (run.length >= 6) check(text, run, series, position, out);
            run = [];
          };
          for (let k = 0; k < chosen.length; k += 3) {
            if (run.length && !GAP.test(text.slice(run[run.length - 1], chosen[k + 1]))) flush();
            run.push(chosen[k], chosen[k + 1], chosen[k + 2]);
          }
          flush();
          return out;
        },
      };
    },
  });
}

/** Matches without overlaps, sorted by start; a longer match wins (生态文明建设 over 文明). */
function longestFirst(all: number[]): number[] {
  // Only items with another item close by can form a run: drop the lone ones (most of 创新, 民主 …) before sorting.
  const hits: number[] = [];
  for (let k = 0; k < all.length; k += 3) {
    const near = (k >= 3 && all[k + 1] - all[k - 1] <= NEAR) || (k + 3 < all.length && all[k + 4] - all[k + 2] <= NEAR);
    if (near) hits.push(all[k], all[k + 1], all[k + 2]);
  }
  const order = [...Array(hits.length / 3).keys()].sort(
    (a, b) => hits[3 * a + 1] - hits[3 * b + 1] || hits[3 * b + 2] - hits[3 * a + 2],
  );
  const out: number[] = [];
  let end = -1;
  for (const k of order) {
    if (hits[3 * k + 1] < end) continue;
    out.push(hits[3 * k], hits[3 * k + 1], hits[3 * k + 2]);
    end = hits[3 * k + 2];
  }
  return out;
}

function check(text: string, run: number[], series: Series[], position: Int32Array[], out: RawFinding[]): void {
  let i = 0;
  const count = run.length / 3;
  let date: string | null | undefined;
  while (i < count) {
    // The series that continues furthest from item i; the current version of a series before an older one.
    let best = -1;
    let bestLen = 0;
    series.forEach((s, k) => {
      let n = 0;
      while (i + n < count && position[k][run[3 * (i + n)]] >= 0) n++;
      if (n > bestLen || (n === bestLen && n > 0 && best >= 0 && series[best].until && !s.until)) {
        best = k;
        bestLen = n;
      }
    });
    if (bestLen === 0) {
      i++;
      continue;
    }
    const s = series[best];
    const items = [...Array(bestLen).keys()].map((n) => position[best][run[3 * (i + n)]]);
    const start = run[3 * i + 1];
    const end = run[3 * (i + bestLen - 1) + 2];
    i += bestLen;
    if (bestLen < 2) continue;
    const n = s.items.length;
    const labelled = text.slice(Math.max(0, start - LABEL_WINDOW), start).includes(s.label);
    if (!s.distinctive && !labelled && !(n >= 4 && bestLen >= n - 1)) continue;
    const where = `（依据：${s.source}，${s.date}）`;
    const distinct = new Set(items);
    const sorted = [...distinct].sort((a, b) => a - b);
    if (s.until) {
      date ??= documentDate(text) ?? null;
      if (!date || date >= s.until) {
        const now = series.find((t) => t.label === s.label && !t.until);
        const message = `固定提法：“${s.label}”自 ${s.until} 起为“${now?.items.join('、')}”，本文仍用旧提法${where}`;
        out.push(seriesFinding('warning', start, end, message, now ? now.items.join('、') : ''));
        continue;
      }
    }
    if (items.some((v, k) => k > 0 && v <= items[k - 1])) {
      const message = `固定提法顺序错误：“${s.label}”的规范顺序为“${s.items.join('、')}”${where}`;
      out.push(seriesFinding('serious', start, end, message, sorted.map((k) => s.items[k]).join('、')));
    } else if (n >= 4 && distinct.size === n - 1) {
      const missing = s.items.find((_, k) => !distinct.has(k));
      const message = `固定提法不完整：“${s.label}”缺“${missing}”，规范表述为“${s.items.join('、')}”${where}`;
      out.push(seriesFinding('serious', start, end, message, s.items.join('、')));
    }
  }
}

const seriesFinding = (severity: Severity, start: number, end: number, message: string, suggestion: string) =>
  finding('formulation.series', 'formulation', severity, start, end, message, suggestion);
