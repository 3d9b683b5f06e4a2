// The role an act is signed with in the ledger (台账: who acted, and in which capacity). One rule for every module, so
// the same person doing the same kind of thing is recorded the same way wherever the use case lives. Each capability
// names the roles it acts in, in order of preference (policy/watch.ts, duty.ts, challenge.ts, publish.ts).
import { type Actor, DISTRICT_WIDE_ROLES, holdsDistrictRole, holdsRole, type Role } from '../model.ts';

function holdsFor(actor: Actor, role: Role, unitId: string | null): boolean {
  if (DISTRICT_WIDE_ROLES.includes(role)) return holdsDistrictRole(actor, role);
  return unitId !== null && holdsRole(actor, role, unitId);
}

/**
 * The first of `roles` the actor holds in the unit — a district-wide role counts in every unit —, else the actor's
 * first role; '' for the system (null) and for a person holding no role.
 */
export function actingRole(actor: Actor | null, unitId: string | null, roles: readonly Role[]): Role | '' {
  if (!actor) return '';
  return roles.find((r) => holdsFor(actor, r, unitId)) ?? actor.roles[0]?.role ?? '';
}
