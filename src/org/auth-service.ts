// Login, sessions, logout and password change. Passwords are argon2id hashes; session cookies are random tokens
// stored only as their SHA-256 (src/platform/auth). Neither a password nor a token is ever logged or ledgered.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../app/deps.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../platform/auth/password.ts';
import { newToken, tokenId } from '../platform/auth/token.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, forbidden, invalid, unauthenticated } from '../platform/errors.ts';
import { appendLedger, type LedgerActor } from '../platform/ledger/service.ts';
import type { Actor } from './model.ts';
import { loadActor } from './service.ts';
import * as users from './user-store.ts';

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
  sessionId: string;
  mustChangePassword: boolean; // one-time password: only 修改密码, 退出 and the session routes answer
}

export interface LoginResult {
  token: string; // goes into the cookie, never stored
  csrfToken: string;
  actor: Actor;
  expiresAt: string;
  mustChangePassword: boolean;
}

// One message for an unknown user, a wrong password and a disabled account, so the answer does not tell
// which usernames exist.
const badCredentials = () => new AppError(401, 'BAD_CREDENTIALS', '用户名或密码错误');
const locked = (minutes: number) => forbidden('LOCKED', `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`);

// An unknown username is checked against this hash so that it costs the same argon2 time as a real one.
let dummyHash: Promise<string> | null = null;
const timingDummy = () => (dummyHash ??= hashPassword(randomBytes(18).toString('base64')));

const minutesLeft = (until: string, now: Date) => Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
const isLocked = (row: users.UserLoginRow, now: Date) => row.locked_until !== null && row.locked_until > now.toISOString();

export async function login(deps: Deps, input: { username: string; password: string }): Promise<LoginResult> {
  const username = String(input.username ?? '').trim().slice(0, 64);
  const password = String(input.password ?? '');
  const user = username ? await users.findUserByUsername(deps.db, username) : undefined;
  if (user && isLocked(user, deps.clock.now())) {
    await recordFailure(deps, username, user, 'locked');
    throw locked(minutesLeft(user.locked_until!, deps.clock.now()));
  }
  const passwordOk = await verifyPassword(user?.password_hash ?? (await timingDummy()), password);
  if (!user || !passwordOk || Number(user.disabled) === 1) {
    const reason = !user ? 'unknown_user' : !passwordOk ? 'bad_password' : 'disabled';
    // The failure and the counter are committed before the request is answered with an error.
    const lockedFor = await recordFailure(deps, username, user, reason);
    throw lockedFor ? locked(lockedFor) : badCredentials();
  }
  const result = await deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    // A lock set by a concurrent failing attempt since the check above still wins.
    if (!(await users.clearLoginFailures(tx, user.id, now.toISOString()))) return null;
    const actor = await loadActor(tx, user.id);
    if (!actor) return null;
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(now.getTime() + deps.config.sessionHours * 3600_000).toISOString();
    await users.deleteExpiredSessions(tx, now.toISOString());
    await users.insertSession(tx, { id: tokenId(token), user_id: user.id, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt });
    await appendLedger(tx, { actor: { id: user.id, name: user.display_name }, role: '', unitId: user.unit_id, action: 'auth.login',
      subject: `user:${user.id}`, payload: { username, expiresAt } }, now);
    return { token, csrfToken, actor, expiresAt, mustChangePassword: Number(user.must_change_password) === 1 };
  });
  if (!result) {
    await recordFailure(deps, username, user, 'locked');
    throw locked(deps.config.lockoutMinutes);
  }
  return result;
}

/**
 * Writes auth.login_failed (and, when this failure reaches the limit, the lock and auth.locked) in its own
 * committed transaction. Returns the lockout minutes when this attempt locked the account.
 */
async function recordFailure(deps: Deps, username: string, user: users.UserLoginRow | undefined, reason: string): Promise<number | null> {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const actor: LedgerActor = user ? { id: user.id, name: user.display_name } : { id: 'anonymous', name: username };
    const base = { actor, role: '', unitId: user?.unit_id ?? '', subject: user ? `user:${user.id}` : `login:${username}` };
    await appendLedger(tx, { ...base, action: 'auth.login_failed', payload: { username, reason } }, now);
    if (!user || reason !== 'bad_password') return null;
    const failures = await users.addLoginFailure(tx, user.id);
    if (failures < deps.config.maxLoginFailures) return null;
    const until = new Date(now.getTime() + deps.config.lockoutMinutes * 60_000).toISOString();
    await users.lockUser(tx, user.id, until);
    await appendLedger(tx, { ...base, action: 'auth.locked', payload: { username, failures, until } }, now);
    return deps.config.lockoutMinutes;
  });
}

/** The session behind a cookie; null when unknown, expired, or its account is disabled. */
export async function loadSessionActor(deps: Deps, sessionId: string): Promise<SessionActor | null> {
  const session = await users.getSession(deps.db, sessionId);
  if (!session || session.expires_at <= deps.clock.now().toISOString()) return null;
  const [actor, row] = await Promise.all([loadActor(deps.db, session.user_id), users.getUserRow(deps.db, session.user_id)]);
  if (!actor || !row) return null;
  return { actor, csrfToken: session.csrf_token, sessionId: session.id, mustChangePassword: Number(row.must_change_password) === 1 };
}

export async function logout(deps: Deps, sessionId: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const session = await users.getSession(tx, sessionId);
    if (!session) return;
    await users.deleteSession(tx, session.id);
    await ledgerForUser(tx, session.user_id, 'auth.logout', {}, deps.clock.now());
  });
}

export interface PasswordChange {
  oldPassword: string;
  newPassword: string;
  keepSessionId?: string | null; // the session making the change stays signed in; all others end
}

export async function changePassword(deps: Deps, actor: Actor, input: PasswordChange): Promise<void> {
  const user = await users.getUserRow(deps.db, actor.id);
  if (!user) throw unauthenticated();
  if (!(await verifyPassword(user.password_hash, String(input.oldPassword ?? '')))) throw invalid('oldPassword', '原密码不正确');
  const problem = passwordProblem(String(input.newPassword ?? ''));
  if (problem) throw invalid('newPassword', problem);
  if (input.newPassword === input.oldPassword) throw invalid('newPassword', '新密码不能与原密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (tx) => {
    await users.setPasswordHash(tx, user.id, passwordHash);
    await users.deleteSessionsOfUser(tx, user.id, input.keepSessionId ?? undefined);
    // oneTimeReplaced: the password an administrator set is gone; from now only this person knows theirs.
    await ledgerForUser(tx, user.id, 'auth.password_change',
      { otherSessionsEnded: true, oneTimeReplaced: Number(user.must_change_password) === 1 }, deps.clock.now());
  });
}

async function ledgerForUser(tx: Executor, userId: string, action: string, payload: Record<string, unknown>, at: Date): Promise<void> {
  const row = await users.getUserRow(tx, userId);
  if (!row) return;
  await appendLedger(tx, { actor: { id: row.id, name: row.display_name }, role: '', unitId: row.unit_id, action,
    subject: `user:${row.id}`, payload: { username: row.username, ...payload } }, at);
}
