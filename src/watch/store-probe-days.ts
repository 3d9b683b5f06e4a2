// Kysely queries of the probe history at scale: one row per site and day (Asia/Shanghai) and one per site and hour,
// both counted as each probe is saved (the day rows are also recounted from the raw probes when a day is rolled up, and
// kept for ever; the hour rows are pruned with the raw probes); the raw probes and runs pruned after the retention
// period; and the count of probes in a time range, read from the day rows for whole days, and for a partial day either
// from its hours or as its day row less the rest of the day, whichever spans less — the same numbers the raw probes
// alone give (src/watch/retention.ts, probe-hours.test.ts).
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

/** Counts saved probes in their hours' and days' rows (inside the transaction that saves them). */
export async function countSavedProbes(
  db: Executor,
  probes: readonly { siteId: string; at: string; ok: boolean; ms: number }[],
): Promise<void> {
  const hours = new Map<string, { site_id: string; hour: string; total: number; failures: number }>();
  const days = new Map<
    string,
    { site_id: string; day: string; total: number; failures: number; ms_sum: number; ms_max: number }
  >();
  for (const p of probes) {
    const ms = Math.round(p.ms);
    const hour = `${p.siteId} ${hourOf(p.at)}`;
    const h = hours.get(hour) ?? { site_id: p.siteId, hour: hourOf(p.at), total: 0, failures: 0 };
    h.total++;
    if (!p.ok) h.failures++;
    hours.set(hour, h);
    const day = dayOf(Date.parse(p.at));
    const d = days.get(`${p.siteId} ${day}`) ?? { site_id: p.siteId, day, total: 0, failures: 0, ms_sum: 0, ms_max: 0 };
    d.total++;
    if (!p.ok) d.failures++;
    d.ms_sum += ms;
    d.ms_max = Math.max(d.ms_max, ms);
    days.set(`${p.siteId} ${day}`, d);
  }
  if (hours.size === 0) return;
  await db
    .insertInto('watch_probe_hours')
    .values([...hours.values()])
    .onConflict((oc) =>
      oc.columns(['site_id', 'hour']).doUpdateSet((eb) => ({
        total: eb('watch_probe_hours.total', '+', eb.ref('excluded.total')),
        failures: eb('watch_probe_hours.failures', '+', eb.ref('excluded.failures')),
      })),
    )
    .execute();
  await db
    .insertInto('watch_probe_days')
    .values([...days.values()])
    .onConflict((oc) =>
      oc.columns(['site_id', 'day']).doUpdateSet((eb) => ({
        total: eb('watch_probe_days.total', '+', eb.ref('excluded.total')),
        failures: eb('watch_probe_days.failures', '+', eb.ref('excluded.failures')),
        ms_sum: eb('watch_probe_days.ms_sum', '+', eb.ref('excluded.ms_sum')),
        ms_max: sql<number>`case when excluded.ms_max > watch_probe_days.ms_max
          then excluded.ms_max else watch_probe_days.ms_max end`,
      })),
    )
    .execute();
}

/** Recounts the hour rows of [from, to) (whole hours) and the day rows of the whole days in it from the raw probes:
 *  probes written by SQL in bulk. */
export async function recountHours(db: Executor, from: string, to: string): Promise<void> {
  await db.deleteFrom('watch_probe_hours').where('hour', '>=', hourOf(from)).where('hour', '<', hourOf(to)).execute();
  await sql`insert into watch_probe_hours (site_id, hour, total, failures)
    select site_id, substr(at, 1, 13), count(*), sum(case when ok = 0 then 1 else 0 end) from watch_probes
    where at >= ${from} and at < ${to} group by site_id, substr(at, 1, 13)`.execute(db);
  for (let t = ceilDay(Date.parse(from)); t + DAY_MS <= Date.parse(to); t += DAY_MS) await recountDay(db, dayOf(t));
}

