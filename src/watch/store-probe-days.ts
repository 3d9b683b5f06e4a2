// Kysely queries of the probe history at scale: one row per site and day (Asia/Shanghai) rolled up from the raw
// probes, kept for ever; the raw probes and runs pruned after the retention period; and the count of probes in a time
// range, read from the day rows where whole rolled-up days fall in it and from the raw probes for the rest — the same
// numbers the raw probes alone gave before they were pruned (src/watch/retention.ts).
import type { Executor } from '../platform/db/types.ts';

export const DAY_MS = 86_400_000;
const ROLLUP = 'probes';

export interface ProbeCount {
  total: number;
  failures: number;
}

/** The Shanghai day of an instant, 'YYYY-MM-DD'. */
export const dayOf = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
/** The instant a Shanghai day starts (its midnight), in ms. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);
const floorDay = (ms: number): number => dayStart(dayOf(ms));
const ceilDay = (ms: number): number => (floorDay(ms) === ms ? ms : floorDay(ms) + DAY_MS);
const iso = (ms: number): string => new Date(ms).toISOString();

export interface RollupState {
  /** Every day before this instant (a Shanghai midnight) is in watch_probe_days; null: nothing rolled up yet. */
  through: string | null;
  /** Raw probes before this instant are pruned. */
  prunedBefore: string | null;
}

export async function rollupState(db: Executor): Promise<RollupState> {
  const row = await db
    .selectFrom('watch_rollups')
    .select(['through', 'pruned_before'])
    .where('name', '=', ROLLUP)
    .executeTakeFirst();
  return { through: row?.through ?? null, prunedBefore: row?.pruned_before ?? null };
}

async function saveState(db: Executor, s: RollupState, at: string): Promise<void> {
  const values = { through: s.through ?? '', pruned_before: s.prunedBefore, updated_at: at };
  await db
    .insertInto('watch_rollups')
    .values({ name: ROLLUP, ...values })
    .onConflict((oc) => oc.column('name').doUpdateSet(values))
    .execute();
}

/** The instant of the oldest raw probe (where a first roll-up starts), or null with none. */
export async function oldestProbeAt(db: Executor): Promise<string | null> {
  const row = await db
    .selectFrom('watch_probes')
    .select((eb) => eb.fn.min('at').as('at'))
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

/** Rolls one day's raw probes up into one row per site (replacing an earlier roll-up of the day), moves `through`. */
export async function rollUpDay(db: Executor, day: string, at: string): Promise<void> {
  const from = iso(dayStart(day));
  const to = iso(dayStart(day) + DAY_MS);
  await db.deleteFrom('watch_probe_days').where('day', '=', day).execute();
  await db
    .insertInto('watch_probe_days')
    .columns(['site_id', 'day', 'total', 'failures', 'ms_sum', 'ms_max'])
    .expression((eb) =>
      eb
        .selectFrom('watch_probes')
        .where('at', '>=', from)
        .where('at', '<', to)
        .groupBy('site_id')
        .select((s) => [
          'site_id',
          s.val(day).as('day'),
          s.fn.countAll().as('total'),
          s.fn.sum(s.case().when('ok', '=', 0).then(s.lit(1)).else(s.lit(0)).end()).as('failures'),
          s.fn.sum('ms').as('ms_sum'),
          s.fn.max('ms').as('ms_max'),
        ]),
    )
    .execute();
  const state = await rollupState(db);
  if (!state.through || state.through < to) await saveState(db, { ...state, through: to }, at);
}

/** Deletes the raw probes before `before` (only ever rolled-up days: the caller caps it at `through`). */
export async function pruneProbes(db: Executor, before: string, at: string): Promise<number> {
  const res = await db.deleteFrom('watch_probes').where('at', '<', before).executeTakeFirst();
  const state = await rollupState(db);
  if (!state.prunedBefore || state.prunedBefore < before) await saveState(db, { ...state, prunedBefore: before }, at);
  return Number(res.numDeletedRows);
}

/** Deletes the monitor runs started before `before` (the run list shows the last 50; incidents keep their record). */
export async function pruneRuns(db: Executor, before: string): Promise<number> {
  const res = await db.deleteFrom('watch_runs').where('started_at', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

function add(out: Map<string, ProbeCount>, siteId: string, total: number, failures: number): void {
  const c = out.get(siteId) ?? { total: 0, failures: 0 };
  c.total += total;
  c.failures += failures;
  out.set(siteId, c);
}

async function countRaw(
  db: Executor,
  siteIds: readonly string[],
  from: string,
  to: string,
  out: Map<string, ProbeCount>,
): Promise<void> {
  if (from >= to) return;
  const rows = await db
    .selectFrom('watch_probes')
    .select((eb) => ['site_id', 'ok', eb.fn.countAll().as('n')])
    .where('site_id', 'in', siteIds)
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy(['site_id', 'ok'])
    .execute();
  for (const r of rows) add(out, r.site_id, Number(r.n), Number(r.ok) === 0 ? Number(r.n) : 0);
}

async function countDays(
  db: Executor,
  siteIds: readonly string[],
  fromDay: string,
  toDay: string,
  out: Map<string, ProbeCount>,
): Promise<void> {
  if (fromDay >= toDay) return;
  const rows = await db
    .selectFrom('watch_probe_days')
    .where('site_id', 'in', siteIds)
    .where('day', '>=', fromDay)
    .where('day', '<', toDay)
    .groupBy('site_id')
    .select((eb) => ['site_id', eb.fn.sum('total').as('total'), eb.fn.sum('failures').as('failures')])
    .execute();
  for (const r of rows) add(out, r.site_id, Number(r.total), Number(r.failures));
}

/**
 * Probes and failures of each site in [from, to): whole rolled-up days from the day rows, the rest from the raw probes.
 * A range reaching back into pruned days counts those days whole (a report runs from midnight to midnight).
 */
export async function countProbes(
  db: Executor,
  siteIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, ProbeCount>> {
  const out = new Map<string, ProbeCount>();
  if (siteIds.length === 0) return out;
  const { through } = await rollupState(db);
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  const daysFrom = ceilDay(fromMs);
  const daysTo = through ? Math.min(floorDay(toMs), Date.parse(through)) : daysFrom;
  if (daysFrom >= daysTo) {
    await countRaw(db, siteIds, from, to, out);
    return out;
  }
  await Promise.all([
    countRaw(db, siteIds, from, iso(daysFrom), out),
    countDays(db, siteIds, dayOf(daysFrom), dayOf(daysTo), out),
    countRaw(db, siteIds, iso(daysTo), to, out),
  ]);
  return out;
}
