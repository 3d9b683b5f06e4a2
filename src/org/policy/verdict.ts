// A policy answers allow, or deny with a stable code and a zh-CN reason the user can act on.
import { forbidden } from '../../platform/errors.ts';
import { type Actor, holdsDistrictRole, type Role } from '../model.ts';

export type Verdict = { allowed: true } | { allowed: false; code: string; reason: string };

export const ALLOW: Verdict = { allowed: true };
export const deny = (code: string, reason: string): Verdict => ({ allowed: false, code, reason });

/** Throws 403 with the policy's reason. */
export function assertAllowed(verdict: Verdict): void {
  if (!verdict.allowed) throw forbidden(verdict.code, verdict.reason);
}

export const isAllowed = (verdict: Verdict): boolean => verdict.allowed;

/** District-wide roles that read every unit's records; the 安全管理员 keeps accounts and reads no unit's records. */
const SEE_ALL: readonly Role[] = ['inspector', 'egovCenter', 'sysAdmin', 'auditAdmin'];

/** Units whose records the actor may see: district-wide roles see all ('all'), others their own units. */
export function visibleUnitIds(actor: Actor): string[] | 'all' {
  if (SEE_ALL.some((r) => holdsDistrictRole(actor, r))) return 'all';
  return [...new Set([actor.unitId, ...actor.roles.map((r) => r.unitId)])];
}
