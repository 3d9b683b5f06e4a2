// Inclusion and consistency proofs (RFC 9162 §2.1.3, §2.1.4) from the stored complete subtrees: a proof reads
// O(log² n) hashes, never the whole ledger. What a proof proves does not depend on these stored hashes — a wrong one
// gives a proof that fails against a signed checkpoint's root (merkle.ts verifyInclusion / verifyConsistency).
import type { Executor } from '../db/types.ts';
import { invalid, notFound } from '../errors.ts';
import { consistencyRanges, foldRight, inclusionRanges, type Perfect, perfectsOf, type Range } from './merkle.ts';
import { ledgerHead } from './service.ts';

async function perfectHashes(db: Executor, wanted: Perfect[]): Promise<Map<string, string>> {
  const key = (p: Perfect) => `${p.level}:${p.idx}`;
  const found = new Map<string, string>();
  const leaves = wanted.filter((p) => p.level === 0).map((p) => p.idx + 1);
  if (leaves.length) {
    const rows = await db.selectFrom('ledger').select(['seq', 'leaf_hash']).where('seq', 'in', leaves).execute();
    for (const r of rows) found.set(`0:${Number(r.seq) - 1}`, r.leaf_hash);
  }
  for (const p of wanted.filter((w) => w.level > 0)) {
    const row = await db
      .selectFrom('ledger_nodes')
      .select('hash')
      .where('level', '=', p.level)
      .where('idx', '=', p.idx)
      .executeTakeFirst();
    if (row) found.set(key(p), row.hash);
  }
  for (const p of wanted) {
    if (!found.has(key(p)))
      throw new Error(`台账存储缺少子树哈希（层 ${p.level}，序 ${p.idx}）：请运行 gongkai ledger verify`);
  }
  return found;
}

/** MTH of each range, in order. */
export async function rangeHashes(db: Executor, ranges: Range[]): Promise<string[]> {
  const parts = ranges.map(([a, b]) => perfectsOf(a, b));
  const hashes = await perfectHashes(db, parts.flat());
  return parts.map((ps) => foldRight(ps.map((p) => hashes.get(`${p.level}:${p.idx}`)!)));
}

export const rootAt = async (db: Executor, size: number): Promise<string> => (await rangeHashes(db, [[0, size]]))[0];

async function assertSize(db: Executor, size: number, field: string): Promise<void> {
  if (!Number.isSafeInteger(size) || size < 1) throw invalid(field, '树大小必须是正整数');
  const head = await ledgerHead(db);
  if (size > head.size) throw notFound(`大小为 ${size} 的台账树（当前共 ${head.size} 条）`);
}

export interface InclusionProof {
  seq: number;
  size: number;
  leafHash: string;
  root: string;
  proof: string[]; // RFC 9162 audit path, nearest sibling first, hex
}

/** The audit path of entry `seq` in the tree of the first `size` entries. */
export async function inclusionProof(db: Executor, seq: number, size: number): Promise<InclusionProof> {
  await assertSize(db, size, 'size');
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > size) throw invalid('seq', `记录序号必须在 1 到 ${size} 之间`);
  const ranges = inclusionRanges(seq - 1, 0, size);
  const [leafHash, root, ...proof] = await rangeHashes(db, [[seq - 1, seq], [0, size], ...ranges]);
  return { seq, size, leafHash, root, proof };
}

export interface ConsistencyProof {
  from: number;
  to: number;
  fromRoot: string;
  toRoot: string;
  proof: string[];
}

/** The proof that the tree of the first `from` entries is a prefix of the tree of the first `to`. */
export async function consistencyProof(db: Executor, from: number, to: number): Promise<ConsistencyProof> {
  await assertSize(db, to, 'to');
  if (!Number.isSafeInteger(from) || from < 1 || from > to) throw invalid('from', `起始树大小必须在 1 到 ${to} 之间`);
  const [fromRoot, toRoot, ...proof] = await rangeHashes(db, [[0, from], [0, to], ...consistencyRanges(from, to)]);
  return { from, to, fromRoot, toRoot, proof };
}
