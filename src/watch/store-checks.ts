// Kysely queries of 立即检测: one row per site with the latest check a person asked for. Claiming is one statement,
// so two requests (or two nodes) never both start one: a new check replaces the row only when none is running (or the
// running one is older than `staleBefore`: its process died) and the last one started before `coolBefore`.
import type { Executor } from '../platform/db/types.ts';

export type CheckState = 'running' | 'done' | 'failed';

export interface SiteCheck {
  siteId: string;
  state: CheckState;
  requestedBy: string;
  requestedByName: string;
  startedAt: string;
  finishedAt: string | null;
  observations: number;
  /** Observations at the warning or veto line. */
  problems: number;
  error: string | null;
}

export async function latestCheck(db: Executor, siteId: string): Promise<SiteCheck | null> {
  const r = await db
    .selectFrom('watch_site_checks as c')
    .innerJoin('users as u', 'u.id', 'c.requested_by')
    .selectAll('c')
    .select('u.display_name as requested_by_name')
    .where('c.site_id', '=', siteId)
    .executeTakeFirst();
  return r
    ? {
        siteId: r.site_id,
        state: r.state as CheckState,
        requestedBy: r.requested_by,
        requestedByName: r.requested_by_name,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        observations: Number(r.observations),
        problems: Number(r.problems),
        error: r.error,
      }
    : null;
}

/** True when this request now holds the site's check. */
export async function claimCheck(
  db: Executor,
  c: { siteId: string; requestedBy: string; at: string; staleBefore: string; coolBefore: string },
): Promise<boolean> {
  const values = {
    state: 'running',
    requested_by: c.requestedBy,
    started_at: c.at,
    finished_at: null,
    observations: 0,
    problems: 0,
    error: null,
  };
  const res = await db
    .insertInto('watch_site_checks')
    .values({ site_id: c.siteId, ...values })
    .onConflict((oc) =>
      oc
        .column('site_id')
        .doUpdateSet(values)
        .where((eb) =>
          eb.and([
            eb.or([
              eb('watch_site_checks.state', '<>', 'running'),
              eb('watch_site_checks.started_at', '<', c.staleBefore),
            ]),
            eb('watch_site_checks.started_at', '<', c.coolBefore),
          ]),
        ),
    )
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function finishCheck(
  db: Executor,
  siteId: string,
  startedAt: string,
  r: { state: 'done' | 'failed'; at: string; observations: number; problems: number; error: string | null },
): Promise<void> {
  await db
    .updateTable('watch_site_checks')
    .set({ state: r.state, finished_at: r.at, observations: r.observations, problems: r.problems, error: r.error })
    .where('site_id', '=', siteId)
    .where('started_at', '=', startedAt)
    .execute();
}
