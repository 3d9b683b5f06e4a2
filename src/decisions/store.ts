// Kysely queries of 重大行政决策; the only file that names decision_catalogs, decision_items and
// decision_catalog_versions.
import type { Selectable } from 'kysely';
import type { DecisionItemsTable } from '../platform/db/tables/decisions.ts';
import type { Executor } from '../platform/db/types.ts';
import type { CatalogEntry } from './catalog.ts';
import type { Procedure } from './model.ts';

export interface CatalogRow {
  id: string;
  unitId: string;
  year: number;
  title: string;
  version: number;
}

export interface ItemRow extends CatalogEntry {
  id: string;
  catalogId: string;
  catalogUnitId: string;
  leadUnitId: string | null;
  procedure: Procedure;
  revision: number;
  updatedAt: string;
  withdrawnAt?: string | null;
}

export const toItem = (r: Selectable<DecisionItemsTable> & { catalog_unit_id: string }): ItemRow => ({
  id: r.id,
  catalogId: r.catalog_id,
  catalogUnitId: r.catalog_unit_id,
  seq: Number(r.seq),
  category: r.category,
  title: r.title,
  leadUnit: r.lead_unit,
  leadUnitId: r.lead_unit_id,
  plannedMonth: r.planned_month,
  note: r.note,
  procedure: JSON.parse(r.procedure) as Procedure,
  revision: Number(r.revision),
  updatedAt: r.updated_at,
  withdrawnAt: r.withdrawn_at ?? null,
});

export async function insertCatalog(db: Executor, c: CatalogRow, createdBy: string, now: Date): Promise<void> {
  await db
    .insertInto('decision_catalogs')
    .values({
      id: c.id,
      unit_id: c.unitId,
      year: c.year,
      title: c.title,
      version: c.version,
      created_by: createdBy,
      created_at: now.toISOString(),
    })
    .execute();
}

export async function insertVersion(
  db: Executor,
  v: { catalogId: string; version: number; entries: CatalogEntry[]; reason: string },
  createdBy: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('decision_catalog_versions')
    .values({
      catalog_id: v.catalogId,
      version: v.version,
      entries: JSON.stringify(v.entries),
      reason: v.reason,
      created_by: createdBy,
      created_at: now.toISOString(),
    })
    .execute();
}

export async function insertItem(db: Executor, item: Omit<ItemRow, 'catalogUnitId'>): Promise<void> {
  await db
    .insertInto('decision_items')
    .values({
      id: item.id,
      catalog_id: item.catalogId,
      seq: item.seq,
      category: item.category,
      title: item.title,
      lead_unit: item.leadUnit,
      lead_unit_id: item.leadUnitId,
      planned_month: item.plannedMonth,
      note: item.note,
      procedure: JSON.stringify(item.procedure),
      revision: item.revision,
      updated_at: item.updatedAt,
    })
    .execute();
}

const catalogColumns = ['id', 'unit_id', 'year', 'title', 'version'] as const;
const toCatalog = (r: { id: string; unit_id: string; year: number; title: string; version: number }): CatalogRow => ({
  id: r.id,
  unitId: r.unit_id,
  year: Number(r.year),
  title: r.title,
  version: Number(r.version),
});

export async function listCatalogs(db: Executor): Promise<CatalogRow[]> {
  const rows = await db.selectFrom('decision_catalogs').select(catalogColumns).orderBy('year', 'desc').execute();
  return rows.map(toCatalog);
}

export async function getCatalog(db: Executor, id: string): Promise<CatalogRow | null> {
  const row = await db.selectFrom('decision_catalogs').select(catalogColumns).where('id', '=', id).executeTakeFirst();
  return row ? toCatalog(row) : null;
}

/** Items with their 目录's unit; the year board and the reminders add their conditions (year-store.ts). */
export const items = (db: Executor) =>
  db
    .selectFrom('decision_items as i')
    .innerJoin('decision_catalogs as c', 'c.id', 'i.catalog_id')
    .selectAll('i')
    .select('c.unit_id as catalog_unit_id');

export async function listItems(db: Executor, catalogId: string): Promise<ItemRow[]> {
  return (await items(db).where('i.catalog_id', '=', catalogId).orderBy('i.seq').execute()).map(toItem);
}

export async function getItem(db: Executor, id: string): Promise<ItemRow | null> {
  const row = await items(db).where('i.id', '=', id).executeTakeFirst();
  return row ? toItem(row) : null;
}

