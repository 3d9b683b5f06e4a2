// Kysely queries for accounts: users, role assignments and login sessions. Password hashes never leave
// this file except through UserLoginRow, which only auth-service.ts reads.
import type { Selectable } from 'kysely';
import type { Executor, RoleAssignmentsTable, SessionsTable, UsersTable } from '../platform/db/types.ts';
import { DISTRICT_WIDE_ROLES, type Role, type RoleAssignment, type UserSummary } from './model.ts';
import { stampOf } from './store.ts';

export type UserLoginRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;

export const toUserSummary = (r: Pick<UserLoginRow, 'id' | 'username' | 'display_name' | 'unit_id'>): UserSummary => ({
  id: r.id,
  username: r.username,
  name: r.display_name,
  unitId: r.unit_id,
});

const toRoleAssignment = (r: Selectable<RoleAssignmentsTable>): RoleAssignment => ({
  id: r.id,
  userId: r.user_id,
  role: r.role as Role,
  unitId: r.unit_id,
  sectionId: r.section_id,
});

export async function getUserRow(db: Executor, id: string): Promise<UserLoginRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByUsername(db: Executor, username: string): Promise<UserLoginRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function getUsersByIds(db: Executor, ids: readonly string[]): Promise<UserSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'unit_id'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(toUserSummary);
}

/** unitId undefined: every account. */
export async function listUserRows(db: Executor, unitId?: string): Promise<UserLoginRow[]> {
  let q = db.selectFrom('users').selectAll();
  if (unitId) q = q.where('unit_id', '=', unitId);
  return q.orderBy('created_at').orderBy('username').execute();
}

export interface NewUser {
  id: string;
  username: string;
  name: string;
  unitId: string;
  passwordHash: string;
  email?: string | null;
  mustChangePassword?: boolean; // an administrator chose the password: one-time
}

export async function insertUsers(db: Executor, users: NewUser[], at: Date): Promise<void> {
  if (users.length === 0) return;
  await db
    .insertInto('users')
    .values(
      users.map((u, i) => ({
        id: u.id,
        username: u.username,
        display_name: u.name,
        unit_id: u.unitId,
        password_hash: u.passwordHash,
        disabled: 0,
        created_at: stampOf(at, i),
        email: u.email ?? null,
        must_change_password: u.mustChangePassword ? 1 : 0,
      })),
    )
    .execute();
}

/** E-mail addresses of enabled accounts that have one (notifications by mail). */
export async function getUserEmails(db: Executor, ids: readonly string[]): Promise<{ id: string; email: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('id', 'in', [...new Set(ids)])
    .where('disabled', '=', 0)
    .where('email', 'is not', null)
    .execute();
  return rows.filter((r) => r.email).map((r) => ({ id: r.id, email: r.email! }));
}

/**
 * A new password also lifts a lockout: the 安全管理员's reset is how a locked-out person gets back in. `oneTime`:
 * an administrator chose it, so the person must change it at the next login (never a working password it knows).
 */
export async function setPasswordHash(
  db: Executor,
  userId: string,
  passwordHash: string,
  oneTime = false,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: oneTime ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}

export async function rolesOfUsers(db: Executor, userIds: readonly string[]): Promise<RoleAssignment[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('role_assignments')
    .selectAll()
    .where('user_id', 'in', [...new Set(userIds)])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toRoleAssignment);
}

export async function getRoleAssignment(db: Executor, id: string): Promise<RoleAssignment | null> {
  const row = await db.selectFrom('role_assignments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRoleAssignment(row) : null;
}

export async function findRoleAssignment(db: Executor, r: Omit<RoleAssignment, 'id'>): Promise<RoleAssignment | null> {
  let q = db
    .selectFrom('role_assignments')
    .selectAll()
    .where('user_id', '=', r.userId)
    .where('role', '=', r.role)
    .where('unit_id', '=', r.unitId);
  q = r.sectionId ? q.where('section_id', '=', r.sectionId) : q.where('section_id', 'is', null);
  const row = await q.executeTakeFirst();
  return row ? toRoleAssignment(row) : null;
}

export async function insertRoles(db: Executor, roles: RoleAssignment[], at: Date): Promise<void> {
  if (roles.length === 0) return;
  await db
    .insertInto('role_assignments')
    .values(
      roles.map((r, i) => ({
        id: r.id,
        user_id: r.userId,
        role: r.role,
        unit_id: r.unitId,
        section_id: r.sectionId,
        created_at: stampOf(at, i),
      })),
    )
    .execute();
}

export async function deleteRoleAssignment(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('role_assignments').where('id', '=', id).execute();
}

/** Enabled accounts holding `role`; district-wide roles (DOMAIN §1) match wherever they were granted. */
export async function usersHoldingRole(
  db: Executor,
  role: Role,
  unitId: string,
  sectionId?: string,
): Promise<UserSummary[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('role_assignments as r', 'r.user_id', 'users.id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.unit_id'])
    .where('r.role', '=', role)
    .where('users.disabled', '=', 0);
  if (!DISTRICT_WIDE_ROLES.includes(role)) q = q.where('r.unit_id', '=', unitId);
  if (sectionId) q = q.where('r.section_id', '=', sectionId);
  const rows = await q.distinct().orderBy('users.username').execute();
  return rows.map(toUserSummary);
}

export async function countEnabledHolders(db: Executor, role: Role): Promise<number> {
  const row = await db
    .selectFrom('role_assignments as r')
    .innerJoin('users', 'users.id', 'r.user_id')
    .select((eb) => eb.fn.count('users.id').distinct().as('n'))
    .where('r.role', '=', role)
    .where('users.disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertSession(db: Executor, s: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(s).execute();
}

export async function getSession(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of the user except `keepId` (the one changing its own password stays signed in). */
export async function deleteSessionsOfUser(db: Executor, userId: string, keepId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) q = q.where('id', '!=', keepId);
  await q.execute();
}

/** Expired sessions are removed at each login, so the table does not grow without bound. */
export async function deleteExpiredSessions(db: Executor, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
