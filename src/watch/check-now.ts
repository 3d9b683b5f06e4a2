// 立即检测: a person runs every monitor of one site now (the hourly run's checkSite), instead of waiting for the
// schedule — after fixing a fault, or to see a newly registered site judged. Allowed to who manages the monitors or
// stands duty for the site's unit (src/org/policy/watch.ts canCheckSite). One at a time per site, on every node
// (store-checks.ts): refused while one runs, and within a minute of the last; the result is kept for the site page.
import type { Actor } from '../org/model.ts';
import { canCheckSite } from '../org/policy/watch.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import type { Deps } from '../platform/deps.ts';
import { conflict, notFound } from '../platform/errors.ts';
import { loadSite, record } from './context.ts';
import { listWatchTargets } from './service.ts';
import { claimCheck, finishCheck, latestCheck, type SiteCheck } from './store-checks.ts';

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'log'>;

/** A running check older than this is taken as dead (its process stopped): a new one may start. */
export const CHECK_STALE_MS = 30 * 60_000;
/** The least time between two checks of a site. */
export const CHECK_COOLDOWN_MS = 60_000;

export type { SiteCheck } from './store-checks.ts';

/** Starts the check and returns at once with it running; `done` settles (never rejects) when it is recorded. */
export async function startSiteCheck(
  deps: D,
  actor: Actor,
  siteId: string,
): Promise<{ check: SiteCheck; done: Promise<SiteCheck | null> }> {
  const site = await loadSite(deps.db, siteId);
  if (!site.active) throw notFound('监测网站');
  assertAllowed(canCheckSite(actor, site));
  const now = deps.clock.now();
  const at = now.toISOString();
  const claimed = await claimCheck(deps.db, {
    siteId,
    requestedBy: actor.id,
    at,
    staleBefore: new Date(now.getTime() - CHECK_STALE_MS).toISOString(),
    coolBefore: new Date(now.getTime() - CHECK_COOLDOWN_MS + 1).toISOString(),
  });
  if (!claimed) {
    const current = await latestCheck(deps.db, siteId);
    if (current?.state === 'running')
      throw conflict('CHECK_RUNNING', `该网站正在检测（${current.requestedByName}发起），请等检测完成后再查看结果`);
    throw conflict('CHECK_TOO_SOON', '该网站 1 分钟内刚检测过，请稍后再试');
  }
  // A ledger append takes the head row's lock for its whole transaction: never outside one (two appends at once would
  // otherwise claim the same position — a 500 seen on PostgreSQL while a previous check was still writing).
  await deps.db
    .transaction()
    .execute((tx) => record(tx, actor, site.unitId, 'watch.site_check', `watchSite:${siteId}`, { siteId }, now));
  const check = (await latestCheck(deps.db, siteId))!;
  return { check, done: run(deps, siteId, at) };
}

async function run(deps: D, siteId: string, startedAt: string): Promise<SiteCheck | null> {
  try {
    let outcome: Parameters<typeof finishCheck>[3];
    try {
      const { sites, accounts } = await listWatchTargets(deps);
      const site = sites.find((s) => s.id === siteId);
      if (!site) throw new Error('监测网站已停止监测');
      // The crawler (undici, cheerio) loads on the first check, not at the server's start (app/cli-imports.test.ts).
      const { checkSite } = await import('./jobs.ts');
      const r = await checkSite(deps, site, accounts);
      outcome = { state: 'done', at: deps.clock.now().toISOString(), ...r, error: null };
    } catch (err) {
      deps.log.error({ err, siteId }, '立即检测失败');
      const error = err instanceof Error ? err.message.slice(0, 500) : '未知错误';
      outcome = { state: 'failed', at: deps.clock.now().toISOString(), observations: 0, problems: 0, error };
    }
    await finishCheck(deps.db, siteId, startedAt, outcome);
    return await latestCheck(deps.db, siteId);
  } catch (err) {
    deps.log.error({ err, siteId }, '立即检测的结果未能保存');
    return null;
  }
}
