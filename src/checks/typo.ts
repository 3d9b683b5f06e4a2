// 错别字（音近形近）: a common two-character word written with one character swapped for one that sounds or looks
// alike (部暑 for 部署, 申清 for 申请, 落食 for 落实, 治里 for 治理) — typos nobody listed in misspellings.json.
//
// The model (data/typo-model.json, built by scripts/build-typo-data.ts from jieba's word frequencies, pinyin-pro,
// HanziJS's decomposition data and cnchar-order's stroke order) gives every two-character word with a frequency
// class (log2 of its count) and, for every common character, the characters that sound the same (tones aside) or
// look alike (same phonetic part, or stroke sequences one stroke apart in a character built the same way: 休/体,
// 人/入, 己/已, 未/末). From
// these, on first use, a table of "typo bigrams": a word seen at least 2^MIN_TARGET_CLASS times with one character
// swapped for a confusable one, kept only when the result is no jieba word at all — so the corrected form is always
// far more likely than the written one. Scanning is one bit-filter probe per character pair, and a hash probe for
// the ~10 % that pass.
//
// A bigram from the table is reported only when the context agrees that it is one word gone wrong: neither of its
// characters forms a dictionary word with its outer neighbour (全部暑假 has 部暑, but 全部 and 暑假 are words), the
// text around it is known words, it is not a place name or a short quoted term, not inside a longer dictionary word
// or name that the model lists (`protect`), does not follow a surname, and is not repeated as a term of the text.
// Where those hand rules doubt a suspect — a neighbour makes a word with one of its characters (加大部暑力度 has 大部),
// it begins with 市 or 本, or both its characters are frequent words by themselves (建没, 管里) — a word model
// decides: the best segmentation of the few characters around it into jieba words (a unigram model, each word
// weighing log2 of its frequency) must be 2^12 times likelier with the correction (`likelier`, MODEL_MARGIN).
// The swap that makes a vulgar or politically offensive phrase out of a normal one is serious.
import { isHan } from './chars.ts';
import leaderData from './data/leaders-dated.json' with { type: 'json' };
import model from './data/typo-model.json' with { type: 'json' };
import { FORMULATION_RULES } from './formulations.ts';
import { finding, type RawFinding } from './model.ts';
import { readTablesFile } from './typo-tables-file.ts';

export interface TypoModel {
  /** Concatenated entries of three characters: a two-character word and its frequency class in base 36. */
  words: string;
  /** Concatenated entries of two characters: a character that is a word by itself and its frequency class. */
  chars: string;
  /** Space-separated entries: a character followed by the characters that sound the same or look alike. */
  confusable: string;
  /** Like `confusable`, for a fuzzy-same syllable only (明/民): used for names, which context confirms. */
  fuzzy: string;
  /** Space-separated longer words (and names) that hold a typo bigram without being typos. */
  protect: string;
}

/** Only words seen at least 2^MIN_TARGET_CLASS times in jieba's corpus are corrected towards. */
export const MIN_TARGET_CLASS = 7;
/** Two characters that are both words this frequent by themselves (可向, 在这) are read as two words. */
export const STANDALONE_CLASS = 13;
/** A neighbour this frequent as a word by itself (把, 将, 摆) ends the known text around a suspect. */
export const BOUNDARY_CLASS = 10;
/** A jieba word seen at most 2^RARE_WORD_CLASS times may still be a typo of a far more frequent one (干布). */
export const RARE_WORD_CLASS = 1;

/** Characters of grammar whose swap is a word-usage question (的地得, owned by another rule), not a typo. */
const NEVER_SWAPPED = new Set([...'的地得之其在再做作那哪他她它了着过们和与及或等为以把被各此该本每上中下内外']);

/** Characters that turn a normal phrase vulgar or insulting when swapped in (视察 → 死察, 同志 → 同痔). */
const OFFENSIVE = new Set([...'死亡丧葬殃毙屎尿屁粪痔鸡猪狗驴贱蠢傻淫妓婊奸骚娼嫖臭囚贼匪']);

/** Ends of place and organisation names: 东溪镇, 新盛镇 are names, not 东西镇, 新城镇. */
const NAME_END = flags('省市县区镇乡村街道路桥山湖江河港园苑寺庙');

