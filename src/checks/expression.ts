// 严重表述错误 (INSPECTION.md, 单项否决): political formulations, state-organ and place names, leaders' names and
// the district's units written with one wrong, missing or extra character — 扫黑险恶, 中华人民共合国,
// 重庆綦江区人民政府, 杜家豪 for 杜家毫. One such error fails the whole website, so each is serious; and since a
// false alarm trains reviewers to dismiss alarms, a near miss is dropped when it is itself a known word.
import { isHan, isNumeral } from './chars.ts';
import { finding, type CanonicalTerm, type RawFinding } from './model.ts';
import { scannerOf, type DictionaryRule, type DictionaryScanner } from './dictionary-scan.ts';
import { nearMissFromLeft, nearMissFromRight, type NearMiss } from './near-miss.ts';

/** Two-character state words too short to fuzzy-match, with the wrong forms that have failed real sites (攻府). */
const SHORT_MISWRITINGS: [string, string][] = [
  ['攻府', '政府'],
  ['正府', '政府'],
  ['中殃', '中央'],
  ['共和囯', '共和国'],
];

/** Characters whose change makes another legitimate title or rank (副区长 / 区长), never a typo to flag. */
const RANK_CHARS = new Set(['副', '正', '常', '代', '总', '原', '前']);

/** Organs whose names differ from another organ's by one character (区政府办公室 / 区政协办公室): an edit that
 *  writes one of these in the text names another organ, not a typo. */
const ORGAN_WORDS = new Set([
  '政协',
  '政府',
  '人大',
  '纪委',
  '监委',
  '党委',
  '党组',
  '政法',
  '法院',
  '检察',
  '军委',
  '编委',
  '团委',
  '妇联',
  '工会',
  '常委',
  '市委',
  '区委',
  '县委',
  '省委',
  '人武',
  '统战',
  '宣传',
  '组织',
  '机关',
  '公安',
  '财政',
  '民政',
]);

/** Words one edit away from a canonical term that are correct in their own right (全面建设小康社会: the wording
 *  until 2012, judged by its date in formulations.ts). */
const KNOWN_WORDS = [
  '中央纪委',
  '中央军委',
  '中央编委',
  '中央政法委',
  '四个方面',
  '人民政协',
  '国务院令',
  '全面建设小康社会',
];

type Probe =
  | { kind: 'left' | 'right'; term: number }
  | { kind: 'surname'; term: number }
  | { kind: 'exact'; term: number }
  | { kind: 'known'; right: string };

export function buildExpressionChecker(
  terms: CanonicalTerm[],
  correctWords: Iterable<string>,
): DictionaryRule & DictionaryScanner {
  const canon = dedupe(terms);
  const known = new Set<string>([...canon.map((t) => t.text), ...correctWords, ...KNOWN_WORDS]);
  const probes = new Map<string, Probe[]>();
  const addProbe = (anchor: string, p: Probe) => {
    const list = probes.get(anchor);
    if (list) list.push(p);
    else probes.set(anchor, [p]);
  };
  canon.forEach((t, term) => {
    addProbe(t.text, { kind: 'exact', term });
    const n = t.text.length;
    if (t.kind === 'leader' && n === 3) addProbe(t.text[0], { kind: 'surname', term });
    else if (n >= 5 || (n === 4 && t.kind === 'formulation' && !/[一二三四五六七八九十两]个/.test(t.text))) {
      addProbe(t.text.slice(0, n >> 1), { kind: 'left', term });
      addProbe(t.text.slice(n >> 1), { kind: 'right', term });
    }
  });
  for (const [wrong, right] of SHORT_MISWRITINGS) addProbe(wrong, { kind: 'known', right });
  const longest = canon.reduce((n, t) => Math.max(n, t.text.length), 0);
  const anchors = [...probes.keys()];
  const probesOf = anchors.map((a) => probes.get(a)!);

  function start(text: string) {
    const exact: number[] = []; // start, end, start, end…
    const found = new Map<string, RawFinding>();
    const report = (term: CanonicalTerm, m: NearMiss | null, rule = 'expression.term') => {
      if (!m || !plausibleEdit(m) || namesAnotherOrgan(text, m)) return;
      const written = text.slice(m.start, m.end);
      if (known.has(written)) return;
      found.set(
        `${m.start}:${m.end}`,
        finding(
          rule,
          'expression',
          'serious',
          m.start,
          m.end,
          `严重表述错误：“${written}”应为“${term.text}”${describe(m)}`,
          term.text,
        ),
      );
    };
    const match = (a: number, s: number, e: number) => {
      for (const p of probesOf[a]) {
        if (p.kind === 'exact') exact.push(s, e);
        else if (p.kind === 'known') {
          found.set(
            `${s}:${e}`,
            finding(
              'expression.term',
              'expression',
              'serious',
              s,
              e,
              `严重表述错误：“${text.slice(s, e)}”应为“${p.right}”`,
              p.right,
            ),
          );
        } else {
          const term = canon[p.term];
          const h = term.text.length >> 1;
          if (p.kind === 'left') report(term, nearMissFromLeft(text, s, term.text, h));
          else if (p.kind === 'right') report(term, nearMissFromRight(text, e, term.text, h));
          else {
            const m = nameNearMiss(text, s, term.text);
            if (m && nameConfirmed(text, s, term)) report(term, m, 'expression.leader');
          }
        }
      }
    };
    // A near miss inside a correct longer name is that name; one inside a wider near miss is the same error.
    const finish = () => {
      const all = [...found.values()];
      // Exact matches come in order of their end, so only a short run of them can hold f.
      const insideExact = (f: RawFinding) => {
        for (let k = firstEndingFrom(exact, f.end); k < exact.length && exact[k + 1] <= f.start + longest; k += 2) {
          if (inside(f, exact[k], exact[k + 1])) return true;
        }
        return false;
      };
      return all.filter((f) => !insideExact(f) && !all.some((g) => inside(f, g.start, g.end)));
    };
    return { match, finish };
  }
  return scannerOf({ patterns: anchors, start });
}

