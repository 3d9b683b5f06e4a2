// 统计 and 年度考核 counted in SQL (issue 18): the facts the figures read from each 登记台账 entry of the modules they count
// (publish.*, secrecy.*, watch.incident_*, duty.check_in), taken out of its JSON once, when the entry is appended — by
// a trigger, in the appending transaction — instead of by every query. ledger_facts has one row per such entry: its
// Shanghai date, the stages it moves the item from and to, the key it is counted under (the dismissed finding's
// category, the incident's monitor), the return's reason, whether it was late (a secrecy opinion after its 办理期限, a
// check-in after the shift's start), for a move out of a review stage the Shanghai date the item entered it, and for an
// incident opened the times it was first taken up and first closed. ledger_fact_channels has one row per channel of a
// publication. Both are derived from the ledger alone: src/oversight/facts.ts recomputes them and compares (check) or
// rewrites them (rebuild). Existing entries are filled in here.
import { type Kysely, SqliteAdapter, sql } from 'kysely';

const REVIEW = `('level1', 'level2', 'secrecy', 'referred', 'level3', 'level4')`;
const DISMISS = `('publish.finding_dismiss', 'publish.finding_accept', 'secrecy.finding_dismiss')`;
const COUNTED = (a: string) =>
  `(${a}.action like 'publish.%' or ${a}.action like 'secrecy.%' or substr(${a}.action, 1, 15) = 'watch.incident_'`
  + ` or ${a}.action = 'duty.check_in')`;
const COLUMNS = 'seq, unit_id, at, day, action, subject, actor_name, from_stage, to_stage, key, reason, late';

// SQLite: the entry's JSON object, and the text at `key` in it ('' when absent or not text). Inline (SQLite has no
// lateral subquery to name it once).
const sqliteJson = (a: string) =>
  `(case when json_valid(${a}.payload) and json_type(${a}.payload) = 'object' then ${a}.payload else '{}' end)`;
const sqliteDay = (at: string) => `date(${at}, '+8 hours')`;
/** The columns of one entry (alias `a`), SQLite. */
const sqliteFacts = (a: string) => {
  const s = (key: string) =>
    `coalesce(case when json_type(${sqliteJson(a)}, '$.${key}') = 'text'`
    + ` then json_extract(${a}.payload, '$.${key}') end, '')`;
  return `
  select ${a}.seq, ${a}.unit_id, ${a}.at, ${sqliteDay(`${a}.at`)}, ${a}.action, ${a}.subject, ${a}.actor_name,
    ${s('from')}, ${s('to')},
    case when ${a}.action in ${DISMISS} then coalesce(nullif(${s('category')}, ''), nullif(${s('rule')}, ''), '（未分类）')
         when ${a}.action = 'watch.incident_open' then coalesce(nullif(${s('monitor')}, ''), '（未知）') else '' end,
    case when ${a}.action in ('publish.return', 'secrecy.return')
         then coalesce(nullif(${s('opinion')}, ''), ${s('reason')}) else '' end,
    case when ${a}.action in ('secrecy.opinion', 'secrecy.refer')
           then ${s('dueOn')} <> '' and ${sqliteDay(`${a}.at`)} > ${s('dueOn')}
         when ${a}.action = 'duty.check_in' then ${s('startsAt')} <> '' and ${a}.at > ${s('startsAt')} else 0 end`;
};
const sqliteChannels = (a: 'new' | 'l') => `
  select distinct ${a}.seq, json_extract(c.value, '$.channelId'), ${a}.unit_id, ${a}.at
  from ${a === 'new' ? '' : 'ledger l, '}json_each(
    case when json_valid(${a}.payload) and json_type(${a}.payload, '$.channels') = 'array'
    then ${a}.payload else '{"channels":[]}' end, '$.channels') c
  where c.type = 'object' and json_type(c.value, '$.channelId') = 'text'
    and json_extract(c.value, '$.channelId') <> ''`;

// ledger_fact_days: the facts counted per Shanghai day, unit and everything the figures tell apart (a dismissal's
// actor, a return's reason, the day a review stage was entered) but the incidents' times, which change later: a
// period of the whole district is then some thousands of rows, not every entry.
const DAY_KEY = 'day, unit_id, action, from_stage, key, late, person, reason, start_day';
const dayKeyOf = (where: string, n = '') => `
  select day, unit_id, action, from_stage, key, late,
    case when action in ${DISMISS} then actor_name else '' end,
    case when action in ('publish.return', 'secrecy.return') then reason else '' end,
    case when start_day is not null and from_stage in ${REVIEW} then start_day else '' end${n && `, ${n}`}
  from ledger_facts where ${where}`;
