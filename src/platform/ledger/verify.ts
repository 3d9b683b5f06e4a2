// `gongkai ledger verify`: recomputes every leaf and the whole tree from the entries as stored — trusting no stored
// hash — and holds it against every signed checkpoint it is given. An insider with write access to the database can
// rewrite rows, recompute every hash and move the head; they cannot make an earlier checkpoint's root come out again,
// nor sign a new one without the key (which is not in the database).
import type { KeyObject } from 'node:crypto';
import type { Db } from '../db/types.ts';
import { type Checkpoint, checkSignature } from './checkpoint.ts';
import { listCheckpoints } from './checkpoints.ts';
import { type Frontier, pushLeaf, rootOf } from './merkle.ts';
import { leafHashOf, type LedgerProblem, rowProblems } from './model.ts';

export interface VerifyOptions {
  /** Checkpoints from outside the database (the file, a mail); the table's own are always checked too. */
  checkpoints?: Checkpoint[];
  /** The public key checkpoints must be signed with; without one, only the entries themselves are checked. */
  publicKey?: KeyObject | string;
  onProgress?: (checked: number, total: number) => void;
  batchSize?: number;
}

export interface VerifyResult {
  ok: boolean;
  checked: number; // entries read
  root: string; // recomputed root of the whole tree
  checkpoints: number; // signed checkpoints held against the tree
  problems: LedgerProblem[];
  problem?: LedgerProblem; // the first one
}

const MAX_PROBLEMS = 100;
const timeOf = (c: Checkpoint) => c.time.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

function signedCheckpoints(
  all: Checkpoint[],
  publicKey: KeyObject | string,
  problems: LedgerProblem[],
): Map<number, Checkpoint[]> {
  const seen = new Set<string>();
  const bySize = new Map<number, Checkpoint[]>();
  for (const c of all) {
    const id = `${c.size}|${c.root}|${c.time}|${c.signature}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (!checkSignature(publicKey, c)) {
      problems.push({
        kind: 'badSignature',
        seq: c.size,
        reason: `检查点（树大小 ${c.size}，时间 ${timeOf(c)}）的签名无效：检查点被伪造或改动，或不是用此公钥签署的`,
      });
      continue;
    }
    bySize.set(c.size, [...(bySize.get(c.size) ?? []), c]);
  }
  return bySize;
}

export async function verifyLedger(db: Db, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const problems: LedgerProblem[] = [];
  const all = [...(opts.checkpoints ?? []), ...(await listCheckpoints(db))];
  const bySize = opts.publicKey ? signedCheckpoints(all, opts.publicKey, problems) : new Map<number, Checkpoint[]>();
  const count = await db
    .selectFrom('ledger')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(count.n);
  let f: Frontier = { size: 0, hashes: [] };
  let expectedSeq = 1;
  const batchSize = opts.batchSize ?? 5000;
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom('ledger')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    for (const stored of rows) {
      const row = { ...stored, seq: Number(stored.seq) };
      problems.push(...rowProblems(row, expectedSeq));
      expectedSeq = row.seq + 1;
      after = row.seq;
      f = pushLeaf(f, leafHashOf(row)).frontier;
      for (const c of bySize.get(f.size) ?? []) {
        if (rootOf(f) === c.root) continue;
        problems.push({
          kind: 'rootMismatch',
          seq: c.size,
          reason:
            `前 ${c.size} 条记录与检查点（${timeOf(c)}）不符：`
            + '根哈希不同，此前的记录被改写、删除、插入或调换了顺序',
        });
      }
    }
    opts.onProgress?.(f.size, total);
    if (rows.length < batchSize) break;
  }
  const root = rootOf(f);
  for (const [size, cs] of [...bySize].sort((a, b) => a[0] - b[0])) {
    if (size <= f.size) continue;
    problems.push({
      kind: 'truncated',
      seq: size,
      reason: `台账只有 ${f.size} 条记录，少于检查点（${timeOf(cs[0])}）` + `记录的 ${size} 条：末尾的记录被删除`,
    });
  }
  const head = await db.selectFrom('ledger_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || Number(head.seq) !== f.size || head.hash !== root) {
    problems.push({
      kind: 'headMismatch',
      seq: f.size,
      reason:
        `台账头记录（${Number(head?.seq ?? 0)} 条）与重新计算的树` + `（${f.size} 条）不符：记录被删除，或台账头被改动`,
    });
  }
  const checkpoints = [...bySize.values()].reduce((n, cs) => n + cs.length, 0);
  const shown = problems.slice(0, MAX_PROBLEMS);
  const first = shown[0] ? { problem: shown[0] } : {};
  return { ok: problems.length === 0, checked: f.size, root, checkpoints, problems: shown, ...first };
}
