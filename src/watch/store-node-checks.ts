// Kysely queries of 另一节点复核 (node-checks.ts): the nodes alive, a node's request to re-check a homepage and the
// answer of another node. Claiming a request is one statement, so two nodes never both answer it.
import type { Executor } from '../platform/db/types.ts';

export interface NodeAnswer {
  ok: boolean;
  status: number | null;
  ms: number;
  error: string | null;
  at: string;
  node: string;
}

export async function markAlive(db: Executor, node: string, at: string): Promise<void> {
  await db
    .insertInto('watch_nodes')
    .values({ node, seen_at: at })
    .onConflict((oc) => oc.column('node').doUpdateSet({ seen_at: at }))
    .execute();
}

/** Whether a node other than `node` answered since `since`. */
export async function otherNodeSince(db: Executor, node: string, since: string): Promise<boolean> {
  const r = await db
    .selectFrom('watch_nodes')
    .select('node')
    .where('node', '<>', node)
    .where('seen_at', '>=', since)
    .executeTakeFirst();
  return !!r;
}

export async function askCheck(
  db: Executor,
  r: { id: string; siteId: string; url: string; node: string; at: string },
): Promise<void> {
  await db
    .insertInto('watch_node_checks')
    .values({ id: r.id, site_id: r.siteId, url: r.url, asked_by: r.node, asked_at: r.at })
    .execute();
}

export async function answerOf(db: Executor, id: string): Promise<NodeAnswer | null> {
  const r = await db
    .selectFrom('watch_node_checks')
    .selectAll()
    .where('id', '=', id)
    .where('answered_at', 'is not', null)
    .executeTakeFirst();
  return r
    ? { ok: r.ok === 1, status: r.status, ms: r.ms ?? 0, error: r.error, at: r.answered_at!, node: r.answered_by! }
    : null;
}

/** The open requests of other nodes asked since `since`, for `node` to claim. */
export async function openRequests(db: Executor, node: string, since: string): Promise<{ id: string; url: string }[]> {
  return db
    .selectFrom('watch_node_checks')
    .select(['id', 'url'])
    .where('asked_by', '<>', node)
    .where('answered_by', 'is', null)
    .where('asked_at', '>=', since)
    .execute();
}

export async function claimRequest(db: Executor, id: string, node: string): Promise<boolean> {
  const r = await db
    .updateTable('watch_node_checks')
    .set({ answered_by: node })
    .where('id', '=', id)
    .where('answered_by', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function answerRequest(
  db: Executor,
  id: string,
  a: { ok: boolean; status: number | null; ms: number; error: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('watch_node_checks')
    .set({ ok: a.ok ? 1 : 0, status: a.status, ms: a.ms, error: a.error, answered_at: a.at })
    .where('id', '=', id)
    .execute();
}

/** Requests older than `before` (answered or not) are of no more use. */
export async function pruneRequests(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('watch_node_checks').where('asked_at', '<', before).execute();
}
