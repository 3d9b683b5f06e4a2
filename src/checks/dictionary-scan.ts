// The dictionary detectors (表述错误 anchors, 错别字, 自定义词库) share ONE Aho-Corasick automaton, so a text is
// scanned once for all of them, whatever the size of the lexicons.
import { buildAutomaton } from './aho-corasick.ts';
import type { RawFinding } from './model.ts';

/** One scan of one text by one detector: told of each match of its own patterns, then asked for its findings. */
export interface DictionaryPass {
  match(pattern: number, start: number, end: number): void;
  finish(): RawFinding[];
}

export interface DictionaryRule {
  readonly patterns: readonly string[];
  start(text: string): DictionaryPass;
}

export interface DictionaryScanner {
  find(text: string): RawFinding[];
  /** The findings of each rule, in the order the rules were given. */
  findEach(text: string): RawFinding[][];
  /** One scan; each rule's findings are built when its function is called (see index.ts). */
  scanEach(text: string): (() => RawFinding[])[];
}

export function combineRules(rules: DictionaryRule[]): DictionaryScanner {
  const all: string[] = [];
  const ruleOf: number[] = [];
  const offset: number[] = [];
  rules.forEach((r, k) => {
    offset.push(all.length);
    for (const p of r.patterns) {
      all.push(p);
      ruleOf.push(k);
    }
  });
  const owner = Int32Array.from(ruleOf);
  const base = Int32Array.from(offset);
  const automaton = buildAutomaton(all);
  const scanEach = (text: string) => {
    const passes = rules.map((r) => r.start(text));
    automaton.scan(text, (p, s, e) => {
      const k = owner[p];
      passes[k].match(p - base[k], s, e);
    });
    return passes.map((pass) => () => pass.finish());
  };
  const findEach = (text: string) => scanEach(text).map((finish) => finish());
  // concat, not flatMap: flatMap takes ~10× as long on a lexicon's 200k findings.
  return { findEach, scanEach, find: (text) => ([] as RawFinding[]).concat(...findEach(text)) };
}

/** A rule on its own: what the tests and single-purpose callers use. */
export function scannerOf(rule: DictionaryRule): DictionaryRule & DictionaryScanner {
  let scanner: DictionaryScanner | undefined; // built on first use: inside the engine the combined one is used instead
  const combined = () => (scanner ??= combineRules([rule]));
  return {
    patterns: rule.patterns,
    start: (text) => rule.start(text),
    find: (text) => combined().find(text),
    findEach: (text) => combined().findEach(text),
    scanEach: (text) => combined().scanEach(text),
  };
}

/** Matches kept as numbers while a text is scanned: a rule that reports most of its matches builds its findings
 *  at the end, all at once, instead of growing an array of objects match by match. */
export class MatchBuffer {
  private pattern = new Int32Array(1024);
  private start = new Int32Array(1024);
  private end = new Int32Array(1024);
  private count = 0;

  add(pattern: number, start: number, end: number): void {
    if (this.count === this.pattern.length) this.grow();
    this.pattern[this.count] = pattern;
    this.start[this.count] = start;
    this.end[this.count++] = end;
  }

  /**
   * Puts the matches in report order (report.ts): by start, then by the rank of their pattern, then by end; equal
   * ones keep scan order. The scan reports by end, so a match moves back only past shorter ones inside it: an
   * insertion sort does it in one pass over typed arrays, where Array.prototype.sort would call back for every pair.
   */
  sortForReport(rankOf: Uint8Array): void {
    const { pattern: P, start: S, end: E } = this;
    for (let i = 1; i < this.count; i++) {
      const p = P[i];
      const s = S[i];
      const e = E[i];
      const r = rankOf[p];
      let j = i - 1;
      while (j >= 0 && (S[j] > s || (S[j] === s && (rankOf[P[j]] > r || (rankOf[P[j]] === r && E[j] > e))))) {
        P[j + 1] = P[j];
        S[j + 1] = S[j];
        E[j + 1] = E[j];
        j--;
      }
      P[j + 1] = p;
      S[j + 1] = s;
      E[j + 1] = e;
    }
  }

  map<T>(fn: (pattern: number, start: number, end: number) => T): T[] {
    const out = new Array<T>(this.count);
    for (let k = 0; k < this.count; k++) out[k] = fn(this.pattern[k], this.start[k], this.end[k]);
    return out;
  }

  private grow(): void {
    const size = this.pattern.length * 2;
    const copy = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.pattern = copy(this.pattern);
    this.start = copy(this.start);
    this.end = copy(this.end);
  }
}
