// 领导人姓名: a leader's name with one character changed for one that sounds or looks alike (江泽明 for 江泽民,
// 朱熔基 for 朱镕基), checked against a dated list of former and current national leaders and the provinces' party
// secretaries and governors (data/leaders-dated.json, source and date per entry); and an office held by one person
// put in front of another's name (国家主席李强). Both are 严重表述错误 (serious).
//
// A changed given-name character must be a confusable one (same or fuzzy-same syllable, or same phonetic part:
// typo.ts's confusion sets), and the name must be confirmed by its context — one of the leader's titles or a rank
// they carry nearby, or the correct name elsewhere in the text — because a look-alike of a three-character name is
// common among ordinary people (王晓宁, 李国强). A changed surname (three-character names only), and any change in a
// two-character name, is reported only right after one of the leader's own titles (国务院总理李朋).
import { isHan } from './chars.ts';
import leaderData from './data/leaders-dated.json' with { type: 'json' };
import { finding, type RawFinding } from './model.ts';
import { confusable } from './typo.ts';

export interface DatedLeader {
  name: string;
  titles: string[];
  level?: string;
  period?: string;
  source?: string;
  asOf?: string;
}

interface LeaderFile {
  exclusiveTitles: string[];
  entries: DatedLeader[];
}

const RANK_WORDS = /书记|主席|副总理|总理|委员长|省长|市长|主任|部长/g;

const EXCLUSIVE_END = 1;
const NAME_CHAR = 2;

export interface LeaderChecker {
  find(text: string): RawFinding[];
}

export function buildLeaderChecker(
  leaders: DatedLeader[] = (leaderData as LeaderFile).entries,
  exclusiveTitles: string[] = (leaderData as LeaderFile).exclusiveTitles,
): LeaderChecker {
  const byName = new Map<string, DatedLeader>();
  for (const l of leaders) {
    if (!l.name || [...l.name].some((c) => !isHan(c.charCodeAt(0)))) continue;
    const had = byName.get(l.name);
    if (had) had.titles = [...new Set([...had.titles, ...l.titles])];
    else byName.set(l.name, { ...l, titles: [...l.titles] });
  }
  const all = [...byName.values()].filter((l) => l.name.length === 2 || l.name.length === 3);
  // A name is probed where two of its characters are: the surname with either given-name character (a given-name
  // character changed), or both given-name characters of a three-character name (the surname changed). Flags per
  // UTF-16 unit keep the scan to a few array reads per character; most characters stop at the first.
  const surname = new Uint8Array(0x10000);
  const given1 = new Uint8Array(0x10000);
  const given2 = new Uint8Array(0x10000);
  const bySurname = new Map<number, DatedLeader[]>();
  const byGiven = new Map<number, DatedLeader[]>();
  const push = (m: Map<number, DatedLeader[]>, k: number, l: DatedLeader) => {
    const list = m.get(k);
    if (list) list.push(l);
    else m.set(k, [l]);
  };
  // Two-character names are probed only right after the last character of one of their titles (总理李朋).
  const titleEnd = new Uint8Array(0x10000);
  const twoBySurname = new Map<number, DatedLeader[]>();
  const surname2 = new Uint8Array(0x10000);
  for (const l of all) {
    if (l.name.length === 2) {
      for (const t of l.titles) titleEnd[t.charCodeAt(t.length - 1)] = 1;
      push(twoBySurname, l.name.charCodeAt(0), l);
      surname2[l.name.charCodeAt(0)] = 1;
      continue;
    }
    surname[l.name.charCodeAt(0)] = 1;
    given1[l.name.charCodeAt(1)] = 1;
    given2[l.name.charCodeAt(2)] = 1;
    push(bySurname, l.name.charCodeAt(0), l);
    push(byGiven, l.name.charCodeAt(1), l);
  }
  const titlesByLength = [...new Set(exclusiveTitles)].sort((a, b) => b.length - a.length);
  // One pass for all offices: only where a character ends one of them (席, 理, 长, 记) is the text compared.
  const flags = new Uint8Array(0x10000);
  for (const t of titlesByLength) flags[t.charCodeAt(t.length - 1)] |= EXCLUSIVE_END;
  for (let c = 0; c < 0x10000; c++) if (surname[c] | surname2[c] | given1[c]) flags[c] |= NAME_CHAR;

  /** One pass: every character is looked up in one table of flags; the rare flagged ones get a closer look. */
  function scan(text: string, out: RawFinding[]): void {
    const probe = flags;
    const n = text.length;
    let last = -1; // start of the last name reported: one finding per place
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const f = probe[c];
      if (f === 0) continue;
      if ((f & EXCLUSIVE_END) !== 0) wrongTitle(text, i, out);
      if (i + 1 >= n) break;
      const next = text.charCodeAt(i + 1);
      if (surname[c] === 1 && (given1[next] === 1 || given2[text.charCodeAt(i + 2) | 0] === 1)) {
        for (const l of bySurname.get(c)!) {
          const at = givenNameChanged(text, i, l.name);
          if (at >= 0 && i > last && confirmedByContext(text, i, l, at, byName)) {
            last = i;
            out.push(nameFinding(text, i, l, at));
          }
        }
      }
      if (
        surname2[c] === 1
        && (titleEnd[text.charCodeAt(i - 1) | 0] === 1 || titleEnd[text.charCodeAt(i - 2) | 0] === 1)
      ) {
        for (const l of twoBySurname.get(c)!) {
          const at = givenNameChanged(text, i, l.name);
          if (at >= 0 && i > last && confirmedByContext(text, i, l, at, byName)) {
            last = i;
            out.push(nameFinding(text, i, l, at));
          }
        }
      }
      // 姜泽民: the two given-name characters right, the surname a look-alike, right after the leader's own title.
      if (i > 0 && given1[c] === 1 && given2[next] === 1 && i - 1 > last) {
        for (const l of byGiven.get(c) ?? []) {
          const s = i - 1;
          if (next !== l.name.charCodeAt(2) || text[s] === l.name[0] || !confusable(text[s], l.name[0])) continue;
          if (byName.has(text.slice(s, s + 3)) || !afterOwnTitle(text, s, l)) continue;
          last = s;
          out.push(nameFinding(text, s, l, s));
        }
      }
    }
  }

  /** 国家主席李强: an office only certain people held, right before a listed leader who never held it. */
  function wrongTitle(text: string, e: number, out: RawFinding[]): void {
    {
      // A plain loop, no closure: this runs wherever 长, 理 or 记 ends a word.
      let title = '';
      for (const t of titlesByLength) {
        if (e + 1 >= t.length && text.startsWith(t, e + 1 - t.length)) {
          title = t;
          break;
        }
      }
      if (!title) return;
      const at = e + 1 - title.length;
      const s = e + 1;
      for (const len of [3, 2]) {
        const l = byName.get(text.slice(s, s + len));
        if (!l) continue;
        if (l.titles.some((t) => t === title || t.includes(title))) break;
        const holders = all.filter((h) => h.titles.includes(title)).map((h) => h.name);
        out.push(
          finding(
            'expression.leader-title',
            'expression',
            'serious',
            at,
            s + len,
            `严重表述错误：${l.name}未曾任“${title}”（任此职的有：${holders.join('、')}）`,
            '',
          ),
        );
        break;
      }
    }
  }

  return {
    find(text) {
      const out: RawFinding[] = [];
      scan(text, out);
      return out;
    },
  };
}

