// 台账 screen: browsing the ledger page by page (newest first), exporting one unit's ledger as a file, and checking
// the Merkle tree against every signed checkpoint. Who sees which unit's ledger is src/org/policy/oversight.ts.
import type { Deps } from '../platform/deps.ts';
import { type Actor, LEGACY_ROLE_NAME, ROLE_NAME, type Role } from '../org/model.ts';
import { canVerifyLedger, canViewLedger, ledgerScope } from '../org/policy/oversight.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { listUnits } from '../org/service.ts';
import { contentDisposition } from '../publish/attachments-model.ts';
import type { LedgerRow } from '../platform/ledger/model.ts';
import { listLedger, SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import type { VerifyResult } from '../platform/ledger/verify.ts';
import { verifyWithCheckpoints } from './checkpoints.ts';
import { actionName } from './labels.ts';
import { ledgerCsv, ledgerTable, ledgerXlsx } from './ledger-export.ts';
import { beijingDayRange } from './time.ts';

export interface LedgerBrowseQuery {
  unitId?: string;
  from?: string; // YYYY-MM-DD, Beijing, inclusive
  to?: string; // YYYY-MM-DD, Beijing, inclusive
  action?: string; // an action code (publish.approve) or a module (publish)
  actor?: string; // a user id or part of a name
  limit?: number;
  cursor?: string; // nextCursor of the previous page
}

export interface LedgerEntryView {
  seq: number;
  at: string;
  actor: { id: string; name: string } | null; // null: the system (scheduler, CLI, demo loader)
  role: string;
  roleName: string;
  unitId: string;
  unitName: string;
  action: string;
  actionLabel: string;
  subject: string;
  payload: unknown;
}

export const DEFAULT_PAGE = 50;
/** Entries recorded for the whole district rather than one unit (calendar, dictionaries, demo). */
const DISTRICT_UNIT_NAME = '全区';

/** The units a query reads: the one asked for (if the actor may), else everything the actor may read. */
function scopeOf(actor: Actor, unitId: string | undefined): string[] | 'all' {
  if (unitId) {
    assertAllowed(canViewLedger(actor, unitId));
    return [unitId];
  }
  const scope = ledgerScope(actor);
  if (scope === 'all' || Array.isArray(scope)) return scope;
  assertAllowed(scope);
  return [];
}

export async function browseLedger(
  deps: Deps,
  actor: Actor,
  q: LedgerBrowseQuery,
): Promise<{ entries: LedgerEntryView[]; nextCursor: string | null }> {
  const scope = scopeOf(actor, q.unitId);
  const limit = q.limit ?? DEFAULT_PAGE;
  const action = q.action?.includes('.') ? { action: q.action } : q.action ? { actionPrefix: `${q.action}.` } : {};
  const rows = await listLedger(deps.db, {
    ...(Array.isArray(scope) ? { unitIds: scope } : {}),
    ...beijingDayRange(q.from, q.to),
    ...action,
    actor: q.actor,
    newestFirst: true,
    beforeSeq: q.cursor ? Number(q.cursor) : undefined,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const names = new Map((await listUnits(deps.db)).map((u) => [u.id, u.name]));
  return {
    entries: page.map((r) => toView(r, names)),
    nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null,
  };
}

function toView(r: LedgerRow, unitNames: Map<string, string>): LedgerEntryView {
  let payload: unknown;
  try {
    payload = JSON.parse(r.payload);
  } catch {
    payload = r.payload; // verify reports such a row; the screen still shows what is stored
  }
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor_id === SYSTEM_ACTOR.id ? null : { id: r.actor_id, name: r.actor_name },
    role: r.role,
    roleName: ROLE_NAME[r.role as Role] ?? LEGACY_ROLE_NAME[r.role] ?? r.role,
    unitId: r.unit_id,
    unitName: r.unit_id ? (unitNames.get(r.unit_id) ?? r.unit_id) : DISTRICT_UNIT_NAME,
    action: r.action,
    actionLabel: actionName(r.action),
    subject: r.subject,
    payload,
  };
}

export interface LedgerFile {
  body: Buffer | string;
  contentType: string;
  disposition: string;
}

/** One unit's 登记台账 over a date range as the file people print and file (the same as `gongkai ledger export`). */
export async function exportLedger(
  deps: Deps,
  actor: Actor,
  q: { unitId: string; from: string; to: string; format: 'xlsx' | 'csv' },
): Promise<LedgerFile> {
  assertAllowed(canViewLedger(actor, q.unitId));
  const { unitName, rows } = await ledgerTable(deps, { unit: q.unitId, from: q.from, to: q.to });
  const name = `${unitName}信息发布登记台账（${q.from}至${q.to}）.${q.format}`;
  const csv = q.format === 'csv';
  return {
    body: csv ? ledgerCsv(rows) : await ledgerXlsx(unitName, `${q.from} 至 ${q.to}`, rows),
    contentType: csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    disposition: contentDisposition(name),
  };
}

export async function verifyLedgerAs(deps: Deps, actor: Actor): Promise<VerifyResult> {
  assertAllowed(canVerifyLedger(actor));
  const { fileErrors: _, ...result } = await verifyWithCheckpoints(deps);
  return result;
}
