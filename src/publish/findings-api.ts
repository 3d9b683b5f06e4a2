// What the secrecy step reads and resolves of the one findings table (revision_findings, findings-model.ts): its 密级标志
// / 个人信息 findings (kind 'secrecy'). Publish hands secrecy this implementation of secrecy's own SecrecyFindings
// (step-api.ts loadForStep, service.ts entering the step), so the calls go down publish ─► secrecy only.
import type { Executor } from '../platform/db/types.ts';
import type { SecrecyFinding, SecrecyFindings, SecrecyFindingStatus } from '../secrecy/model.ts';
import type { RevisionFinding } from './findings-model.ts';
import { getFinding, listFindings, saveFinding } from './findings-store.ts';

const toSecrecy = (f: RevisionFinding): SecrecyFinding => ({
  id: f.id,
  itemId: f.itemId,
  revision: f.revision,
  rule: f.rule,
  category: f.category,
  severity: f.severity,
  start: f.start,
  end: f.end,
  text: f.text,
  message: f.message,
  status: f.status as SecrecyFindingStatus,
  resolvedBy: f.resolvedBy,
  reason: f.reason,
  resolvedAt: f.resolvedAt,
  createdAt: f.createdAt,
});

/** The item's secrecy findings through `db` (the caller's transaction). */
export function secrecyFindingsOf(db: Executor, itemId: string): SecrecyFindings {
  return {
    list: async (revision) =>
      (await listFindings(db, itemId, revision)).filter((f) => f.kind === 'secrecy').map(toSecrecy),
    resolve: async (f, status, by, reason, at) => {
      const before = await getFinding(db, f.id);
      if (!before || before.itemId !== itemId || before.kind !== 'secrecy' || before.status !== 'open') return false;
      return saveFinding(db, before, { ...before, status, resolvedBy: by, resolvedAs: null, reason, resolvedAt: at });
    },
  };
}
