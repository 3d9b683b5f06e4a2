// What the secrecy step reads and marks of the one findings table (revision_findings, findings-model.ts): its 密级标志 /
// 个人信息 findings (kind 'secrecy'), and how it resolved them. Secrecy calls down to these; it names no table of ours.
import type { Executor } from '../platform/db/types.ts';
import type { FindingStatus, RevisionFinding } from './findings-model.ts';
import { listFindings, saveFinding } from './findings-store.ts';

export type { RevisionFinding } from './findings-model.ts';

/** An item's secrecy findings: one revision's in text order, or every revision's. */
export async function secrecyFindingsOf(db: Executor, itemId: string, revision?: number): Promise<RevisionFinding[]> {
  return (await listFindings(db, itemId, revision)).filter((f) => f.kind === 'secrecy');
}

/** Saves what the secrecy step decided for a finding (findings-model); false if someone changed it first. */
export const saveSecrecyFinding = (db: Executor, before: RevisionFinding, after: RevisionFinding): Promise<boolean> =>
  saveFinding(db, before, after);

/** An open secrecy finding withheld by 脱密 (redacted), or gone from (fixed) or listed again in (superseded) a later revision. */
export async function resolveSecrecyFinding(db: Executor, f: RevisionFinding,
  status: Extract<FindingStatus, 'redacted' | 'fixed' | 'superseded'>, by: string | null, at: string): Promise<boolean> {
  return saveFinding(db, f, { ...f, status, resolvedBy: by, resolvedAs: null, reason: null, resolvedAt: at });
}
