// Login, sessions, logout and password change. Passwords are argon2id hashes; session cookies are random tokens
// stored only as their SHA-256 (src/platform/auth). Neither a password nor a token is ever logged or ledgered.
// Failed logins slow down only the (account, address) pair that fails, never lock the account (login-throttle.ts).
import { randomBytes } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../platform/auth/password.ts';
import { newToken, tokenId } from '../platform/auth/token.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, invalid, unauthenticated } from '../platform/errors.ts';
import { appendLedger, type LedgerActor } from '../platform/ledger/service.ts';
import { enqueueMail, notifyUsers } from '../platform/notify/service.ts';
import {
  type Burst,
  burstNotice,
  burstsOf,
  retryAt,
  secondsUntil,
  throttlePolicy,
  type ThrottlePolicy,
  waitText,
  windowStart,
} from './login-throttle.ts';
import * as throttle from './login-throttle-store.ts';
import type { Actor } from './model.ts';
import { securityAdminIds } from './security-admins.ts';
import { getUserEmails, loadActor } from './service.ts';
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
const throttled = (seconds: number) =>
  new AppError(
    429,
    'LOGIN_THROTTLED',
    `从本机登录该账号失败次数过多，请 ${waitText(seconds)}后再试；如忘记密码，请联系安全管理员重置`,
  );

// An unknown username is checked against this hash so that it costs the same argon2 time as a real one.
let dummyHash: Promise<string> | null = null;
const timingDummy = () => (dummyHash ??= hashPassword(randomBytes(18).toString('base64')));

export interface LoginInput {
  username: string;
  password: string;
  /** The client address (req.ip): failures are throttled per account and address (login-throttle.ts). */
  source?: string;
}

export async function login(deps: Deps, input: LoginInput): Promise<LoginResult> {
  const username = String(input.username ?? '')
    .trim()
    .slice(0, 64);
  const password = String(input.password ?? '');
  const source = String(input.source || 'unknown').slice(0, 64);
  const policy = throttlePolicy(deps.config);
  const asked = deps.clock.now();
  // The attempt is written down before the check, so parallel attempts from one address see one another and cannot
  // all slip through the same gap; it stays as the failure, or goes on success or when refused here.
  const attemptId = await throttle.claimAttempt(deps.db, username, source, asked);
  const wait = retryAt(await throttle.pairStateExcept(deps.db, username, source, attemptId), asked, policy);
  if (wait) {
    // Refused before the password is even looked at; recorded, but not counted as another failure.
    await recordFailure(deps, { username, source, user: undefined, reason: 'throttled', attemptId });
    throw throttled(secondsUntil(wait, asked));
  }
  const user = username ? await users.findUserByUsername(deps.db, username) : undefined;
  const passwordOk = await verifyPassword(user?.password_hash ?? (await timingDummy()), password);
  if (!user || !passwordOk || Number(user.disabled) === 1) {
    const reason = !user ? 'unknown_user' : !passwordOk ? 'bad_password' : 'disabled';
    // The failure and the counters are committed before the request is answered with an error.
    await recordFailure(deps, { username, source, user, reason, attemptId });
    throw badCredentials();
  }
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const actor = await loadActor(tx, user.id);
    if (!actor) throw badCredentials(); // disabled meanwhile
    await throttle.clearPair(tx, username, source);
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(now.getTime() + deps.config.sessionHours * 3600_000).toISOString();
    await users.deleteExpiredSessions(tx, now.toISOString());
    await users.insertSession(tx, {
      id: tokenId(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    });
    await appendLedger(
      tx,
      {
        actor: { id: user.id, name: user.display_name },
        role: '',
        unitId: user.unit_id,
        action: 'auth.login',
        subject: `user:${user.id}`,
        payload: { username, source, expiresAt },
      },
      now,
    );
    return { token, csrfToken, actor, expiresAt, mustChangePassword: Number(user.must_change_password) === 1 };
  });
}

interface Failure {
  username: string;
  source: string;
  user: users.UserLoginRow | undefined;
  reason: 'unknown_user' | 'bad_password' | 'disabled' | 'throttled';
  attemptId: string; // the row claimAttempt wrote
}

