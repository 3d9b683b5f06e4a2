// 暂定期限 (DOMAIN.md §5): a deadline counted over a year without the State Council's schedule is computed Monday–Friday
// and kept with this flag, so it is shown as 暂定 and recomputed when the year is imported (issue 11).
import type { Kysely } from 'kysely';

const TABLES = ['secrecy_reviews', 'challenges'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('due_provisional').execute();
}
