// Kysely queries of the probe history at scale: one row per site and day (Asia/Shanghai) rolled up from the raw
// probes, kept for ever; one row per site and hour counted as each probe is saved, pruned with the raw probes; the raw
// probes and runs pruned after the retention period; and the count of probes in a time range, read from the day rows
// where whole rolled-up days fall in it, from the hour rows for whole hours of the rest and from the raw probes only
// for the partial hours at its ends — the same numbers the raw probes alone gave (src/watch/retention.ts).
import { sql } from 'kysely';
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
const HOUR_MS = 3_600_000;
/** The hour row of an ISO time: its first 13 characters, '2026-10-01T08' (UTC). */
export const hourOf = (at: string): string => at.slice(0, 13);
const floorHour = (ms: number): number => ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS);
const ceilHour = (ms: number): number => (floorHour(ms) === ms ? ms : floorHour(ms) + HOUR_MS);

/** Counts saved probes in their hours' rows (inside the transaction that saves them). */
export async function countInHours(
  db: Executor,
  probes: readonly { siteId: string; at: string; ok: boolean }[],
): Promise<void> {
  const rows = new Map<string, { site_id: string; hour: string; total: number; failures: number }>();
  for (const p of probes) {
    const key = `${p.siteId} ${hourOf(p.at)}`;
    const row = rows.get(key) ?? { site_id: p.siteId, hour: hourOf(p.at), total: 0, failures: 0 };
    row.total++;
    if (!p.ok) row.failures++;
    rows.set(key, row);
  }
  if (rows.size === 0) return;
  await db
    .insertInto('watch_probe_hours')
    .values([...rows.values()])
    .onConflict((oc) =>
      oc.columns(['site_id', 'hour']).doUpdateSet((eb) => ({
        total: eb('watch_probe_hours.total', '+', eb.ref('excluded.total')),
        failures: eb('watch_probe_hours.failures', '+', eb.ref('excluded.failures')),
      })),
    )
    .execute();
}

/** Recounts the hour rows of [from, to) (whole hours) from the raw probes: probes written by SQL in bulk. */
export async function recountHours(db: Executor, from: string, to: string): Promise<void> {
  await db.deleteFrom('watch_probe_hours').where('hour', '>=', hourOf(from)).where('hour', '<', hourOf(to)).execute();
  await sql`insert into watch_probe_hours (site_id, hour, total, failures)
    select site_id, substr(at, 1, 13), count(*), sum(case when ok = 0 then 1 else 0 end) from watch_probes
    where at >= ${from} and at < ${to} group by site_id, substr(at, 1, 13)`.execute(db);
}

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

/** Deletes the raw probes and their hour rows before `before` (only ever rolled-up days: the caller caps it at
 *  `through`, a midnight, so no hour row is cut in two). */
export async function pruneProbes(db: Executor, before: string, at: string): Promise<number> {
  const res = await db.deleteFrom('watch_probes').where('at', '<', before).executeTakeFirst();
  await db.deleteFrom('watch_probe_hours').where('hour', '<', hourOf(before)).execute();
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

async function countHours(
  db: Executor,
  siteIds: readonly string[],
  from: string,
  to: string,
  out: Map<string, ProbeCount>,
): Promise<void> {
  if (from >= to) return;
  const rows = await db
    .selectFrom('watch_probe_hours')
    .where('site_id', 'in', siteIds)
    .where('hour', '>=', hourOf(from))
    .where('hour', '<', hourOf(to))
    .groupBy('site_id')
    .select((eb) => ['site_id', eb.fn.sum('total').as('total'), eb.fn.sum('failures').as('failures')])
    .execute();
  for (const r of rows) add(out, r.site_id, Number(r.total), Number(r.failures));
}

/** [from, to) outside the day rows: whole hours from the hour rows, the partial hours at the ends from raw probes. */
async function countRecent(
  db: Executor,
  siteIds: readonly string[],
  fromMs: number,
  toMs: number,
  out: Map<string, ProbeCount>,
): Promise<void> {
  if (fromMs >= toMs) return;
  const hoursFrom = ceilHour(fromMs);
  const hoursTo = floorHour(toMs);
  if (hoursFrom >= hoursTo) return countRaw(db, siteIds, iso(fromMs), iso(toMs), out);
  await Promise.all([
    countRaw(db, siteIds, iso(fromMs), iso(hoursFrom), out),
    countHours(db, siteIds, iso(hoursFrom), iso(hoursTo), out),
    countRaw(db, siteIds, iso(hoursTo), iso(toMs), out),
  ]);
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
 * Probes and failures of each site in [from, to): whole rolled-up days from the day rows, whole hours of the rest from
 * the hour rows, the partial hours at the ends from the raw probes.
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
    await countRecent(db, siteIds, fromMs, toMs, out);
    return out;
  }
  await Promise.all([
    countRecent(db, siteIds, fromMs, daysFrom, out),
    countDays(db, siteIds, dayOf(daysFrom), dayOf(daysTo), out),
    countRecent(db, siteIds, daysTo, toMs, out),
  ]);
  return out;
}
