// 登记台账: the append-only, hash-chained record of who did what. Pure: hashing and chain checking.
import { createHash } from 'node:crypto';
import type { LedgerTable } from '../db/types.ts';
import { canonicalJson } from './canonical.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** One ledger row exactly as stored. */
export type LedgerRow = LedgerTable;

/** hash = SHA-256 over the canonical JSON of every other field (payload as the object it encodes). */
export function hashOf(row: Omit<LedgerRow, 'hash'>): string {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = row.payload; // a tampered, unparsable payload still hashes (and then mismatches)
  }
  const body = { seq: row.seq, at: row.at, actor_id: row.actor_id, actor_name: row.actor_name, role: row.role,
    unit_id: row.unit_id, action: row.action, subject: row.subject, payload, prev_hash: row.prev_hash };
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

export interface ChainProblem {
  seq: number;
  reason: string;
}

/** Walks rows in seq order; returns the first problem. `expectedSeq`/`prevHash` carry state across batches. */
export function checkBatch(rows: LedgerRow[], state: { expectedSeq: number; prevHash: string }): ChainProblem | null {
  for (const row of rows) {
    if (row.seq !== state.expectedSeq) {
      return { seq: state.expectedSeq, reason: `第 ${state.expectedSeq} 条缺失（下一条为第 ${row.seq} 条）：记录被删除或序号被改动` };
    }
    if (row.prev_hash !== state.prevHash) {
      return { seq: row.seq, reason: `第 ${row.seq} 条的前序哈希与第 ${row.seq - 1} 条不符：记录被改动、删除或调换顺序` };
    }
    if (hashOf(row) !== row.hash) {
      return { seq: row.seq, reason: `第 ${row.seq} 条的内容与其哈希不符：记录被篡改` };
    }
    state.expectedSeq += 1;
    state.prevHash = row.hash;
  }
  return null;
}
