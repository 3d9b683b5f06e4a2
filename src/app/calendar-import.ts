// 导入节假日安排, as the admin screen, the HTTP API and `gongkai calendar import` do it (DOMAIN.md §5). Orchestrated here
// because it crosses layers: the calendar (platform) stores the year, then the modules that store working-day
// deadlines (secrecy: 保密审查 and 质疑申请) recompute their 暂定 ones — one transaction, each with its ledger entry.
// The duty roster stores no deadline: its day kinds are read from the calendar whenever it is shown or generated.
import { listUnits } from '../org/service.ts';
import { canSeeCalendarReminder } from '../org/policy/calendar.ts';
import { isAllowed } from '../org/policy/verdict.ts';
import type { Actor } from '../org/model.ts';
import { type CalendarYear, toShanghaiDate, yearToImport } from '../platform/calendar/model.ts';
import { parseNotice } from '../platform/calendar/notice.ts';
import {
  type CalendarImporter,
  getCalendarYear,
  loadCalendar,
  parseCalendarYear,
  saveCalendarYear,
  type SavedYear,
} from '../platform/calendar/service.ts';
import { parseCalendarCsv, parseCalendarXlsx } from '../platform/calendar/table.ts';
import { invalid } from '../platform/errors.ts';
import { type RecomputedDeadline, recomputeProvisionalDeadlines } from '../secrecy/deadlines.ts';
import { chainReader } from '../publish/step-api.ts';
import type { Deps } from '../platform/deps.ts';

/** What an import starts from: the notice's text, a table (CSV text, or .xlsx as base64), or the year as JSON. */
export type ImportSource =
  | { format: 'notice'; content: string; year?: number }
  | { format: 'csv'; content: string; year?: number }
  | { format: 'xlsx'; content: string; year?: number }
  | { format: 'json'; content: unknown; year?: number };

export async function readImportSource(src: ImportSource): Promise<CalendarYear> {
  switch (src.format) {
    case 'notice':
      return parseNotice(src.content, src.year);
    case 'csv':
      return parseCalendarCsv(src.content, src.year);
    case 'xlsx': {
      if (!/^[A-Za-z0-9+/=\s]*$/.test(src.content))
        throw invalid('content', '上传的 Excel 文件内容不完整，请重新选择文件');
      return parseCalendarXlsx(Buffer.from(src.content, 'base64'), src.year);
    }
    case 'json':
      return parseCalendarYear(src.content, src.year);
  }
}

export interface ImportPreview {
  year: CalendarYear;
  replaces: 'shipped' | 'imported' | null; // a year already known is replaced (更正通知)
}

/** 预览: what would be saved, every holiday and make-up day; nothing is written. */
export async function previewCalendarImport(deps: Pick<Deps, 'db'>, src: ImportSource): Promise<ImportPreview> {
  const year = await readImportSource(src);
  const known = await getCalendarYear(deps.db, year.year).catch(() => null);
  return { year, replaces: known?.origin ?? null };
}

export interface ImportResult extends SavedYear {
  recomputed: RecomputedDeadline[];
}

/** 确认导入: saves the year and recomputes every 暂定 deadline it settles, in one transaction. */
export async function importCalendarYear(
  deps: Pick<Deps, 'db' | 'clock'>,
  by: CalendarImporter,
  src: ImportSource,
): Promise<ImportResult> {
  const year = await readImportSource(src);
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const saved = await saveCalendarYear(tx, by, year, now);
    const recomputed = await recomputeProvisionalDeadlines(tx, chainReader, await loadCalendar(tx), by, now);
    return { ...saved, recomputed };
  });
}

export interface CalendarReminder {
  year: number | null; // the year to import now, or null
  show: boolean; // whether this person sees the banner
}

/** The banner of 1 November (DOMAIN.md §5): which year is missing, and whether this person is asked to import it. */
export async function calendarReminder(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor): Promise<CalendarReminder> {
  const year = yearToImport(await loadCalendar(deps.db), toShanghaiDate(deps.clock.now()));
  if (year === null) return { year, show: false };
  const district = (await listUnits(deps.db)).filter((u) => u.districtWide).map((u) => u.id);
  return { year, show: isAllowed(canSeeCalendarReminder(actor, district)) };
}