/** Writes the procedure if nobody changed it since `revision` was read; false: someone else did. */
export async function saveProcedure(db: Executor, item: ItemRow, procedure: Procedure, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('decision_items')
    .set({ procedure: JSON.stringify(procedure), revision: item.revision + 1, updated_at: now.toISOString() })
    .where('id', '=', item.id)
    .where('revision', '=', item.revision)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

export type CommentAnswer = 'adopted' | 'partlyAdopted' | 'notAdopted';

export interface CommentRow {
  id: string;
  itemId: string;
  seq: number;
  receivedAt: string;
  name: string | null;
  contact: string | null;
  body: string;
  publicBody: string;
  piiCount: number;
  answer: CommentAnswer | null;
  answerReason: string | null;
  answeredAt: string | null;
}

export async function insertComment(db: Executor, c: Omit<CommentRow, 'answer' | 'answerReason' | 'answeredAt'>) {
  await db
    .insertInto('decision_comments')
    .values({
      id: c.id,
      item_id: c.itemId,
      seq: c.seq,
      received_at: c.receivedAt,
      name: c.name,
      contact: c.contact,
      body: c.body,
      public_body: c.publicBody,
      pii_count: c.piiCount,
      answer: null,
      answer_reason: null,
      answered_by: null,
      answered_at: null,
    })
    .execute();
}

export async function listComments(db: Executor, itemId: string): Promise<CommentRow[]> {
  const rows = await db
    .selectFrom('decision_comments')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    seq: Number(r.seq),
    receivedAt: r.received_at,
    name: r.name,
    contact: r.contact,
    body: r.body,
    publicBody: r.public_body,
    piiCount: Number(r.pii_count),
    answer: r.answer as CommentAnswer | null,
    answerReason: r.answer_reason,
    answeredAt: r.answered_at,
  }));
}

/** Records the answer to a comment not yet answered; false: it was answered meanwhile. */
export async function answerComment(
  db: Executor,
  id: string,
  a: { answer: CommentAnswer; reason: string; by: string; at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('decision_comments')
    .set({ answer: a.answer, answer_reason: a.reason, answered_by: a.by, answered_at: a.at })
    .where('id', '=', id)
    .where('answer', 'is', null)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/** Every item of every 目录 (a district has a few dozen a year): the 预公开 page and the year board filter them. */
export async function listAllItems(db: Executor): Promise<ItemRow[]> {
  return (await items(db).orderBy('c.year', 'desc').orderBy('i.seq').execute()).map(toItem);
}

export interface ProposalRow {
  id: string;
  catalogId: string;
  kind: 'add' | 'change' | 'withdraw';
  itemId: string | null;
  entry: CatalogEntry | null;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  version: number | null;
}

export async function insertProposal(db: Executor, p: ProposalRow): Promise<void> {
  await db
    .insertInto('decision_proposals')
    .values({
      id: p.id,
      catalog_id: p.catalogId,
      kind: p.kind,
      item_id: p.itemId,
      entry: p.entry ? JSON.stringify(p.entry) : null,
      reason: p.reason,
      status: p.status,
      proposed_by: p.proposedBy,
      proposed_at: p.proposedAt,
      decided_by: null,
      decided_at: null,
      version: null,
    })
    .execute();
}

export async function listProposals(db: Executor, catalogId: string): Promise<ProposalRow[]> {
  const rows = await db
    .selectFrom('decision_proposals')
    .selectAll()
    .where('catalog_id', '=', catalogId)
    .orderBy('proposed_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    catalogId: r.catalog_id,
    kind: r.kind as ProposalRow['kind'],
    itemId: r.item_id,
    entry: r.entry ? (JSON.parse(r.entry) as CatalogEntry) : null,
    reason: r.reason,
    status: r.status as ProposalRow['status'],
    proposedBy: r.proposed_by,
    proposedAt: r.proposed_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    version: r.version === null ? null : Number(r.version),
  }));
}

export async function getProposal(db: Executor, id: string): Promise<ProposalRow | null> {
  const row = await db.selectFrom('decision_proposals').select('catalog_id').where('id', '=', id).executeTakeFirst();
  return row ? ((await listProposals(db, row.catalog_id)).find((p) => p.id === id) ?? null) : null;
}

/** Decides a pending proposal; false: someone decided it meanwhile. */
export async function decideProposal(
  db: Executor,
  id: string,
  d: { status: 'approved' | 'rejected'; by: string; at: string; version: number | null },
): Promise<boolean> {
  const res = await db
    .updateTable('decision_proposals')
    .set({ status: d.status, decided_by: d.by, decided_at: d.at, version: d.version })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

export async function updateEntry(db: Executor, itemId: string, e: CatalogEntry, leadUnitId: string | null) {
  await db
    .updateTable('decision_items')
    .set({
      category: e.category,
      title: e.title,
      lead_unit: e.leadUnit,
      lead_unit_id: leadUnitId,
      planned_month: e.plannedMonth,
      note: e.note,
    })
    .where('id', '=', itemId)
    .execute();
}

export async function withdrawItem(db: Executor, itemId: string, at: string) {
  await db.updateTable('decision_items').set({ withdrawn_at: at }).where('id', '=', itemId).execute();
}

export async function setCatalogVersion(db: Executor, catalogId: string, version: number) {
  await db.updateTable('decision_catalogs').set({ version }).where('id', '=', catalogId).execute();
}

export async function listVersions(db: Executor, catalogId: string) {
  const rows = await db
    .selectFrom('decision_catalog_versions')
    .selectAll()
    .where('catalog_id', '=', catalogId)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    entries: JSON.parse(r.entries) as CatalogEntry[],
    reason: r.reason,
    createdAt: r.created_at,
  }));
}
