// Use cases against a real database (SQLite, or PostgreSQL with GONGKAI_TEST_DB=postgres): the optimistic lock,
// publishing on many nodes at once, the review queue's paging and exclusions.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildPublishOrg, disclosureAt, passSecrecy, type PublishOrg } from '../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { listLedger } from '../platform/ledger/service.ts';
import {
  approveItem,
  draftItem,
  getHistory,
  getItem,
  listMyDrafts,
  listReviewQueue,
  publishDue,
  submitItem,
} from './service.ts';
import * as store from './store.ts';

let deps: TestDeps;
let org: PublishOrg;
before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
});
after(async () => {
  await deps.close();
});

const review = { opinion: '同意', proofreading: '', standardsAttested: true };

async function submitted(over: Parameters<PublishOrg['draft']>[0] = {}, author = 'zhang'): Promise<string> {
  const actor = await org.actor(author);
  const item = await draftItem(deps, actor, org.draft(over));
  await submitItem(deps, actor, { itemId: item.id, revision: 1 });
  return item.id;
}

const approve = async (who: string, itemId: string, level: 1 | 2 | 3 | 4) => {
  if (level === 3) await passSecrecy(deps, org, itemId); // 保密审查 sits between 二审 and 三审
  return approveItem(deps, await org.actor(who), {
    itemId,
    level,
    revision: 1,
    ...review,
    disclosure: disclosureAt(level),
  });
};

test('moveStage：版本号已变则不更新（乐观锁），两种数据库一致', async () => {
  const id = await submitted();
  const read = await store.getItem(deps.db, id);
  assert.ok(read);
  assert.equal(await store.moveStage(deps.db, read, 'level2', deps.clock.now()), true);
  assert.equal(await store.moveStage(deps.db, read, 'returned', deps.clock.now()), false);
  const now = await store.getItem(deps.db, id);
  assert.equal(now?.stage, 'level2');
  assert.equal(now?.version, read.version + 1);
});

test('五人同时一审：恰好一人成功，其余 409，只有一条审核记录', async () => {
  const id = await submitted();
  const five = ['li', 'sun', 'multi', 'zhang', 'li'];
  const results = await Promise.allSettled(five.map((who) => approve(who, id, 1)));
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  for (const r of results) if (r.status === 'rejected') assert.equal(r.reason.status, 409, r.reason.message);
  assert.equal((await getHistory(deps, await org.actor('liu'), id)).steps.length, 1);
  assert.equal((await listLedger(deps.db, { subject: `item:${id}`, action: 'publish.approve' })).length, 1);
});

test('定时发布在多个节点同时运行：每篇稿件只发布一次', async () => {
  const publishAt = new Date(deps.clock.now().getTime() + 60_000).toISOString();
  const ids: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const id = await submitted({ publishAt, title: `定时稿件${i}` });
    await approve('li', id, 1);
    await approve('wang', id, 2);
    assert.equal((await approve('liu', id, 3)).stage, 'approved');
    ids.push(id);
  }
  deps.clock.advance(60_000);
  const runs = await Promise.all([publishDue(deps), publishDue(deps), publishDue(deps)]);
  assert.deepEqual(runs.flatMap((r) => r.published).sort(), [...ids].sort());
  for (const id of ids) {
    const history = await getHistory(deps, await org.actor('zhang'), id);
    assert.equal(history.publications.length, 2); // website and WeChat, once each
    assert.equal((await listLedger(deps.db, { subject: `item:${id}`, action: 'publish.publish' })).length, 1);
  }
  assert.deepEqual(await publishDue(deps), { published: [] });
});

test('待审队列：最早等待的在前，按游标分页，不重不漏；坏游标 400', async () => {
  const head = await org.actor('zhao'); // 办公室负责人 who has approved nothing yet
  const ids: string[] = [];
  for (let i = 0; i < 7; i += 1) {
    deps.clock.advance(1000);
    const id = await submitted({ title: `队列稿件${i}` });
    await approve('li', id, 1);
    ids.push(id);
  }
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await listReviewQueue(deps, head, { limit: 3, cursor });
    assert.ok(page.items.length <= 3);
    assert.ok(page.items.every((i) => i.awaitingLevel === 2 && i.abilities.canApprove));
    seen.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 20);
  const ours = seen.filter((id) => ids.includes(id));
  assert.deepEqual(ours, ids); // oldest first, each once
  assert.equal(new Set(seen).size, seen.length);
  await assert.rejects(listReviewQueue(deps, head, { limit: 3, cursor: 'not-a-cursor' }), {
    status: 400,
    field: 'cursor',
  });
});

test('待审队列排除：自己一审过的不进二审队列；起草人看不到自己的二审稿件', async () => {
  const multi = await org.actor('multi'); // staff + 办公室负责人 + 分管领导
  const approvedByMulti = await submitted();
  await approve('multi', approvedByMulti, 1);
  const ownItem = await submitted({}, 'multi');
  await approve('li', ownItem, 1);
  const fresh = await submitted();
  await approve('li', fresh, 1);
  const queue = (await listReviewQueue(deps, multi, { limit: 100 })).items.map((i) => i.id);
  assert.ok(queue.includes(fresh));
  assert.ok(!queue.includes(approvedByMulti));
  assert.ok(!queue.includes(ownItem));
  assert.deepEqual((await getItem(deps, multi, approvedByMulti)).abilities.canApprove, false);
});

test('我的稿件：只列本人起草的，最近修改的在前', async () => {
  const sun = await org.actor('sun');
  const first = await draftItem(deps, sun, org.draft({ title: '孙的第一篇' }));
  deps.clock.advance(1000);
  const second = await draftItem(deps, sun, org.draft({ title: '孙的第二篇' }));
  const mine = await listMyDrafts(deps, sun, { limit: 10 });
  assert.deepEqual(
    mine.items.map((i) => i.id),
    [second.id, first.id],
  );
  assert.ok(mine.items.every((i) => i.authorName === '孙一审' && i.abilities.canSubmit));
});
