// Accounts and roles (用户与角色): creating users, setting passwords, granting and revoking roles.
// Re-exported by service.ts, the module's public API. Hashing (argon2, slow on purpose) runs before the
// transaction opens, so a write transaction never waits on it.
//
// 三员分立 (DOMAIN §1): these are the 安全管理员's use cases. It never chooses a password: the server makes a one-time
// one and mails it to the person (one-time-password.ts), who changes it at the next login; a review or secrecy role
// it grants is a request the unit's 主要领导 confirms (role-requests.ts).
// The operator's CLI and the demo loader act as 'system': their passwords are normal and their roles in force.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import { hashPassword, passwordProblem } from '../platform/auth/password.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, invalid, notFound, unprocessable } from '../platform/errors.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import { enqueueMail } from '../platform/notify/service.ts';
import { assertMayManageAccounts, type By, ledgerActorOf, ledgerRoleOf, requireText } from './acting.ts';
import {
  CONFIRMED_ROLES,
  DISTRICT_WIDE_ROLES,
  isRole,
  type Role,
  ROLE_NAME,
  type RoleAssignment,
  type RoleRequest,
  sectionRule,
  separationProblem,
  type UserAccount,
  usernameProblem,
} from './model.ts';
import {
  cleanEmail,
  generateOneTimePassword,
  maskEmail,
  oneTimePasswordMail,
  passwordNotAccepted,
} from './one-time-password.ts';
import { canGrantRole } from './policy/org.ts';
import { assertAllowed } from './policy/verdict.ts';
import { assertSeparated, notifyDeciders } from './role-requests.ts';
import * as requests from './role-request-store.ts';
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
  /** Only the operator ('system') gives one; for an administrator the server makes it (PASSWORD_NOT_ACCEPTED). */
  password?: unknown;
  /** Required from an administrator: the one-time password goes there. */
  email?: unknown;
  roles?: (Role | RoleSpec)[];
}

/** A new account, and the masked address its one-time password was mailed to (null: the operator set it). */
export type CreatedUser = UserAccount & { oneTimePasswordSentTo: string | null };

const SIGNED_AS: Role = 'securityAdmin';

/** A role given by the 安全管理员 that needs the 主要领导's confirmation; the operator's grants are in force at once. */
const needsConfirmation = (by: By, role: Role) => by !== 'system' && CONFIRMED_ROLES.includes(role);

export async function createUser(deps: Deps, by: By, input: UserInput): Promise<CreatedUser> {
  assertMayManageAccounts(by);
  const username = typeof input.username === 'string' ? input.username.trim() : '';
  const nameProblem = usernameProblem(username);
  if (nameProblem) throw invalid('username', nameProblem);
  const name = requireText('displayName', '姓名', input.displayName, 32);
  const email = cleanEmail(input.email);
  if (input.email != null && !email) throw invalid('email', '电子邮箱格式不正确');
  if (by !== 'system' && !email) throw invalid('email', '请填写本人的电子邮箱：一次性密码将发送至该邮箱');
  const password = chosenPassword(by, input.password);
  const passwordHash = await hashPassword(password);
  return deps.db.transaction().execute(async (tx) => {
    if (!(await store.getUnit(tx, input.unitId))) throw invalid('unitId', '所选单位不存在');
    if (await users.findUserByUsername(tx, username))
      throw conflict('DUPLICATE_USERNAME', `用户名「${username}」已被使用`);
    const id = randomUUID();
    const all: RoleAssignment[] = [];
    for (const spec of input.roles ?? []) {
      const s = typeof spec === 'string' ? { role: spec } : spec;
      const next = await checkedAssignment(tx, {
        userId: id,
        role: s.role,
        unitId: s.unitId ?? input.unitId,
        sectionId: s.sectionId ?? null,
      });
      if (all.some((r) => r.role === next.role && r.unitId === next.unitId && r.sectionId === next.sectionId)) {
        throw invalid('roles', `角色「${ROLE_NAME[next.role]}」重复`);
      }
      all.push(next);
    }
    const separation = separationProblem(all.map((r) => r.role));
    if (separation) throw unprocessable('ADMIN_SEPARATION', separation);
    const now = deps.clock.now();
    const roles = all.filter((r) => !needsConfirmation(by, r.role));
    const asked = all.filter((r) => needsConfirmation(by, r.role)).map((r) => requestOf(r, by, now));
    const mustChangePassword = by !== 'system';
    const row = { id, username, name, unitId: input.unitId, passwordHash, mustChangePassword, email };
    await users.insertUsers(tx, [row], now);
    await users.insertRoles(tx, roles, now);
    await requests.insertRoleRequests(tx, asked);
    const sentTo = mustChangePassword ? await mailPassword(tx, email!, username, name, password, now) : null;
    await appendLedger(
      tx,
      {
        actor: ledgerActorOf(by),
        role: ledgerRoleOf(by, SIGNED_AS),
        unitId: input.unitId,
        action: 'org.user_create',
        subject: `user:${id}`,
        payload: {
          username,
          name,
          roles: roles.map(rolePayload),
          oneTimePassword: mustChangePassword,
          ...(sentTo ? { oneTimePasswordSentTo: sentTo } : {}),
        },
      },
      now,
    );
    for (const r of asked) await ledgerRequest(deps, tx, by, username, r, now);
    return {
      id,
      username,
      name,
      unitId: input.unitId,
      disabled: false,
      mustChangePassword,
      roles,
      pendingRoles: asked,
      oneTimePasswordSentTo: sentTo,
    };
  });
}

