// 台账 screen: browsing the ledger page by page (newest first), exporting one unit's ledger as a file, and checking
// the Merkle tree against every signed checkpoint. Who sees which unit's ledger is src/org/policy/oversight.ts.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canVerifyLedger, canViewLedger, ledgerScope } from '../org/policy/oversight.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { listUsers } from '../org/service.ts';
import { invalid } from '../platform/errors.ts';
import { itemsTitled } from '../publish/service.ts';
import { contentDisposition } from '../publish/attachments-model.ts';
import { type LedgerQuery, listLedger } from '../platform/ledger/service.ts';
import type { VerifyResult } from '../platform/ledger/verify.ts';
import { verifyWithCheckpoints } from './checkpoints.ts';
import { type LedgerEntryView, readableEntries } from './ledger-read.ts';
import { ledgerCsv, ledgerTable, ledgerXlsx } from './ledger-export.ts';
import { beijingDayRange } from './time.ts';

export type { LedgerEntryView };

export interface LedgerBrowseQuery {
  unitId?: string;
  from?: string; // YYYY-MM-DD, Beijing, inclusive
  to?: string; // YYYY-MM-DD, Beijing, inclusive
  action?: string; // an action code (publish.approve) or a module (publish)
  actor?: string; // a user id or part of a name
  title?: string; // part of a 稿件's title: entries about the items it finds
  person?: string; // part of a person's name: entries they made or that are about them
  limit?: number;
  cursor?: string; // nextCursor of the previous page
}

/** Items a title search reads at most: a broader search is asked to be narrowed. */
const TITLE_MATCHES = 500;

export const DEFAULT_PAGE = 50;

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
    ...(await textFilters(deps, q)),
    actor: q.actor,
    newestFirst: true,
    beforeSeq: q.cursor ? Number(q.cursor) : undefined,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    entries: await readableEntries(deps, page),
    nextCursor: rows.length > limit ? String(page[page.length - 1].seq) : null,
  };
}

/** The 稿件-title and person filters as ledger conditions (subjects found by title; a person's ids and name). */
async function textFilters(
  deps: Deps,
  q: Pick<LedgerBrowseQuery, 'title' | 'person'>,
): Promise<Pick<LedgerQuery, 'subjects' | 'person'>> {
  const out: Pick<LedgerQuery, 'subjects' | 'person'> = {};
  if (q.title) {
    const items = await itemsTitled(deps.db, q.title, TITLE_MATCHES + 1);
    if (items.length > TITLE_MATCHES)
      throw invalid('title', `标题含「${q.title}」的稿件超过 ${TITLE_MATCHES} 篇，请输入更完整的标题`);
    out.subjects = items.map((i) => `item:${i.id}`);
  }
  if (q.person) {
    const text = q.person;
    const ids = (await listUsers(deps.db)).filter((u) => u.name.includes(text) || u.username === text);
    out.person = { ids: ids.map((u) => u.id), name: text };
  }
  return out;
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
