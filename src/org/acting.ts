// Who performs an org use case and how it is signed in the ledger, plus the input checks the use cases share.
// Use cases take `by`: a person (policies apply) or 'system' for the CLI and the demo loader (run by whoever
// operates the server, who could edit the database anyway).
import { invalid } from '../platform/errors.ts';
import { type LedgerActor, SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import type { Actor, Role } from './model.ts';
import { canManageAccounts, canManageOrg } from './policy/org.ts';
import { assertAllowed } from './policy/verdict.ts';

export type By = Actor | 'system';

export const ledgerActorOf = (by: By): LedgerActor => (by === 'system' ? SYSTEM_ACTOR : { id: by.id, name: by.name });

/** The role an org change is signed with: the administrator's (三员分立) for people, none for the system. */
export const ledgerRoleOf = (by: By, role: Role = 'sysAdmin'): string => (by === 'system' ? '' : role);

/** Structure changes are the 系统管理员's; checked here as well as in the route so other callers cannot skip it. */
export function assertMayManage(by: By): void {
  if (by !== 'system') assertAllowed(canManageOrg(by));
}

/** Accounts and role requests are the 安全管理员's (policy/org.ts canManageAccounts). */
export function assertMayManageAccounts(by: By): void {
  if (by !== 'system') assertAllowed(canManageAccounts(by));
}

/** Trimmed text of 1..max characters, or a 400 naming the field. */
export function requireText(field: string, label: string, value: unknown, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw invalid(field, `请填写${label}`);
  if ([...text].length > max) throw invalid(field, `${label}不能超过 ${max} 个字`);
  return text;
}

/** Optional text: empty becomes null. */
export function optionalText(field: string, label: string, value: unknown, max: number): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  return requireText(field, label, value, max);
}

export function requireOneOf<T extends string>(field: string, label: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw invalid(field, `${label}须为以下之一：${allowed.join('、')}`);
}

/** An http(s) address, or null. */
export function optionalUrl(field: string, value: unknown): string | null {
  const text = optionalText(field, '网址', value, 500);
  if (text === null) return null;
  try {
    const u = new URL(text);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.toString();
  } catch {
    // falls through to the message below
  }
  throw invalid(field, '网址须以 http:// 或 https:// 开头');
}
