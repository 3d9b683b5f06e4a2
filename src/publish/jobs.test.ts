// The minute scheduler publishes what is due, as the system, and stops when told.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildPublishOrg, disclosureAt, passSecrecy, type PublishOrg } from '../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { startPublishScheduler } from './jobs.ts';
import { approveItem, draftItem, getItem, submitItem } from './service.ts';

let deps: TestDeps;
let org: PublishOrg;
before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
});
after(() => deps.close());

test('定时任务每分钟运行一次：到点的已审定稿件由系统发布', async () => {
  const zhang = await org.actor('zhang');
  const publishAt = new Date(deps.clock.now().getTime() + 10 * 60_000).toISOString();
  const item = await draftItem(deps, zhang, org.draft({ publishAt }));
  await submitItem(deps, zhang, { itemId: item.id, revision: 1 });
  for (const [who, level] of [
    ['li', 1],
    ['wang', 2],
    ['liu', 3],
  ] as const) {
    if (level === 3) await passSecrecy(deps, org, item.id); // 保密审查 between 二审 and 三审
    await approveItem(deps, await org.actor(who), {
      itemId: item.id,
      level,
      revision: 1,
      opinion: '同意',
      standardsAttested: true,
      disclosure: disclosureAt(level),
    });
  }
  const scheduler = startPublishScheduler(deps);
  try {
    const next = scheduler.nextRun();
    assert.ok(next && next.getTime() - Date.now() <= 60_000);
    await scheduler.runNow();
    assert.equal((await getItem(deps, zhang, item.id)).stage, 'approved');
    deps.clock.advance(10 * 60_000);
    await scheduler.runNow();
    assert.equal((await getItem(deps, zhang, item.id)).stage, 'published');
    const [entry] = await listLedger(deps.db, { subject: `item:${item.id}`, action: 'publish.publish' });
    assert.equal(entry.actor_id, 'system');
  } finally {
    scheduler.stop();
  }
  assert.equal(scheduler.nextRun(), null);
});