/** Replaces one day's rows by the count of its raw probes. */
async function recountDay(db: Executor, day: string): Promise<void> {
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

/** Rolls one day's raw probes up into one row per site (a recount of the row kept as they were saved), moves
 *  `through`. */
export async function rollUpDay(db: Executor, day: string, at: string): Promise<void> {
  await recountDay(db, day);
  const to = iso(dayStart(day) + DAY_MS);
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

interface Counting {
  db: Executor;
  siteIds: readonly string[];
  out: Map<string, ProbeCount>;
  /** Raw probes and hour rows before this instant (a midnight) are pruned; -Infinity: none. */
  prunedBefore: number;
}

/** Adds (sign 1) or takes away (-1) the rows of one table in [from, to): day rows, hour rows or raw probes. */
async function sum(c: Counting, rows: 'days' | 'hours' | 'raw', from: number, to: number, sign: 1 | -1): Promise<void> {
  if (from >= to) return;
  const add = (siteId: string, total: number, failures: number) => {
    const n = c.out.get(siteId) ?? { total: 0, failures: 0 };
    n.total += sign * total;
    n.failures += sign * failures;
    c.out.set(siteId, n);
  };
  if (rows === 'raw') {
    const found = await c.db
      .selectFrom('watch_probes')
      .select((eb) => ['site_id', 'ok', eb.fn.countAll().as('n')])
      .where('site_id', 'in', c.siteIds)
      .where('at', '>=', iso(from))
      .where('at', '<', iso(to))
      .groupBy(['site_id', 'ok'])
      .execute();
    for (const r of found) add(r.site_id, Number(r.n), Number(r.ok) === 0 ? Number(r.n) : 0);
    return;
  }
  const found =
    rows === 'days'
      ? await c.db
          .selectFrom('watch_probe_days')
          .where('site_id', 'in', c.siteIds)
          .where('day', '>=', dayOf(from))
          .where('day', '<', dayOf(to))
          .groupBy('site_id')
          .select((eb) => ['site_id', eb.fn.sum('total').as('total'), eb.fn.sum('failures').as('failures')])
          .execute()
      : await c.db
          .selectFrom('watch_probe_hours')
          .where('site_id', 'in', c.siteIds)
          .where('hour', '>=', hourOf(iso(from)))
          .where('hour', '<', hourOf(iso(to)))
          .groupBy('site_id')
          .select((eb) => ['site_id', eb.fn.sum('total').as('total'), eb.fn.sum('failures').as('failures')])
          .execute();
  for (const r of found) add(r.site_id, Number(r.total), Number(r.failures));
}

/**
 * [a, b) inside the unit (day or hour) starting at `start`: read directly at the finer grain, or — when the rest of
 * the unit spans less and its finer rows are still kept — as the unit's row less the rest of the unit.
 */
async function piece(c: Counting, unit: 'days' | 'hours', start: number, a: number, b: number, sign: 1 | -1) {
  if (a >= b) return;
  const end = start + (unit === 'days' ? DAY_MS : HOUR_MS);
  const finer = (from: number, to: number, s: 1 | -1) =>
    unit === 'days' ? hoursOf(c, from, to, s) : sum(c, 'raw', from, to, s);
  if (start >= c.prunedBefore && end - start - (b - a) < b - a) {
    const less = sign === 1 ? -1 : 1;
    await Promise.all([sum(c, unit, start, end, sign), finer(start, a, less), finer(b, end, less)]);
  } else await finer(a, b, sign);
}

/** [a, b) inside one day: whole hours from the hour rows, the partial hours at its ends as pieces of their hours. */
async function hoursOf(c: Counting, a: number, b: number, sign: 1 | -1): Promise<void> {
  if (a >= b) return;
  const h1 = ceilHour(a);
  const h2 = floorHour(b);
  if (h1 > h2) return piece(c, 'hours', floorHour(a), a, b, sign);
  await Promise.all([
    piece(c, 'hours', h1 - HOUR_MS, a, h1, sign),
    sum(c, 'hours', h1, h2, sign),
    piece(c, 'hours', h2, h2, b, sign),
  ]);
}

/**
 * Probes and failures of each site in [from, to): whole days from the day rows, the partial days at the ends as pieces
 * of their days (their hours, or the day row less the rest of the day), and so on down to the raw probes.
 * A range reaching back into pruned days counts the whole days there from the day rows kept for ever, and nothing of a
 * partial pruned day (a report runs from midnight to midnight).
 */
export async function countProbes(
  db: Executor,
  siteIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, ProbeCount>> {
  const out = new Map<string, ProbeCount>();
  if (siteIds.length === 0) return out;
  const { prunedBefore } = await rollupState(db);
  const c: Counting = { db, siteIds, out, prunedBefore: prunedBefore ? Date.parse(prunedBefore) : -Infinity };
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (a >= b) return out;
  const d1 = ceilDay(a);
  const d2 = floorDay(b);
  if (d1 > d2) await piece(c, 'days', floorDay(a), a, b, 1);
  else
    await Promise.all([
      piece(c, 'days', d1 - DAY_MS, a, d1, 1),
      sum(c, 'days', d1, d2, 1),
      piece(c, 'days', d2, d2, b, 1),
    ]);
  return out;
}