/**
 * `gongkai user passwd` (the operator, 'system') sets the password it is given; the 安全管理员 gives none: the server
 * makes a one-time one and mails it to the account's address (422 NO_EMAIL without one). Either way the lockout is
 * lifted and every session ends. Returns the masked address the one-time password went to (null: the operator's).
 */
export async function setPassword(deps: Deps, by: By, username: string, newPassword?: unknown): Promise<string | null> {
  assertMayManageAccounts(by);
  const password = chosenPassword(by, newPassword);
  const passwordHash = await hashPassword(password);
  const oneTime = by !== 'system';
  return deps.db.transaction().execute(async (tx) => {
    const user = await users.findUserByUsername(tx, username);
    if (!user) throw notFound(`用户「${username}」`);
    const now = deps.clock.now();
    let sentTo: string | null = null;
    if (oneTime) {
      const email = cleanEmail(user.email);
      if (!email)
        throw unprocessable(
          'NO_EMAIL',
          `用户「${username}」未登记电子邮箱，无法发送一次性密码；请由运维人员用命令行重置`,
        );
      sentTo = await mailPassword(tx, email, username, user.display_name, password, now);
    }
    await users.setPasswordHash(tx, user.id, passwordHash, oneTime);
    await users.deleteSessionsOfUser(tx, user.id);
    await appendLedger(
      tx,
      {
        actor: ledgerActorOf(by),
        role: ledgerRoleOf(by, SIGNED_AS),
        unitId: user.unit_id,
        action: 'org.password_set',
        subject: `user:${user.id}`,
        payload: { username, oneTime, ...(sentTo ? { oneTimePasswordSentTo: sentTo } : {}) },
      },
      now,
    );
    return sentTo;
  });
}

/** The 安全管理员's 重置密码 by account id (the screens name accounts by id): a one-time password, mailed. */
export async function resetPassword(deps: Deps, by: By, userId: string, password?: unknown): Promise<string | null> {
  assertMayManageAccounts(by);
  const user = await users.getUserRow(deps.db, userId);
  if (!user) throw notFound('用户');
  return setPassword(deps, by, user.username, password);
}

/** The operator's own password (checked), or for an administrator a fresh one-time password — never its own. */
function chosenPassword(by: By, given: unknown): string {
  if (by !== 'system') {
    if (given !== undefined) throw passwordNotAccepted();
    return generateOneTimePassword();
  }
  const problem = passwordProblem(typeof given === 'string' ? given : '');
  if (problem) throw invalid('password', problem);
  return given as string;
}

/** Queues the mail that carries the password (sent after commit); returns the masked address for people to see. */
async function mailPassword(tx: Executor, email: string, username: string, name: string, password: string, now: Date) {
  if (!(await enqueueMail(tx, oneTimePasswordMail(email, username, name, password), now))) {
    throw unprocessable('NO_EMAIL', `用户「${username}」登记的电子邮箱不可用，无法发送一次性密码`);
  }
  return maskEmail(email);
}

export type RoleGrant = { status: 'active'; assignment: RoleAssignment } | { status: 'pending'; request: RoleRequest };

type GrantInput = { userId: string; role: Role; unitId: string; sectionId?: string | null };

/**
 * A role in force at once (administrators, duty, district roles), or a request awaiting the 主要领导. A refused
 * attempt by a person (not allowed, or against 三员分立) is itself a security event: org.role_grant_denied.
 */
export async function grantRole(deps: Deps, by: By, input: GrantInput): Promise<RoleGrant> {
  try {
    return await grantRoleNow(deps, by, input);
  } catch (err) {
    if (by !== 'system' && err instanceof AppError && (err.status === 403 || err.status === 422)) {
      await deps.db.transaction().execute((tx) =>
        appendLedger(
          tx,
          {
            actor: ledgerActorOf(by),
            role: '',
            unitId: '',
            action: 'org.role_grant_denied',
            subject: `user:${input.userId}`,
            payload: { role: String(input.role), unitId: String(input.unitId), code: err.code, reason: err.message },
          },
          deps.clock.now(),
        ),
      );
    }
    throw err;
  }
}

