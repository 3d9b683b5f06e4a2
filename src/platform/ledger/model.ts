// 登记台账: the append-only record of who did what, kept as an RFC 9162 Merkle tree (merkle.ts). Pure: what an entry's
// bytes are, and the checks verify makes on each stored row.
import type { LedgerTable } from '../db/types.ts';
import { canonicalJson, isCanonicalJson } from './canonical.ts';
import { leafHash } from './merkle.ts';

/** One ledger row exactly as stored. `seq` counts from 1; the entry is leaf number seq − 1 of the tree. */
export type LedgerRow = LedgerTable;

/**
 * The bytes a leaf hashes: the canonical JSON (RFC 8785) of the entry, the payload as the value it encodes. An
 * inspector rebuilds them from an exported or printed entry. A payload that is not JSON is hashed as its text
 * (verify reports it anyway).
 */
export function entryBytes(row: Omit<LedgerRow, 'leaf_hash'>): string {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = row.payload;
  }
  return canonicalJson({
    seq: row.seq,
    at: row.at,
    actor_id: row.actor_id,
    actor_name: row.actor_name,
    role: row.role,
    unit_id: row.unit_id,
    action: row.action,
    subject: row.subject,
    payload,
  });
}

export const leafHashOf = (row: Omit<LedgerRow, 'leaf_hash'>): string => leafHash(entryBytes(row));

export type ProblemKind =
  | 'missing'
  | 'nonCanonical'
  | 'leafMismatch'
  | 'truncated'
  | 'rootMismatch'
  | 'badSignature'
  | 'headMismatch';

export interface LedgerProblem {
  kind: ProblemKind;
  seq: number; // the entry (or the checkpoint's tree size) it concerns
  reason: string;
}

/** The problems of one stored row at position `expectedSeq`; the row's recomputed leaf hash is leafHashOf(row). */
export function rowProblems(row: LedgerRow, expectedSeq: number): LedgerProblem[] {
  const out: LedgerProblem[] = [];
  if (row.seq !== expectedSeq) {
    out.push({
      kind: 'missing',
      seq: expectedSeq,
      reason: `第 ${expectedSeq} 条缺失（下一条为第 ${row.seq} 条）：记录被删除或序号被改动`,
    });
  }
  if (!isCanonicalJson(row.payload)) {
    out.push({
      kind: 'nonCanonical',
      seq: row.seq,
      reason: `第 ${row.seq} 条的内容不是规范 JSON（RFC 8785）：可能有重复的键，不同程序会读出不同内容，记录被改动`,
    });
  }
  if (leafHashOf(row) !== row.leaf_hash) {
    out.push({ kind: 'leafMismatch', seq: row.seq, reason: `第 ${row.seq} 条的内容与其叶哈希不符：记录被篡改` });
  }
  return out;
}
