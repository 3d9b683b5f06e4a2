// 重大行政决策事项目录 (条例 §4; 337号; 63号 五): one per year and level, with 序号, 类别, 决策事项, 承办单位,
// 计划决策时间 (a month) and 备注. Pure: reading the table pasted from the 印发 notice, and checking an entry.
import { type AppError, invalid } from '../platform/errors.ts';

export interface CatalogEntry {
  seq: number; // 序号
  category: string; // 类别
  title: string; // 决策事项
  leadUnit: string; // 承办单位
  plannedMonth: string; // 计划决策时间, YYYY-MM
  note: string; // 备注
}

const MONTH_RE = /^(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?$|^(\d{4})[-./](\d{1,2})$/;

/** "2022年1月", "2022-01", "2022.1" → "2022-01"; null when it is not a month. */
export function parseMonth(text: string): string | null {
  const m = MONTH_RE.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2] ?? m[4]);
  if (month < 1 || month > 12) return null;
  return `${m[1] ?? m[3]}-${String(month).padStart(2, '0')}`;
}

export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** Whitespace inside a table cell is layout (the seed breaks "区级专项规 划" across lines), never content. */
const cell = (text: string | undefined) => (text ?? '').replace(/\s+/g, '');

/**
 * The 目录 as pasted from the notice (or a spreadsheet): one item a line, cells separated by tabs, in the order
 * 序号 类别 决策事项 承办单位 决策时间 备注; a header line is skipped; an empty 类别 continues the one above (merged cells).
 * Any bad line fails the whole import with its line number, so a half-read 目录 is never stored.
 */
export function parseCatalogText(text: string, year: number): CatalogEntry[] | AppError {
  const entries: CatalogEntry[] = [];
  let category = '';
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    if (!raw.trim() || /^\s*序号/.test(raw)) continue;
    const cells = raw.split('\t');
    const where = `第${i + 1}行`;
    if (cells.length < 5)
      return invalid('text', `${where}应有序号、类别、决策事项、承办单位、决策时间五列（以制表符分隔）`);
    const seq = Number(cell(cells[0]));
    if (!Number.isInteger(seq) || seq < 1) return invalid('text', `${where}的序号“${cells[0].trim()}”不是正整数`);
    category = cell(cells[1]) || category;
    const [title, leadUnit] = [cells[2].trim().replace(/\s+/g, ' '), cell(cells[3])];
    const plannedMonth = parseMonth(cells[4]);
    if (!category) return invalid('text', `${where}缺少类别`);
    if (!title || !leadUnit) return invalid('text', `${where}缺少决策事项或承办单位`);
    if (!plannedMonth) return invalid('text', `${where}的决策时间“${cells[4].trim()}”应写作“${year}年1月”`);
    if (Number(plannedMonth.slice(0, 4)) !== year) return invalid('text', `${where}的决策时间不在${year}年度`);
    entries.push({ seq, category, title, leadUnit, plannedMonth, note: (cells[5] ?? '').trim() });
  }
  return entries.length > 0 ? checkEntries(entries) : invalid('text', '没有读到任何决策事项');
}

/** 序号 unique within a 目录. */
export function checkEntries(entries: CatalogEntry[]): CatalogEntry[] | AppError {
  const seen = new Set<number>();
  for (const e of entries) {
    if (seen.has(e.seq)) return invalid('text', `序号${e.seq}重复`);
    seen.add(e.seq);
  }
  return entries;
}

export interface EntryChange {
  seq: number;
  fields: { field: keyof CatalogEntry; from: string; to: string }[];
}
export interface CatalogDiff {
  added: CatalogEntry[];
  removed: CatalogEntry[];
  changed: EntryChange[];
}

const FIELDS: (keyof CatalogEntry)[] = ['category', 'title', 'leadUnit', 'plannedMonth', 'note'];

/** What changed from one version of a 目录 to another, item by item (by 序号). */
export function diffEntries(from: readonly CatalogEntry[], to: readonly CatalogEntry[]): CatalogDiff {
  const before = new Map(from.map((e) => [e.seq, e]));
  const after = new Map(to.map((e) => [e.seq, e]));
  const changed: EntryChange[] = [];
  for (const [seq, b] of before) {
    const a = after.get(seq);
    if (!a) continue;
    const fields = FIELDS.filter((f) => a[f] !== b[f]).map((f) => ({ field: f, from: String(b[f]), to: String(a[f]) }));
    if (fields.length) changed.push({ seq, fields });
  }
  return {
    added: to.filter((e) => !before.has(e.seq)),
    removed: from.filter((e) => !after.has(e.seq)),
    changed,
  };
}
