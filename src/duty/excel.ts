// The roster as the usual Excel table (值班表): 日期, 星期, 班次, 时间, 带班领导, 值班人员, 联系电话 — one row a shift, several
// officers in one cell separated by 、 with their phones in the same order. Reading checks every cell and reports each
// problem by row and column in Chinese. Pure apart from exceljs: no database, no clock.
import type { CellValue, Row } from 'exceljs';
import { isIsoDate } from '../platform/calendar/model.ts';
import { titledTableXlsx } from '../platform/documents/xlsx.ts';
import { isTime, weekdayName } from './model.ts';

export const HEADINGS = ['日期', '星期', '班次', '时间', '带班领导', '值班人员', '联系电话'] as const;
type Heading = (typeof HEADINGS)[number];
const REQUIRED: Heading[] = ['日期', '值班人员'];
export const MAX_ROWS = 2000;

export interface TableRow {
  day: string;
  shift: string;
  /** 时间 as written (08:30–17:30): a hand-edited time is kept on import; blank takes the 班次's times. */
  times: { start: string; end: string } | null;
  leader: string;
  officers: string[];
  phones: string[];
}

export interface CellProblem {
  row: number; // 1-based, as Excel shows it
  column: Heading | '';
  message: string;
}

export interface ParsedTable {
  rows: (TableRow & { row: number })[];
  problems: CellProblem[];
}

export function rosterXlsx(title: string, rows: readonly TableRow[]): Promise<Buffer> {
  return titledTableXlsx({
    sheet: '值班表',
    title,
    headings: HEADINGS,
    widths: [14, 10, 14, 14, 12, 24, 30],
    rows: rows.map((r) => [
      r.day,
      weekdayName(r.day),
      r.shift,
      r.times ? `${r.times.start}–${r.times.end}` : '',
      r.leader,
      r.officers.join('、'),
      r.phones.join('、'),
    ]),
  });
}

/** A cell as text: dates become YYYY-MM-DD, rich text and formulas their shown value. */
function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result as CellValue);
    if ('text' in v) return String(v.text).trim();
    return '';
  }
  return String(v).trim();
}

/** 2025-10-01, 2025/10/1, 2025年10月1日 → 2025-10-01; anything else → null. */
export function normalizeDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) return null;
  const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(d) ? d : null;
}

/** 08:30–17:30, 8:30-17:30, 08:30至17:30 → { start, end }; blank → null; anything else → undefined. */
export function parseTimes(text: string): { start: string; end: string } | null | undefined {
  if (!text) return null;
  const m = /^(\d{1,2})[:：](\d{2})\s*(?:[-–—~～]|至|到)\s*(次日)?\s*(\d{1,2})[:：](\d{2})$/.exec(text);
  if (!m) return undefined;
  const start = `${m[1].padStart(2, '0')}:${m[2]}`;
  const end = `${m[4].padStart(2, '0')}:${m[5]}`;
  return isTime(start) && isTime(end) ? { start, end } : undefined;
}

export const splitNames = (text: string): string[] =>
  text
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads the first sheet: finds the heading row, then reads each row; problems name the row and the column. */
export async function parseRosterXlsx(buffer: Buffer): Promise<ParsedTable> {
  const { default: ExcelJS } = await import('exceljs'); // loaded on the first upload, not at the server's start
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { rows: [], problems: [{ row: 0, column: '', message: '文件不是有效的 Excel（.xlsx）文件' }] };
  }
  const sheet = book.worksheets[0];
  if (!sheet) return { rows: [], problems: [{ row: 0, column: '', message: '文件中没有工作表' }] };
  let headRow = 0;
  const cols = new Map<Heading, number>();
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && !headRow; r++) {
    const texts = (sheet.getRow(r).values as CellValue[]).map((v) => cellText(v ?? null));
    if (texts.includes('日期') && texts.includes('值班人员')) {
      headRow = r;
      texts.forEach((t, i) => {
        if ((HEADINGS as readonly string[]).includes(t)) cols.set(t as Heading, i);
      });
    }
  }
  if (!headRow)
    return {
      rows: [],
      problems: [
        {
          row: 0,
          column: '',
          message: `未找到表头：须有「${REQUIRED.join('」「')}」列（可选「星期」「班次」「带班领导」「联系电话」）`,
        },
      ],
    };
  const rows: ParsedTable['rows'] = [];
  const problems: CellProblem[] = [];
  const at = (r: Row, h: Heading) => (cols.has(h) ? cellText(r.getCell(cols.get(h)!).value) : '');
  for (let n = headRow + 1; n <= sheet.rowCount; n++) {
    const r = sheet.getRow(n);
    if (HEADINGS.every((h) => at(r, h) === '')) continue;
    if (rows.length >= MAX_ROWS) {
      problems.push({ row: n, column: '', message: `一次最多导入 ${MAX_ROWS} 行` });
      break;
    }
    const problem = (column: Heading, message: string) => problems.push({ row: n, column, message });
    const day = normalizeDate(at(r, '日期'));
    if (!day) problem('日期', `「${at(r, '日期')}」不是有效日期，应为 2025-10-01 或 2025年10月1日`);
    const weekday = at(r, '星期');
    if (day && weekday && weekday.replace('周', '星期').replace('星期天', '星期日') !== weekdayName(day)) {
      problem('星期', `${day} 是${weekdayName(day)}，表中写的是「${weekday}」`);
    }
    const officers = splitNames(at(r, '值班人员'));
    if (officers.length === 0) problem('值班人员', '请填写值班人员');
    const phones = splitNames(at(r, '联系电话'));
    if (phones.length > 0 && phones.length !== officers.length)
      problem('联系电话', `联系电话 ${phones.length} 个，值班人员 ${officers.length} 人，须一一对应（用“、”分隔）`);
    const bad = phones.find((p) => !/^[0-9+\-() ]{3,30}$/.test(p));
    if (bad) problem('联系电话', `「${bad}」不是有效的电话号码`);
    const times = parseTimes(at(r, '时间'));
    if (times === undefined)
      problem('时间', `「${at(r, '时间')}」不是有效的起止时间，应为 08:30–17:30（结束不晚于开始表示次日）`);
    const shift = at(r, '班次');
    rows.push({ row: n, day: day ?? '', shift, times: times ?? null, leader: at(r, '带班领导'), officers, phones });
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push({ row: headRow, column: '', message: '表中没有值班安排' });
  return { rows, problems };
}

/** 第 5 行「日期」：… — for the 400 message. */
export const describeProblem = (p: CellProblem): string =>
  p.row === 0 ? p.message : `第 ${p.row} 行${p.column ? `「${p.column}」` : ''}：${p.message}`;
