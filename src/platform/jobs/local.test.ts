// One machine: jobs run on schedule and on demand, never overlap, and a failing run is logged and followed by the next.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import pino from 'pino';
import { createLocalScheduler } from './local.ts';
import type { JobRun } from './model.ts';

function capturedLog() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

/** Generous deadlines: these tests must pass on a loaded two-core machine. */
async function waitFor(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`等待超时：${what}`);
    await sleep(20);
  }
}

test('间隔任务按计划运行，runNow 立即运行一次，停止后不再运行', async () => {
  const { log } = capturedLog();
  const scheduler = createLocalScheduler(log);
  const runs: JobRun[] = [];
  scheduler.every({ name: 'tick', title: '测试', when: { intervalMs: 100, jitterMs: 20 } }, async (run) => {
    runs.push(run);
  });
  assert.equal(scheduler.nextRun('tick'), null); // not started
  await scheduler.start();
  // The next run is the next slot's time ± its jitter: at most one interval plus twice the jitter ahead.
  assert.ok(scheduler.nextRun('tick')!.getTime() - Date.now() <= 100 + 2 * 20);
  await waitFor('三次按计划运行', () => runs.length >= 3);
  const slots = runs.map((r) => Number(r.slot));
  assert.deepEqual(
    slots,
    [...new Set(slots)].sort((a, b) => a - b),
  ); // each slot once, in order
  await scheduler.runNow('tick');
  assert.ok(runs.some((r) => r.slot.startsWith('manual:')));
  await scheduler.stop();
  const count = runs.length;
  await sleep(300);
  assert.equal(runs.length, count);
  assert.equal(scheduler.nextRun('tick'), null);
  await assert.rejects(scheduler.runNow('nope'), /没有名为「nope」的定时任务/);
});

test('上一次运行尚未结束时不重叠：按计划的跳过，runNow 等它结束再运行', async () => {
  const { log, lines } = capturedLog();
  const scheduler = createLocalScheduler(log);
  let running = 0;
  let most = 0;
  let finished = 0;
  scheduler.every({ name: 'slow', title: '慢任务', when: { intervalMs: 50 } }, async () => {
    most = Math.max(most, ++running);
    await sleep(200);
    running--;
    finished++;
  });
  await scheduler.start();
  await waitFor('第一次运行开始', () => running === 1);
  await scheduler.runNow('slow'); // waits for the scheduled run, then runs alone
  await waitFor('三次运行结束', () => finished >= 3);
  await scheduler.stop(); // waits for the run under way
  assert.equal(running, 0);
  assert.equal(most, 1);
  assert.ok(lines.some((l) => l.msg === '定时任务「慢任务」上一次运行尚未结束，跳过本次'));
});

test('运行出错时记录中文日志，之后照常运行；runNow 把错误交给调用者', async () => {
  const { log, lines } = capturedLog();
  const scheduler = createLocalScheduler(log);
  let calls = 0;
  scheduler.every({ name: 'flaky', title: '不稳定任务', when: { intervalMs: 60 } }, async () => {
    calls++;
    if (calls <= 2) throw new Error('数据库暂时不可用');
  });
  await scheduler.start();
  await waitFor('出错两次后又运行两次', () => calls >= 4);
  const failures = lines.filter((l) => l.msg === '定时任务「不稳定任务」运行失败，将在下次运行时重试');
  assert.equal(failures.length, 2);
  assert.equal(failures[0].level, 50); // error
  await scheduler.stop();

  const once = createLocalScheduler(log);
  once.every({ name: 'boom', when: { cron: '0 0 1 1 *' } }, () => Promise.reject(new Error('出错了')));
  await assert.rejects(once.runNow('boom'), /出错了/);
  assert.throws(() => once.every({ name: 'boom', when: { intervalMs: 1000 } }, async () => {}), /已注册/);
});
