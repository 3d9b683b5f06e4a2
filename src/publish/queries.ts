// Reading items: one item with its abilities, its history (revisions with diffs, review steps), lists and the
// review queue (待审). Part of the module's API through service.ts.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import {
  type Abilities,
  abilitiesOf,
  canView,
  itemListScope,
  type ItemView,
  reviewScopes,
} from '../org/policy/publish.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { getUnit, getUsersByIds } from '../org/service.ts';
import type { Executor } from '../platform/db/types.ts';
import { invalid, notFound } from '../platform/errors.ts';
import {
  coIssuersOf,
  lastReturnedRevision as secrecyReturnedRevision,
  listOpinions,
  type OpinionRow,
  secrecyActorsOf,
} from '../secrecy/chain.ts';
import * as attachmentStore from './attachments-store.ts';
import { type DiffOp, textDiff } from './diff.ts';
import type { FindingCounts } from './findings-model.ts';
import { openCountsOf } from './findings-store.ts';
import {
  type BodyFormat,
  type Item,
  type ItemChannel,
  type Level,
  levelOf,
  type ReviewStep,
  type Stage,
  stageFor,
} from './model.ts';
import * as store from './store.ts';

export interface ItemSummary extends Item {
  authorName: string;
  awaitingLevel: Level | null; // the review level the item waits at, if any
  abilities: Abilities;
  openFindings: FindingCounts; // 智能校对 findings of the current revision still open (serious and error block)
  proposedFindings: number; // serious and error findings whose proposed dismissal waits for 二审 (blocks 二审 and above)
}

export interface ItemDetail extends ItemSummary {
  channels: ItemChannel[];
  body: { format: BodyFormat; html: string; text: string };
}

export async function loadItem(db: Executor, id: string): Promise<Item> {
  const item = await store.getItem(db, id);
  if (!item) throw notFound('稿件');
  return item;
}

/** The policy's view of one item: who approved its current revision, and the unit's 一审 setting. */
export async function reviewViewOf(db: Executor, item: Item): Promise<ItemView> {
  return (await reviewViewsOf(db, [item], fresh()))[0];
}

/** What one request has read already, so that a list asks once per unit and once per item. */
interface Known {
  authorMayLevel1: Map<string, boolean>; // unit id →
  approvers: Map<string, string[]>; // item id → approvers of its current revision
}
const fresh = (): Known => ({ authorMayLevel1: new Map(), approvers: new Map() });

async function unitAllowsAuthorLevel1(db: Executor, known: Known, unitId: string): Promise<boolean> {
  if (!known.authorMayLevel1.has(unitId))
    known.authorMayLevel1.set(unitId, (await getUnit(db, unitId))?.authorMayLevel1 ?? true);
  return known.authorMayLevel1.get(unitId) ?? true;
}

/** Everyone who filled a step of the current revision: levels 1–4 and the secrecy office (保密审查, 第八条(三)). */
async function approversOf(db: Executor, known: Known, items: Item[]): Promise<Map<string, string[]>> {
  const missing = items.filter((i) => !known.approvers.has(i.id));
  const secrecy = await secrecyActorsOf(db, missing);
  for (const [id, list] of await store.approversOf(db, missing))
    known.approvers.set(id, [...list, ...(secrecy.get(id) ?? [])]);
  return known.approvers;
}

async function reviewViewsOf(db: Executor, items: Item[], known: Known): Promise<ItemView[]> {
  const approvers = await approversOf(db, known, items);
  const views: ItemView[] = [];
  for (const i of items) {
    views.push({
      ...i,
      approverIds: approvers.get(i.id) ?? [],
      authorMayLevel1: await unitAllowsAuthorLevel1(db, known, i.unitId),
    });
  }
  return views;
}

async function summariesOf(db: Executor, actor: Actor, items: Item[], known = fresh()): Promise<ItemSummary[]> {
  const views = await reviewViewsOf(db, items, known);
  const authors = await getUsersByIds(db, [...new Set(items.map((i) => i.authorId))]);
  const findings = await openCountsOf(db, items);
  return items.map((item, i) => ({
    ...item,
    authorName: authors.get(item.authorId)?.name ?? '',
    awaitingLevel: levelOf(item.stage),
    abilities: abilitiesOf(actor, views[i]),
    openFindings: findings.get(item.id)?.open ?? { serious: 0, error: 0, warning: 0 },
    proposedFindings: findings.get(item.id)?.proposed ?? 0,
  }));
}