/** Surnames after which two characters are probably a given name (李申清), not a word. */
const SURNAME = flags(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊孟秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃'
    + '武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮'
    + '桂闵欧解强丛华车',
);

/**
 * A pair that begins with one of these belongs to two words, not one: a pronoun or determiner before a noun (我局, 本市,
 * 该区), an administrative level before a name (市卫健委, 区发展改革委), a word ending in 人 or 长 before a name
 * (申请人陈某, 委员长吴邦国).
 */
const STANDS_BEFORE = flags('我你您他她本该各全每此市区县省州镇乡村街人长');

/** A pair that ends with one of these belongs to two words: a name before 家 (邓小平家), a person before 同志 or 某. */
const STANDS_AFTER = flags('家某');

/**
 * Names and terms the engine knows from its own data — leaders' names, the standard forms of 规范表述, the items of
 * fixed series — counted as words, so that a piece of them (应勇, 易炼红, 新冠病毒感染) is never taken for a slip
 * where the general word list lacks it.
 */
function knownTerms(): string[] {
  const data = leaderData as { entries: { name: string }[] };
  return [...data.entries.map((e) => e.name), ...FORMULATION_RULES.map((r) => r.right)];
}

function flags(chars: string): Uint8Array {
  const f = new Uint8Array(0x10000);
  for (const c of chars) f[c.charCodeAt(0)] = 1;
  return f;
}

export interface Tables {
  /** Three bits per hashed bigram of `typos`, in one 32-bit word (1 MB): most characters are turned away here. */
  maybe: Uint32Array;
  words: HashTable;
  /** Frequency class + 1 of each character as a word by itself; 0 when it is not one. */
  single: Uint8Array;
  typos: HashTable;
  protect: Set<string>;
  /** The first two characters of each `protect` word. */
  protectHead: HashTable;
  /** 1 for the first character of a `protect` word: most characters need no `protectHead` probe. */
  protectFirst: Uint8Array;
}

/** Open addressing from a bigram (two UTF-16 units) to a non-negative integer. */
export class HashTable {
  /** Key and value side by side (one cache line per probe): slots[2i] = key (0 = empty), slots[2i + 1] = value. */
  private slots: Uint32Array;
  private mask: number;
  private shift: number;
  size = 0;

