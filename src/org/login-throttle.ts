// 登录失败节流 (failed-login throttle), after the OWASP Authentication Cheat Sheet ("Account Lockout"): no anonymous
// party can lock a real person out. Failures are counted per (account, source address) pair: after `freeFailures` of
// them, each further attempt for that account *from that address* waits 2^k seconds (k = failures beyond the free
// ones, starting at 1 s), capped at `maxDelaySeconds`. The same person on their own address is not slowed at all; a
// success clears the pair. The per-address request limit (auth-routes.ts) bounds how fast one address guesses at all,
// and a burst — many failures for one account, or from one address, within a window — alerts the 安全管理员 once per
// window. Pure: the store gives the counts, the service the clock.

export interface ThrottlePolicy {
  freeFailures: number; // GONGKAI_MAX_LOGIN_FAILURES
  maxDelaySeconds: number; // GONGKAI_LOGIN_MAX_DELAY_MINUTES × 60
  burstWindowMinutes: number;
  burstPerAccount: number; // failures for one account, from any address, within the window
  burstPerSource: number; // failures from one address, for any account, within the window
}

export const BURST = { windowMinutes: 15, perAccount: 20, perSource: 30 } as const;

export function throttlePolicy(config: { maxLoginFailures: number; loginMaxDelayMinutes: number }): ThrottlePolicy {
  return {
    freeFailures: config.maxLoginFailures,
    maxDelaySeconds: config.loginMaxDelayMinutes * 60,
    burstWindowMinutes: BURST.windowMinutes,
    burstPerAccount: BURST.perAccount,
    burstPerSource: BURST.perSource,
  };
}

/** Seconds the pair must wait after its last failure, given its consecutive failures: 0, …, 0, 1, 2, 4, … cap. */
export function delayAfter(failures: number, p: ThrottlePolicy): number {
  const beyond = failures - p.freeFailures;
  if (beyond < 0) return 0;
  return Math.min(2 ** Math.min(beyond, 30), p.maxDelaySeconds);
}

export interface PairState {
  failures: number; // consecutive failures of this (account, address) since its last success
  lastFailureAt: string | null; // ISO
}

/** When the pair may try again; null when it may now. */
export function retryAt(state: PairState, now: Date, p: ThrottlePolicy): Date | null {
  if (!state.lastFailureAt) return null;
  const delay = delayAfter(state.failures, p);
  if (delay === 0) return null;
  const at = new Date(Date.parse(state.lastFailureAt) + delay * 1000);
  return at.getTime() > now.getTime() ? at : null;
}

/** Whole seconds left until `at`, at least 1: for the message. */
export const secondsUntil = (at: Date, now: Date): number =>
  Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));

/** 「30 秒」, 「2 分 8 秒」 */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  const rest = seconds % 60;
  return `${Math.floor(seconds / 60)} 分${rest ? ` ${rest} 秒` : '钟'}`;
}

export type BurstKind = 'account' | 'source';

export interface Burst {
  kind: BurstKind;
  target: string; // the username or the address
  failures: number;
  windowStart: string; // ISO: the window the alert is for, so each is sent once
}

/** The window `now` falls in: windows are fixed slices of burstWindowMinutes from the epoch. */
export function windowStart(now: Date, p: ThrottlePolicy): Date {
  const size = p.burstWindowMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / size) * size);
}

/** The bursts these counts (failures within the current window) amount to. */
export function burstsOf(
  counts: { username: string; source: string; forAccount: number; fromSource: number },
  now: Date,
  p: ThrottlePolicy,
): Burst[] {
  const start = windowStart(now, p).toISOString();
  const out: Burst[] = [];
  if (counts.forAccount >= p.burstPerAccount) {
    out.push({ kind: 'account', target: counts.username, failures: counts.forAccount, windowStart: start });
  }
  if (counts.fromSource >= p.burstPerSource) {
    out.push({ kind: 'source', target: counts.source, failures: counts.fromSource, windowStart: start });
  }
  return out;
}

/** The notice to the 安全管理员. */
export function burstNotice(b: Burst, p: ThrottlePolicy): { title: string; body: string } {
  const who = b.kind === 'account' ? `账号「${b.target}」` : `地址 ${b.target}`;
  const what = b.kind === 'account' ? '从各地址登录失败' : '登录失败（各账号合计）';
  return {
    title: `登录异常：${who}在 ${p.burstWindowMinutes} 分钟内${what} ${b.failures} 次`,
    body:
      `${who}自 ${b.windowStart} 起的 ${p.burstWindowMinutes} 分钟内${what}已达 ${b.failures} 次，可能是猜测密码。`
      + '账号没有被锁定：同一地址的再次尝试须等待逐次加倍的时间，本人从其他地址仍可登录。请核实，必要时联系本人修改密码。'
      + '本时段内不再重复提醒。',
  };
}
