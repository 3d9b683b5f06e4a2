// 发布网址: the unit records where a published item is online; the 读网值班 integrity monitor then gets the approved
// text under that address. Both databases.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildPublishOrg, disclosureAt, passSecrecy, type PublishOrg } from '../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { approvedTextsOf, approveItem, draftItem, recordLiveUrl, submitItem } from './service.ts';

let deps: TestDeps;
let org: PublishOrg;
let itemId: string;
before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
  const zhang = await org.actor('zhang');
  itemId = (await draftItem(deps, zhang, org.draft())).id;
  await submitItem(deps, zhang, { itemId, revision: 1 });
});
after(() => deps.close());

const LIVE = 'https://kjj.example.gov.cn/art/2026/3/2/art_1.html';
const review = { opinion: '同意', proofreading: '', standardsAttested: true };

async function publish(): Promise<void> {
  await approveItem(deps, await org.actor('li'), {
    itemId,
    level: 1,
    revision: 1,
    ...review,
    disclosure: disclosureAt(1),
  });
  await approveItem(deps, await org.actor('wang'), {
    itemId,
    level: 2,
    revision: 1,
    ...review,
    disclosure: disclosureAt(2),
  });
  await passSecrecy(deps, org, itemId);
  const done = await approveItem(deps, await org.actor('liu'), { itemId, level: 3, revision: 1, ...review });
  assert.equal(done.stage, 'published');
}

test('发布网址：未发布前登记为 409；发布后本单位人员可登记，读网监测按网址取得审定正文，写入台账', async () => {
  const zhang = await org.actor('zhang');
  await assert.rejects(
    recordLiveUrl(deps, zhang, itemId, { channelId: org.siteId, url: LIVE }),
    (e: { status: number }) => e.status === 409,
  );
  await publish();
  assert.deepEqual(await approvedTextsOf(deps, org.unitId), {});
  assert.deepEqual(await recordLiveUrl(deps, zhang, itemId, { channelId: org.siteId, url: LIVE }), {
    channelId: org.siteId,
    url: LIVE,
  });
  const texts = await approvedTextsOf(deps, org.unitId);
  assert.deepEqual(Object.keys(texts), [LIVE]);
  assert.match(texts[LIVE], /区科技局召开科技创新工作会议/);
  assert.deepEqual(await approvedTextsOf(deps, org.otherUnitId), {});
  const [entry] = await listLedger(deps.db, { subject: `item:${itemId}`, action: 'publish.live_url' });
  assert.equal(JSON.parse(entry?.payload ?? '{}').url, LIVE);
});

test('发布网址：地址无效为 400 并指明字段；其他单位人员 403；未在该渠道发布为 409；都不改变已登记的网址', async () => {
  const zhang = await org.actor('zhang');
  for (const url of ['ftp://kjj.example.gov.cn/a.html', 'not a url', 'https://user:pw@kjj.example.gov.cn/a.html']) {
    await assert.rejects(
      recordLiveUrl(deps, zhang, itemId, { channelId: org.siteId, url }),
      (e: { status: number; field?: string; message: string }) => e.status === 400 && /发布网址/.test(e.message),
    );
  }
  await assert.rejects(
    recordLiveUrl(deps, await org.actor('wu'), itemId, { channelId: org.siteId, url: `${LIVE}?x` }),
    (e: { status: number }) => e.status === 403,
  );
  await assert.rejects(
    recordLiveUrl(deps, zhang, itemId, { channelId: org.otherSiteId, url: `${LIVE}?y` }),
    (e: { status: number }) => e.status === 409,
  );
  assert.deepEqual(Object.keys(await approvedTextsOf(deps, org.unitId)), [LIVE]);
});
