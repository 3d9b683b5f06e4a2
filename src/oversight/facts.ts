// The 统计's roll-up of the 登记台账 (tables ledger_facts and ledger_fact_channels, migration 046): what each counted
// entry holds for the figures, written by a trigger when the entry is appended. The ledger is the record; the roll-up
// must be derivable from it alone. `expectedFacts` derives it here, in JavaScript, from the ledger's rows
// (independently of the trigger's SQL); `checkLedgerFacts` compares the tables with it and `rebuildLedgerFacts`
// rewrites them from it.
import type { Executor } from '../platform/db/types.ts';
import type {
  LedgerFactChannelsTable,
  LedgerFactDaysTable,
  LedgerFactsTable,
} from '../platform/db/tables/oversight.ts';
import { toShanghaiDate } from '../platform/calendar/model.ts';
import type { LedgerRow } from '../platform/ledger/model.ts';
import { DISMISS_ACTIONS, REVIEW_STAGES, type Entry, toEntry } from './stats-model.ts';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const REVIEW: readonly string[] = REVIEW_STAGES;

/** The entries the 统计 count (stats.ts): publish.*, secrecy.*, watch.incident_* and duty.check_in. */
export const counted = (action: string) =>
  action.startsWith('publish.')
  || action.startsWith('secrecy.')
  || action.startsWith('watch.incident_')
  || action === 'duty.check_in';

export interface Facts {
  facts: LedgerFactsTable[];
  channels: LedgerFactChannelsTable[];
}

const DAY_KEY = ['day', 'unit_id', 'action', 'from_stage', 'key', 'late', 'person', 'reason', 'start_day'] as const;

/** The facts counted per day, unit and what the figures tell apart (ledger_fact_days). */
export function daysOf(facts: readonly LedgerFactsTable[]): LedgerFactDaysTable[] {
  const out = new Map<string, LedgerFactDaysTable>();
  for (const f of facts) {
    const row: LedgerFactDaysTable = {
      day: f.day,
      unit_id: f.unit_id,
      action: f.action,
      from_stage: f.from_stage,
      key: f.key,
      late: f.late,
      person: DISMISS_ACTIONS.includes(f.action) ? f.actor_name : '',
      reason: f.action === 'publish.return' || f.action === 'secrecy.return' ? f.reason : '',
      start_day: f.start_day !== null && REVIEW.includes(f.from_stage) ? f.start_day : '',
      n: 0,
    };
    const k = JSON.stringify(DAY_KEY.map((c) => row[c]));
    const seen = out.get(k) ?? row;
    seen.n++;
    out.set(k, seen);
  }
  return [...out.values()];
}

/** A running derivation: feed the ledger's rows in seq order (in batches), read `facts` and `channels` at the end. */
export class FactsDeriver implements Facts {
  facts: LedgerFactsTable[] = [];
  channels: LedgerFactChannelsTable[] = [];
  // `${subject} ${stage}` → the Shanghai date of the entry that moved the item into a stage (null: moved out since)
  private entered = new Map<string, string | null>();
  private opened = new Map<string, LedgerFactsTable[]>(); // incident subject → its openings' facts

  add(row: LedgerRow): void {
    if (!counted(row.action)) return;
    const e: Entry = toEntry(row);
    const p = e.payload;
    const day = toShanghaiDate(new Date(e.at));
    const from = str(p.from);
    const to = str(p.to);
    const dismiss = DISMISS_ACTIONS.includes(e.action);
    const dueOn = str(p.dueOn);
    const startsAt = str(p.startsAt);
    const late =
      ((e.action === 'secrecy.opinion' || e.action === 'secrecy.refer') && dueOn !== '' && day > dueOn)
      || (e.action === 'duty.check_in' && startsAt !== '' && e.at > startsAt);
    const fact: LedgerFactsTable = {
      seq: e.seq,
      unit_id: row.unit_id,
      at: e.at,
      day,
      action: e.action,
      subject: e.subject,
      actor_name: e.actorName,
      from_stage: from,
      to_stage: to,
      key: dismiss
        ? str(p.category) || str(p.rule) || '（未分类）'
        : e.action === 'watch.incident_open'
          ? str(p.monitor) || '（未知）'
          : '',
      reason: e.action === 'publish.return' || e.action === 'secrecy.return' ? str(p.opinion) || str(p.reason) : '',
      late: late ? 1 : 0,
      start_day: REVIEW.includes(from) ? (this.entered.get(`${e.subject} ${from}`) ?? null) : null,
      handled_at: null,
      closed_at: null,
    };
    if (from) this.entered.set(`${e.subject} ${from}`, null);
    if (to) this.entered.set(`${e.subject} ${to}`, day);
    this.facts.push(fact);
    if (e.action === 'watch.incident_open') this.opened.set(e.subject, [...(this.opened.get(e.subject) ?? []), fact]);
    for (const incident of this.opened.get(e.subject) ?? []) {
      if (e.action === 'watch.incident_handle') incident.handled_at ??= e.at;
      if (e.action === 'watch.incident_close') incident.closed_at ??= e.at;
    }
    if (e.action === 'publish.publish') {
      const list = Array.isArray(p.channels) ? p.channels : [];
      const ids = list.map((c) => (c && typeof c === 'object' ? str((c as { channelId?: unknown }).channelId) : ''));
      const distinct = [...new Set(ids.filter(Boolean))];
      for (const channel_id of distinct.length ? distinct : [''])
        this.channels.push({ seq: e.seq, channel_id, unit_id: row.unit_id, at: e.at });
    }
  }
}

