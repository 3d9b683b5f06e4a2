// Accounts and roles (用户与角色): creating users, setting passwords, granting and revoking roles.
// Re-exported by service.ts, the module's public API. Hashing (argon2, slow on purpose) runs before the
// transaction opens, so a write transaction never waits on it.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../app/deps.ts';
import { hashPassword, passwordProblem } from '../platform/auth/password.ts';
import type { Executor } from '../platform/db/types.ts';
import { conflict, invalid, notFound } from '../platform/errors.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import { assertMayManage, type By, ledgerActorOf, ledgerRoleOf, requireText } from './acting.ts';
import {
  DISTRICT_WIDE_ROLES, isRole, type Role, ROLE_NAME, type RoleAssignment, sectionRule, type UserAccount,
  usernameProblem,
} from './model.ts';
import * as store from './store.ts';
import * as users from './user-store.ts';

export interface RoleSpec {
  role: Role;
  unitId?: string; // default: the user's own unit
  sectionId?: string | null;
}

export interface UserInput {
  username: string;
  displayName: string;
  unitId: string;
  password: string;
  roles?: (Role | RoleSpec)[];
}

export async function createUser(deps: Deps, by: By, input: UserInput): Promise<UserAccount> {
  assertMayManage(by);
  const username = typeof input.username === 'string' ? input.username.trim() : '';
  const nameProblem = usernameProblem(username);
  if (nameProblem) throw invalid('username', nameProblem);
  const name = requireText('displayName', '姓名', input.displayName, 32);
  const pwProblem = passwordProblem(typeof input.password === 'string' ? input.password : '');
  if (pwProblem) throw invalid('password', pwProblem);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (tx) => {
    if (!(await store.getUnit(tx, input.unitId))) throw invalid('unitId', '所选单位不存在');
    if (await users.findUserByUsername(tx, username)) throw conflict('DUPLICATE_USERNAME', `用户名「${username}」已被使用`);
    const id = randomUUID();
    const roles: RoleAssignment[] = [];
    for (const spec of input.roles ?? []) {
      const s = typeof spec === 'string' ? { role: spec } : spec;
      const next = await checkedAssignment(tx, { userId: id, role: s.role, unitId: s.unitId ?? input.unitId, sectionId: s.sectionId ?? null });
      if (roles.some((r) => r.role === next.role && r.unitId === next.unitId && r.sectionId === next.sectionId)) {
        throw invalid('roles', `角色「${ROLE_NAME[next.role]}」重复`);
      }
      roles.push(next);
    }
    const now = deps.clock.now();
    await users.insertUsers(tx, [{ id, username, name, unitId: input.unitId, passwordHash }], now);
    await users.insertRoles(tx, roles, now);
    await appendLedger(tx, { actor: ledgerActorOf(by), role: ledgerRoleOf(by), unitId: input.unitId, action: 'org.user_create',
      subject: `user:${id}`, payload: { username, name, roles: roles.map(rolePayload) } }, now);
    return { id, username, name, unitId: input.unitId, disabled: false, lockedUntil: null, roles };
  });
}

/** An admin (or `gongkai user passwd`) sets a new password: the lockout is lifted and every session ends. */
export async function setPassword(deps: Deps, by: By, username: string, newPassword: string): Promise<void> {
  assertMayManage(by);
  const problem = passwordProblem(typeof newPassword === 'string' ? newPassword : '');
  if (problem) throw invalid('password', problem);
  const passwordHash = await hashPassword(newPassword);
  await deps.db.transaction().execute(async (tx) => {
    const user = await users.findUserByUsername(tx, username);
    if (!user) throw notFound(`用户「${username}」`);
    await users.setPasswordHash(tx, user.id, passwordHash);
    await users.deleteSessionsOfUser(tx, user.id);
    await appendLedger(tx, { actor: ledgerActorOf(by), role: ledgerRoleOf(by), unitId: user.unit_id, action: 'org.password_set',
      subject: `user:${user.id}`, payload: { username } }, deps.clock.now());
  });
}

