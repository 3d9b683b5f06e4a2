// 读网值班 at 10,000 targets: the overview's two remaining costs were reading the 7-day probe count from 84,000 hour
// rows (with 90 raw days the whole week is outside the day rows) and judging 10,000 columns' states from their JSON
// on every call. Now (1) the day rows are counted as each probe is saved, like the hour rows, not only by the roll-up
// — filled here from the raw probes of the days not rolled up yet — so a week is seven day rows a site plus the
// pieces of the two partial days; (2) a column's status keeps its state (ok, stale, blank, unreadable) in a column
// of its own, written with the status — filled here from the details by the rule the overview applied until now.
import { type Kysely, SqliteAdapter, sql } from 'kysely';

const DAY_MS = 86_400_000;
const dayOf = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const dayStart = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('watch_status').addColumn('column_state', 'text').execute();
  await fill(db);
}

/** The two kept states from what was there before: the columns' states from their details, the day rows of the days
 *  not rolled up from their raw probes (exported for the test comparing them with the states kept as rows are
 *  written). */
export async function fill(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const state = sqlite
    ? sql`case
        when json_type(details, '$.state') = 'text'
          and json_extract(details, '$.state') in ('ok', 'stale', 'blank', 'unreadable')
          then json_extract(details, '$.state')
        when level = 'ok' then 'ok'
        when json_type(details, '$.blank') = 'true' then 'blank'
        when json_type(details, '$.items') is not null then 'stale'
        else 'unreadable' end`
    : sql`case
        when (details::jsonb)->>'state' in ('ok', 'stale', 'blank', 'unreadable')
          and jsonb_typeof((details::jsonb)->'state') = 'string' then (details::jsonb)->>'state'
        when level = 'ok' then 'ok'
        when (details::jsonb)->'blank' = 'true'::jsonb then 'blank'
        when (details::jsonb)->'items' is not null then 'stale'
        else 'unreadable' end`;
  await sql`update watch_status set column_state = ${state}
    where monitor = 'freshness' and rule = 'column-stale'`.execute(db);

  const rollup = await db.selectFrom('watch_rollups').select('through').where('name', '=', 'probes').executeTakeFirst();
  const range = await db
    .selectFrom('watch_probes')
    .select((eb) => [eb.fn.min('at').as('first'), eb.fn.max('at').as('last')])
    .executeTakeFirst();
  if (!range?.first || !range.last) return;
  const from = rollup?.through
    ? Math.max(Date.parse(rollup.through), Date.parse(range.first))
    : Date.parse(range.first);
  for (let day = dayOf(from); dayStart(day) <= Date.parse(range.last); day = dayOf(dayStart(day) + DAY_MS)) {
    const start = new Date(dayStart(day)).toISOString();
    const end = new Date(dayStart(day) + DAY_MS).toISOString();
    await db.deleteFrom('watch_probe_days').where('day', '=', day).execute();
    await sql`insert into watch_probe_days (site_id, day, total, failures, ms_sum, ms_max)
      select site_id, ${day}, count(*), sum(case when ok = 0 then 1 else 0 end), sum(ms), max(ms) from watch_probes
      where at >= ${start} and at < ${end} group by site_id`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('watch_status').dropColumn('column_state').execute();
}
