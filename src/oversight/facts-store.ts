// The 统计's queries over the ledger's roll-up (ledger_facts, ledger_fact_channels; facts.ts): counted in SQL, grouped
// by what the figures show, so a year of the whole district is read as a few hundred groups instead of every entry.
// The only file besides facts.ts that names those tables.
import { type RawBuilder, sql } from 'kysely';
import { toShanghaiDate } from '../platform/calendar/model.ts';
import type { Executor } from '../platform/db/types.ts';
import { REVIEW_STAGES } from './stats-model.ts';

export interface FactScope {
  unitIds: string[] | null; // null: every unit (and district-wide entries)
  from: string; // UTC ISO, inclusive
  to: string; // UTC ISO, exclusive
}

export const RETURN_ACTIONS = ['publish.return', 'secrecy.return'];
export const ANSWER_ACTIONS = ['secrecy.opinion', 'secrecy.refer'];
const REVIEW = [...REVIEW_STAGES];

/** One group of counted entries: what the figures tell apart, and how many entries. */
export interface FactGroup {
  action: string;
  from_stage: string;
  key: string;
  late: number;
  person: string; // the actor of a dismissal
  reason: string; // a return's opinion
  start_day: string | null; // a move out of a review stage: entered on…
  end_day: string | null; // …and left on (Asia/Shanghai dates)
  to_handle: number | null; // an incident opened: minutes to its first 接手
  to_close: number | null; // …and to its first 关闭
  n: number;
}

/** Whole minutes from `a` to `b` (ISO instants), rounded as Math.round rounds. */
function minutes(engine: 'sqlite' | 'postgres', a: string, b: string) {
  return engine === 'sqlite'
    ? `((cast(round((julianday(${b}) - julianday(${a})) * 86400000) as integer) + 30000) / 60000)`
    : `floor((extract(epoch from (${b}::timestamptz - ${a}::timestamptz)) * 1000 + 30000) / 60000)::integer`;
}

const list = (xs: readonly string[]) => `(${xs.map((x) => `'${x}'`).join(', ')})`;

/** The scope's conditions and any more, joined by `and`. */
function where(s: FactScope, more: RawBuilder<unknown>[] = []) {
  const unit = s.unitIds ? [sql`unit_id in (${sql.join(s.unitIds)})`] : [];
  return sql.join([sql`at >= ${s.from}`, sql`at < ${s.to}`, ...unit, ...more], sql` and `);
}

/** The Shanghai dates a scope's instants cover (its first and last day). */
const daysOf = (s: FactScope) => ({
  first: toShanghaiDate(new Date(s.from)),
  last: toShanghaiDate(new Date(Date.parse(s.to) - 1)),
});

/**
 * The period's counted entries, grouped: the per-day counts (ledger_fact_days) summed over the period's days, and the
 * incidents opened with their times (ledger_facts, through its action index).
 */
export async function factGroups(db: Executor, engine: 'sqlite' | 'postgres', s: FactScope): Promise<FactGroup[]> {
  if (s.unitIds?.length === 0) return [];
  const { first, last } = daysOf(s);
  const unit = s.unitIds ? sql`and unit_id in (${sql.join(s.unitIds)})` : sql``;
  const [days, incidents] = await Promise.all([
    sql<FactGroup>`select action, from_stage, key, late, person, reason,
        case when start_day <> '' then start_day end as start_day,
        case when start_day <> '' then day end as end_day, sum(n) as n
      from ledger_fact_days where day >= ${first} and day <= ${last} ${unit}
      group by action, from_stage, key, late, person, reason, 7, 8`.execute(db),
    sql<FactGroup>`select key,
        ${sql.raw(`case when handled_at is not null then ${minutes(engine, 'at', 'handled_at')} end`)} as to_handle,
        ${sql.raw(`case when closed_at is not null then ${minutes(engine, 'at', 'closed_at')} end`)} as to_close,
        count(*) as n
      from ledger_facts where action = 'watch.incident_open' and at >= ${s.from} and at < ${s.to} ${unit}
      group by 1, 2, 3`.execute(db),
  ]);
  const none = { from_stage: '', late: 0, person: '', reason: '', start_day: null, end_day: null };
  return [
    ...days.rows
      .filter((r) => r.action !== 'watch.incident_open')
      .map((r) => ({ ...r, late: Number(r.late), n: Number(r.n), to_handle: null, to_close: null })),
    ...incidents.rows.map((r) => ({
      ...none,
      action: 'watch.incident_open',
      key: r.key,
      n: Number(r.n),
      to_handle: r.to_handle === null ? null : Number(r.to_handle),
      to_close: r.to_close === null ? null : Number(r.to_close),
    })),
  ];
}

