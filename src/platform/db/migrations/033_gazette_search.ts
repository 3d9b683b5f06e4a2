// 网上公报 full-text search over every document placed in an issue. Chinese has no spaces, so words cannot be
// tokens: both databases index character trigrams and answer `content LIKE '%查询%'` from that index —
// SQLite an FTS5 table with the trigram tokenizer, PostgreSQL a GIN pg_trgm index (pg_trgm does index CJK
// characters under a UTF-8 locale such as C.UTF-8; bench/gazette.ts measures both). A query of two characters has
// no trigram and is answered by a scan, still correct. On FTS5, LIKE on an UNINDEXED column finds nothing (SQLite
// 3.4x), so the columns filtered with LIKE (发文机关, 发文字号) are indexed too.
import { type Kysely, SqliteAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`create virtual table gazette_search using fts5(
      entry_id unindexed, issue_id unindexed, year unindexed, title unindexed, issuers, doc_number, content,
      tokenize = 'trigram')`.execute(db);
    return;
  }
  await sql`create extension if not exists pg_trgm with schema public`.execute(db);
  await db.schema
    .createTable('gazette_search')
    .addColumn('entry_id', 'text', (c) => c.primaryKey())
    .addColumn('issue_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('issuers', 'text', (c) => c.notNull())
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .execute();
  await sql`create index gazette_search_content on gazette_search using gin (content public.gin_trgm_ops)`.execute(db);
  await db.schema.createIndex('gazette_search_issue').on('gazette_search').column('issue_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('gazette_search').execute();
}
