// 年度考核: the scoring scheme the 区政府办公室 sets for a year (items, points, deduction per count, cap, source
// metric), one row a year; a year without a row uses the default scheme (src/oversight/assessment-model.ts).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('assessment_schemes')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('items', 'text', (c) => c.notNull()) // JSON: SchemeItem[]
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('assessment_schemes').execute();
}
