// 登录失败节流, the pure rules: free failures, then delays doubling from 1 s up to the cap; bursts per account and per
// address within fixed windows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { burstNotice, burstsOf, delayAfter, retryAt, throttlePolicy, waitText, windowStart } from './login-throttle.ts';

const p = throttlePolicy({ maxLoginFailures: 5, loginMaxDelayMinutes: 15 });
const at = (iso: string) => new Date(iso);

test('前 5 次失败不等待，之后逐次加倍（1、2、4…秒），最长 15 分钟', () => {
  assert.deepEqual(
    [0, 1, 4].map((n) => delayAfter(n, p)),
    [0, 0, 0],
  );
  assert.deepEqual(
    [5, 6, 7, 8, 14].map((n) => delayAfter(n, p)),
    [1, 2, 4, 8, 512],
  );
  assert.deepEqual(
    [15, 16, 100, 10_000].map((n) => delayAfter(n, p)),
    [900, 900, 900, 900],
  );
  fc.assert(fc.property(fc.nat(500), (n) => delayAfter(n + 1, p) >= delayAfter(n, p) && delayAfter(n, p) <= 900));
});

test('retryAt：从最近一次失败起算，到点即可再试', () => {
  const last = '2026-03-02T01:00:00.000Z';
  assert.equal(retryAt({ failures: 4, lastFailureAt: last }, at(last), p), null);
  assert.equal(retryAt({ failures: 0, lastFailureAt: null }, at(last), p), null);
  const waited = retryAt({ failures: 7, lastFailureAt: last }, at('2026-03-02T01:00:03.000Z'), p);
  assert.deepEqual(waited, at('2026-03-02T01:00:04.000Z'));
  assert.equal(retryAt({ failures: 7, lastFailureAt: last }, at('2026-03-02T01:00:04.000Z'), p), null);
});

test('等待时间的中文写法', () => {
  assert.deepEqual([1, 59, 60, 128, 900].map(waitText), ['1 秒', '59 秒', '1 分钟', '2 分 8 秒', '15 分钟']);
});

test('突发：同一账号 15 分钟内失败 20 次、同一地址 30 次；窗口按整 15 分钟划分', () => {
  const now = at('2026-03-02T01:07:30.000Z');
  assert.deepEqual(windowStart(now, p), at('2026-03-02T01:00:00.000Z'));
  const counts = { username: 'kjj.staff', source: '203.0.113.9', forAccount: 19, fromSource: 29 };
  assert.deepEqual(burstsOf(counts, now, p), []);
  assert.deepEqual(burstsOf({ ...counts, forAccount: 20 }, now, p), [
    { kind: 'account', target: 'kjj.staff', failures: 20, windowStart: '2026-03-02T01:00:00.000Z' },
  ]);
  assert.deepEqual(
    burstsOf({ ...counts, fromSource: 30 }, now, p).map((b) => b.kind),
    ['source'],
  );
  const notice = burstNotice(burstsOf({ ...counts, forAccount: 20 }, now, p)[0], p);
  assert.equal(notice.title, '登录异常：账号「kjj.staff」在 15 分钟内从各地址登录失败 20 次');
  assert.match(notice.body, /账号没有被锁定/);
});
