// Kysely queries of the 政府公报; the only file that names gazette_issues and gazette_entries.
import {
  type Expression,
  type ExpressionBuilder,
  type Selectable,
  type SelectQueryBuilder,
  SqliteAdapter,
  type SqlBool,
  sql,
} from 'kysely';
import type { Executor } from '../platform/db/types.ts';
import type { GazetteEntriesTable, GazetteIssuesTable, GazetteSearchTable } from '../platform/db/tables/gazette.ts';
import {
  type Entry,
  type GazetteSettings,
  type IssueFields,
  inGazetteOrder,
  issueLabel,
  type StoredIssue,
} from './model.ts';

const toFields = (r: Selectable<GazetteIssuesTable>): IssueFields & { id: string; itemId: string | null } => ({
  id: r.id,
  itemId: r.item_id,
  year: Number(r.year),
  number: Number(r.number),
  totalNumber: Number(r.total_number),
  publishDate: r.publish_date,
  forewordTitle: r.foreword_title,
  foreword: r.foreword,
  sections: JSON.parse(r.sections) as string[],
});

const toEntry = (r: Selectable<GazetteEntriesTable>): Entry => ({
  id: r.id,
  itemId: r.item_id,
  revision: Number(r.revision),
  section: r.section,
  position: Number(r.position),
  title: r.title,
  docNumber: r.doc_number,
  issuers: JSON.parse(r.issuers) as string[],
  docDate: r.doc_date,
  document: JSON.parse(r.document),
  source: r.source,
  sourceFile: r.source_file,
  importedBy: r.imported_by,
});

