// The edition's search on PostgreSQL, measured over 10,000 documents (bench/gazette.ts): a phrase most documents
// contain made the GIN trigram index hand back thousands of rows, each re-read and re-matched before the newest 50
// could be picked (300–500 ms), and a 发文字号 filter read every row. Now the search first walks the documents in the
// order it shows them (this index) and stops at the 50th match — a common phrase ends within the first rows — and
// only a phrase too rare for that goes to the trigram index; 发文字号 and 发文机关 get trigram indexes of their own.
// SQLite's FTS5 table already indexes those columns (migration 033); nothing changes there.
import { type Kysely, SqliteAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql`create index gazette_search_shown on gazette_search (year desc, title, entry_id)`.execute(db);
  const trigrams = sql.raw('public.gin_trgm_ops');
  await sql`create index gazette_search_doc_number on gazette_search using gin (doc_number ${trigrams})`.execute(db);
  await sql`create index gazette_search_issuers on gazette_search using gin (issuers ${trigrams})`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  for (const name of ['gazette_search_shown', 'gazette_search_doc_number', 'gazette_search_issuers'])
    await db.schema.dropIndex(name).execute();
}