/** `view`: the policy view the caller already holds for this revision, saving its queries. */
export async function detailOf(db: Executor, actor: Actor, item: Item, view?: ItemView): Promise<ItemDetail> {
  const known = fresh();
  if (view) {
    known.approvers.set(item.id, [...view.approverIds]);
    known.authorMayLevel1.set(item.unitId, view.authorMayLevel1);
  }
  const [summary] = await summariesOf(db, actor, [item], known);
  const revision = await store.getRevision(db, item.id, item.revision);
  const channels = await store.channelsOfItems(db, [item.id]);
  if (!revision) throw notFound('稿件版本');
  return {
    ...summary,
    channels: channels.get(item.id) ?? [],
    body: { format: revision.format, html: revision.bodyHtml, text: revision.bodyText },
  };
}

/** The item (404 if missing) if the actor may view it (403 if not): canView, with the co-issuing units whose leaders
 *  may read it (保密审查制度 第九条). */
export async function loadViewable(db: Executor, actor: Actor, id: string): Promise<Item> {
  const item = await loadItem(db, id);
  assertAllowed(canView(actor, { ...item, coIssuerUnitIds: (await coIssuersOf(db, [item.id])).get(item.id) ?? [] }));
  return item;
}

export async function getItem(deps: Deps, actor: Actor, id: string): Promise<ItemDetail> {
  const item = await loadViewable(deps.db, actor, id);
  return detailOf(deps.db, actor, item);
}

export interface Person {
  id: string;
  name: string;
}

/** Names for user ids, read at once. */
export async function peopleNamed(db: Executor, ids: Iterable<string>): Promise<(id: string) => Person> {
  const people = await getUsersByIds(db, [...new Set(ids)]);
  return (id) => ({ id, name: people.get(id)?.name ?? '' });
}

/** The newest revision returned by a reviewer or by the secrecy office (保密审查), or null. */
export async function lastReturnedRevision(db: Executor, itemId: string): Promise<number | null> {
  const found = [await store.lastReturnedRevision(db, itemId), await secrecyReturnedRevision(db, itemId)].filter(
    (r) => r !== null,
  );
  return found.length ? Math.max(...found) : null;
}

export type AttachmentEntry = Omit<attachmentStore.Attachment, 'itemId' | 'createdBy' | 'removedBy'> & {
  createdBy: Person;
  removedBy: Person | null;
};

/** Attachments with their people's names. */
export async function attachmentEntries(db: Executor, list: attachmentStore.Attachment[]): Promise<AttachmentEntry[]> {
  const person = await peopleNamed(
    db,
    list.flatMap((a) => (a.removedBy ? [a.createdBy, a.removedBy] : [a.createdBy])),
  );
  return list.map(({ itemId: _, createdBy, removedBy, ...a }) => ({
    ...a,
    createdBy: person(createdBy),
    removedBy: removedBy ? person(removedBy) : null,
  }));
}

export interface History {
  itemId: string;
  revisions: {
    number: number;
    title: string;
    format: BodyFormat;
    createdBy: Person;
    createdAt: string;
    diff: DiffOp[];
  }[];
  steps: (Omit<ReviewStep, 'reviewerId'> & { reviewer: Person })[];
  /** 保密审查 opinions of every step and revision, with basis and reason (第十二条), kept also when 免于公开. */
  disclosure: (Omit<OpinionRow, 'actorId' | 'itemId'> & { actor: Person })[];
  publications: store.Publication[];
  /** 附件, also those removed: a revision had the files added at or before it and not removed by then. */
  attachments: AttachmentEntry[];
}