const daysOf = dayKeyOf;
const addDay = (seq: string) => `insert into ledger_fact_days (${DAY_KEY}, n) ${daysOf(`seq = ${seq}`, '1')}
  on conflict (${DAY_KEY}) do update set n = ledger_fact_days.n + 1`;

// An entry deleted from the ledger (which only a test or tampering does) takes its facts with it; what later entries
// derived from it (an item's entry into a stage) stays, and checkLedgerFacts reports it.
const REMOVE = `
  update ledger_fact_days set n = n - 1 where (${DAY_KEY}) = (${dayKeyOf('seq = old.seq')});
  delete from ledger_fact_days where n <= 0 and day = (select day from ledger_facts where seq = old.seq);
  delete from ledger_fact_channels where seq = old.seq;
  delete from ledger_facts where seq = old.seq;`;

/** A review stage an entry leaves was entered by the latest earlier entry of the item that moved into or out of it. */
const startDay = (f: string, seq: string, subject: string) => `
  (select case when p.to_stage = ${f} then p.day end from ledger_facts p
   where p.subject = ${subject} and p.seq < ${seq} and (p.to_stage = ${f} or p.from_stage = ${f})
   order by p.seq desc limit 1)`;

const sqliteTrigger = `
create trigger ledger_facts_append after insert on ledger when ${COUNTED('new')} begin
  insert into ledger_facts (${COLUMNS}) ${sqliteFacts('new')};
  update ledger_facts set start_day = ${startDay('ledger_facts.from_stage', 'new.seq', 'new.subject')}
    where seq = new.seq and from_stage in ${REVIEW};
  ${addDay('new.seq')};
  insert into ledger_fact_channels (seq, channel_id, unit_id, at)
    select * from (${sqliteChannels('new')}) where new.action = 'publish.publish';
  insert into ledger_fact_channels (seq, channel_id, unit_id, at)
    select new.seq, '', new.unit_id, new.at where new.action = 'publish.publish'
      and not exists (select 1 from ledger_fact_channels where seq = new.seq);
  update ledger_facts set handled_at = new.at where new.action = 'watch.incident_handle' and subject = new.subject
    and action = 'watch.incident_open' and handled_at is null;
  update ledger_facts set closed_at = new.at where new.action = 'watch.incident_close' and subject = new.subject
    and action = 'watch.incident_open' and closed_at is null;
end`;

// PostgreSQL: the same, in PL/pgSQL. Text is compared byte-wise (collate "C"), as JavaScript and SQLite compare.
const pgFunction = `
create function ledger_facts_append() returns trigger language plpgsql as $fn$
declare
  j jsonb;
  f text; t text; k text; r text; is_late boolean; d text;
  txt text[];
begin
  begin j := new.payload::jsonb; exception when others then j := '{}'; end;
  if jsonb_typeof(j) is distinct from 'object' then j := '{}'; end if;
  select array_agg(case when jsonb_typeof(j -> x) = 'string' then j ->> x else '' end order by n) into txt
    from unnest(array['from', 'to', 'category', 'rule', 'monitor', 'opinion', 'reason', 'dueOn', 'startsAt'])
      with ordinality u(x, n);
  f := txt[1]; t := txt[2];
  d := to_char((new.at::timestamptz at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD');
  k := case when new.action in ${DISMISS} then coalesce(nullif(txt[3], ''), nullif(txt[4], ''), '（未分类）')
            when new.action = 'watch.incident_open' then coalesce(nullif(txt[5], ''), '（未知）') else '' end;
  r := case when new.action in ('publish.return', 'secrecy.return') then coalesce(nullif(txt[6], ''), txt[7])
            else '' end;
  is_late := case when new.action in ('secrecy.opinion', 'secrecy.refer')
                 then txt[8] <> '' and d collate "C" > txt[8] collate "C"
               when new.action = 'duty.check_in' then txt[9] <> '' and new.at collate "C" > txt[9] collate "C"
               else false end;
  insert into ledger_facts (${COLUMNS}, start_day)
    values (new.seq, new.unit_id, new.at, d, new.action, new.subject, new.actor_name, f, t, k, r,
            case when is_late then 1 else 0 end,
            case when f in ${REVIEW} then ${startDay('f', 'new.seq', 'new.subject')} end);
  ${addDay('new.seq')};
  if new.action = 'publish.publish' then
    insert into ledger_fact_channels (seq, channel_id, unit_id, at)
      select distinct new.seq, c ->> 'channelId', new.unit_id, new.at
      from jsonb_array_elements(case when jsonb_typeof(j -> 'channels') = 'array' then j -> 'channels'
                                else '[]'::jsonb end) c
      where jsonb_typeof(c -> 'channelId') = 'string' and c ->> 'channelId' <> '';
    if not found then
      insert into ledger_fact_channels (seq, channel_id, unit_id, at) values (new.seq, '', new.unit_id, new.at);
    end if;
  elsif new.action = 'watch.incident_handle' then
    update ledger_facts set handled_at = new.at
      where subject = new.subject and action = 'watch.incident_open' and handled_at is null;
  elsif new.action = 'watch.incident_close' then
    update ledger_facts set closed_at = new.at
      where subject = new.subject and action = 'watch.incident_open' and closed_at is null;
  end if;
  return null;
end $fn$`;

