// Appending to the ledger (登记台账) and reading it. Every use case appends inside its own transaction.
import { sql } from 'kysely';
import type { Executor } from '../db/types.ts';
import { invalid } from '../errors.ts';
import { canonicalJson, NotCanonicalError } from './canonical.ts';
import { type Frontier, pushLeaf, rootOf } from './merkle.ts';
import { leafHashOf, type LedgerRow } from './model.ts';

export { verifyLedger, type VerifyResult } from './verify.ts';

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

/** The payload as canonical JSON (RFC 8785); a value JCS cannot hold is refused, never rewritten (400). */
function payloadText(payload: Record<string, unknown>): string {
  try {
    return canonicalJson(payload);
  } catch (err) {
    if (err instanceof NotCanonicalError) throw invalid('payload', `台账内容不能写成规范 JSON：${err.message}`);
    throw err;
  }
}

export async function appendLedger(tx: Executor, entry: LedgerEntry, at: Date): Promise<LedgerRow> {
  const payload = payloadText(entry.payload);
  // Taking the head row's write lock first serialises appends across connections (PostgreSQL row lock;
  // SQLite's single writer), so two transactions can never add the same leaf position.
  await tx.updateTable('ledger_head').set({ seq: sql`seq` }).where('id', '=', 1).execute();
  const head = await tx
    .selectFrom('ledger_head')
    .select(['seq', 'frontier'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const frontier: Frontier = { size: Number(head.seq), hashes: JSON.parse(head.frontier) as string[] };
  const body = {
    seq: frontier.size + 1,
    at: at.toISOString(),
    actor_id: entry.actor.id,
    actor_name: entry.actor.name,
    role: entry.role,
    unit_id: entry.unitId,
    action: entry.action,
    subject: entry.subject,
    payload,
  };
  const row: LedgerRow = { ...body, leaf_hash: leafHashOf(body) };
  const pushed = pushLeaf(frontier, row.leaf_hash);
  await tx.insertInto('ledger').values(row).execute();
  if (pushed.finished.length) await tx.insertInto('ledger_nodes').values(pushed.finished).execute();
  await tx
    .updateTable('ledger_head')
    .set({ seq: row.seq, hash: rootOf(pushed.frontier), frontier: JSON.stringify(pushed.frontier.hashes) })
    .where('id', '=', 1)
    .execute();
  return row;
}

/** The tree as the head row states it: size and root. */
export async function ledgerHead(db: Executor): Promise<{ size: number; root: string }> {
  const head = await db.selectFrom('ledger_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { size: Number(head.seq), root: head.hash };
}

export interface LedgerQuery {
  unitId?: string;
  /** Several units (a reader's scope); an empty list matches nothing. */
  unitIds?: readonly string[];
  from?: string; // ISO date/time, inclusive
  to?: string; // ISO date/time, exclusive
  subject?: string;
  /** Any of these subjects (e.g. the items a title search found); an empty list matches nothing. */
  subjects?: readonly string[];
  /** These entries by sequence number (a figure's entries); an empty list matches nothing. */
  seqs?: readonly number[];
  action?: string;
  /** e.g. 'publish.': every action of a module. */
  actionPrefix?: string;
  /** The actor's id, or a part of their name as signed. */
  actor?: string;
  /** A person: entries they made (by id, or their name as signed contains `name`) or entries about them (user:<id>). */
  person?: { ids: readonly string[]; name: string };
  /** Newest first, and only entries before this seq (paging backwards through the chain). */
  newestFirst?: boolean;
  beforeSeq?: number;
  limit?: number;
}

/**
 * `column LIKE pattern ESCAPE '\'` with the searched text escaped, so a typed % or _ matches itself. Raw SQL because
 * Kysely's builder has no ESCAPE clause; the statement is the same on SQLite and PostgreSQL
 * (src/oversight/ledger.test.ts runs it on both).
 */
function like(column: 'action' | 'actor_name', text: string, where: 'prefix' | 'contains') {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const pattern = where === 'prefix' ? `${escaped}%` : `%${escaped}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}

export async function listLedger(db: Executor, q: LedgerQuery): Promise<LedgerRow[]> {
  if (q.unitIds?.length === 0 || q.subjects?.length === 0 || q.seqs?.length === 0) return [];
  let query = db
    .selectFrom('ledger')
    .selectAll()
    .orderBy('seq', q.newestFirst ? 'desc' : 'asc');
  if (q.unitId) query = query.where('unit_id', '=', q.unitId);
  if (q.unitIds) query = query.where('unit_id', 'in', [...q.unitIds]);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  if (q.subject) query = query.where('subject', '=', q.subject);
  if (q.subjects) query = query.where('subject', 'in', [...q.subjects]);
  if (q.seqs) query = query.where('seq', 'in', [...q.seqs]);
  if (q.person) {
    const { ids, name } = q.person;
    query = query.where((eb) =>
      eb.or([
        like('actor_name', name, 'contains'),
        ...(ids.length
          ? [
              eb('actor_id', 'in', [...ids]),
              eb(
                'subject',
                'in',
                ids.map((id) => `user:${id}`),
              ),
            ]
          : []),
      ]),
    );
  }
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
