// Appending to and verifying the ledger. Every use case appends inside its own transaction.
import { sql } from 'kysely';
import type { Db, Executor } from '../db/types.ts';
import { canonicalJson } from './canonical.ts';
import { checkBatch, type ChainProblem, GENESIS_HASH, hashOf, type LedgerRow } from './model.ts';

export interface LedgerActor {
  id: string;
  name: string;
}

export const SYSTEM_ACTOR: LedgerActor = { id: 'system', name: '系统' };

export interface LedgerEntry {
  actor: LedgerActor;
  role: string; // the role the actor acted in, e.g. sectionHead; '' for none
  unitId: string; // the unit whose 台账 this belongs to; '' for district-wide
  action: string; // e.g. publish.approve — see labels.ts
  subject: string; // e.g. item:<id>, user:<id>
  payload: Record<string, unknown>;
}

export async function appendLedger(tx: Executor, entry: LedgerEntry, at: Date): Promise<LedgerRow> {
  // Taking the head row's write lock first serialises appends across connections (PostgreSQL row lock;
  // SQLite's single writer), so two transactions can never chain onto the same previous entry.
  await tx.updateTable('ledger_head').set({ seq: sql`seq` }).where('id', '=', 1).execute();
  const head = await tx.selectFrom('ledger_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const body = {
    seq: Number(head.seq) + 1,
    at: at.toISOString(),
    actor_id: entry.actor.id,
    actor_name: entry.actor.name,
    role: entry.role,
    unit_id: entry.unitId,
    action: entry.action,
    subject: entry.subject,
    payload: canonicalJson(entry.payload),
    prev_hash: head.hash,
  };
  const row: LedgerRow = { ...body, hash: hashOf(body) };
  await tx.insertInto('ledger').values(row).execute();
  await tx.updateTable('ledger_head').set({ seq: row.seq, hash: row.hash }).where('id', '=', 1).execute();
  return row;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  problem?: ChainProblem;
}

/** Recomputes the whole chain in batches; reports the first altered, deleted or reordered entry. */
export async function verifyLedger(db: Db, batchSize = 5000): Promise<VerifyResult> {
  const state = { expectedSeq: 1, prevHash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('ledger').selectAll().where('seq', '>=', state.expectedSeq)
      .orderBy('seq').limit(batchSize).execute();
    const normalized = rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    const problem = checkBatch(normalized, state);
    checked += normalized.length;
    if (problem) return { ok: false, checked, problem };
    if (rows.length < batchSize) break;
  }
  const head = await db.selectFrom('ledger_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || Number(head.seq) !== state.expectedSeq - 1 || head.hash !== state.prevHash) {
    return { ok: false, checked, problem: { seq: state.expectedSeq, reason: `台账末尾与链头不符：最后 ${Number(head?.seq ?? 0) - (state.expectedSeq - 1)} 条记录被删除，或链头被改动` } };
  }
  return { ok: true, checked };
}

export interface LedgerQuery {
  unitId?: string;
  /** Several units (a reader's scope); an empty list matches nothing. */
  unitIds?: readonly string[];
  from?: string; // ISO date/time, inclusive
  to?: string; // ISO date/time, exclusive
  subject?: string;
  action?: string;
  /** e.g. 'publish.': every action of a module. */
  actionPrefix?: string;
  /** The actor's id, or a part of their name as signed. */
  actor?: string;
  /** Newest first, and only entries before this seq (paging backwards through the chain). */
  newestFirst?: boolean;
  beforeSeq?: number;
  limit?: number;
}

/**
 * `column LIKE pattern ESCAPE '\'` with the searched text escaped, so a typed % or _ matches itself. Raw SQL because
 * Kysely's builder has no ESCAPE clause; the statement is the same on SQLite and PostgreSQL (src/oversight/ledger.test.ts runs it on both).
 */
function like(column: 'action' | 'actor_name', text: string, where: 'prefix' | 'contains') {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const pattern = where === 'prefix' ? `${escaped}%` : `%${escaped}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

export async function listLedger(db: Executor, q: LedgerQuery): Promise<LedgerRow[]> {
  if (q.unitIds?.length === 0) return [];
  let query = db.selectFrom('ledger').selectAll().orderBy('seq', q.newestFirst ? 'desc' : 'asc');
  if (q.unitId) query = query.where('unit_id', '=', q.unitId);
  if (q.unitIds) query = query.where('unit_id', 'in', [...q.unitIds]);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  if (q.subject) query = query.where('subject', '=', q.subject);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actionPrefix) query = query.where(like('action', q.actionPrefix, 'prefix'));
  if (q.actor) {
    const actor = q.actor;
    query = query.where((eb) => eb.or([eb('actor_id', '=', actor), like('actor_name', actor, 'contains')]));
  }
  if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
  if (q.limit) query = query.limit(q.limit);
  return (await query.execute()).map((r) => ({ ...r, seq: Number(r.seq) }));
}