const pgFacts = `
  select l.seq, l.unit_id, l.at, to_char((l.at::timestamptz at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD') d,
    l.action, l.subject, l.actor_name, x.f, x.t,
    case when l.action in ${DISMISS} then coalesce(nullif(x.category, ''), nullif(x.rule, ''), '（未分类）')
         when l.action = 'watch.incident_open' then coalesce(nullif(x.monitor, ''), '（未知）') else '' end,
    case when l.action in ('publish.return', 'secrecy.return') then coalesce(nullif(x.opinion, ''), x.reason)
         else '' end,
    case when l.action in ('secrecy.opinion', 'secrecy.refer') and x.due <> ''
           and to_char((l.at::timestamptz at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD') collate "C"
               > x.due collate "C" then 1
         when l.action = 'duty.check_in' and x.starts <> '' and l.at collate "C" > x.starts collate "C" then 1
         else 0 end
  from ledger l, lateral (
    select ${['from', 'to', 'category', 'rule', 'monitor', 'opinion', 'reason', 'dueOn', 'startsAt']
      .map((k) => `case when jsonb_typeof(j.v -> '${k}') = 'string' then j.v ->> '${k}' else '' end`)
      .join(', ')}
    from (select case when l.payload::jsonb is not null and jsonb_typeof(l.payload::jsonb) = 'object'
                 then l.payload::jsonb else '{}'::jsonb end v) j
  ) x(f, t, category, rule, monitor, opinion, reason, due, starts)
  where ${COUNTED('l')}`;

