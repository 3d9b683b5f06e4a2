// Kysely queries for admin-imported calendar years; the only file that names calendar_years.
import type { Executor } from '../db/types.ts';

export interface StoredYear {
  year: number;
  source: string;
  data: string;
  importedBy: string;
  importedAt: string;
}

export async function listStoredYears(db: Executor): Promise<StoredYear[]> {
  const rows = await db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  return rows.map((r) => ({
    year: Number(r.year),
    source: r.source,
    data: r.data,
    importedBy: r.imported_by,
    importedAt: r.imported_at,
  }));
}

/** Insert or replace one year: a corrected notice (更正通知) replaces the earlier import. */
export async function upsertYear(db: Executor, y: StoredYear): Promise<'created' | 'replaced'> {
  const existing = await db.selectFrom('calendar_years').select('year').where('year', '=', y.year).executeTakeFirst();
  const values = { source: y.source, data: y.data, imported_by: y.importedBy, imported_at: y.importedAt };
  // ON CONFLICT (both engines): two admins importing the same new year at once end with the later one, not a 500.
  await db
    .insertInto('calendar_years')
    .values({ year: y.year, ...values })
    .onConflict((oc) => oc.column('year').doUpdateSet(values))
    .execute();
  return existing ? 'replaced' : 'created';
}