/** text[s…] is name with exactly one given-name character replaced by a confusable one: that offset, else -1. */
function givenNameChanged(text: string, s: number, name: string): number {
  if (s + name.length > text.length) return -1;
  let at = -1;
  for (let k = 1; k < name.length; k++) {
    if (text.charCodeAt(s + k) === name.charCodeAt(k)) continue;
    if (at >= 0) return -1;
    at = s + k;
  }
  // Compared by code first: the confusion sets are looked up only for one differing character.
  return at >= 0 && confusable(text[at], name[at - s]) ? at : -1;
}

function confirmedByContext(
  text: string,
  s: number,
  l: DatedLeader,
  at: number,
  byName: Map<string, DatedLeader>,
): boolean {
  const written = text.slice(s, s + l.name.length);
  if (byName.has(written)) return false;
  if (l.name.length === 2) return afterOwnTitle(text, s, l);
  // Inside a longer run of name characters (江泽明 in 江泽明珠) the three characters are not a name at all.
  const around = text.slice(Math.max(0, s - 24), s + l.name.length + 24);
  if (l.titles.some((t) => around.includes(t))) return true;
  const ranks = l.titles.flatMap((t) => t.match(RANK_WORDS) ?? []);
  if (ranks.some((r) => around.includes(r))) return true;
  return at >= 0 && text.includes(l.name);
}

/** One of the leader's own titles ends right before the name (at most 同志-like filler of two characters). */
function afterOwnTitle(text: string, s: number, l: DatedLeader): boolean {
  const before = text.slice(Math.max(0, s - 16), s);
  return l.titles.some((t) => t.length >= 3 && (before.endsWith(t) || before.slice(0, -1).endsWith(t)));
}

function nameFinding(text: string, s: number, l: DatedLeader, at: number): RawFinding {
  const written = text.slice(s, s + l.name.length);
  const k = at - s;
  return finding(
    'expression.leader-name',
    'expression',
    'serious',
    s,
    s + l.name.length,
    `严重表述错误：领导人姓名“${written}”应为“${l.name}”（“${written[k]}”应为“${l.name[k]}”）`,
    l.name,
  );
}
