// Kysely queries of what the monitors report: the latest status per monitor/target/rule, availability probes and
// monitor runs.
import { type Selectable, SqliteAdapter, sql } from 'kysely';
import type { WatchStatusTable } from '../platform/db/tables/watch.ts';
import type { Executor } from '../platform/db/types.ts';
import { KEY_COLUMN_KINDS, type MonitorKind, type WatchLevel } from './model.ts';
import { countSavedProbes } from './store-probe-days.ts';
import { columnStateOf } from './verdict.ts';

export interface Status {
  monitor: MonitorKind;
  targetKey: string;
  rule: string;
  siteId: string | null;
  accountId: string | null;
  level: WatchLevel;
  summary: string;
  details: Record<string, unknown>;
  observedAt: string;
}

export interface Probe {
  at: string;
  ok: boolean;
  ms: number;
  statusCode: number | null;
  error: string | null;
}

export interface Run {
  id: string;
  monitor: MonitorKind;
  siteId: string | null;
  accountId: string | null;
  startedAt: string;
  durationMs: number;
  outcome: 'ok' | 'failed';
  observations: number;
  error: string | null;
}

/** A column's status (rule column-stale) keeps the column's state beside its details, for the overview to count. */
const isColumnStatus = (s: { monitor: string; rule: string }) => s.monitor === 'freshness' && s.rule === 'column-stale';

/** Keeps the newest judgement: an older observation arriving late never overwrites a newer one; a column's status is
 *  counted again in its site's row of watch_site_columns in the same transaction. */
export async function upsertStatus(db: Executor, s: Status): Promise<void> {
  if (isColumnStatus(s) && !db.isTransaction) return db.transaction().execute((tx) => upsertStatus(tx, s));
  const values = {
    site_id: s.siteId,
    account_id: s.accountId,
    level: s.level,
    summary: s.summary,
    details: JSON.stringify(s.details),
    observed_at: s.observedAt,
    column_state: isColumnStatus(s) ? columnStateOf(s) : null,
  };
  await db
    .insertInto('watch_status')
    .values({ monitor: s.monitor, target_key: s.targetKey, rule: s.rule, ...values })
    .onConflict((oc) =>
      oc
        .columns(['monitor', 'target_key', 'rule'])
        .doUpdateSet(values)
        .where('watch_status.observed_at', '<=', s.observedAt),
    )
    .execute();
  if (isColumnStatus(s) && s.siteId) await recountSiteColumns(db, [s.siteId]);
}

export async function listStatuses(
  db: Executor,
  by: { siteIds?: readonly string[]; accountIds?: readonly string[] },
): Promise<Status[]> {
  const siteIds = by.siteIds ?? [];
  const accountIds = by.accountIds ?? [];
  if (siteIds.length === 0 && accountIds.length === 0) return [];
  const rows = await db
    .selectFrom('watch_status')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(siteIds.length ? [eb('site_id', 'in', siteIds)] : []),
        ...(accountIds.length ? [eb('account_id', 'in', accountIds)] : []),
      ]),
    )
    .orderBy('observed_at', 'desc')
    .orderBy('target_key')
    .execute();
  return rows.map(toStatus);
}

type StatusRow = Selectable<WatchStatusTable>;

function toStatus(r: Omit<StatusRow, 'column_state'>): Status {
  return {
    monitor: r.monitor as MonitorKind,
    targetKey: r.target_key,
    rule: r.rule,
    siteId: r.site_id,
    accountId: r.account_id,
    level: r.level as WatchLevel,
    summary: r.summary,
    details: JSON.parse(r.details) as Record<string, unknown>,
    observedAt: r.observed_at,
  };
}

