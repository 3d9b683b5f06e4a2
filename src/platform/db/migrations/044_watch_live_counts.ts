// 读网值班 at 10,000 targets: the overview's remaining costs were the 7-day probe count (whole days outside the day
// rows until the roll-up, partial days from up to 23 hour rows a site) and judging 10,000 columns' states from their
// JSON, joined to their columns, on every call. Now (1) the day rows are counted as each probe is saved, like the hour
// rows, not only by the roll-up — filled here from the raw probes of the days not rolled up yet; (2) a column's status
// keeps its state (ok, stale, blank, unreadable) in a column of its own, written with the status — filled here from
// the details by the rule the overview applied until now; (3) watch_site_columns keeps each site's columns counted by
// state, registration and key kind, recounted as a column's status or a column is written, so the overview reads
// ~1,000 rows instead of joining 10,000; and the site-wide statuses (no column state) get an index of their own.
import { type Kysely, SqliteAdapter, sql } from 'kysely';

const DAY_MS = 86_400_000;
const dayOf = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
const dayStart = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('watch_status').addColumn('column_state', 'text').execute();
  await db.schema
    .createTable('watch_site_columns')
    .addColumn('site_id', 'text', (c) => c.notNull().references('watch_sites.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('registered', 'integer', (c) => c.notNull())
    .addColumn('key', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('last', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('watch_site_columns_pk', ['site_id', 'state', 'registered', 'key'])
    .execute();
  await fill(db);
  await db.schema
    .createIndex('watch_status_site_wide')
    .on('watch_status')
    .columns(['site_id', 'observed_at'])
    .where(sql.ref('column_state'), 'is', null)
    .execute();
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
  // The columns' states counted per site as store-runs.ts recountSiteColumns keeps them (key kinds as of 044).
  const key = sql`case when c.kind in ('动态要闻', '通知公告', '政策文件') then 1 else 0 end`;
  await db.deleteFrom('watch_site_columns').execute();
  await sql`insert into watch_site_columns (site_id, state, registered, key, n, last)
    select s.site_id, s.column_state, case when c.id is null then 0 else 1 end, ${key}, count(*), max(s.observed_at)
    from watch_status s left join watch_columns c on c.id = substr(s.target_key, 8) and s.target_key like 'column:%'
      and c.active = 1 and c.site_id = s.site_id
    where s.monitor = 'freshness' and s.rule = 'column-stale' and s.site_id is not null
    group by 1, 2, 3, 4`.execute(db);

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
  await db.schema.dropTable('watch_site_columns').execute();
  await db.schema.dropIndex('watch_status_site_wide').execute();
  await db.schema.alterTable('watch_status').dropColumn('column_state').execute();
}
