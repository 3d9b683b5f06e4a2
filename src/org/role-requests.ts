// 待确认的角色 (role requests): the four-eyes rule on roles (issue 11; DOMAIN §1). A review or secrecy role asked for
// by the 安全管理员 is stored in role_requests and grants nothing; the unit's 主要领导 (for a unit's 主要领导: the
// 区政府办公室's) confirms it — then, and only then, it is copied into role_assignments — or refuses it with a reason.
// Requests, confirmations and refusals are ledgered (org.role_request / org.role_confirm / org.role_refuse).
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Executor } from '../platform/db/types.ts';
import { conflict, notFound, unprocessable } from '../platform/errors.ts';
import { appendLedger } from '../platform/ledger/service.ts';
import { notifyUsers } from '../platform/notify/service.ts';
import { requireText } from './acting.ts';
import {
  type Actor,
  type Role,
  ROLE_NAME,
  type RoleRequest,
  type RoleRequestStatus,
  separationProblem,
  type UserSummary,
} from './model.ts';
import { canDecideRoleRequest, roleRequestScope } from './policy/org.ts';
import { assertAllowed, isAllowed } from './policy/verdict.ts';
import * as requests from './role-request-store.ts';
import * as store from './store.ts';
import * as users from './user-store.ts';

/** A request as the screens show it: who it is for, who asked, and whether this viewer may decide it. */
export interface RoleRequestView extends RoleRequest {
  user: UserSummary;
  requestedByName: string;
  decidedByName: string | null;
  canDecide: boolean;
}

const districtUnitIds = async (db: Executor) =>
  (await store.listUnits(db)).filter((u) => u.districtWide).map((u) => u.id);

/** 三员分立 against every role the person holds or has been requested for (422 with the reason). */
export async function assertSeparated(tx: Executor, userId: string, role: Role): Promise<void> {
  const [held, pending] = await Promise.all([users.rolesOfUsers(tx, [userId]), requests.pendingOfUsers(tx, [userId])]);
  const problem = separationProblem([...held, ...pending].map((x) => x.role).concat(role));
  if (problem) throw unprocessable('ADMIN_SEPARATION', problem);
}

/** An in-app notice to everyone who may confirm the request (the unit's or the 区政府办公室's 主要领导). */
export async function notifyDeciders(tx: Executor, r: RoleRequest, username: string, now: Date): Promise<void> {
  const unitIds = r.role === 'principal' ? await districtUnitIds(tx) : [r.unitId];
  const deciders = (await Promise.all(unitIds.map((u) => users.usersHoldingRole(tx, 'principal', u)))).flat();
  const unit = await store.getUnit(tx, r.unitId);
  await notifyUsers(
    tx,
    deciders.filter((d) => d.id !== r.userId).map((d) => d.id),
    {
      kind: 'org.roleRequest',
      title: '有待确认的角色申请',
      body: `安全管理员申请授予 ${username} ${unit?.name ?? ''}${ROLE_NAME[r.role]}角色，须经您确认后生效`,
      subject: `roleRequest:${r.id}`,
    },
    now,
  );
}

/** The requests the actor may see (policy/org.ts roleRequestScope), pending first by default. */
export async function listRoleRequests(
  db: Executor,
  actor: Actor,
  status?: RoleRequestStatus,
): Promise<RoleRequestView[]> {
  const district = await districtUnitIds(db);
  const scope = roleRequestScope(actor, district);
  const filter = 'all' in scope ? { status } : { status, unitIds: scope.units, orPrincipals: scope.principals };
  const found = await requests.listRoleRequests(db, filter);
  const people = new Map(
    (
      await users.getUsersByIds(
        db,
        found.flatMap((r) => [r.userId, r.requestedBy, ...(r.decidedBy ? [r.decidedBy] : [])]),
      )
    ).map((u) => [u.id, u]),
  );
  return found
    .filter((r) => people.has(r.userId))
    .map((r) => ({
      ...r,
      user: people.get(r.userId)!,
      requestedByName: people.get(r.requestedBy)?.name ?? '系统',
      decidedByName: r.decidedBy ? (people.get(r.decidedBy)?.name ?? null) : null,
      canDecide: r.status === 'pending' && isAllowed(canDecideRoleRequest(actor, r, district)),
    }));
}

export interface RoleDecision {
  requestId: string;
  confirm: boolean;
  reason?: string | null; // required when refusing
}

/** The 主要领导 confirms (the role is in force from now) or refuses (with a reason) one pending request. */
export async function decideRoleRequest(deps: Deps, actor: Actor, d: RoleDecision): Promise<RoleRequest> {
  const reason = d.confirm ? d.reason?.trim() || null : requireText('reason', '不同意的理由', d.reason, 500);
  return deps.db.transaction().execute(async (tx) => {
    const request = await requests.getRoleRequest(tx, d.requestId);
    if (!request) throw notFound('角色申请');
    assertAllowed(canDecideRoleRequest(actor, request, await districtUnitIds(tx)));
    if (request.status !== 'pending') throw conflict('ALREADY_DECIDED', '该角色申请已处理');
    const user = await users.getUserRow(tx, request.userId);
    if (!user) throw notFound('用户');
    const now = deps.clock.now();
    const status = d.confirm ? ('confirmed' as const) : ('refused' as const);
    if (!(await requests.decideRoleRequest(tx, request.id, { status, by: actor.id, at: now.toISOString(), reason }))) {
      throw conflict('RACE', '该角色申请已被他人处理');
    }
    if (d.confirm) {
      // Re-checked at confirmation: the person may have been given an administrator role meanwhile.
      const held = await users.rolesOfUsers(tx, [user.id]);
      const problem = separationProblem([...held.map((r) => r.role), request.role]);
      if (problem) throw unprocessable('ADMIN_SEPARATION', problem);
      if (await users.findRoleAssignment(tx, request)) throw conflict('DUPLICATE_ROLE', '该用户已担任此角色');
      await users.insertRoles(
        tx,
        [
          {
            id: randomUUID(),
            userId: user.id,
            role: request.role,
            unitId: request.unitId,
            sectionId: request.sectionId,
          },
        ],
        now,
      );
    }
    await appendLedger(
      tx,
      {
        actor: { id: actor.id, name: actor.name },
        role: 'principal',
        unitId: request.unitId,
        action: d.confirm ? 'org.role_confirm' : 'org.role_refuse',
        subject: `user:${user.id}`,
        payload: {
          username: user.username,
          requestId: request.id,
          role: request.role,
          unitId: request.unitId,
          sectionId: request.sectionId,
          reason,
        },
      },
      now,
    );
    return { ...request, status, decidedBy: actor.id, decidedAt: now.toISOString(), reason };
  });
}
