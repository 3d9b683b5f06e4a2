// Kysely queries for role requests (待确认的角色, migration 014): the only file that names role_requests.
import type { Selectable } from 'kysely';
import type { Executor, RoleRequestsTable } from '../platform/db/types.ts';
import type { Role, RoleRequest, RoleRequestStatus } from './model.ts';

const toRoleRequest = (r: Selectable<RoleRequestsTable>): RoleRequest => ({
  id: r.id,
  userId: r.user_id,
  role: r.role as Role,
  unitId: r.unit_id,
  sectionId: r.section_id,
  status: r.status as RoleRequestStatus,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  reason: r.reason,
});

export async function insertRoleRequests(db: Executor, requests: RoleRequest[]): Promise<void> {
  if (requests.length === 0) return;
  await db
    .insertInto('role_requests')
    .values(
      requests.map((r) => ({
        id: r.id,
        user_id: r.userId,
        role: r.role,
        unit_id: r.unitId,
        section_id: r.sectionId,
        status: r.status,
        requested_by: r.requestedBy,
        requested_at: r.requestedAt,
        decided_by: null,
        decided_at: null,
        reason: null,
      })),
    )
    .execute();
}

export async function getRoleRequest(db: Executor, id: string): Promise<RoleRequest | null> {
  const row = await db.selectFrom('role_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRoleRequest(row) : null;
}

/** Pending requests of these users (the account list shows them beside the roles in force). */
export async function pendingOfUsers(db: Executor, userIds: readonly string[]): Promise<RoleRequest[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('role_requests')
    .selectAll()
    .where('status', '=', 'pending')
    .where('user_id', 'in', [...new Set(userIds)])
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
  return rows.map(toRoleRequest);
}

/** The same role in the same unit (and section) already asked for and not yet decided. */
export async function findPending(
  db: Executor,
  r: Pick<RoleRequest, 'userId' | 'role' | 'unitId' | 'sectionId'>,
): Promise<RoleRequest | null> {
  let q = db
    .selectFrom('role_requests')
    .selectAll()
    .where('status', '=', 'pending')
    .where('user_id', '=', r.userId)
    .where('role', '=', r.role)
    .where('unit_id', '=', r.unitId);
  q = r.sectionId ? q.where('section_id', '=', r.sectionId) : q.where('section_id', 'is', null);
  const row = await q.executeTakeFirst();
  return row ? toRoleRequest(row) : null;
}

export interface RequestFilter {
  status?: RoleRequestStatus;
  unitIds?: readonly string[]; // requests in these units
  orPrincipals?: boolean; // …or any unit's 主要领导 request (the 区政府办公室's 主要领导 decides those)
}

/** Newest first; `limit` keeps the decided history short. */
export async function listRoleRequests(db: Executor, f: RequestFilter, limit = 200): Promise<RoleRequest[]> {
  let q = db.selectFrom('role_requests').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.unitIds) {
    const unitIds = [...f.unitIds];
    q = q.where((eb) =>
      eb.or([
        ...(unitIds.length ? [eb('unit_id', 'in', unitIds)] : []),
        ...(f.orPrincipals ? [eb('role', '=', 'principal')] : []),
        eb('id', '=', ''), // matches nothing: an empty scope lists nothing
      ]),
    );
  }
  const rows = await q.orderBy('requested_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map(toRoleRequest);
}

/** pending → confirmed | refused; false when someone decided first (a race). */
export async function decideRoleRequest(
  db: Executor,
  id: string,
  d: { status: 'confirmed' | 'refused'; by: string; at: string; reason: string | null },
): Promise<boolean> {
  const res = await db
    .updateTable('role_requests')
    .set({ status: d.status, decided_by: d.by, decided_at: d.at, reason: d.reason })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