  constructor(expected: number) {
    let bits = 10;
    while (1 << bits < expected * 2) bits++;
    this.slots = new Uint32Array(2 << bits);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  /** Fibonacci hashing: the high bits of the product (the low ones would depend on the second character only). */
  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.slots[2 * i] !== 0 && this.slots[2 * i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  get(key: number): number {
    const i = this.slot(key);
    return this.slots[2 * i] === key ? this.slots[2 * i + 1] : -1;
  }

  set(key: number, value: number): void {
    if ((this.size + 1) * 4 > this.slots.length) this.grow();
    const i = this.slot(key);
    if (this.slots[2 * i] === 0) this.size++;
    this.slots[2 * i] = key;
    this.slots[2 * i + 1] = value;
  }

  /** Its whole state, for the tables file the build writes (typo-tables-file.ts). */
  state(): { slots: Uint32Array; size: number } {
    return { slots: this.slots, size: this.size };
  }

  /** A table in the state `state()` gave, its slots used as they are (no copy). */
  static restore(slots: Uint32Array, size: number): HashTable {
    const t = new HashTable(0);
    t.slots = slots;
    const bits = Math.log2(slots.length / 2);
    t.mask = (1 << bits) - 1;
    t.shift = 32 - bits;
    t.size = size;
    return t;
  }

  forEachKey(fn: (key: number) => void): void {
    for (let i = 0; i < this.slots.length; i += 2) if (this.slots[i] !== 0) fn(this.slots[i]);
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = this.slots.length / 2 - 1;
    this.shift--;
    for (let k = 0; k < old.length; k += 2) {
      if (old[k] === 0) continue;
      const j = this.slot(old[k]);
      this.slots[2 * j] = old[k];
      this.slots[2 * j + 1] = old[k + 1];
    }
  }
}

/** Flag of a typo bigram made of two frequent one-character words: only the word model can report it. */
const WEAK = 1 << 24;

/**
 * The word model: where the hand rules of `confirmed` doubt a suspect (it begins with 市 or 本, a neighbour makes a
 * word with one of its characters: 加大部暑力度 has 大部, 做好会义工作 has 义工), it is still reported when the best
 * segmentation of its neighbourhood into dictionary words — jieba's own unigram model, each word weighing log2 of
 * its frequency — is at least this many bits (2^12 times) more likely with the correction than as written.
 */
export const MODEL_MARGIN = 12;
/**
 * A weak pair (two frequent one-character words side by side: 建没, 意建, 管里 — usually two words, 可向) needs the
 * context rules and this margin, or the model alone with MODEL_MARGIN + 2. Chosen on the dev half of the corpus
 * and the district gazette (real text without typos), never on the test half.
 */
export const WEAK_MARGIN = 10;
/** log2 of the total count of jieba's corpus: a word of class c has probability about 2^(c - TOTAL_CLASS). */
const TOTAL_CLASS = 26;
/** A character that is no word by itself: rarer than any word. */
const NO_WORD = -TOTAL_CLASS - 4;
/** Class given to a longer word of the protect list (no frequency is shipped for those). */
const LONGER_CLASS = 8;
/** Characters of context on each side that the word model segments. */
const REACH = 4;

/** log2 of the bits in the prefilter: 2^23 bits (1 MB) for ~860k typo bigrams lets ~10 % of misses through. */
const FILTER_BITS = 23;

/** The bits a key sets in its word of the prefilter: three bits in one 32-bit word (one memory access per probe),
 *  from a second hash (the first one picks the word). Lets through ~3 % of the non-typo bigrams, one bit ~8 %. */
function filterBits(key: number): number {
  const g = Math.imul(key, 0xcc9e2d51);
  return (1 << (g >>> 27)) | (1 << ((g >>> 22) & 31)) | (1 << ((g >>> 17) & 31));
}

function bigram(a: number, b: number): number {
  return ((a << 16) | b) >>> 0;
}

/** The typo bigrams of a model: key → (right character) | (position of the swap) << 16 | (class of the word) << 17. */
export function buildTypoTables(m: TypoModel): Tables {
  const n = m.words.length / 3;
  const words = new HashTable(n);
  for (let k = 0; k < m.words.length; k += 3) {
    words.set(bigram(m.words.charCodeAt(k), m.words.charCodeAt(k + 1)), Number.parseInt(m.words[k + 2], 36));
  }
  const known = new Set<number>();
  for (const term of knownTerms()) {
    for (let k = 0; k + 1 < term.length; k++) {
      const key = bigram(term.charCodeAt(k), term.charCodeAt(k + 1));
      if (!isHan(term.charCodeAt(k)) || !isHan(term.charCodeAt(k + 1))) continue;
      known.add(key);
      if (words.get(key) < 0) words.set(key, 0);
    }
  }
  const single = new Uint8Array(0x10000);
  for (let k = 0; k + 1 < m.chars.length; k += 2)
    single[m.chars.charCodeAt(k)] = Number.parseInt(m.chars[k + 1], 36) + 1;
  const never = new Uint8Array(0x10000);
  for (const c of NEVER_SWAPPED) never[c.charCodeAt(0)] = 1;
  for (const c of '〇零一二三四五六七八九十百千万亿两') never[c.charCodeAt(0)] = 1;
  const confusable = new Map<number, string>();
  for (const entry of m.confusable.split(' ')) if (entry) confusable.set(entry.charCodeAt(0), entry.slice(1));
  // A fuzzy-same syllable is swapped in only when it makes the phrase offensive (视察 → 死察).
  for (const entry of m.fuzzy.split(' ')) {
    const bad = [...entry.slice(1)].filter((c) => OFFENSIVE.has(c)).join('');
    if (bad) confusable.set(entry.charCodeAt(0), (confusable.get(entry.charCodeAt(0)) ?? '') + bad);
  }
  const typos = new HashTable(n * 8);
  for (let k = 0; k < m.words.length; k += 3) {
    const cls = Number.parseInt(m.words[k + 2], 36);
    if (cls < MIN_TARGET_CLASS) continue;
    const a = m.words.charCodeAt(k);
    const b = m.words.charCodeAt(k + 1);
    for (let pos = 0; pos < 2; pos++) {
      const right = pos === 0 ? a : b;
      if (never[a] || never[b]) break;
      const others = confusable.get(right) ?? '';
      for (let j = 0; j < others.length; j++) {
        const c = others.charCodeAt(j);
        if (never[c]) continue;
        const key = pos === 0 ? bigram(c, b) : bigram(a, c);
        // Never reported, so never stored: a place name's end (东溪镇). Two frequent one-character words (可向) are
        // stored as weak: reported only when the word model finds the corrected form far more likely (应即摆在).
        if (pos === 0 && NAME_END[b]) continue;
        const weak = single[pos === 0 ? b : a] > STANDALONE_CLASS && single[c] > STANDALONE_CLASS ? WEAK : 0;
        // Any jieba word, however rare, is a word (经纪, 执业, 密级): its corpus is older than much of today's vocabulary.
        // Except one seen at most 2^RARE_WORD_CLASS times (干布: noise of jieba's corpus, or a proper noun it
        // capped there) one swap from a word 2^MODEL_MARGIN times as frequent — unless the engine's own names and
        // terms (应勇) hold it.
        const seen = words.get(key);
        const rareNoise = seen <= RARE_WORD_CLASS && cls >= RARE_WORD_CLASS + MODEL_MARGIN && !known.has(key);
        if (seen >= 0 && !rareNoise) continue;
        const had = typos.get(key);
        if (had >= 0 && ((had >>> 17) & 63) >= cls) continue;
        typos.set(key, right | (pos << 16) | (cls << 17) | weak);
      }
    }
  }
  const maybe = new Uint32Array(1 << (FILTER_BITS - 5));
  typos.forEachKey((key) => {
    maybe[Math.imul(key, 0x85ebca6b) >>> (37 - FILTER_BITS)] |= filterBits(key);
  });
  const protect = new Set(m.protect.split(' ').filter(Boolean));
  const protectHead = new HashTable(protect.size);
  const protectFirst = new Uint8Array(0x10000);
  for (const w of protect) {
    protectHead.set(bigram(w.charCodeAt(0), w.charCodeAt(1)), 1);
    protectFirst[w.charCodeAt(0)] = 1;
  }
  return { maybe, words, single, typos, protect, protectHead, protectFirst };
}

let tables: Tables | undefined;
let sets: Map<string, string> | undefined;

/** a and b sound or look alike (the confusion sets of the shipped model, either way round). */
export function confusable(a: string, b: string): boolean {
  if (!sets) {
    sets = new Map();
    const m = model as TypoModel;
    for (const entry of `${m.confusable} ${m.fuzzy}`.split(' ')) {
      if (entry) sets.set(entry[0], (sets.get(entry[0]) ?? '') + entry.slice(1));
    }
  }
  return a !== b && ((sets.get(a)?.includes(b) ?? false) || (sets.get(b)?.includes(a) ?? false));
}

/**
 * On first use, so that importing the engine costs nothing: read from the file the build wrote beside the compiled
 * code (typo-tables-file.ts; a few milliseconds), or built from the model (about 0.3 s of CPU) when running the
 * sources.
 */
export function typoTables(): Tables {
  return (tables ??= readTablesFile<Tables>(HashTable.restore) ?? buildTypoTables(model as TypoModel));
}

export function findTypos(text: string, t: Tables = typoTables()): RawFinding[] {
  const out: RawFinding[] = [];
  const { typos, maybe } = t;
  const shift = 37 - FILTER_BITS;
  let a = text.length > 0 ? text.charCodeAt(0) : 0;
  for (let i = 0; i + 1 < text.length; i++) {
    const b = text.charCodeAt(i + 1);
    if (a >= 0x4e00 && b >= 0x4e00 && a <= 0x9fff && b <= 0x9fff) {
      const key = ((a << 16) | b) >>> 0;
      const bits = filterBits(key);
      if ((maybe[Math.imul(key, 0x85ebca6b) >>> shift] & bits) === bits) {
        const v = typos.get(key);
        if (
          v >= 0
          && ((v & WEAK) === 0
            ? confirmed(text, i, t) || likelier(text, i, v, t, MODEL_MARGIN)
            : gainBound(text, i, v, t) >= WEAK_MARGIN
              && likelier(text, i, v, t, confirmed(text, i, t) ? WEAK_MARGIN : MODEL_MARGIN + 2))
        )
          out.push(report(text, i, v));
      }
    }
    a = b;
  }
  return out.length > 0 ? notTermsOfTheText(text, out) : out;
}

/**
 * A suspect written the same way several times in one text, more often than the corrected word (科创板 ×4 and 创办
 * once, 众创空间 ×7) is a term of that text, not a slip: slips rarely repeat, and a text that writes 部暑 twice
 * usually writes 部署 more often.
 */
function notTermsOfTheText(text: string, found: RawFinding[]): RawFinding[] {
  // Every suspect and every suggestion is two characters: counted by bigram key, without cutting strings.
  const count = new HashTable(found.length);
  for (const f of found) {
    const key = bigram(text.charCodeAt(f.start), text.charCodeAt(f.start + 1));
    count.set(key, Math.max(0, count.get(key)) + 1);
  }
  // The suggestions of repeated suspects, counted in one pass over the text (an indexOf per suggestion walked the
  // whole text once each); flags of their first and second characters keep most positions from a lookup.
  const occurrences = new HashTable(found.length);
  const first = new Uint8Array(0x10000);
  const second = new Uint8Array(0x10000);
  for (const f of found) {
    if (count.get(bigram(text.charCodeAt(f.start), text.charCodeAt(f.start + 1))) < 2) continue;
    const a = f.suggestion.charCodeAt(0);
    const b = f.suggestion.charCodeAt(1);
    occurrences.set(bigram(a, b), 0);
    first[a] = 1;
    second[b] = 1;
  }
  if (occurrences.size > 0) {
    let a = text.charCodeAt(0);
    for (let i = 1; i < text.length; i++) {
      const b = text.charCodeAt(i);
      if (first[a] !== 0 && second[b] !== 0) {
        const n = occurrences.get(bigram(a, b));
        if (n >= 0) occurrences.set(bigram(a, b), n + 1);
      }
      a = b;
    }
  }
  return found.filter((f) => {
    const n = count.get(bigram(text.charCodeAt(f.start), text.charCodeAt(f.start + 1)));
    return n < 2 || occurrences.get(bigram(f.suggestion.charCodeAt(0), f.suggestion.charCodeAt(1))) > n;
  });
}

/** The findings that overlap none of `others` (both in text order or not: others is small). */
export function outside(found: RawFinding[], others: RawFinding[]): RawFinding[] {
  if (found.length === 0 || others.length === 0) return found;
  return found.filter((f) => !others.some((o) => o.start < f.end && f.start < o.end));
}

/** The context agrees that text[i, i + 2) is one word written wrong. */
function confirmed(text: string, i: number, t: Tables): boolean {
  const { words } = t;
  const before = i > 0 ? text.charCodeAt(i - 1) : 0;
  const after = i + 2 < text.length ? text.charCodeAt(i + 2) : 0;
  if (STANDS_BEFORE[text.charCodeAt(i)]) return false;
  if (isHan(before) && words.get(bigram(before, text.charCodeAt(i))) >= 0) return false;
  if (isHan(after) && words.get(bigram(text.charCodeAt(i + 1), after)) >= 0) return false;
  return plausible(text, i, t);
}

/** What no word model overrides: the suspect sits in known text, is no name, no quoted coinage, no longer word. */
function plausible(text: string, i: number, t: Tables): boolean {
  const { words, single, protect, protectHead, protectFirst } = t;
  const before = i > 0 ? text.charCodeAt(i - 1) : 0;
  const after = i + 2 < text.length ? text.charCodeAt(i + 2) : 0;
  // 吴邦郭家: a name before 家 or 某, which the word model cannot know.
  if (STANDS_AFTER[text.charCodeAt(i + 1)]) return false;
  // The neighbours are known words (做好部暑工作): an unknown two-character island inside known text. Coined terms
  // and names come with other unknown characters around them (科创板挂牌, 戚发轫院士, 旗能电铝).
  if (isHan(before) && single[before] <= BOUNDARY_CLASS) {
    if (i < 2 || words.get(bigram(text.charCodeAt(i - 2), before)) < 0) return false;
  }
  if (isHan(after) && single[after] <= BOUNDARY_CLASS) {
    if (i + 3 >= text.length || words.get(bigram(after, text.charCodeAt(i + 3))) < 0) return false;
  }
  if (NAME_END[after]) return false;
  if (inShortQuote(text, i)) return false;
  if (SURNAME[before]) {
    // 李申清: a surname that does not end a word (关于 ends with 于, 由于申清 is still a typo).
    const prev = i > 1 ? text.charCodeAt(i - 2) : 0;
    if (!(isHan(prev) && words.get(bigram(prev, before)) >= 0)) return false;
  }
  for (let s = Math.max(0, i - 2); s <= i; s++) {
    if (s + 1 >= text.length || !protectFirst[text.charCodeAt(s)]) continue;
    if (protectHead.get(bigram(text.charCodeAt(s), text.charCodeAt(s + 1))) < 0) continue;
    for (let len = 3; len <= 4; len++) {
      if (s + len >= i + 2 && s + len <= text.length && protect.has(text.slice(s, s + len))) return false;
    }
  }
  return true;
}

/**
 * The corrected text is at least `margin` bits more likely than the written one in the word model, and the
 * suspect is plausible as a slip (see `plausible`).
 */
function likelier(text: string, i: number, v: number, t: Tables, margin: number): boolean {
  return gainBound(text, i, v, t) >= margin && plausible(text, i, t) && gain(text, i, v, t) >= margin;
}

/**
 * An upper bound of `gain`, in a few lookups: take the best corrected segmentation and write the word through the
 * swapped character as single characters — a segmentation of the written text. So the gain is at most the best
 * word through that character minus its characters as written singles. Most suspects stop here.
 */
function gainBound(text: string, i: number, v: number, t: Tables): number {
  const { words, single, protectHead, protectFirst } = t;
  const p = i + ((v >>> 16) & 1);
  const y = v & 0xffff;
  const x = text.charCodeAt(p);
  // A longer word of the protect list through p: no cheap bound, let the model decide. (No closures here: this runs
  // for every suspect, and a closure per call costs more than the lookups.)
  for (let s = Math.max(0, p - 3); s <= p && s + 1 < text.length; s++) {
    const c0 = s === p ? y : text.charCodeAt(s);
    const c1 = s + 1 === p ? y : text.charCodeAt(s + 1);
    if (protectFirst[c0] && isHan(c1) && protectHead.get(bigram(c0, c1)) >= 0) return Infinity;
  }
  const written = wordScore(single, x);
  let bound = wordScore(single, y) - written;
  // The suspect corrected is the target word, whose class `v` carries: only the word on the outer side is looked up.
  const target = ((v >>> 17) & 63) - TOTAL_CLASS - written;
  if (p === i) {
    bound = Math.max(bound, target - wordScore(single, text.charCodeAt(i + 1)));
    const left = p > 0 ? text.charCodeAt(p - 1) : 0;
    if (isHan(left)) {
      const cls = words.get(bigram(left, y));
      if (cls >= 0) bound = Math.max(bound, cls - TOTAL_CLASS - wordScore(single, left) - written);
    }
  } else {
    bound = Math.max(bound, target - wordScore(single, text.charCodeAt(i)));
    const right = p + 1 < text.length ? text.charCodeAt(p + 1) : 0;
    if (isHan(right)) {
      const cls = words.get(bigram(y, right));
      if (cls >= 0) bound = Math.max(bound, cls - TOTAL_CLASS - written - wordScore(single, right));
    }
  }
  return bound;
}

/** log2 probability of a character as a word by itself (NO_WORD when it is none). */
function wordScore(single: Uint8Array, c: number): number {
  return single[c] > 0 ? single[c] - 1 - TOTAL_CLASS : NO_WORD;
}

/** Scratch space of the word model: the characters around a suspect, the class of the word each pair of neighbours
 *  makes (-1: none), and the best score up to each character. */
const WINDOW = new Uint16Array(2 + 2 * REACH);
const PAIR = new Int32Array(2 + 2 * REACH);
const BEST = new Float64Array(3 + 2 * REACH);

/** Bits of likelihood the correction `v` gains in the word model over the few characters around text[i, i + 2). */
function gain(text: string, i: number, v: number, t: Tables): number {
  const { words } = t;
  let lo = i;
  while (lo > 0 && lo > i - REACH && isHan(text.charCodeAt(lo - 1))) lo--;
  let hi = i + 2;
  while (hi < text.length && hi < i + 2 + REACH && isHan(text.charCodeAt(hi))) hi++;
  const n = hi - lo;
  for (let k = 0; k < n; k++) WINDOW[k] = text.charCodeAt(lo + k);
  for (let k = 0; k + 1 < n; k++) PAIR[k] = words.get(bigram(WINDOW[k], WINDOW[k + 1]));
  const written = segmentScore(WINDOW, n, t);
  // Only the two pairs through the swapped character change: the other words are looked up once for both.
  const q = i - lo + ((v >>> 16) & 1);
  WINDOW[q] = v & 0xffff;
  if (q > 0) PAIR[q - 1] = words.get(bigram(WINDOW[q - 1], WINDOW[q]));
  if (q + 1 < n) PAIR[q] = words.get(bigram(WINDOW[q], WINDOW[q + 1]));
  return segmentScore(WINDOW, n, t) - written;
}

/**
 * log2 probability of the best segmentation of cs[0, n) into words (a unigram model, as jieba segments); PAIR[k] is
 * the class of the word cs[k, k + 2).
 */
function segmentScore(cs: Uint16Array, n: number, t: Tables): number {
  const { single, protect, protectHead, protectFirst } = t;
  BEST.fill(-Infinity, 0, n + 1);
  BEST[0] = 0;
  for (let k = 0; k < n; k++) {
    const here = BEST[k];
    const one = single[cs[k]];
    const step = here + (one > 0 ? one - 1 - TOTAL_CLASS : NO_WORD);
    if (step > BEST[k + 1]) BEST[k + 1] = step;
    if (k + 1 >= n) continue;
    const cls = PAIR[k];
    if (cls >= 0 && here + cls - TOTAL_CLASS > BEST[k + 2]) BEST[k + 2] = here + cls - TOTAL_CLASS;
    // Longer words: only where a word of the protect list begins with these two characters.
    if (k + 2 < n && protectFirst[cs[k]] && protectHead.get(bigram(cs[k], cs[k + 1])) >= 0) {
      const three = String.fromCharCode(cs[k], cs[k + 1], cs[k + 2]);
      if (protect.has(three)) BEST[k + 3] = Math.max(BEST[k + 3], here + LONGER_CLASS - TOTAL_CLASS);
      if (k + 3 < n && protect.has(three + String.fromCharCode(cs[k + 3])))
        BEST[k + 4] = Math.max(BEST[k + 4], here + LONGER_CLASS - TOTAL_CLASS);
    }
  }
  return BEST[n];
}

/** Inside a short quoted term (“中国智造”, “两区一园一基地”): a coined name, quoted as such. Looks at most 12
 *  characters each way (an unbounded lastIndexOf would walk back over the whole text at every suspect). */
function inShortQuote(text: string, i: number): boolean {
  let open = -1;
  for (let k = i - 1; k >= 0 && k >= i - 12; k--) {
    const c = text.charCodeAt(k);
    if (c === 0x201d) return false;
    if (c === 0x201c) {
      open = k;
      break;
    }
  }
  if (open < 0) return false;
  for (let k = i + 2; k < text.length && k <= open + 16; k++) if (text.charCodeAt(k) === 0x201d) return true;
  return false;
}

function report(text: string, i: number, v: number): RawFinding {
  const written = text.slice(i, i + 2);
  const pos = (v >>> 16) & 1;
  const right = String.fromCharCode(v & 0xffff);
  const suggestion = pos === 0 ? right + written[1] : written[0] + right;
  const offensive = OFFENSIVE.has(written[pos]) && !OFFENSIVE.has(right);
  return finding(
    offensive ? 'misspelling.offensive' : 'misspelling.confusable',
    'misspelling',
    offensive ? 'serious' : 'warning',
    i,
    i + 2,
    offensive
      ? `错别字（造成不雅或冒犯的表述）：“${written}”应为“${suggestion}”`
      : `疑似错别字（音近或形近）：“${written}”应为“${suggestion}”（“${written[pos]}”应为“${right}”）`,
    suggestion,
  );
}
