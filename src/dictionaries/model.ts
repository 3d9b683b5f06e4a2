// 智能校对词典 (admin-edited dictionaries): 本区单位 (district units), 领导人姓名、职务 (leaders and titles) and
// 自定义词库 (custom lexicon). Pure: the entry types, their input rules with zh-CN messages naming the field, and
// the CheckOptions they become (merged by src/checks with its shipped data).
import type { CheckOptions, LexiconCategory, Severity } from '../checks/model.ts';
import { invalid } from '../platform/errors.ts';
import { optionalText, requireOneOf, requireText } from '../org/acting.ts';

export const DICTIONARY_KINDS = ['units', 'leaders', 'lexicon'] as const;
export type DictionaryKind = (typeof DICTIONARY_KINDS)[number];

export const LEXICON_CATEGORIES: readonly LexiconCategory[] = ['banned', 'sensitive', 'advertising'];
export const SEVERITIES: readonly Severity[] = ['serious', 'error', 'warning', 'info'];

export interface DictUnit {
  id: string;
  name: string; // full name: 重庆市綦江区科学技术局
  shortNames: string[]; // accepted shorter forms: 綦江区科学技术局
}

export interface DictLeader {
  id: string;
  name: string;
  titles: string[];
  unitId: string | null; // a 本区单位 entry: this leader leads it; null for national and municipal leaders
}

export interface LexiconWord {
  id: string;
  word: string;
  category: LexiconCategory;
  severity: Severity;
  note: string | null;
}

export interface Dictionaries {
  units: DictUnit[];
  leaders: DictLeader[];
  lexicon: LexiconWord[];
}

export type UnitFields = Omit<DictUnit, 'id'>;
export type LeaderFields = Omit<DictLeader, 'id'>;
export type WordFields = Omit<LexiconWord, 'id'>;

/** The admin's dictionaries as the checker's options; the shipped data stays (src/checks merges both). */
export function toCheckOptions(d: Dictionaries): CheckOptions {
  return {
    units: d.units.map((u) => ({ name: u.name, short: u.shortNames })),
    leaders: d.leaders.map((l) => ({ name: l.name, titles: l.titles })),
    lexicon: d.lexicon.map((w) => ({
      word: w.word,
      category: w.category,
      severity: w.severity,
      ...(w.note ? { note: w.note } : {}),
    })),
  };
}

/** A list of short texts: trimmed, without blanks or repeats; 400 naming the field otherwise. */
function textList(field: string, label: string, value: unknown, max: number, maxItems: number): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(field, `${label}须为列表`);
  const items = value.map((v, i) => requireText(`${field}.${i}`, label, v, max));
  if (items.length > maxItems) throw invalid(field, `${label}最多 ${maxItems} 项`);
  return [...new Set(items)];
}

// Names are matched character for character, so a space inside one is a typing mistake, never a name.
function nameText(field: string, label: string, value: unknown, max: number): string {
  const text = requireText(field, label, value, max);
  if (/\s/.test(text)) throw invalid(field, `${label}中不能有空格`);
  return text;
}

export function unitFields(input: { name?: unknown; shortNames?: unknown }): UnitFields {
  const name = nameText('name', '单位全称', input.name, 100);
  const shortNames = textList('shortNames', '单位简称', input.shortNames, 50, 20).filter((s) => s !== name);
  return { name, shortNames };
}

export function leaderFields(input: { name?: unknown; titles?: unknown; unitId?: unknown }): LeaderFields {
  const name = nameText('name', '领导人姓名', input.name, 20);
  const titles = textList('titles', '职务', input.titles, 50, 20);
  if (titles.length === 0) throw invalid('titles', '请填写至少一个职务');
  const unitId = optionalText('unitId', '所属单位', input.unitId, 64);
  return { name, titles, unitId };
}

export function wordFields(input: {
  word?: unknown;
  category?: unknown;
  severity?: unknown;
  note?: unknown;
}): WordFields {
  return {
    word: requireText('word', '词语', input.word, 50),
    category: requireOneOf('category', '词语类别', input.category, LEXICON_CATEGORIES),
    severity: requireOneOf('severity', '严重程度', input.severity, SEVERITIES),
    note: optionalText('note', '说明', input.note, 200),
  };
}
