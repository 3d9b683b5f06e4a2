// Tables of the calendar capability, as Kysely sees them (same conventions as ../types.ts: ISO strings, 0/1 booleans).
// Named only by src/platform/calendar/store.ts.

/**
 * A year's holiday schedule imported by an admin (国务院办公厅 notice). It overrides the year shipped in
 * src/platform/calendar/data/ and adds years not shipped yet; shipped years need no row.
 */
export interface CalendarYearsTable {
  year: number;
  source: string; // the notice's title and 文号
  data: string; // canonical JSON of the CalendarYear (src/platform/calendar/model.ts)
  imported_by: string; // user id, or 'system' for the CLI
  imported_at: string;
}

export interface CalendarTables {
  calendar_years: CalendarYearsTable;
}