/** Every revision with its diff from the one before (the first: all inserted), every review step, every publication. */
export async function getHistory(deps: Deps, actor: Actor, id: string): Promise<History> {
  await loadViewable(deps.db, actor, id);
  const [revisions, steps, publications, opinions, attachments] = await Promise.all([
    store.listRevisions(deps.db, id),
    store.listReviewSteps(deps.db, id),
    store.listPublications(deps.db, id),
    listOpinions(deps.db, id),
    attachmentStore.listAttachments(deps.db, id, true),
  ]);
  const person = await peopleNamed(deps.db, [
    ...revisions.map((r) => r.createdBy),
    ...steps.map((s) => s.reviewerId),
    ...opinions.map((o) => o.actorId),
  ]);
  return {
    itemId: id,
    revisions: revisions.map((r, i) => ({
      number: r.number,
      title: r.title,
      format: r.format,
      createdBy: person(r.createdBy),
      createdAt: r.createdAt,
      diff: textDiff(revisions[i - 1]?.bodyText ?? '', r.bodyText),
    })),
    steps: steps.map(({ reviewerId, ...s }) => ({ ...s, reviewer: person(reviewerId) })),
    disclosure: opinions.map(({ actorId, itemId: _, ...o }) => ({ ...o, actor: person(actorId) })),
    publications,
    attachments: await attachmentEntries(deps.db, attachments),
  };
}

export interface PageRequest {
  limit: number;
  cursor?: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Items the actor drafted (我起草的), in every stage, newest change first. */
export const listMyDrafts = (deps: Deps, actor: Actor, page: PageRequest & { stage?: Stage }) =>
  listItems(deps, actor, { ...page, mine: true });

/** `mine`: the actor's own items; otherwise every item of the units the actor may see. */
export async function listItems(
  deps: Deps,
  actor: Actor,
  q: PageRequest & { mine?: boolean; stage?: Stage },
): Promise<Page<ItemSummary>> {
  const query = q.mine
    ? { authorId: actor.id, unitIds: 'all' as const, stage: q.stage }
    : { unitIds: itemListScope(actor), stage: q.stage };
  const rows = await store.listItems(deps.db, query, q.limit + 1, decodeCursor(q.cursor));
  return pageOf(await summariesOf(deps.db, actor, rows.slice(0, q.limit)), rows.length > q.limit);
}

/**
 * 待审: items waiting at a level the actor may act on, oldest first. One indexed, keyset-paged query per queue
 * the actor's roles open (a handful), merged here — never a scan of all items.
 */
export async function listReviewQueue(deps: Deps, actor: Actor, page: PageRequest): Promise<Page<ItemSummary>> {
  const after = decodeCursor(page.cursor);
  const known = fresh();
  const found = new Map<string, Item>();
  for (const scope of reviewScopes(actor)) {
    const excludeAuthor = scope.level >= 2 || !(await unitAllowsAuthorLevel1(deps.db, known, scope.unitId));
    const query = {
      stage: stageFor(scope.level),
      unitId: scope.unitId,
      sectionId: scope.sectionId,
      excludeAuthorId: excludeAuthor ? actor.id : null,
    };
    for (const item of await notApprovedBy(deps.db, known, actor.id, query, page.limit + 1, after))
      found.set(item.id, item);
  }
  const merged = [...found.values()].sort((a, b) =>
    a.updatedAt === b.updatedAt ? cmp(a.id, b.id) : cmp(a.updatedAt, b.updatedAt),
  );
  return pageOf(await summariesOf(deps.db, actor, merged.slice(0, page.limit), known), merged.length > page.limit);
}

/** Up to `want` items of one queue that the reviewer has not approved at an earlier level (同一人不审两级). */
async function notApprovedBy(
  db: Executor,
  known: Known,
  reviewerId: string,
  q: store.AwaitingQuery,
  want: number,
  after: store.Cursor | null,
): Promise<Item[]> {
  const kept: Item[] = [];
  for (let cursor = after; ; ) {
    const rows = await store.listAwaiting(db, q, want, cursor);
    const approvers = await approversOf(db, known, rows);
    kept.push(...rows.filter((r) => !approvers.get(r.id)?.includes(reviewerId)));
    if (rows.length < want || kept.length >= want) return kept.slice(0, want);
    const last = rows[rows.length - 1];
    cursor = { at: last.updatedAt, id: last.id };
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function pageOf(items: ItemSummary[], more: boolean): Page<ItemSummary> {
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      more && last ? Buffer.from(JSON.stringify({ at: last.updatedAt, id: last.id })).toString('base64url') : null,
  };
}

function decodeCursor(cursor: string | null | undefined): store.Cursor | null {
  if (!cursor) return null;
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<store.Cursor>;
    if (typeof c.at === 'string' && typeof c.id === 'string') return { at: c.at, id: c.id };
  } catch {
    // falls through to the 400 below
  }
  throw invalid('cursor', '分页参数不正确，请从第一页重新加载');
}
