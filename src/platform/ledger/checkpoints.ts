// Checkpoints in the database: one signed row per tree size. The same checkpoints also go to the append-only file
// outside the database (keys.ts) and to the inspectors by mail (src/oversight/checkpoints.ts); the table is only a
// convenience — its rows carry their own signature, so deleting one hides nothing that a copy elsewhere does not show.
import type { KeyObject } from 'node:crypto';
import type { Executor } from '../db/types.ts';
import { type Checkpoint, signCheckpoint } from './checkpoint.ts';
import { ledgerHead } from './service.ts';

type Row = { size: number; root: string; time: string; key_id: string; signature: string };
const toCheckpoint = (r: Row): Checkpoint => ({
  size: Number(r.size),
  root: r.root,
  time: r.time,
  keyId: r.key_id,
  signature: r.signature,
});

/** Newest (largest) first. */
export async function listCheckpoints(db: Executor, limit?: number): Promise<Checkpoint[]> {
  let q = db.selectFrom('ledger_checkpoints').selectAll().orderBy('size', 'desc');
  if (limit) q = q.limit(limit);
  return (await q.execute()).map(toCheckpoint);
}

/** The first checkpoint whose tree holds entry `seq` (size ≥ seq), or null when none does yet. */
export async function checkpointCovering(db: Executor, seq: number): Promise<Checkpoint | null> {
  const row = await db
    .selectFrom('ledger_checkpoints')
    .selectAll()
    .where('size', '>=', seq)
    .orderBy('size')
    .limit(1)
    .executeTakeFirst();
  return row ? toCheckpoint(row) : null;
}

/**
 * Signs the current tree head and stores it — only when the tree grew since the last checkpoint, or there is none:
 * an unchanged ledger gets no new checkpoint (`created: false` with the latest one; null for an empty ledger).
 * Checkpoints are not ledger entries: an entry per checkpoint would grow the tree every hour and never let it rest.
 */
export async function createCheckpoint(
  tx: Executor,
  privateKey: KeyObject,
  now: Date,
): Promise<{ checkpoint: Checkpoint | null; created: boolean }> {
  const head = await ledgerHead(tx);
  const [latest] = await listCheckpoints(tx, 1);
  const grew = latest ? head.size > latest.size : head.size > 0;
  if (!grew) return { checkpoint: latest ?? null, created: false };
  const c = signCheckpoint(privateKey, { size: head.size, root: head.root, time: now.toISOString() });
  const row = { size: c.size, root: c.root, time: c.time, key_id: c.keyId, signature: c.signature };
  const res = await tx
    .insertInto('ledger_checkpoints')
    .values(row)
    .onConflict((oc) => oc.column('size').doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 1) return { checkpoint: c, created: true };
  const [other] = await listCheckpoints(tx, 1); // another node signed this size a moment ago
  return { checkpoint: other, created: false };
}
