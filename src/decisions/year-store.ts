// Kysely queries of the year board and the reminders: a year's items in one query, and the decision_reminders
// table (named only here). The items are read through store.ts's query and row mapping.
import type { DecisionScope } from '../org/policy/decisions.ts';
import type { Executor } from '../platform/db/types.ts';
import { type ItemRow, items, toItem } from './store.ts';

export interface YearItem extends ItemRow {
  catalogYear: number;
}

/** Every current item (not withdrawn) of the year's 目录s the scope sees, optionally of one keeping unit: one query. */
export async function listYearItems(
  db: Executor,
  year: number,
  scope: DecisionScope,
  keeperUnitId?: string,
): Promise<YearItem[]> {
  if (!scope.all && scope.unitIds.length === 0) return [];
  let q = items(db).select('c.year as catalog_year').where('c.year', '=', year).where('i.withdrawn_at', 'is', null);
  if (keeperUnitId) q = q.where('c.unit_id', '=', keeperUnitId);
  if (!scope.all) {
    const ids = scope.unitIds;
    q = q.where((eb) => eb.or([eb('c.unit_id', 'in', ids), eb('i.lead_unit_id', 'in', ids)]));
  }
  const rows = await q.orderBy('c.unit_id').orderBy('i.seq').execute();
  return rows.map((r) => ({ ...toItem(r), catalogYear: Number(r.catalog_year) }));
}

/** Items that may be due a reminder: not withdrawn, of this year's 目录s or the next (a January item is reminded in
 *  December). */
export async function listRemindable(db: Executor, years: number[]): Promise<ItemRow[]> {
  const rows = await items(db).where('c.year', 'in', years).where('i.withdrawn_at', 'is', null).execute();
  return rows.map(toItem);
}

export async function reminderSent(db: Executor, itemId: string, kind: string, basis: string): Promise<boolean> {
  const row = await db
    .selectFrom('decision_reminders')
    .select('item_id')
    .where('item_id', '=', itemId)
    .where('kind', '=', kind)
    .where('basis', '=', basis)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertReminder(
  db: Executor,
  r: { itemId: string; kind: string; basis: string; recipients: string[] },
  at: string,
) {
  await db
    .insertInto('decision_reminders')
    .values({ item_id: r.itemId, kind: r.kind, basis: r.basis, sent_at: at, recipients: JSON.stringify(r.recipients) })
    .execute();
}

export async function listReminders(db: Executor, itemId: string) {
  const rows = await db
    .selectFrom('decision_reminders')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('sent_at')
    .execute();
  return rows.map((r) => ({ kind: r.kind, basis: r.basis, sentAt: r.sent_at, recipients: JSON.parse(r.recipients) }));
}