export async function grantRole(deps: Deps, by: By, input: { userId: string; role: Role; unitId: string; sectionId?: string | null }): Promise<RoleAssignment> {
  assertMayManage(by);
  return deps.db.transaction().execute(async (tx) => {
    const user = await users.getUserRow(tx, input.userId);
    if (!user) throw notFound('用户');
    const assignment = await checkedAssignment(tx, { userId: user.id, role: input.role, unitId: input.unitId, sectionId: input.sectionId ?? null });
    const now = deps.clock.now();
    await users.insertRoles(tx, [assignment], now);
    await appendLedger(tx, { actor: ledgerActorOf(by), role: ledgerRoleOf(by), unitId: assignment.unitId, action: 'org.role_grant',
      subject: `user:${user.id}`, payload: { username: user.username, ...rolePayload(assignment) } }, now);
    return assignment;
  });
}

export async function revokeRole(deps: Deps, by: By, input: { userId: string; roleId: string }): Promise<void> {
  assertMayManage(by);
  await deps.db.transaction().execute(async (tx) => {
    const assignment = await users.getRoleAssignment(tx, input.roleId);
    const user = await users.getUserRow(tx, input.userId);
    if (!assignment || !user || assignment.userId !== user.id) throw notFound('角色授权');
    if (assignment.role === 'admin' && Number(user.disabled) === 0 && (await users.countEnabledHolders(tx, 'admin')) <= 1) {
      // Without an admin nobody could manage the platform from the UI again.
      const others = (await users.rolesOfUsers(tx, [user.id])).filter((r) => r.role === 'admin' && r.id !== assignment.id);
      if (others.length === 0) throw conflict('LAST_ADMIN', '不能撤销最后一名管理员的管理员角色');
    }
    await users.deleteRoleAssignment(tx, assignment.id);
    await appendLedger(tx, { actor: ledgerActorOf(by), role: ledgerRoleOf(by), unitId: assignment.unitId, action: 'org.role_revoke',
      subject: `user:${input.userId}`, payload: { username: user.username, ...rolePayload(assignment) } }, deps.clock.now());
  });
}

/** Every account with its roles; the admin's list. */
export async function listUsers(db: Executor, unitId?: string): Promise<UserAccount[]> {
  const rows = await users.listUserRows(db, unitId);
  const roles = await users.rolesOfUsers(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    ...users.toUserSummary(r),
    disabled: Number(r.disabled) === 1,
    lockedUntil: r.locked_until,
    roles: roles.filter((x) => x.userId === r.id),
  }));
}

const rolePayload = (r: RoleAssignment) => ({ roleId: r.id, role: r.role, unitId: r.unitId, sectionId: r.sectionId });

/** Checks one role assignment against the org rules (DOMAIN §1) and returns it with a fresh id. */
async function checkedAssignment(tx: Executor, r: Omit<RoleAssignment, 'id'>): Promise<RoleAssignment> {
  if (typeof r.role !== 'string' || !isRole(r.role)) throw invalid('role', '角色不正确');
  const unit = await store.getUnit(tx, r.unitId);
  if (!unit) throw invalid('unitId', '所选单位不存在');
  if (DISTRICT_WIDE_ROLES.includes(r.role) && !unit.districtWide) {
    throw invalid('unitId', `${ROLE_NAME[r.role]}是全区性角色，只能在区政府办公室等全区性单位授予`);
  }
  const sectionProblem = sectionRule(r.role, r.sectionId);
  if (sectionProblem) throw invalid('sectionId', sectionProblem);
  if (r.sectionId) {
    const section = await store.getSection(tx, r.sectionId);
    if (!section || section.unitId !== unit.id) throw invalid('sectionId', `所选科室不属于${unit.name}`);
  }
  if (await users.findRoleAssignment(tx, r)) throw conflict('DUPLICATE_ROLE', `该用户已在${unit.name}担任${ROLE_NAME[r.role]}`);
  return { id: randomUUID(), ...r };
}