/** The roll-up of these ledger rows (all of the ledger, in seq order). */
export function expectedFacts(rows: readonly LedgerRow[]): Facts {
  const d = new FactsDeriver();
  for (const r of rows) d.add(r);
  return d;
}

const BATCH = 5000;

/** Every ledger row in seq order, a batch at a time. */
async function eachLedgerBatch(db: Executor, f: (rows: LedgerRow[]) => void): Promise<void> {
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom('ledger')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    if (!rows.length) return;
    f(rows);
    after = rows[rows.length - 1].seq;
  }
}

async function derive(db: Executor): Promise<Facts> {
  const d = new FactsDeriver();
  await eachLedgerBatch(db, (rows) => {
    for (const r of rows) d.add(r);
  });
  return d;
}

const factKey = (f: LedgerFactsTable) =>
  JSON.stringify([
    f.seq,
    f.unit_id,
    f.at,
    f.day,
    f.action,
    f.subject,
    f.actor_name,
    f.from_stage,
    f.to_stage,
    f.key,
    f.reason,
    Number(f.late),
    f.start_day,
    f.handled_at,
    f.closed_at,
  ]);
const channelKey = (c: LedgerFactChannelsTable) => JSON.stringify([Number(c.seq), c.channel_id, c.unit_id, c.at]);
const dayKey = (d: LedgerFactDaysTable) =>
  JSON.stringify([...DAY_KEY.map((c) => (c === 'late' ? Number(d.late) : d[c])), Number(d.n)]);

/** The keys of `have` not in `wanted` and of `wanted` not in `have` (each counted as often as it occurs). */
function differing<T>(wanted: readonly T[], have: readonly T[], key: (x: T) => string): T[] {
  const left = new Map<string, T[]>();
  for (const w of wanted) left.set(key(w), [...(left.get(key(w)) ?? []), w]);
  const out: T[] = [];
  for (const h of have) {
    const k = key(h);
    const list = left.get(k);
    if (list?.length) list.pop();
    else out.push(h);
  }
  for (const list of left.values()) out.push(...list);
  return out;
}

/**
 * Where the roll-up differs from the ledger's recomputation (rows missing, extra or changed): the entries' seqs,
 * ascending, and the days (`date unit`) whose counts differ.
 */
export async function checkLedgerFacts(db: Executor): Promise<{ ok: boolean; seqs: number[]; days: string[] }> {
  const want = await derive(db);
  const [facts, channels, days] = await Promise.all([
    db.selectFrom('ledger_facts').selectAll().execute(),
    db.selectFrom('ledger_fact_channels').selectAll().execute(),
    db.selectFrom('ledger_fact_days').selectAll().execute(),
  ]);
  const seqs = [
    ...new Set([
      ...differing(want.facts, facts, factKey).map((f) => Number(f.seq)),
      ...differing(want.channels, channels, channelKey).map((c) => Number(c.seq)),
    ]),
  ].sort((a, b) => a - b);
  const wrongDays = [
    ...new Set(differing(daysOf(want.facts), days, dayKey).map((d) => `${d.day} ${d.unit_id}`)),
  ].sort();
  return { ok: seqs.length === 0 && wrongDays.length === 0, seqs, days: wrongDays };
}

/** Rewrites the roll-up from the ledger, in the caller's transaction (or one statement at a time). */
export async function rebuildLedgerFacts(db: Executor): Promise<{ facts: number; channels: number }> {
  const want = await derive(db);
  await db.deleteFrom('ledger_fact_days').execute();
  await db.deleteFrom('ledger_fact_channels').execute();
  await db.deleteFrom('ledger_facts').execute();
  for (let i = 0; i < want.facts.length; i += 500)
    await db
      .insertInto('ledger_facts')
      .values(want.facts.slice(i, i + 500))
      .execute();
  for (let i = 0; i < want.channels.length; i += 500)
    await db
      .insertInto('ledger_fact_channels')
      .values(want.channels.slice(i, i + 500))
      .execute();
  const days = daysOf(want.facts);
  for (let i = 0; i < days.length; i += 500)
    await db
      .insertInto('ledger_fact_days')
      .values(days.slice(i, i + 500))
      .execute();
  return { facts: want.facts.length, channels: want.channels.length };
}