export interface SiteStatusFacts {
  /** Every status but the columns' (freshness, column-stale), newest first as listStatuses orders them; details are
   *  read for the availability monitor only (the one line that looks at them: details.ok), {} for the others. */
  statuses: Status[];
  /** Per site, the latest states of its registered active columns, counted by state and key kind (the verdict's
   *  tally over the state each status keeps, 044). A column's status carries its column's site (freshness writes it
   *  so). */
  columns: { siteId: string; state: ColumnStateName; key: boolean; n: number }[];
  /** Per site, its newest status's time. */
  lastObservedAt: Map<string, string>;
}
type ColumnStateName = 'ok' | 'stale' | 'blank' | 'unreadable';

/** The columns' statuses of these sites counted by state, registration (an active registered column of the same site)
 *  and key kind, with the newest time of each group: what watch_site_columns keeps. */
function countColumns(db: Executor, siteIds: readonly string[]) {
  return db
    .selectFrom('watch_status as s')
    .leftJoin('watch_columns as c', (j) =>
      j
        .on(sql<boolean>`c.id = substr(s.target_key, 8)`)
        .on('s.target_key', 'like', 'column:%')
        .on('c.active', '=', 1)
        .onRef('c.site_id', '=', 's.site_id'),
    )
    .select((eb) => [
      's.site_id',
      sql<ColumnStateName>`s.column_state`.as('state'),
      sql<number>`case when c.id is null then 0 else 1 end`.as('registered'),
      sql<number>`case when c.kind in (${sql.join(KEY_COLUMN_KINDS)}) then 1 else 0 end`.as('key'),
      eb.fn.countAll().as('n'),
      eb.fn.max('s.observed_at').as('last'),
    ])
    .where('s.site_id', 'in', siteIds)
    .where('s.monitor', '=', 'freshness')
    .where('s.rule', '=', 'column-stale')
    .groupBy(['s.site_id', 'state', 'registered', 'key']);
}

/**
 * Recounts the sites' rows of watch_site_columns (044) from their columns' statuses and registration: after a column's
 * status or a column is written, in the same transaction. On PostgreSQL the sites' rows are locked first, so two
 * transactions writing one site's columns recount one after the other, each seeing the other's committed rows.
 */
export async function recountSiteColumns(db: Executor, siteIds: readonly string[]): Promise<void> {
  if (siteIds.length === 0) return;
  if (!db.isTransaction) return db.transaction().execute((tx) => recountSiteColumns(tx, siteIds));
  if (!(db.getExecutor().adapter instanceof SqliteAdapter))
    await db.selectFrom('watch_sites').select('id').where('id', 'in', siteIds).orderBy('id').forUpdate().execute();
  await db.deleteFrom('watch_site_columns').where('site_id', 'in', siteIds).execute();
  await db
    .insertInto('watch_site_columns')
    .columns(['site_id', 'state', 'registered', 'key', 'n', 'last'])
    .expression(countColumns(db, siteIds))
    .execute();
}

/**
 * What the overview judges a site by, without reading its columns' statuses one by one: the site-wide statuses as
 * rows and the columns' as the counts kept per site (a site of 20 columns gives a few rows instead of 20 with their
 * JSON).
 */
export async function siteStatusFacts(db: Executor, siteIds: readonly string[]): Promise<SiteStatusFacts> {
  const out: SiteStatusFacts = { statuses: [], columns: [], lastObservedAt: new Map() };
  if (siteIds.length === 0) return out;
  const [rows, counts] = await Promise.all([
    db
      .selectFrom('watch_status as s')
      .select([
        's.monitor',
        's.target_key',
        's.rule',
        's.site_id',
        's.account_id',
        's.level',
        's.summary',
        's.observed_at',
        sql<string>`case when s.monitor = 'availability' then s.details else '{}' end`.as('details'),
      ])
      .where('s.site_id', 'in', siteIds)
      .where('s.column_state', 'is', null) // every status but the columns' (044's index of the site-wide ones)
      .orderBy('s.observed_at', 'desc')
      .orderBy('s.target_key')
      .execute(),
    db.selectFrom('watch_site_columns').selectAll().where('site_id', 'in', siteIds).execute(),
  ]);
  const later = (siteId: string, at: string) => {
    const seen = out.lastObservedAt.get(siteId);
    if (seen === undefined || at > seen) out.lastObservedAt.set(siteId, at);
  };
  for (const r of rows) {
    out.statuses.push(toStatus(r));
    if (r.site_id) later(r.site_id, r.observed_at);
  }
  for (const c of counts) {
    later(c.site_id, c.last);
    if (Number(c.registered))
      out.columns.push({
        siteId: c.site_id,
        state: c.state as ColumnStateName,
        key: Number(c.key) === 1,
        n: Number(c.n),
      });
  }
  return out;
}

