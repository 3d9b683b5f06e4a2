// 政府公报, three changes (src/gazette):
// - gazette_settings: the deployment's 刊名, 版权页 (主管单位, 主办单位, 编辑出版, 地址, 邮编, 电话) and the online
//   edition's site title, one row kept by the 公报室; without a row the seed's 綦江区 values apply (model.ts).
// - gazette_entries may carry a 公文 read from a Word file rather than a published item: item_id becomes nullable,
//   and `source` ('published' | 'word'), `source_file` and `imported_by` say where each text came from. SQLite cannot
//   drop a NOT NULL, so there the table is rebuilt with its rows.
// - SQLite search in the order shown: FTS5 cannot hand back its rows by year and title, so a phrase most documents
//   contain was matched in all of them and every match sorted before LIMIT 50. gazette_search_shown keeps each FTS
//   row's rowid with the columns the edition orders and filters by, in an index of that order; the search reads the
//   first documents in that order (each by rowid from the FTS table) and stops at the 50th match, as PostgreSQL does
//   with migration 038's index, going to the trigram index only for a rarer phrase.
import { type Kysely, SqliteAdapter, sql } from 'kysely';

const isSqlite = (db: Kysely<any>) => db.getExecutor().adapter instanceof SqliteAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('gazette_settings')
    .addColumn('id', 'text', (c) => c.primaryKey()) // always 'gazette': one row
    .addColumn('masthead', 'text', (c) => c.notNull())
    .addColumn('site_title', 'text', (c) => c.notNull())
    .addColumn('supervisor', 'text', (c) => c.notNull())
    .addColumn('sponsor', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  if (!isSqlite(db)) {
    await sql`alter table gazette_entries alter column item_id drop not null`.execute(db);
    await addSourceColumns(db, 'gazette_entries');
    return;
  }
  await sql`create table gazette_entries_new (
    id text primary key,
    issue_id text not null references gazette_issues(id),
    item_id text references items(id),
    revision integer not null,
    section text not null,
    position integer not null,
    title text not null,
    doc_number text,
    issuers text not null,
    doc_date text,
    document text not null,
    created_at text not null,
    constraint gazette_entries_issue_item unique (issue_id, item_id))`.execute(db);
  await sql`insert into gazette_entries_new select id, issue_id, item_id, revision, section, position, title,
    doc_number, issuers, doc_date, document, created_at from gazette_entries`.execute(db);
  await sql`drop table gazette_entries`.execute(db);
  await sql`alter table gazette_entries_new rename to gazette_entries`.execute(db);
  await db.schema.createIndex('gazette_entries_item').on('gazette_entries').column('item_id').execute();
  await addSourceColumns(db, 'gazette_entries');

  await sql`create table gazette_search_shown (
    fts_rowid integer primary key,
    entry_id text not null unique,
    issue_id text not null,
    year integer not null,
    title text not null)`.execute(db);
  await db.schema
    .createIndex('gazette_search_shown_order')
    .on('gazette_search_shown')
    .columns(['year desc', 'title', 'entry_id', 'issue_id'])
    .execute();
  await sql`insert into gazette_search_shown (fts_rowid, entry_id, issue_id, year, title)
    select rowid, entry_id, issue_id, year, title from gazette_search`.execute(db);
}

async function addSourceColumns(db: Kysely<any>, table: string): Promise<void> {
  await db.schema
    .alterTable(table)
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('published'))
    .execute();
  await db.schema.alterTable(table).addColumn('source_file', 'text').execute();
  await db.schema.alterTable(table).addColumn('imported_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) await sql`drop table gazette_search_shown`.execute(db);
  await db.deleteFrom('gazette_entries').where('item_id', 'is', null).execute();
  for (const c of ['imported_by', 'source_file', 'source']) {
    await db.schema.alterTable('gazette_entries').dropColumn(c).execute();
  }
  if (!isSqlite(db)) await sql`alter table gazette_entries alter column item_id set not null`.execute(db);
  await db.schema.dropTable('gazette_settings').execute();
}