const inside = (f: RawFinding, s: number, e: number) => s <= f.start && f.end <= e && (s < f.start || f.end < e);

/** Index of the first pair (start, end) with end >= at, in pairs sorted by end. */
function firstEndingFrom(pairs: number[], at: number): number {
  let lo = 0;
  let hi = pairs.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pairs[2 * mid + 1] < at) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}

function dedupe(terms: CanonicalTerm[]): CanonicalTerm[] {
  const byText = new Map<string, CanonicalTerm>();
  for (const t of terms) {
    const had = byText.get(t.text);
    if (!had) byText.set(t.text, { ...t, titles: [...(t.titles ?? [])] });
    else if (t.titles) had.titles = [...(had.titles ?? []), ...t.titles];
  }
  return [...byText.values()];
}

/** Only a Chinese character for a Chinese character; numbers and ranks legitimately differ (十四五 / 十三五, 副). */
function plausibleEdit(m: NearMiss): boolean {
  for (const ch of [m.wrong, m.right]) {
    if (ch === '') continue;
    if (!isHan(ch.charCodeAt(0)) || isNumeral(ch) || RANK_CHARS.has(ch)) return false;
  }
  return true;
}

function namesAnotherOrgan(text: string, m: NearMiss): boolean {
  return m.at >= 0 && (ORGAN_WORDS.has(text.slice(m.at - 1, m.at + 1)) || ORGAN_WORDS.has(text.slice(m.at, m.at + 2)));
}

function describe(m: NearMiss): string {
  if (m.wrong && m.right) return `（“${m.wrong}”应为“${m.right}”）`;
  return m.right ? `（缺“${m.right}”字）` : `（多“${m.wrong}”字）`;
}

/** A three-character name: the surname and one given-name character right, the other wrong (杜家豪 / 杜家毫). */
function nameNearMiss(text: string, s: number, name: string): NearMiss | null {
  const c1 = text.charCodeAt(s + 1);
  const c2 = text.charCodeAt(s + 2);
  const a = name.charCodeAt(1);
  const b = name.charCodeAt(2);
  if (c1 === a && c2 !== b && isHan(c2)) return { start: s, end: s + 3, wrong: text[s + 2], right: name[2], at: s + 2 };
  if (c2 === b && c1 !== a && isHan(c1)) return { start: s, end: s + 3, wrong: text[s + 1], right: name[1], at: s + 1 };
  return null;
}

// Ranks distinctive enough to confirm a leader's name; 同志, 委员, 常委 and the like precede every name in an
// appointment notice (任命李国强同志…) and would turn ordinary people into misspelt leaders.
const RANK_WORDS = /书记|主席|副总理|总理|委员长|省长|市长|区长|县长|部长|厅长|局长|主任/g;

/**
 * A look-alike of a short name is common among ordinary people; only the leader's own title, or a rank that
 * title carries (杜家毫: 湖南省委书记 → 书记), or the right name elsewhere in the text confirms it.
 */
function nameConfirmed(text: string, s: number, term: CanonicalTerm): boolean {
  const around = text.slice(Math.max(0, s - 24), s + 27);
  const titles = term.titles ?? [];
  if (titles.some((t) => t && around.includes(t))) return true;
  const ranks = titles.flatMap((t) => t.match(RANK_WORDS) ?? []);
  if (ranks.some((r) => around.includes(r))) return true;
  return text.includes(term.text);
}
