// 另一节点复核 (issue 14): with several app nodes on one PostgreSQL, a homepage that failed its probe and every
// re-check on this node is re-checked once more from another node before an incident opens — a fault of one node's
// own network (its DNS, its route out) is then not taken for the site's outage. Every node answers the others'
// requests (startNodeChecks, every 2 s, which also marks it alive); a node asks only when another one was alive in the
// last 30 s, and waits for the answer at most a probe's timeout and 5 s more (then it goes on with its own checks).
// SQLite is one node: nothing marks another alive, so nothing is asked.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Deps } from '../platform/deps.ts';
import { createFetcher, type Fetcher } from './fetch.ts';
import { PROBE_TIMEOUT_MS } from './rules/availability.ts';
import type { ProbeRecord } from './spec.ts';
import {
  answerOf,
  answerRequest,
  askCheck,
  claimRequest,
  markAlive,
  openRequests,
  otherNodeSince,
  pruneRequests,
} from './store-node-checks.ts';

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'log'>;

/** This process's name among the nodes. */
export const NODE_ID = randomUUID();
const ALIVE_MS = 30_000;
const ANSWER_MS = 2_000;
const KEEP_MS = 3600_000;

const iso = (d: D, offsetMs = 0) => new Date(d.clock.now().getTime() + offsetMs).toISOString();

/** The other node's re-check of `url`, or null when no other node is alive or none answered in time. */
export async function askOtherNode(
  deps: D,
  siteId: string,
  url: string,
  { node = NODE_ID as string, waitMs = PROBE_TIMEOUT_MS + 5_000, pollMs = 250 } = {},
): Promise<(ProbeRecord & { node: string }) | null> {
  if (!(await otherNodeSince(deps.db, node, iso(deps, -ALIVE_MS)))) return null;
  const id = randomUUID();
  await askCheck(deps.db, { id, siteId, url, node, at: iso(deps) });
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const a = await answerOf(deps.db, id);
    if (a)
      return {
        at: new Date(a.at),
        ok: a.ok,
        ms: a.ms,
        status: a.status ?? undefined,
        error: a.error ?? undefined,
        node: a.node,
      };
    await sleep(pollMs);
  }
  deps.log.warn({ siteId, url }, '另一节点未在时限内完成首页复核，仅按本节点的复核判断');
  return null;
}

/** Answers the other nodes' open requests once (and marks this node alive); returns how many it answered. */
export async function answerOtherNodes(deps: D, fetcher: Fetcher, node: string = NODE_ID): Promise<number> {
  await markAlive(deps.db, node, iso(deps));
  let answered = 0;
  for (const r of await openRequests(deps.db, node, iso(deps, -ALIVE_MS))) {
    if (!(await claimRequest(deps.db, r.id, node))) continue;
    const page = await fetcher.fetch(r.url, { timeoutMs: PROBE_TIMEOUT_MS });
    await answerRequest(deps.db, r.id, {
      ok: page.ok,
      status: page.status || null,
      ms: page.ms,
      error: page.error ?? null,
      at: iso(deps),
    });
    answered++;
  }
  await pruneRequests(deps.db, iso(deps, -KEEP_MS));
  return answered;
}

/** On PostgreSQL, each node answers the others every 2 s until stopped (serve's scheduler starts and stops it). */
export function startNodeChecks(deps: D, node: string = NODE_ID): { stop(): Promise<void> } {
  const fetcher = createFetcher({ allowPrivate: deps.config.watchAllowPrivate === '1' });
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        await answerOtherNodes(deps, fetcher, node);
      } catch (err) {
        if (!stopped) deps.log.warn({ err }, '另一节点复核：应答失败，稍后重试');
      }
      await sleep(ANSWER_MS, undefined, { ref: false });
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await fetcher.close();
    },
  };
}