/** Publications per channel in the period. */
export async function channelGroups(db: Executor, s: FactScope): Promise<{ channel_id: string; n: number }[]> {
  if (s.unitIds?.length === 0) return [];
  const { rows } = await sql<{ channel_id: string; n: number }>`select channel_id, count(*) as n
    from ledger_fact_channels where ${where(s)} group by channel_id`.execute(db);
  return rows.map((r) => ({ channel_id: r.channel_id, n: Number(r.n) }));
}

/** What one number of the dashboard counts: a figure and the key of its row (stats.ts FIGURES). */
export type FigureFilter =
  | { table: 'channels'; channelId?: string }
  | {
      table: 'facts';
      actions?: string[];
      moved?: boolean; // a move out of a review stage with its start known
      fromStage?: string;
      key?: string;
      late?: number;
      person?: string;
    };

function conditions(f: FigureFilter): RawBuilder<unknown>[] {
  if (f.table === 'channels') return f.channelId === undefined ? [] : [sql`channel_id = ${f.channelId}`];
  const c: RawBuilder<unknown>[] = [];
  if (f.actions) c.push(sql`action in (${sql.join(f.actions)})`);
  if (f.moved) c.push(sql`start_day is not null and from_stage in (${sql.join(REVIEW)})`);
  if (f.fromStage !== undefined) c.push(sql`from_stage = ${f.fromStage}`);
  if (f.key !== undefined) c.push(sql`key = ${f.key}`);
  if (f.late !== undefined) c.push(sql`late = ${f.late}`);
  if (f.person !== undefined) c.push(sql`actor_name = ${f.person}`);
  return c;
}

/** The seqs behind one number, newest first: how many, and the first `limit`. */
export async function figureSeqs(
  db: Executor,
  s: FactScope,
  f: FigureFilter,
  limit: number,
): Promise<{ total: number; seqs: number[] }> {
  if (s.unitIds?.length === 0) return { total: 0, seqs: [] };
  const table = sql.table(f.table === 'channels' ? 'ledger_fact_channels' : 'ledger_facts');
  const w = where(s, conditions(f));
  const [count, rows] = await Promise.all([
    sql<{ n: number }>`select count(distinct seq) as n from ${table} where ${w}`.execute(db),
    sql<{ seq: number }>`select distinct seq from ${table} where ${w} order by seq desc limit ${limit}`.execute(db),
  ]);
  return { total: Number(count.rows[0]?.n ?? 0), seqs: rows.rows.map((r) => Number(r.seq)) };
}

/**
 * For the 年度考核: per unit, the submissions counted, and the entries each deducting metric counts (returns, secrecy
 * answers after their 办理期限, incidents opened, late check-ins) with their seqs, ascending.
 */
export async function assessmentFacts(
  db: Executor,
  s: FactScope,
): Promise<{ submitted: Map<string, number>; entries: { unit_id: string; metric: string; seq: number }[] }> {
  const metric = sql.raw(`case when action in ${list(RETURN_ACTIONS)} then 'returned'
    when action in ${list(ANSWER_ACTIONS)} then 'secrecyOverdue'
    when action = 'watch.incident_open' then 'incidents' else 'dutyLate' end`);
  const counted = sql`(action in (${sql.join(['watch.incident_open', ...RETURN_ACTIONS])})
    or (late = 1 and action in (${sql.join([...ANSWER_ACTIONS, 'duty.check_in'])})))`;
  const [submits, entries] = await Promise.all([
    sql<{ unit_id: string; n: number }>`select unit_id, count(*) as n from ledger_facts
      where ${where(s, [sql`action = 'publish.submit'`])} group by unit_id`.execute(db),
    sql<{ unit_id: string; metric: string; seq: number }>`select unit_id, ${metric} as metric, seq from ledger_facts
      where ${where(s, [counted])} order by seq`.execute(db),
  ]);
  return {
    submitted: new Map(submits.rows.map((r) => [r.unit_id, Number(r.n)])),
    entries: entries.rows.map((r) => ({ unit_id: r.unit_id, metric: r.metric, seq: Number(r.seq) })),
  };
}