async function grantRoleNow(deps: Deps, by: By, input: GrantInput): Promise<RoleGrant> {
  if (by !== 'system') assertAllowed(canGrantRole(by, input.userId));
  return deps.db.transaction().execute(async (tx) => {
    const user = await users.getUserRow(tx, input.userId);
    if (!user) throw notFound('用户');
    const assignment = await checkedAssignment(tx, {
      userId: user.id,
      role: input.role,
      unitId: input.unitId,
      sectionId: input.sectionId ?? null,
    });
    const now = deps.clock.now();
    if (needsConfirmation(by, assignment.role)) {
      const request = requestOf(assignment, by, now);
      await requests.insertRoleRequests(tx, [request]);
      await ledgerRequest(deps, tx, by, user.username, request, now);
      return { status: 'pending' as const, request };
    }
    await users.insertRoles(tx, [assignment], now);
    await appendLedger(
      tx,
      {
        actor: ledgerActorOf(by),
        role: ledgerRoleOf(by, SIGNED_AS),
        unitId: assignment.unitId,
        action: 'org.role_grant',
        subject: `user:${user.id}`,
        payload: { username: user.username, ...rolePayload(assignment) },
      },
      now,
    );
    return { status: 'active' as const, assignment };
  });
}

export async function revokeRole(deps: Deps, by: By, input: { userId: string; roleId: string }): Promise<void> {
  assertMayManageAccounts(by);
  await deps.db.transaction().execute(async (tx) => {
    const assignment = await users.getRoleAssignment(tx, input.roleId);
    const user = await users.getUserRow(tx, input.userId);
    if (!assignment || !user || assignment.userId !== user.id) throw notFound('角色授权');
    if (
      assignment.role === SIGNED_AS
      && Number(user.disabled) === 0
      && (await users.countEnabledHolders(tx, SIGNED_AS)) <= 1
    ) {
      // Without a 安全管理员 nobody could manage accounts from the UI again.
      throw conflict('LAST_SECURITY_ADMIN', '不能撤销最后一名安全管理员的角色');
    }
    await users.deleteRoleAssignment(tx, assignment.id);
    await appendLedger(
      tx,
      {
        actor: ledgerActorOf(by),
        role: ledgerRoleOf(by, SIGNED_AS),
        unitId: assignment.unitId,
        action: 'org.role_revoke',
        subject: `user:${input.userId}`,
        payload: { username: user.username, ...rolePayload(assignment) },
      },
      deps.clock.now(),
    );
  });
}

/** Every account with its roles in force and its pending requests; the 安全管理员's list. */
export async function listUsers(db: Executor, unitId?: string): Promise<UserAccount[]> {
  const rows = await users.listUserRows(db, unitId);
  const ids = rows.map((r) => r.id);
  const [roles, pending] = await Promise.all([users.rolesOfUsers(db, ids), requests.pendingOfUsers(db, ids)]);
  return rows.map((r) => ({
    ...users.toUserSummary(r),
    disabled: Number(r.disabled) === 1,
    mustChangePassword: Number(r.must_change_password) === 1,
    roles: roles.filter((x) => x.userId === r.id),
    pendingRoles: pending.filter((x) => x.userId === r.id),
  }));
}

const rolePayload = (r: RoleAssignment) => ({ roleId: r.id, role: r.role, unitId: r.unitId, sectionId: r.sectionId });

const requestOf = (r: RoleAssignment, by: By, now: Date): RoleRequest => ({
  ...r,
  status: 'pending',
  requestedBy: by === 'system' ? 'system' : by.id,
  requestedAt: now.toISOString(),
  decidedBy: null,
  decidedAt: null,
  reason: null,
});

/** org.role_request in the ledger, and a notice to whoever may confirm it. */
async function ledgerRequest(
  _deps: Deps,
  tx: Executor,
  by: By,
  username: string,
  r: RoleRequest,
  now: Date,
): Promise<void> {
  await appendLedger(
    tx,
    {
      actor: ledgerActorOf(by),
      role: ledgerRoleOf(by, SIGNED_AS),
      unitId: r.unitId,
      action: 'org.role_request',
      subject: `user:${r.userId}`,
      payload: { username, requestId: r.id, role: r.role, unitId: r.unitId, sectionId: r.sectionId },
    },
    now,
  );
  await notifyDeciders(tx, r, username, now);
}

/** Checks one role against the org rules (DOMAIN §1), 三员分立 included, and returns it with a fresh id. */
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
  if (await users.findRoleAssignment(tx, r))
    throw conflict('DUPLICATE_ROLE', `该用户已在${unit.name}担任${ROLE_NAME[r.role]}`);
  if (await requests.findPending(tx, r))
    throw conflict('DUPLICATE_REQUEST', `该用户在${unit.name}的${ROLE_NAME[r.role]}角色已在等待确认`);
  await assertSeparated(tx, r.userId, r.role);
  return { id: randomUUID(), ...r };
}
