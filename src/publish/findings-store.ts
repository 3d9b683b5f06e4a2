// Kysely queries of the 智能校对 findings kept on revisions (revision_findings). The only file that names that table.
import type { Selectable } from 'kysely';
import type { Executor } from '../platform/db/types.ts';
import type { RevisionFindingsTable } from '../platform/db/tables/publish.ts';
import {
  type FindingCounts, type FindingStatus, type KeptSeverity, type NewFinding, openCounts, type RevisionFinding,
} from './findings-model.ts';

const toFinding = (r: Selectable<RevisionFindingsTable>): RevisionFinding => ({
  id: r.id, itemId: r.item_id, revision: Number(r.revision), rule: r.rule, category: r.category, severity: r.severity as KeptSeverity,
  start: Number(r.start_at), end: Number(r.end_at), line: Number(r.line), column: Number(r.col), text: r.text, suggestion: r.suggestion,
  message: r.message, status: r.status as FindingStatus, resolvedBy: r.resolved_by, reason: r.reason, resolvedAt: r.resolved_at,
  createdAt: r.created_at,
});

// A long text can have thousands of warnings; PostgreSQL takes at most 65,535 parameters per statement.
const BATCH = 500;

export async function insertFindings(db: Executor, rows: (NewFinding & { id: string; itemId: string; revision: number; createdAt: string })[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.insertInto('revision_findings').values(rows.slice(i, i + BATCH).map((f) => ({
      id: f.id, item_id: f.itemId, revision: f.revision, rule: f.rule, category: f.category, severity: f.severity, start_at: f.start,
      end_at: f.end, line: f.line, col: f.column, text: f.text, suggestion: f.suggestion, message: f.message, status: f.status,
      resolved_by: null, reason: null, resolved_at: null, created_at: f.createdAt,
    }))).execute();
  }
}

/** One revision's findings in text order. */
export async function listFindings(db: Executor, itemId: string, revision: number): Promise<RevisionFinding[]> {
  const rows = await db.selectFrom('revision_findings').selectAll().where('item_id', '=', itemId).where('revision', '=', revision)
    .orderBy('start_at').orderBy('end_at').orderBy('id').execute();
  return rows.map(toFinding);
}

export async function getFinding(db: Executor, id: string): Promise<RevisionFinding | null> {
  const row = await db.selectFrom('revision_findings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toFinding(row) : null;
}

/** Dismisses an open finding; false if someone resolved it first. */
export async function dismissFinding(db: Executor, id: string, by: string, reason: string, at: string): Promise<boolean> {
  const res = await db.updateTable('revision_findings').set({ status: 'dismissed', resolved_by: by, reason, resolved_at: at })
    .where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Open findings per severity of each item's current revision, in one grouped query. */
export async function openCountsOf(db: Executor, items: readonly { id: string; revision: number }[]): Promise<Map<string, FindingCounts>> {
  const out = new Map<string, FindingCounts>(items.map((i) => [i.id, openCounts([])]));
  if (items.length === 0) return out;
  const rows = await db.selectFrom('revision_findings').select(['item_id', 'revision', 'severity', (eb) => eb.fn.countAll().as('n')])
    .where('item_id', 'in', items.map((i) => i.id)).where('status', '=', 'open')
    .groupBy(['item_id', 'revision', 'severity']).execute();
  const current = new Map(items.map((i) => [i.id, i.revision]));
  for (const r of rows) {
    const counts = out.get(r.item_id);
    if (counts && Number(r.revision) === current.get(r.item_id)) counts[r.severity as KeptSeverity] += Number(r.n);
  }
  return out;
}
