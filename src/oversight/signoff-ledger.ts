// The 台账存证 part of an item's 审签单: the item's ledger entries (subject item:<id>), each with its exact bytes, its
// leaf hash and its inclusion proof to the first signed checkpoint that covers them — so that one printed form is
// verified on its own with the platform's public key: rebuild each leaf from the entry's bytes, walk the proof up to
// the checkpoint's root (RFC 9162 §2.1.3.2), and check the checkpoint's Ed25519 signature.
import type { Deps } from '../platform/deps.ts';
import { type Checkpoint, noteText } from '../platform/ledger/checkpoint.ts';
import { checkpointCovering } from '../platform/ledger/checkpoints.ts';
import { entryBytes, leafHashOf } from '../platform/ledger/model.ts';
import { inclusionProof } from '../platform/ledger/proofs.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { actionName } from './labels.ts';
import { beijingMinute } from './time.ts';

export const NOT_YET_COVERED = '尚无覆盖此记录的检查点';

export interface EvidenceEntry {
  seq: number;
  time: string; // 'YYYY-MM-DD HH:mm', Asia/Shanghai
  actionLabel: string;
  actorName: string;
  entry: string; // the canonical JSON the leaf hashes (RFC 8785)
  leafHash: string;
  proof: string[] | null; // audit path to the checkpoint's root; null when no checkpoint covers the entries yet
}

export interface LedgerEvidence {
  checkpoint: (Checkpoint & { note: string }) | null;
  statement: string; // what covers the entries, in words
  entries: EvidenceEntry[];
}

export async function ledgerEvidence(deps: Deps, itemId: string): Promise<LedgerEvidence> {
  const rows = await listLedger(deps.db, { subject: `item:${itemId}` });
  const last = rows.at(-1)?.seq;
  const checkpoint = last === undefined ? null : await checkpointCovering(deps.db, last);
  const entries = await Promise.all(
    rows.map(
      async (r): Promise<EvidenceEntry> => ({
        seq: r.seq,
        time: beijingMinute(r.at),
        actionLabel: actionName(r.action),
        actorName: r.actor_name,
        entry: entryBytes(r),
        leafHash: leafHashOf(r),
        proof: checkpoint ? (await inclusionProof(deps.db, r.seq, checkpoint.size)).proof : null,
      }),
    ),
  );
  const statement = !checkpoint
    ? NOT_YET_COVERED
    : `本单 ${rows.length} 条台账记录均包含在检查点（前 ${checkpoint.size} 条记录，${beijingMinute(checkpoint.time)} 签署）中`;
  return { checkpoint: checkpoint && { ...checkpoint, note: noteText(checkpoint) }, statement, entries };
}
