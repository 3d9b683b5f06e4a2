// Kysely queries for 质疑申请; the only file that names the challenges and challenge_counters tables.
import type { Executor } from '../platform/db/types.ts';
import type { ChallengesTable } from '../platform/db/tables/challenge.ts';
import type { WorkingDate } from '../platform/calendar/model.ts';
import type { Challenge, ChallengeState } from './challenge-model.ts';

export function toChallenge(r: ChallengesTable): Challenge {
  return {
    id: r.id,
    caseNo: r.case_no,
    unitId: r.unit_id,
    itemId: r.item_id,
    subject: r.subject,
    question: r.question,
    asker: { name: r.asker_name, org: r.asker_org, phone: r.asker_phone, email: r.asker_email },
    state: r.state as ChallengeState,
    receivedAt: r.received_at,
    receivedOn: r.received_on,
    firstDueOn: r.first_due_on,
    dueOn: r.due_on,
    dueProvisional: Number(r.due_provisional) === 1,
    extension: r.extended_at
      ? { at: r.extended_at, by: r.extended_by ?? '', days: Number(r.extension_days), reason: r.extension_reason ?? '' }
      : null,
    answer: r.answered_at
      ? { at: r.answered_at, by: r.answered_by ?? '', basis: r.answer_basis ?? '', reason: r.answer_reason ?? '' }
      : null,
  };
}

/**
 * The next 序号 of `year`. The UPDATE takes the counter row's write lock (PostgreSQL row lock; SQLite's single
 * writer), so two cases opened at once never get the same number; the unique (year, seq) is the backstop.
 */
export async function nextSeq(tx: Executor, year: number): Promise<number> {
  await tx
    .insertInto('challenge_counters')
    .values({ year, last: 0 })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  await tx
    .updateTable('challenge_counters')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('year', '=', year)
    .execute();
  const row = await tx
    .selectFrom('challenge_counters')
    .select('last')
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

export async function insertChallenge(tx: Executor, c: Challenge, year: number, seq: number): Promise<void> {
  await tx
    .insertInto('challenges')
    .values({
      id: c.id,
      case_no: c.caseNo,
      year,
      seq,
      unit_id: c.unitId,
      item_id: c.itemId,
      subject: c.subject,
      question: c.question,
      asker_name: c.asker.name,
      asker_org: c.asker.org,
      asker_phone: c.asker.phone,
      asker_email: c.asker.email,
      state: c.state,
      received_at: c.receivedAt,
      received_on: c.receivedOn,
      first_due_on: c.firstDueOn,
      due_on: c.dueOn,
      due_provisional: c.dueProvisional ? 1 : 0,
      extended_at: null,
      extended_by: null,
      extension_days: null,
      extension_reason: null,
      answered_at: null,
      answered_by: null,
      answer_basis: null,
      answer_reason: null,
    })
    .execute();
}

export async function getChallenge(db: Executor, id: string): Promise<Challenge | null> {
  const row = await db.selectFrom('challenges').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toChallenge(row) : null;
}

/** Guarded on "open and never extended": false when someone else extended or answered first. */
export async function recordExtension(
  tx: Executor,
  id: string,
  ext: NonNullable<Challenge['extension']>,
  due: WorkingDate,
): Promise<boolean> {
  const res = await tx
    .updateTable('challenges')
    .set({
      extended_at: ext.at,
      extended_by: ext.by,
      extension_days: ext.days,
      extension_reason: ext.reason,
      due_on: due.date,
      due_provisional: due.provisional ? 1 : 0,
    })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .where('extended_at', 'is', null)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/** Guarded on "open": false when someone else answered first. */
export async function recordAnswer(
  tx: Executor,
  id: string,
  answer: NonNullable<Challenge['answer']>,
): Promise<boolean> {
  const res = await tx
    .updateTable('challenges')
    .set({
      state: 'answered',
      answered_at: answer.at,
      answered_by: answer.by,
      answer_basis: answer.basis,
      answer_reason: answer.reason,
    })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

export interface ListFilter {
  unitIds: readonly string[] | 'all';
  state?: ChallengeState;
  overdueOn?: string; // only open cases whose deadline is before this day
  limit: number;
  offset: number;
}

/** Oldest deadline first: what needs an answer soonest leads the list. */
export async function listChallenges(db: Executor, f: ListFilter): Promise<{ rows: Challenge[]; total: number }> {
  if (f.unitIds !== 'all' && f.unitIds.length === 0) return { rows: [], total: 0 };
  let q = db.selectFrom('challenges');
  if (f.unitIds !== 'all') q = q.where('unit_id', 'in', [...f.unitIds]);
  if (f.overdueOn) q = q.where('state', '=', 'open').where('due_on', '<', f.overdueOn);
  else if (f.state) q = q.where('state', '=', f.state);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('due_on').orderBy('received_at').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toChallenge), total: Number(count.n) };
}

/** Cases whose deadline was counted on the provisional calendar (暂定), to recompute when a year is imported. */
export async function listProvisionalChallenges(db: Executor): Promise<Challenge[]> {
  const rows = await db.selectFrom('challenges').selectAll().where('due_provisional', '=', 1).orderBy('id').execute();
  return rows.map(toChallenge);
}

export async function setChallengeDue(db: Executor, id: string, firstDueOn: string, due: WorkingDate): Promise<void> {
  await db
    .updateTable('challenges')
    .set({ first_due_on: firstDueOn, due_on: due.date, due_provisional: due.provisional ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}