/** Fills the facts of the entries already in the ledger (set-wise; the trigger does one entry at a time). */
async function backfill(db: Kysely<any>, sqlite: boolean): Promise<void> {
  if (sqlite) {
    await sql
      .raw(`insert into ledger_facts (${COLUMNS}) ${sqliteFacts('l')} from ledger l where ${COUNTED('l')}`)
      .execute(db);
    await sql
      .raw(`insert into ledger_fact_channels (seq, channel_id, unit_id, at)
                   ${sqliteChannels('l')} and l.action = 'publish.publish'`)
      .execute(db);
  } else {
    await sql.raw(`insert into ledger_facts (${COLUMNS}) ${pgFacts}`).execute(db);
    await sql
      .raw(`insert into ledger_fact_channels (seq, channel_id, unit_id, at)
                   select distinct l.seq, c ->> 'channelId', l.unit_id, l.at
                   from ledger l, jsonb_array_elements(case when jsonb_typeof(l.payload::jsonb -> 'channels') = 'array'
                     then l.payload::jsonb -> 'channels' else '[]'::jsonb end) c
                   where l.action = 'publish.publish' and jsonb_typeof(c -> 'channelId') = 'string'
                     and c ->> 'channelId' <> ''`)
      .execute(db);
  }
  await sql
    .raw(`insert into ledger_fact_channels (seq, channel_id, unit_id, at)
                 select l.seq, '', l.unit_id, l.at from ledger l where l.action = 'publish.publish'
                   and not exists (select 1 from ledger_fact_channels c where c.seq = l.seq)`)
    .execute(db);
  await sql
    .raw(`update ledger_facts
      set start_day = ${startDay('ledger_facts.from_stage', 'ledger_facts.seq', 'ledger_facts.subject')}
                 where from_stage in ${REVIEW}`)
    .execute(db);
  await sql
    .raw(`insert into ledger_fact_days (${DAY_KEY}, n) ${daysOf('true', 'count(*)')}
                 group by ${DAY_KEY.replace('person, reason, start_day', '7, 8, 9')}`)
    .execute(db);
  for (const [column, action] of [
    ['handled_at', 'watch.incident_handle'],
    ['closed_at', 'watch.incident_close'],
  ])
    await sql
      .raw(`update ledger_facts set ${column} = (select h.at from ledger_facts h where h.subject = ledger_facts.subject
                     and h.action = '${action}' order by h.seq limit 1)
                   where action = 'watch.incident_open'`)
      .execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  let facts = db.schema
    .createTable('ledger_facts')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull()) // Asia/Shanghai date of `at`
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('from_stage', 'text', (c) => c.notNull())
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('start_day', 'text')
    .addColumn('handled_at', 'text')
    .addColumn('closed_at', 'text')
    // Rows stored in time order (SQLite: the table is its primary key), so a period is one range.
    .addPrimaryKeyConstraint('ledger_facts_pk', ['at', 'seq']);
  if (sqlite) facts = facts.modifyEnd(sql`without rowid`);
  await facts.execute();
  await db.schema.createIndex('ledger_facts_seq').on('ledger_facts').column('seq').unique().execute();
  await db.schema.createIndex('ledger_facts_unit').on('ledger_facts').columns(['unit_id', 'at']).execute();
  await db.schema.createIndex('ledger_facts_subject').on('ledger_facts').columns(['subject', 'seq']).execute();
  let days = db.schema
    .createTable('ledger_fact_days')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_stage', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('start_day', 'text', (c) => c.notNull()) // '' when none
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_fact_days_pk', DAY_KEY.split(', ') as never);
  if (sqlite) days = days.modifyEnd(sql`without rowid`);
  await days.execute();
  // The incidents opened in a period (their times come from ledger_facts), and the entries behind a number.
  await db.schema
    .createIndex('ledger_facts_action')
    .on('ledger_facts')
    .columns(['action', 'at', 'unit_id', 'key', 'late', 'handled_at', 'closed_at'])
    .execute();
  // listLedger by action and period (the 抽查 confirmations of a year) without reading the whole ledger.
  await db.schema.createIndex('ledger_action_at').on('ledger').columns(['action', 'at']).execute();
  let channels = db.schema
    .createTable('ledger_fact_channels')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_fact_channels_pk', ['at', 'seq', 'channel_id']);
  if (sqlite) channels = channels.modifyEnd(sql`without rowid`);
  await channels.execute();
  await db.schema
    .createIndex('ledger_fact_channels_unit')
    .on('ledger_fact_channels')
    .columns(['unit_id', 'at'])
    .execute();
  await db.schema.createIndex('ledger_fact_channels_seq').on('ledger_fact_channels').column('seq').execute();
  await backfill(db, sqlite);
  if (sqlite) {
    await sql.raw(sqliteTrigger).execute(db);
    await sql.raw(`create trigger ledger_facts_remove after delete on ledger begin ${REMOVE} end`).execute(db);
  } else {
    await sql
      .raw(`create function ledger_facts_remove() returns trigger language plpgsql as $fn$
            begin ${REMOVE} return null; end $fn$`)
      .execute(db);
    await sql
      .raw(
        'create trigger ledger_facts_remove after delete on ledger for each row execute function ledger_facts_remove()',
      )
      .execute(db);
    await sql.raw(pgFunction).execute(db);
    await sql
      .raw(`create trigger ledger_facts_append after insert on ledger for each row
            when ${COUNTED('new')} execute function ledger_facts_append()`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const t of ['ledger_facts_append', 'ledger_facts_remove']) {
    await sql.raw(sqlite ? `drop trigger ${t}` : `drop trigger ${t} on ledger`).execute(db);
    if (!sqlite) await sql.raw(`drop function ${t}()`).execute(db);
  }
  await db.schema.dropIndex('ledger_action_at').execute();
  await db.schema.dropTable('ledger_fact_days').execute();
  await db.schema.dropTable('ledger_fact_channels').execute();
  await db.schema.dropTable('ledger_facts').execute();
}
