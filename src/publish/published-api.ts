// What the 政府公报 (src/gazette) compiles from: published items found by title, and the text that went out. A
// published text is public — it is on the district's sites — so these reads take no actor; the gazette's own policy
// (org/policy/gazette.ts) decides who compiles. Re-exported by service.ts, the module's API.
import type { Executor } from '../platform/db/types.ts';
import { notFound } from '../platform/errors.ts';
import type { Item } from './model.ts';
import { loadItem } from './queries.ts';
import { publishedBodyOf } from './step-api.ts';
import * as store from './store.ts';

export interface PublishedDocument {
  itemId: string;
  title: string;
  unitId: string;
  revision: number;
  publishedAt: string;
  /** The published text, one paragraph a line (the redacted one after 部分公开). */
  text: string;
}

export interface PublishedHit {
  itemId: string;
  title: string;
  unitId: string;
  publishedAt: string | null;
}

const hitOf = (i: Item): PublishedHit => ({
  itemId: i.id,
  title: i.title,
  unitId: i.unitId,
  publishedAt: i.publishedAt,
});

export async function searchPublished(db: Executor, q: string, limit: number): Promise<PublishedHit[]> {
  return (await store.searchPublishedItems(db, q.trim(), limit)).map(hitOf);
}

/** 404 unless the item exists and has been published. */
export async function publishedDocument(db: Executor, itemId: string): Promise<PublishedDocument> {
  const item = await loadItem(db, itemId);
  if (item.stage !== 'published') throw notFound('已发布的稿件');
  const body = await publishedBodyOf(db, item);
  return {
    itemId: item.id,
    title: item.title,
    unitId: item.unitId,
    revision: body.revision,
    publishedAt: body.publishedAt,
    text: body.bodyText,
  };
}
