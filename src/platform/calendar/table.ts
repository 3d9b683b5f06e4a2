// 导入节假日安排 from a simple table (.xlsx or .csv) with the columns 日期, 类型 (放假 / 上班), 名称 — one row a day, as
// an office types the notice into Excel. Rows → CalendarYear; problems name the row (第N行) in zh-CN. Pure apart
// from exceljs reading a buffer: no database, no clock.
import type ExcelJS from 'exceljs';
import { invalid } from '../errors.ts';
import { type CalendarYear, isIsoDate } from './model.ts';
import { parseCalendarYear } from './validate.ts';

const HEADINGS = ['日期', '类型', '名称'] as const;
const MAX_ROWS = 400;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 2027-01-01, 2027/1/1, 2027.1.1, 2027年1月1日 → 2027-01-01; anything else → null. */
function normalizeDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(d) ? d : null;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim();
    return '';
  }
  return String(v).trim();
}

/** Rows of cells (the first row with 日期 and 类型 is the heading) → the year, checked like any import. */
export function parseCalendarRows(rows: readonly (readonly string[])[], givenYear?: number): CalendarYear {
  const head = rows.findIndex((r) => r.includes('日期') && r.includes('类型'));
  if (head < 0 || head > 10) throw invalid('file', `未找到表头：须有「${HEADINGS.join('」「')}」三列`);
  const col = (h: string) => rows[head].indexOf(h);
  const [dateCol, kindCol, nameCol] = [col('日期'), col('类型'), col('名称')];
  const holidays: CalendarYear['holidays'] = [];
  const makeup: string[] = [];
  let year = givenYear;
  for (let i = head + 1; i < rows.length; i++) {
    const r = rows[i];
    if (r.every((c) => !c.trim())) continue;
    if (i - head > MAX_ROWS) throw invalid('file', `一次最多导入 ${MAX_ROWS} 行`);
    const where = `第${i + 1}行`;
    const date = normalizeDate(r[dateCol] ?? '');
    if (!date)
      throw invalid('file', `${where}「日期」：「${r[dateCol] ?? ''}」不是有效日期，应为 2027-01-01 或 2027年1月1日`);
    year ??= Number(date.slice(0, 4));
    if (Number(date.slice(0, 4)) !== year) throw invalid('file', `${where}「日期」：${date} 不在 ${year} 年内`);
    const kind = (r[kindCol] ?? '').trim();
    const name = nameCol >= 0 ? (r[nameCol] ?? '').trim() : '';
    if (kind === '上班' || kind === '调休上班') {
      makeup.push(date);
    } else if (kind === '放假' || kind === '休息') {
      if (!name) throw invalid('file', `${where}「名称」：放假日须写明节日名称（如 春节）`);
      const last = holidays.at(-1);
      const follows = last?.name === name && Date.parse(date) - Date.parse(last.days[last.days.length - 1]) === DAY_MS;
      if (follows) last.days.push(date);
      else holidays.push({ name, days: [date] });
    } else {
      throw invalid('file', `${where}「类型」：「${kind}」应为“放假”或“上班”`);
    }
  }
  if (!year || holidays.length === 0) throw invalid('file', '表中没有放假日');
  const names = holidays.map((h) => h.name);
  const split = names.find((n, i) => names.indexOf(n) !== i);
  if (split) throw invalid('file', `「${split}」的放假日期不连续或未按日期排列，请逐日连续填写`);
  return parseCalendarYear({
    year,
    source: `国务院办公厅关于${year}年部分节假日安排的通知`,
    holidays,
    makeupWorkdays: makeup,
  });
}

/** CSV as Excel and WPS save it (UTF-8, with or without BOM; comma or tab separated; no quoted commas needed). */
export function parseCalendarCsv(text: string, givenYear?: number): CalendarYear {
  const cells = (line: string) => line.split(/[,\t，]/).map((c) => c.trim().replace(/^"|"$/g, ''));
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map(cells);
  return parseCalendarRows(rows, givenYear);
}

export async function parseCalendarXlsx(buffer: Buffer, givenYear?: number): Promise<CalendarYear> {
  const { default: Excel } = await import('exceljs'); // loaded on the first .xlsx import, not at the server's start
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw invalid('file', '文件不是有效的 Excel（.xlsx）文件');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw invalid('file', '文件中没有工作表');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v ?? null)));
  });
  return parseCalendarRows(rows, givenYear);
}
