// 年度考核 schemes: the only file that names assessment_schemes.
import type { Executor } from '../platform/db/types.ts';
import type { SchemeItem } from './assessment-model.ts';

export interface SchemeRow {
  year: number;
  items: SchemeItem[];
  updatedBy: string;
  updatedAt: string;
}

export async function getScheme(db: Executor, year: number): Promise<SchemeRow | null> {
  const row = await db.selectFrom('assessment_schemes').selectAll().where('year', '=', year).executeTakeFirst();
  if (!row) return null;
  return { year, items: JSON.parse(row.items) as SchemeItem[], updatedBy: row.updated_by, updatedAt: row.updated_at };
}

export async function putScheme(db: Executor, s: SchemeRow): Promise<void> {
  const values = { items: JSON.stringify(s.items), updated_by: s.updatedBy, updated_at: s.updatedAt };
  await db
    .insertInto('assessment_schemes')
    .values({ year: s.year, ...values })
    .onConflict((oc) => oc.column('year').doUpdateSet(values))
    .execute();
}
