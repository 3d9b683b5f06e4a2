// What the 保密审查 step needs from the chain: an item with its policy view and current text (secrecy-step.ts and the
// secrecy module's reads), and the body that was published. Re-exported by service.ts, the module's API.
import { sql } from 'kysely';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import type { ItemView } from '../org/policy/publish.ts';
import type { Executor } from '../platform/db/types.ts';
import { notFound } from '../platform/errors.ts';
import { coIssuersOf, publishableText } from '../secrecy/chain.ts';
import type { ChainReader } from '../secrecy/chain.ts';
import type { SecrecyFindings } from '../secrecy/model.ts';
import { secrecyFindingsOf } from './findings-api.ts';
import type { Item, Revision } from './model.ts';
import { loadItem, loadViewable, reviewViewOf } from './queries.ts';
import * as store from './store.ts';

export interface StepContext {
  item: Item;
  view: ItemView; // approverIds: every step of the current revision, the secrecy step included
  revision: Revision;
  coIssuerUnitIds: string[];
  findings: SecrecyFindings; // the item's 密级标志 / 个人信息 findings (findings-api.ts)
}

/** The item (404 if missing) as a step outside the 三审 levels sees it; the caller checks its own policy. */
export async function loadForStep(db: Executor, itemId: string): Promise<StepContext> {
  const item = await loadItem(db, itemId);
  const [view, revision, coIssuers] = await Promise.all([
    reviewViewOf(db, item),
    store.getRevision(db, item.id, item.revision),
    coIssuersOf(db, [item.id]),
  ]);
  if (!revision) throw notFound('稿件版本');
  return {
    item,
    view,
    revision,
    coIssuerUnitIds: coIssuers.get(item.id) ?? [],
    findings: secrecyFindingsOf(db, item.id),
  };
}

/** The items that exist, in the order of `ids` — one query. */
export async function itemsByIds(db: Executor, ids: readonly string[]): Promise<Item[]> {
  const found = new Map((await store.getItems(db, [...new Set(ids)])).map((i) => [i.id, i]));
  return ids.flatMap((id) => found.get(id) ?? []);
}

/** Publish's implementation of secrecy's ChainReader port (src/secrecy/chain.ts), wired by src/app/runtime.ts. */
export const chainReader: ChainReader = { itemsByIds, loadForStep };

export interface PublishedBody {
  itemId: string;
  revision: number;
  text: 'full' | 'redacted';
  html: string;
  bodyText: string;
  publishedAt: string;
}

/** What went out: the published revision's text, the redacted one after 部分公开 (保密审查制度 第十四条). */
export async function getPublishedBody(deps: Deps, actor: Actor, itemId: string): Promise<PublishedBody> {
  return publishedBodyOf(deps.db, await loadViewable(deps.db, actor, itemId));
}

/** The published body without an actor: a published text is public (it is on the district's sites). */
export async function publishedBodyOf(db: Executor, item: Item): Promise<PublishedBody> {
  const last = (await store.listPublications(db, item.id)).at(-1);
  if (!last) throw notFound('已发布的正文');
  const published = { ...item, revision: last.revision };
  const text = await publishableText(db, published);
  const revision = await store.getRevision(db, item.id, last.revision);
  if (!revision) throw notFound('稿件版本');
  return {
    itemId: item.id,
    revision: last.revision,
    text: text.text,
    html: text.html ?? revision.bodyHtml,
    bodyText: text.bodyText ?? revision.bodyText,
    publishedAt: last.publishedAt,
  };
}

/** Items whose current title contains `text` (a typed % or _ matches itself), newest first, at most `limit`. */
export async function itemsTitled(db: Executor, text: string, limit: number): Promise<Item[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .selectFrom('items')
    .select('id')
    .where(sql<boolean>`title like ${pattern} escape '\\'`)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return itemsByIds(
    db,
    rows.map((r) => r.id),
  );
}