/**
 * Writes auth.login_failed in its own committed transaction; a counted failure (not a throttled attempt) also adds to
 * the pair's delays, and when it makes a burst, the 安全管理员 are told once per window (auth.login_burst).
 */
async function recordFailure(deps: Deps, f: Failure): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const actor: LedgerActor = f.user
      ? { id: f.user.id, name: f.user.display_name }
      : { id: 'anonymous', name: f.username };
    const subject = f.user ? `user:${f.user.id}` : `login:${f.username}`;
    const base = { actor, role: '', unitId: f.user?.unit_id ?? '', subject };
    const payload = { username: f.username, source: f.source, reason: f.reason };
    await appendLedger(tx, { ...base, action: 'auth.login_failed', payload }, now);
    if (f.reason === 'throttled') return throttle.dropAttempt(tx, f.attemptId);
    const policy = throttlePolicy(deps.config);
    const counts = await throttle.recentCounts(tx, f.username, f.source, windowStart(now, policy).toISOString());
    for (const burst of burstsOf({ username: f.username, source: f.source, ...counts }, now, policy)) {
      if (!(await throttle.claimAlert(tx, burst, now))) continue;
      await alertSecurityAdmins(tx, burst, policy, now);
      await appendLedger(
        tx,
        {
          ...base,
          action: 'auth.login_burst',
          subject: `login-${burst.kind}:${burst.target}`,
          payload: { kind: burst.kind, target: burst.target, failures: burst.failures, windowStart: burst.windowStart },
        },
        now,
      );
    }
  });
}

/** In-app notice and e-mail (through the outbox, sent after commit) to every 安全管理员. */
async function alertSecurityAdmins(tx: Executor, burst: Burst, policy: ThrottlePolicy, now: Date): Promise<void> {
  const ids = await securityAdminIds(tx);
  if (ids.length === 0) return;
  const notice = burstNotice(burst, policy);
  const subject = `login-${burst.kind}:${burst.target}`;
  await notifyUsers(tx, ids, { kind: 'auth.login_burst', ...notice, subject }, now);
  const emails = [...(await getUserEmails(tx, ids)).values()];
  await enqueueMail(tx, { to: emails, subject: `【gongkai】${notice.title}`, text: notice.body }, now);
}

/** The session behind a cookie; null when unknown, expired, or its account is disabled. */
export async function loadSessionActor(deps: Deps, sessionId: string): Promise<SessionActor | null> {
  const session = await users.getSession(deps.db, sessionId);
  if (!session || session.expires_at <= deps.clock.now().toISOString()) return null;
  const [actor, row] = await Promise.all([
    loadActor(deps.db, session.user_id),
    users.getUserRow(deps.db, session.user_id),
  ]);
  if (!actor || !row) return null;
  return {
    actor,
    csrfToken: session.csrf_token,
    sessionId: session.id,
    mustChangePassword: Number(row.must_change_password) === 1,
  };
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
  if (!(await verifyPassword(user.password_hash, String(input.oldPassword ?? ''))))
    throw invalid('oldPassword', '原密码不正确');
  const problem = passwordProblem(String(input.newPassword ?? ''));
  if (problem) throw invalid('newPassword', problem);
  if (input.newPassword === input.oldPassword) throw invalid('newPassword', '新密码不能与原密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (tx) => {
    await users.setPasswordHash(tx, user.id, passwordHash);
    await users.deleteSessionsOfUser(tx, user.id, input.keepSessionId ?? undefined);
    // oneTimeReplaced: the password an administrator set is gone; from now only this person knows theirs.
    await ledgerForUser(
      tx,
      user.id,
      'auth.password_change',
      { otherSessionsEnded: true, oneTimeReplaced: Number(user.must_change_password) === 1 },
      deps.clock.now(),
    );
  });
}

async function ledgerForUser(
  tx: Executor,
  userId: string,
  action: string,
  payload: Record<string, unknown>,
  at: Date,
): Promise<void> {
  const row = await users.getUserRow(tx, userId);
  if (!row) return;
  await appendLedger(
    tx,
    {
      actor: { id: row.id, name: row.display_name },
      role: '',
      unitId: row.unit_id,
      action,
      subject: `user:${row.id}`,
      payload: { username: row.username, ...payload },
    },
    at,
  );
}