export async function insertIssue(
  db: Executor,
  issue: IssueFields & { id: string },
  createdBy: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('gazette_issues')
    .values({
      id: issue.id,
      year: issue.year,
      number: issue.number,
      total_number: issue.totalNumber,
      publish_date: issue.publishDate,
      foreword_title: issue.forewordTitle,
      foreword: issue.foreword,
      sections: JSON.stringify(issue.sections),
      created_by: createdBy,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
}

export async function getIssue(db: Executor, id: string): Promise<StoredIssue | null> {
  const row = await db.selectFrom('gazette_issues').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const fields = toFields(row);
  const entries = (await db.selectFrom('gazette_entries').selectAll().where('issue_id', '=', id).execute()).map(
    toEntry,
  );
  return { ...fields, label: issueLabel(fields), entries: inGazetteOrder(fields.sections, entries) };
}

export async function findIssueByTotal(db: Executor, totalNumber: number): Promise<string | null> {
  const row = await db
    .selectFrom('gazette_issues')
    .select('id')
    .where('total_number', '=', totalNumber)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function listIssues(
  db: Executor,
): Promise<(IssueFields & { id: string; itemId: string | null; entries: number })[]> {
  const rows = await db
    .selectFrom('gazette_issues as i')
    .selectAll('i')
    .select((eb) =>
      eb
        .selectFrom('gazette_entries as e')
        .whereRef('e.issue_id', '=', 'i.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('entries'),
    )
    .orderBy('i.year', 'desc')
    .orderBy('i.number', 'desc')
    .execute();
  return rows.map((r) => ({ ...toFields(r), entries: Number(r.entries ?? 0) }));
}

export async function touchIssue(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('gazette_issues').set({ updated_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function nextPosition(db: Executor, issueId: string, section: string): Promise<number> {
  const row = await db
    .selectFrom('gazette_entries')
    .select((eb) => eb.fn.max<number | null>('position').as('p'))
    .where('issue_id', '=', issueId)
    .where('section', '=', section)
    .executeTakeFirst();
  return row?.p == null ? 1 : Number(row.p) + 1;
}

export async function insertEntry(db: Executor, issueId: string, e: Entry, now: Date): Promise<void> {
  await db
    .insertInto('gazette_entries')
    .values({
      id: e.id,
      issue_id: issueId,
      item_id: e.itemId,
      revision: e.revision,
      section: e.section,
      position: e.position,
      title: e.title,
      doc_number: e.docNumber,
      issuers: JSON.stringify(e.issuers),
      doc_date: e.docDate,
      document: JSON.stringify(e.document),
      created_at: now.toISOString(),
      source: e.source,
      source_file: e.sourceFile,
      imported_by: e.importedBy,
    })
    .execute();
}

/** The entry's GB/T 9704 elements as the 公报室 corrected them, with the columns derived from them. */
export async function updateEntryDocument(db: Executor, e: Entry): Promise<void> {
  await db
    .updateTable('gazette_entries')
    .set({
      title: e.title,
      doc_number: e.docNumber,
      issuers: JSON.stringify(e.issuers),
      doc_date: e.docDate,
      document: JSON.stringify(e.document),
    })
    .where('id', '=', e.id)
    .execute();
}

export async function placeEntry(db: Executor, id: string, section: string, position: number): Promise<void> {
  await db.updateTable('gazette_entries').set({ section, position }).where('id', '=', id).execute();
}

export async function deleteEntry(db: Executor, issueId: string, entryId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('gazette_entries')
    .where('id', '=', entryId)
    .where('issue_id', '=', issueId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function setIssueItem(db: Executor, id: string, itemId: string): Promise<void> {
  await db.updateTable('gazette_issues').set({ item_id: itemId }).where('id', '=', id).execute();
}

/** Issues that have been submitted to 三审三校, with the item that carries each. */
export async function submittedIssues(db: Executor): Promise<{ id: string; itemId: string }[]> {
  const rows = await db
    .selectFrom('gazette_issues')
    .select(['id', 'item_id'])
    .where('item_id', 'is not', null)
    .execute();
  return rows.map((r) => ({ id: r.id, itemId: r.item_id as string }));
}

const isSqlite = (db: Executor) => db.getExecutor().adapter instanceof SqliteAdapter;

/** The document in the search table; on SQLite also its FTS rowid in the order shown (migration 043). */
export async function indexEntry(db: Executor, row: Selectable<GazetteSearchTable>): Promise<void> {
  await db.insertInto('gazette_search').values(row).execute();
  if (!isSqlite(db)) return;
  const { entry_id, issue_id, year, title } = row;
  await db
    .insertInto('gazette_search_shown')
    .values({ fts_rowid: sql<number>`last_insert_rowid()`, entry_id, issue_id, year, title })
    .execute();
}

export async function unindexEntry(db: Executor, entryId: string): Promise<void> {
  if (!isSqlite(db)) {
    await db.deleteFrom('gazette_search').where('entry_id', '=', entryId).execute();
    return;
  }
  // FTS5 does not index entry_id: find its rowid in the side table rather than reading every FTS row.
  const shown = await db
    .selectFrom('gazette_search_shown')
    .select('fts_rowid')
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
  if (!shown) return;
  await sql`delete from gazette_search where rowid = ${shown.fts_rowid}`.execute(db);
  await db.deleteFrom('gazette_search_shown').where('fts_rowid', '=', shown.fts_rowid).execute();
}

export interface SearchFilter {
  issueIds: readonly string[];
  /** A substring of the text (no LIKE wildcards), or null for filters only. */
  text: string | null;
  year: number | null;
  issuer: string | null;
  docNumber: string | null;
}

/** How many documents, in the order shown, are read for the 50 shown before the search turns to the trigram index. */
export const ORDERED_SCAN_ROWS = 1000;

type SearchRow = Pick<GazetteSearchTable, 'entry_id' | 'issue_id' | 'year' | 'issuers' | 'doc_number' | 'title'>;
type Searched = { g: GazetteSearchTable };

/**
 * The filter's conditions on the search table `g`. `keys`: also its issues and year (else `search` has read only
 * those). `unindexed`: each column wrapped as `+g.column`, so that SQLite matches the FTS row it has read by rowid
 * instead of asking the FTS index, for every row read, which of its rows match.
 */
function matches(
  eb: ExpressionBuilder<Searched, 'g'>,
  f: SearchFilter,
  { keys, unindexed }: { keys: boolean; unindexed: boolean },
): Expression<SqlBool> {
  const col = (c: 'content' | 'issuers' | 'doc_number') =>
    unindexed ? sql<string>`+${sql.ref(`g.${c}`)}` : eb.ref(`g.${c}`);
  const all: Expression<SqlBool>[] = [];
  if (keys) all.push(eb('g.issue_id', 'in', f.issueIds));
  if (keys && f.year) all.push(eb('g.year', '=', f.year));
  if (f.text) all.push(eb(col('content'), 'like', `%${f.text}%`));
  if (f.issuer) all.push(eb(col('issuers'), 'like', `%${f.issuer}%`));
  if (f.docNumber) all.push(eb(col('doc_number'), 'like', `%${f.docNumber}%`));
  return eb.and(all);
}

/**
 * The first `limit` documents matching `f`, newest year first (then title). The trigram index answers
 * `content LIKE '%…%'` on both databases (migration 033), but a phrase most documents contain would make it hand back
 * thousands of rows, each re-read and matched and all of them sorted before the first `limit` could be picked. So
 * the documents are first read in the order shown, at most ORDERED_SCAN_ROWS of those in the years and issues asked
 * for — PostgreSQL from its index on the table (migration 038), SQLite from gazette_search_shown, whose index gives
 * each FTS row's rowid in that order (migration 043) — and when `limit` of them match they are the answer: every
 * match ranked before the last one found lies among the rows read. Only a rarer phrase goes on to the trigram index.
 * A 发文字号 without a phrase is rare by nature and goes to its index directly.
 */
export async function search(
  db: Executor,
  engine: 'sqlite' | 'postgres',
  f: SearchFilter,
  limit: number,
): Promise<SearchRow[]> {
  if (f.issueIds.length === 0) return [];
  const columns = ['g.entry_id', 'g.issue_id', 'g.year', 'g.issuers', 'g.doc_number', 'g.title'] as const;
  const inOrder = <Q extends SelectQueryBuilder<any, any, any>>(q: Q, t: string) =>
    q.orderBy(`${t}.year`, 'desc').orderBy(`${t}.title`).orderBy(`${t}.entry_id`) as Q;
  let rows: SearchRow[] = [];
  if (f.text || !f.docNumber) {
    const keys = <Q extends SelectQueryBuilder<any, any, any>>(q: Q) =>
      q.where('issue_id', 'in', f.issueIds).$if(!!f.year, (w) => w.where('year', '=', f.year!)) as Q;
    if (engine === 'postgres') {
      const first = inOrder(keys(db.selectFrom('gazette_search').selectAll()), 'gazette_search');
      rows = await inOrder(
        db
          .selectFrom(first.limit(ORDERED_SCAN_ROWS).as('g'))
          .select(columns)
          .where((eb) => matches(eb, f, { keys: false, unindexed: false })),
        'g',
      )
        .limit(limit)
        .execute();
    } else {
      const first = inOrder(keys(db.selectFrom('gazette_search_shown').selectAll()), 'gazette_search_shown');
      rows = await inOrder(
        db
          .selectFrom(first.limit(ORDERED_SCAN_ROWS).as('s'))
          // CROSS JOIN keeps SQLite reading in this order: each FTS row by its rowid, matched as read.
          .crossJoin('gazette_search as g')
          .where(sql<boolean>`g.rowid = s.fts_rowid`)
          .select(columns)
          .where((eb) => matches(eb, f, { keys: false, unindexed: true })),
        's',
      )
        .limit(limit)
        .execute();
    }
  }
  if (rows.length < limit) {
    rows = await inOrder(
      db
        .selectFrom('gazette_search as g')
        .select(columns)
        .where((eb) => matches(eb, f, { keys: true, unindexed: false })),
      'g',
    )
      .limit(limit)
      .execute();
  }
  return rows.map((r) => ({ ...r, year: Number(r.year) }));
}

const SETTINGS_ID = 'gazette';

export async function getSettings(db: Executor): Promise<(GazetteSettings & { updatedAt: string }) | null> {
  const r = await db.selectFrom('gazette_settings').selectAll().where('id', '=', SETTINGS_ID).executeTakeFirst();
  if (!r) return null;
  const { masthead, supervisor, sponsor, publisher, address, postcode, phone } = r;
  return {
    masthead,
    siteTitle: r.site_title,
    supervisor,
    sponsor,
    publisher,
    address,
    postcode,
    phone,
    updatedAt: r.updated_at,
  };
}

export async function saveSettings(db: Executor, s: GazetteSettings, by: string, now: Date): Promise<void> {
  const row = {
    masthead: s.masthead,
    site_title: s.siteTitle,
    supervisor: s.supervisor,
    sponsor: s.sponsor,
    publisher: s.publisher,
    address: s.address,
    postcode: s.postcode,
    phone: s.phone,
    updated_by: by,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('gazette_settings')
    .values({ id: SETTINGS_ID, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}
