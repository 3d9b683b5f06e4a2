// The working-day calendar (工作日历) as the rest of gongkai uses it: the years shipped with the release
// (./data, transcribed from the State Council's notices) merged with years an admin imported, which win.
import type { Executor } from '../db/types.ts';
import { canonicalJson } from '../ledger/canonical.ts';
import { appendLedger, type LedgerActor } from '../ledger/service.ts';
import { notFound } from '../errors.ts';
import y2024 from './data/2024.json' with { type: 'json' };
import y2025 from './data/2025.json' with { type: 'json' };
import y2026 from './data/2026.json' with { type: 'json' };
import { buildCalendar, type Calendar, type CalendarYear } from './model.ts';
import * as store from './store.ts';
import { parseCalendarYear } from './validate.ts';

export { parseCalendarYear };

// Parsed through the same checks as an import, so a typing error in a shipped file fails at start, loudly.
export const SHIPPED_YEARS: readonly CalendarYear[] = [y2024, y2025, y2026].map((y) => parseCalendarYear(y));

export type YearOrigin = 'shipped' | 'imported';

export interface CalendarYearInfo {
  year: number;
  source: string;
  origin: YearOrigin;
  importedAt: string | null;
  holidayDays: number;
  makeupWorkdays: number;
}

export type CalendarYearDetail = CalendarYear & { origin: YearOrigin; importedAt: string | null };

async function mergedYears(db: Executor): Promise<Map<number, CalendarYearDetail>> {
  const years = new Map<number, CalendarYearDetail>();
  for (const y of SHIPPED_YEARS) years.set(y.year, { ...y, origin: 'shipped', importedAt: null });
  for (const s of await store.listStoredYears(db)) {
    years.set(s.year, { ...(JSON.parse(s.data) as CalendarYear), origin: 'imported', importedAt: s.importedAt });
  }
  return years;
}

// Rebuilt only when the imported rows change: one small query per call keeps every node in step with an import
// made on another node, while the sets are not rebuilt for every deadline computed. The stamp is the rows' content,
// so two databases in one process (tests) can never share a stale calendar.
let cached: { stamp: string; calendar: Calendar } | null = null;

export async function loadCalendar(db: Executor): Promise<Calendar> {
  const stored = await store.listStoredYears(db);
  const stamp = stored.map((s) => s.data).join('\n');
  if (cached?.stamp === stamp) return cached.calendar;
  const years = new Map<number, CalendarYear>(SHIPPED_YEARS.map((y) => [y.year, y]));
  for (const s of stored) years.set(s.year, JSON.parse(s.data) as CalendarYear);
  cached = { stamp, calendar: buildCalendar([...years.values()]) };
  return cached.calendar;
}

export async function listCalendarYears(db: Executor): Promise<CalendarYearInfo[]> {
  return [...(await mergedYears(db)).values()]
    .sort((a, b) => a.year - b.year)
    .map((y) => ({
      year: y.year,
      source: y.source,
      origin: y.origin,
      importedAt: y.importedAt,
      holidayDays: y.holidays.reduce((n, h) => n + h.days.length, 0),
      makeupWorkdays: y.makeupWorkdays.length,
    }));
}

export async function getCalendarYear(db: Executor, year: number): Promise<CalendarYearDetail> {
  const y = (await mergedYears(db)).get(year);
  if (!y) throw notFound(`${year} 年的节假日安排`);
  return y;
}

/** Who imports: a person (the route has checked canManageCalendar) or the system actor for the CLI. */
export interface CalendarImporter {
  actor: LedgerActor;
  role: string; // 'sysAdmin' for a person, '' for the system
}

export interface SavedYear {
  year: CalendarYear;
  result: 'created' | 'replaced';
}

/**
 * 导入节假日安排, inside the caller's transaction: stores the checked year, replacing an earlier import of it (or
 * overriding the shipped year), with its ledger entry calendar.import. The caller (src/app/calendar-import.ts) then
 * recomputes the 暂定 deadlines of the modules that store them, in the same transaction.
 */
export async function saveCalendarYear(
  tx: Executor,
  by: CalendarImporter,
  year: CalendarYear,
  now: Date,
): Promise<SavedYear> {
  const before = (await mergedYears(tx)).get(year.year);
  const result = await store.upsertYear(tx, {
    year: year.year,
    source: year.source,
    data: canonicalJson(year),
    importedBy: by.actor.id,
    importedAt: now.toISOString(),
  });
  const holidays = year.holidays.map((h) => ({
    name: h.name,
    from: h.days[0],
    to: h.days[h.days.length - 1],
    days: h.days.length,
  }));
  await appendLedger(
    tx,
    {
      actor: by.actor,
      role: by.role,
      unitId: '',
      action: 'calendar.import',
      subject: `calendar:${year.year}`,
      payload: {
        year: year.year,
        source: year.source,
        replaces: before ? before.origin : null,
        holidays,
        makeupWorkdays: year.makeupWorkdays,
      },
    },
    now,
  );
  return { year, result: before ? 'replaced' : result };
}
