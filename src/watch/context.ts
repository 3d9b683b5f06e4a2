// What the watch use cases share: the ledger line (a person or the system), the day in Asia/Shanghai, loading a
// site / account or failing with 404, and checking that named people exist.
import type { Actor } from '../org/model.ts';
import { watchRole } from '../org/policy/watch.ts';
import { getUnit, getUsersByIds } from '../org/service.ts';
import type { Executor } from '../platform/db/types.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { appendLedger, SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import * as store from './store.ts';

/** A person, or null for the system (the monitors and the escalation job). */
export type By = Actor | null;

export async function record(
  tx: Executor,
  by: By,
  unitId: string,
  action: string,
  subject: string,
  payload: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const actor = by ? { id: by.id, name: by.name } : SYSTEM_ACTOR;
  await appendLedger(tx, { actor, role: watchRole(by, unitId), unitId, action, subject, payload }, now);
}

/** YYYY-MM-DD in Asia/Shanghai (UTC+8, no daylight saving). */
export const shanghaiDay = (at: Date): string => new Date(at.getTime() + 8 * 3600000).toISOString().slice(0, 10);

export async function loadSite(db: Executor, id: string): Promise<store.Site> {
  const site = await store.getSite(db, id);
  if (!site) throw notFound('监测网站');
  return site;
}

export async function loadAccount(db: Executor, id: string): Promise<store.Account> {
  const account = await store.getAccount(db, id);
  if (!account?.active) throw notFound('新媒体账号');
  return account;
}

export async function checkUnit(db: Executor, unitId: string, field = 'unitId'): Promise<string> {
  const unit = await getUnit(db, unitId);
  if (!unit) throw invalid(field, '所选主办单位不存在');
  return unit.name;
}

/** Each id an existing account; the 400 names the field and position. */
export async function checkPeople(db: Executor, ids: readonly string[], field: string): Promise<string[]> {
  const found = await getUsersByIds(db, [...ids]);
  ids.forEach((id, i) => {
    if (!found.has(id)) throw invalid(`${field}.${i}`, '所选值班联系人不存在');
  });
  return [...new Set(ids)];
}