/** Saves a probe and counts it in its hour's and day's rows (watch_probe_hours, _days), in one transaction. */
export async function insertProbe(db: Executor, id: string, siteId: string, p: Probe): Promise<void> {
  await insertProbes(db, [{ ...p, id, siteId }]);
}

/** Many probes at once, 500 rows a statement (a load fixture's history; a node's batch of probes), each counted in its
 *  hour's and day's rows in the same transaction. */
export async function insertProbes(
  db: Executor,
  rows: readonly (Probe & { id: string; siteId: string })[],
): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((tx) => insertProbes(tx, rows));
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const values = chunk.map((p) => ({
      id: p.id,
      site_id: p.siteId,
      at: p.at,
      ok: p.ok ? 1 : 0,
      ms: Math.round(p.ms),
      status_code: p.statusCode,
      error: p.error,
    }));
    await db.insertInto('watch_probes').values(values).execute();
    await countSavedProbes(db, chunk);
  }
}

export async function recentProbes(db: Executor, siteId: string, limit: number): Promise<Probe[]> {
  const rows = await db
    .selectFrom('watch_probes')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    ok: Number(r.ok) === 1,
    ms: Number(r.ms),
    statusCode: r.status_code === null ? null : Number(r.status_code),
    error: r.error,
  }));
}

export async function insertRun(db: Executor, r: Run): Promise<void> {
  await db
    .insertInto('watch_runs')
    .values({
      id: r.id,
      monitor: r.monitor,
      site_id: r.siteId,
      account_id: r.accountId,
      started_at: r.startedAt,
      duration_ms: Math.round(r.durationMs),
      outcome: r.outcome,
      observations: r.observations,
      error: r.error,
    })
    .execute();
}

export async function recentRuns(
  db: Executor,
  by: { siteId?: string; accountId?: string },
  limit: number,
): Promise<Run[]> {
  let q = db.selectFrom('watch_runs').selectAll();
  q = by.siteId ? q.where('site_id', '=', by.siteId) : q.where('account_id', '=', by.accountId ?? '');
  const rows = await q.orderBy('started_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    monitor: r.monitor as MonitorKind,
    siteId: r.site_id,
    accountId: r.account_id,
    startedAt: r.started_at,
    durationMs: Number(r.duration_ms),
    outcome: r.outcome as 'ok' | 'failed',
    observations: Number(r.observations),
    error: r.error,
  }));
}

/** Text hashes of the pages proofread on a site, by URL (only new or changed pages are proofread again). */
export async function pageHashes(db: Executor, siteId: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('watch_page_hashes').select(['url', 'hash']).where('site_id', '=', siteId).execute();
  return Object.fromEntries(rows.map((r) => [r.url, r.hash]));
}

export async function savePageHashes(
  db: Executor,
  siteId: string,
  hashes: Record<string, string>,
  at: string,
): Promise<void> {
  // One statement per 500 pages (a 5,000-page site is 10 round trips, not 5,000), well under SQLite's variable limit.
  const rows = Object.entries(hashes).map(([url, hash]) => ({ site_id: siteId, url, hash, checked_at: at }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('watch_page_hashes')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .columns(['site_id', 'url'])
          .doUpdateSet((eb) => ({ hash: eb.ref('excluded.hash'), checked_at: eb.ref('excluded.checked_at') })),
      )
      .execute();
  }
}
