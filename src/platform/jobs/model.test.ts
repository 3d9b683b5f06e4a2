// Run times: every node computes the same ones, jitter stays within its bound, and a slot is one run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkSpec, jobsSchemaFor, nextDue, slotJobId } from './model.ts';

test('间隔任务：下一次运行在抖动范围内，各节点算得相同，轮次依次递增', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1000, max: 3_600_000 }),
      fc.double({ min: 0, max: 0.49, noNaN: true }),
      fc.integer({ min: 0, max: 4e12 }),
      (intervalMs, share, after) => {
        const job = { name: 'watch.site-1', when: { intervalMs, jitterMs: Math.floor(intervalMs * share) } };
        const due = nextDue(job, after);
        const k = Number(due.slot);
        assert.ok(due.at > after);
        assert.ok(Math.abs(due.at - k * intervalMs) <= job.when.jitterMs);
        assert.deepEqual(nextDue(job, after), due); // another node, same answer
        const following = nextDue(job, due.at);
        assert.equal(Number(following.slot), k + 1);
        assert.ok(following.at > due.at);
      },
    ),
  );
});

test('各任务的抖动不同，同一任务每轮的抖动也不同', () => {
  const when = { intervalMs: 300_000, jitterMs: 30_000 };
  const offsets = (name: string) =>
    Array.from({ length: 5 }, (_, i) => {
      const due = nextDue({ name, when }, 1_000 * 300_000 + i * 300_000);
      return due.at - Number(due.slot) * 300_000;
    });
  assert.notDeepEqual(offsets('watch.a'), offsets('watch.b'));
  assert.ok(new Set(offsets('watch.a')).size > 1);
});

test('cron 任务按北京时间计算，轮次是到期时刻', () => {
  const job = { name: 'daily', when: { cron: '0 8 * * *' } };
  const due = nextDue(job, Date.parse('2026-03-02T01:00:00.000Z')); // 09:00 in Shanghai
  assert.equal(due.slot, '2026-03-03T00:00:00.000Z'); // next 08:00 Shanghai
  assert.equal(
    nextDue({ name: 'half', when: { cron: '*/30 * * * * *' } }, Date.parse('2026-03-02T01:00:10.000Z')).slot,
    '2026-03-02T01:00:30.000Z',
  );
});

test('任务 id：同一任务同一轮相同，否则不同；是合法的 UUID', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  assert.match(slotJobId('publish.due', '7'), uuid);
  assert.equal(slotJobId('publish.due', '7'), slotJobId('publish.due', '7'));
  assert.notEqual(slotJobId('publish.due', '7'), slotJobId('publish.due', '8'));
  assert.notEqual(slotJobId('publish.due', '7'), slotJobId('notify.outbox', '7'));
});

test('不合法的任务定义给出中文原因', () => {
  assert.match(String(checkSpec({ name: 'Bad Name', when: { intervalMs: 1000 } })), /名称不合法/);
  assert.match(String(checkSpec({ name: 'a', when: { intervalMs: 1000, jitterMs: 500 } })), /抖动必须小于间隔的一半/);
  assert.match(String(checkSpec({ name: 'a', when: { intervalMs: 0 } })), /正整数/);
  assert.match(String(checkSpec({ name: 'a', when: { cron: 'every minute' } })), /cron 表达式有误/);
  assert.equal(jobsSchemaFor('public'), 'pgboss');
  assert.equal(jobsSchemaFor('t_abc'), 't_abc_pgboss');
});
