// 领导人姓名: a leader's name with one character changed for one that sounds or looks alike (江泽明 for 江泽民,
// 朱熔基 for 朱镕基), checked against a dated list of former and current national leaders and the provinces' party
// secretaries and governors (data/leaders-dated.json, source and date per entry); and an office held by one person
// put in front of another's name (国家主席李强). Both are 严重表述错误 (serious).
//
// A changed given-name character must be a confusable one (same or fuzzy-same syllable, or same phonetic part:
// typo.ts's confusion sets), and the name must be confirmed by its context — one of the leader's titles or a rank
// they carry nearby, or the correct name elsewhere in the text — because a look-alike of a three-character name is
// common among ordinary people (王晓宁, 李国强). A changed surname, and any change in a two-character name, is
// reported only right after one of the leader's own titles (国务院总理李朋).
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
  // Any name character starts a probe: the surname (a given-name character changed) or the first given-name
  // character (the surname changed). A flag per UTF-16 unit keeps the scan to one array read per character.
  const first = new Uint8Array(0x10000);
  const bySurname = new Map<number, DatedLeader[]>();
  const byGiven = new Map<number, DatedLeader[]>();
  const push = (m: Map<number, DatedLeader[]>, k: number, l: DatedLeader) => {
    const list = m.get(k);
    if (list) list.push(l);
    else m.set(k, [l]);
  };
  for (const l of all) {
    first[l.name.charCodeAt(0)] = 1;
    push(bySurname, l.name.charCodeAt(0), l);
    first[l.name.charCodeAt(1)] = 1;
    push(byGiven, l.name.charCodeAt(1), l);
  }
  const titlesByLength = [...new Set(exclusiveTitles)].sort((a, b) => b.length - a.length);

  function nearMisses(text: string, out: RawFinding[]): void {
    const seen = new Set<number>();
    for (let i = 0; i + 1 < text.length; i++) {
      const c = text.charCodeAt(i);
      if (first[c] === 0) continue;
      for (const l of bySurname.get(c) ?? []) {
        const at = givenNameChanged(text, i, l.name);
        if (at >= 0 && !seen.has(i) && confirmedByContext(text, i, l, at, byName)) {
          seen.add(i);
          out.push(nameFinding(text, i, l, at));
        }
      }
      if (i === 0) continue;
      for (const l of byGiven.get(c) ?? []) {
        const s = i - 1;
        if (seen.has(s) || !sameAt(text, i, l.name, 1) || text[s] === l.name[0]) continue;
        if (!confusable(text[s], l.name[0]) || byName.has(text.slice(s, s + l.name.length))) continue;
        if (!afterOwnTitle(text, s, l)) continue;
        seen.add(s);
        out.push(nameFinding(text, s, l, s));
      }
    }
  }

  /** 国家主席李强: an office only certain people held, right before a listed leader who never held it. */
  function wrongTitles(text: string, out: RawFinding[]): void {
    for (const title of titlesByLength) {
      for (let at = text.indexOf(title); at >= 0; at = text.indexOf(title, at + 1)) {
        const s = at + title.length;
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
  }

  return {
    find(text) {
      const out: RawFinding[] = [];
      nearMisses(text, out);
      wrongTitles(text, out);
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
    if (at >= 0 || !confusable(text[s + k], name[k])) return -1;
    at = s + k;
  }
  return at;
}

function sameAt(text: string, at: number, name: string, from: number): boolean {
  for (let k = from; k < name.length; k++) if (text.charCodeAt(at + k - from) !== name.charCodeAt(k)) return false;
  return true;
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
