// Kysely queries of the 政府公报; the only file that names gazette_issues and gazette_entries.
import type { Selectable } from 'kysely';
import type { Executor } from '../platform/db/types.ts';
import type { GazetteEntriesTable, GazetteIssuesTable, GazetteSearchTable } from '../platform/db/tables/gazette.ts';
import { type Entry, type IssueFields, inGazetteOrder, issueLabel, type StoredIssue } from './model.ts';

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

export async function indexEntry(db: Executor, row: Selectable<GazetteSearchTable>): Promise<void> {
  await db.insertInto('gazette_search').values(row).execute();
}

export async function unindexEntry(db: Executor, entryId: string): Promise<void> {
  await db.deleteFrom('gazette_search').where('entry_id', '=', entryId).execute();
}

export interface SearchFilter {
  issueIds: readonly string[];
  /** A substring of the text (no LIKE wildcards), or null for filters only. */
  text: string | null;
  year: number | null;
  issuer: string | null;
  docNumber: string | null;
}

/** How many documents, in the order shown, PostgreSQL reads for the 50 shown before it turns to the trigram index. */
export const ORDERED_SCAN_ROWS = 1000;

/**
 * The first `limit` documents matching `f`, newest year first. The trigram index answers `content LIKE '%…%'` on
 * both databases (migration 033). On PostgreSQL a phrase that most documents contain would make that index hand back
 * thousands of rows, each re-read and re-matched before the first `limit` could be picked; so the documents are
 * first read in the order shown (migration 038), at most ORDERED_SCAN_ROWS of them: when `limit` of those match,
 * they are the answer — every match ranked before the last one found lies among the rows read. Only a rarer phrase
 * goes on to the trigram index.
 */
type SearchRow = Pick<GazetteSearchTable, 'entry_id' | 'issue_id' | 'year' | 'issuers' | 'doc_number' | 'title'>;

export async function search(
  db: Executor,
  engine: 'sqlite' | 'postgres',
  f: SearchFilter,
  limit: number,
): Promise<SearchRow[]> {
  if (f.issueIds.length === 0) return [];
  // Read first in the order shown (PostgreSQL, a phrase given), else straight from the indexes.
  const from =
    engine === 'postgres' && f.text
      ? db
          .selectFrom('gazette_search')
          .selectAll()
          .orderBy('year', 'desc')
          .orderBy('title')
          .orderBy('entry_id')
          .limit(ORDERED_SCAN_ROWS)
          .as('gazette_search')
      : 'gazette_search';
  const matching = (source: typeof from) =>
    db
      .selectFrom(source as 'gazette_search')
      .select(['entry_id', 'issue_id', 'year', 'issuers', 'doc_number', 'title'])
      .where('issue_id', 'in', f.issueIds)
      .$if(!!f.text, (q) => q.where('content', 'like', `%${f.text}%`))
      .$if(!!f.year, (q) => q.where('year', '=', f.year!))
      .$if(!!f.issuer, (q) => q.where('issuers', 'like', `%${f.issuer}%`))
      .$if(!!f.docNumber, (q) => q.where('doc_number', 'like', `%${f.docNumber}%`))
      .orderBy('year', 'desc')
      .orderBy('title')
      .orderBy('entry_id')
      .limit(limit)
      .execute();
  let rows = await matching(from);
  if (from !== 'gazette_search' && rows.length < limit) rows = await matching('gazette_search');
  return rows.map((r) => ({ ...r, year: Number(r.year) }));
}
