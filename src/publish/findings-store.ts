// Kysely queries of the 智能校对 findings kept on revisions (revision_findings). The only file that names that table.
import type { Selectable } from 'kysely';
import type { Executor } from '../platform/db/types.ts';
import type { RevisionFindingsTable } from '../platform/db/tables/publish.ts';
import {
  type FindingCounts,
  type FindingKind,
  type FindingStatus,
  type KeptSeverity,
  type NewFinding,
  openCounts,
  type RevisionFinding,
  type Standing,
} from './findings-model.ts';

const toFinding = (r: Selectable<RevisionFindingsTable>): RevisionFinding => ({
  id: r.id,
  itemId: r.item_id,
  revision: Number(r.revision),
  rule: r.rule,
  category: r.category,
  severity: r.severity as KeptSeverity,
  start: Number(r.start_at),
  end: Number(r.end_at),
  line: Number(r.line),
  column: Number(r.col),
  text: r.text,
  suggestion: r.suggestion,
  message: r.message,
  kind: r.kind as FindingKind,
  status: r.status as FindingStatus,
  resolvedBy: r.resolved_by,
  resolvedAs: r.resolved_as as Standing | null,
  reason: r.reason,
  resolvedAt: r.resolved_at,
  proposedBy: r.proposed_by,
  proposedAs: r.proposed_as as Standing | null,
  proposalReason: r.proposal_reason,
  proposedAt: r.proposed_at,
  rejectedBy: r.rejected_by,
  rejectionReason: r.rejection_reason,
  rejectedAt: r.rejected_at,
  createdAt: r.created_at,
});

// A long text can have thousands of warnings; PostgreSQL takes at most 65,535 parameters per statement.
const BATCH = 500;

export async function insertFindings(
  db: Executor,
  rows: (NewFinding & { id: string; itemId: string; revision: number; createdAt: string })[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('revision_findings')
      .values(
        rows.slice(i, i + BATCH).map((f) => ({
          id: f.id,
          item_id: f.itemId,
          revision: f.revision,
          rule: f.rule,
          category: f.category,
          severity: f.severity,
          start_at: f.start,
          end_at: f.end,
          line: f.line,
          col: f.column,
          text: f.text,
          suggestion: f.suggestion,
          message: f.message,
          kind: f.kind,
          status: f.status,
          resolved_by: null,
          reason: null,
          resolved_at: null,
          created_at: f.createdAt,
          proposed_by: null,
          proposed_as: null,
          proposal_reason: null,
          proposed_at: null,
          resolved_as: null,
          rejected_by: null,
          rejection_reason: null,
          rejected_at: null,
        })),
      )
      .execute();
  }
}

/** One revision's findings in text order (every revision's, in revision order, without `revision`). */
export async function listFindings(db: Executor, itemId: string, revision?: number): Promise<RevisionFinding[]> {
  let query = db.selectFrom('revision_findings').selectAll().where('item_id', '=', itemId);
  if (revision !== undefined) query = query.where('revision', '=', revision);
  const rows = await query.orderBy('revision').orderBy('start_at').orderBy('end_at').orderBy('id').execute();
  return rows.map(toFinding);
}

export async function getFinding(db: Executor, id: string): Promise<RevisionFinding | null> {
  const row = await db.selectFrom('revision_findings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toFinding(row) : null;
}

/** Writes a finding's new state (findings-model actOnFinding); false if someone changed it first. */
export async function saveFinding(db: Executor, before: RevisionFinding, after: RevisionFinding): Promise<boolean> {
  const res = await db
    .updateTable('revision_findings')
    .set({
      status: after.status,
      resolved_by: after.resolvedBy,
      resolved_as: after.resolvedAs,
      reason: after.reason,
      resolved_at: after.resolvedAt,
      proposed_by: after.proposedBy,
      proposed_as: after.proposedAs,
      proposal_reason: after.proposalReason,
      proposed_at: after.proposedAt,
      rejected_by: after.rejectedBy,
      rejection_reason: after.rejectionReason,
      rejected_at: after.rejectedAt,
    })
    .where('id', '=', before.id)
    .where('status', '=', before.status)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface ItemFindingCounts {
  open: FindingCounts; // not yet fixed, dismissed or proposed
  proposed: number; // serious and error findings whose dismissal waits for 二审 (or above)
}

/** Open findings per severity, and pending proposals, of each item's current revision, in one grouped query. */
export async function openCountsOf(
  db: Executor,
  items: readonly { id: string; revision: number }[],
): Promise<Map<string, ItemFindingCounts>> {
  const out = new Map<string, ItemFindingCounts>(items.map((i) => [i.id, { open: openCounts([]), proposed: 0 }]));
  if (items.length === 0) return out;
  const rows = await db
    .selectFrom('revision_findings')
    .select(['item_id', 'revision', 'severity', 'status', (eb) => eb.fn.countAll().as('n')])
    .where(
      'item_id',
      'in',
      items.map((i) => i.id),
    )
    .where('kind', '=', 'proofreading')
    .where('status', 'in', ['open', 'proposed'])
    .groupBy(['item_id', 'revision', 'severity', 'status'])
    .execute();
  const current = new Map(items.map((i) => [i.id, i.revision]));
  for (const r of rows) {
    const counts = out.get(r.item_id);
    if (!counts || Number(r.revision) !== current.get(r.item_id)) continue;
    if (r.status === 'open') counts.open[r.severity as KeptSeverity] += Number(r.n);
    else counts.proposed += Number(r.n);
  }
  return out;
}
