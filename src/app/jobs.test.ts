// serve's one scheduler: every recurring job is registered, runs on demand as the system, and stops cleanly,
// in this process on SQLite and through pg-boss (its own schema next to the test's) on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { startScheduler } from './jobs.ts';

let deps: TestDeps;
before(async () => {
  deps = await createTestDeps();
});
after(() => deps.close());

test('serve 的调度器：发布、邮件、保密审查、值班、重大行政决策与读网监测的定时任务都已注册，可立即运行，可停止', async () => {
  const scheduler = await startScheduler(deps);
  try {
    for (const name of [
      'publish.due',
      'notify.outbox',
      'secrecy.reminders',
      'duty.reminders',
      'decisions.reminders',
      'watch.availability.0',
      'watch.availability.29',
      'watch.sites',
      'watch.escalate',
      'watch.deliver',
      'watch.accounts',
      'watch.retention',
      'ledger.checkpoint',
    ]) {
      const next = scheduler.nextRun(name);
      assert.ok(next && next.getTime() > Date.now() - 1000, name);
      await scheduler.runNow(name);
    }
  } finally {
    await scheduler.stop();
  }
  assert.equal(scheduler.nextRun('publish.due'), null);
});
