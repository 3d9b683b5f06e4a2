// An issue is itself reviewed and then released (both databases): the 公报室 submits it into the same 三审三校 chain
// as any item (item type 'gazette': 一审, 二审, 保密审查, 三审); while in review it is locked; a return lets it be
// changed and resubmitted as a new revision; the published item puts it on the online edition, where full-text search
// finds any substring of two or more characters over its documents and filters by year, 发文机关 and 发文字号.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixtureText, gazetteOffice, publishText, rejects } from '../../test/support/gazette-fixtures.ts';
import { buildPublishOrg, disclosureAt, passSecrecy, type PublishOrg } from '../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import type { Actor } from '../org/model.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { approveItem, draftItem, getItem, returnItem } from '../publish/service.ts';
import {
  addEntry,
  createIssue,
  getIssue,
  releasedIssue,
  releasedIssues,
  removeEntry,
  searchGazette,
  submitIssue,
} from './service.ts';

let deps: TestDeps;
let org: PublishOrg;
let office: Actor;
const SECTIONS = ['重庆市綦江区人民政府文件', '重庆市綦江区人民政府部门文件'];
const ids: Record<string, string> = {};

before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
  office = await gazetteOffice(deps, org);
  ids.soil = await publishText(deps, org, '关于做好第三次全国土壤普查的通知', fixtureText('1-fufa-29'));
  ids.mentors = await publishText(deps, org, '关于征集创业导师志愿者的通知', fixtureText('6-renshe-137'));
});
after(async () => {
  await deps.close();
});

const review = (itemId: string, revision: number) => ({
  opinion: '同意',
  proofreading: '已校对',
  standardsAttested: true,
  revision,
  itemId,
});

async function passLevels1And2(itemId: string, revision: number) {
  await approveItem(deps, await org.actor('li'), {
    ...review(itemId, revision),
    level: 1,
    disclosure: disclosureAt(1),
  });
  await approveItem(deps, await org.actor('wang'), {
    ...review(itemId, revision),
    level: 2,
    disclosure: disclosureAt(2),
  });
  await passSecrecy(deps, org, itemId, revision);
}

test('一期公报走三审三校：报审后锁定，退回后可改再报（新版本），三审通过即在网上公报发布并记入台账', async () => {
  const issue = await createIssue(deps, office, {
    year: 2022,
    number: 11,
    totalNumber: 129,
    publishDate: '2022-12-10',
    sections: SECTIONS,
  });
  const placement = { sectionId: org.sectionId, channels: [{ channelId: org.siteId, columnId: org.columnId }] };
  await rejects(submitIssue(deps, office, issue.id, placement), 400, /还没有编入公文/);
  await addEntry(deps, office, issue.id, { itemId: ids.soil, section: SECTIONS[0] });
  const mentors = await addEntry(deps, office, issue.id, { itemId: ids.mentors, section: SECTIONS[1] });
  await rejects(submitIssue(deps, await org.actor('zhang'), issue.id, placement), 403, /公报室/);
  // The ordinary draft form cannot make a gazette item.
  await rejects(draftItem(deps, await org.actor('zhang'), org.draft({ itemType: 'gazette' })), 400, /公报室/);

  const submitted = await submitIssue(deps, office, issue.id, placement);
  assert.equal(submitted.status, 'reviewing');
  assert.ok(submitted.itemId);
  const itemId = submitted.itemId;
  const item = await getItem(deps, office, itemId);
  assert.equal(item.itemType, 'gazette');
  assert.equal(item.stage, 'level1');
  await rejects(removeEntry(deps, office, issue.id, mentors.entries[1].id), 409, /正在审核/);
  await rejects(submitIssue(deps, office, issue.id, placement), 409);
  await rejects(releasedIssue(deps, 129), 404);
  assert.deepEqual(await releasedIssues(deps), []);

  // 二审 returns it; the 公报室 takes a document out and submits again: revision 2 of the same item.
  await approveItem(deps, await org.actor('li'), { ...review(itemId, 1), level: 1, disclosure: disclosureAt(1) });
  await returnItem(deps, await org.actor('wang'), {
    ...review(itemId, 1),
    opinion: '人事任免文件本期不收录',
    level: 2,
  });
  assert.equal((await getIssue(deps, office, issue.id)).status, 'returned');
  await removeEntry(deps, office, issue.id, mentors.entries[1].id);
  const again = await submitIssue(deps, office, issue.id, {});
  assert.equal(again.itemId, itemId);
  const revised = await getItem(deps, office, itemId);
  assert.equal(revised.revision, 2);
  assert.equal(revised.stage, 'level1');

  await passLevels1And2(itemId, 2);
  await rejects(releasedIssue(deps, 129), 404);
  const done = await approveItem(deps, await org.actor('liu'), { ...review(itemId, 2), level: 3 });
  assert.equal(done.stage, 'published');

  const online = await releasedIssue(deps, 129);
  assert.equal(online.status, 'published');
  assert.ok(online.publishedAt);
  assert.deepEqual(
    online.entries.map((e) => e.itemId),
    [ids.soil],
  );
  assert.deepEqual(
    (await releasedIssues(deps)).map((i) => i.label),
    ['2022年第11期（总第129期）'],
  );
  const actions = (await listLedger(deps.db, { subject: `gazette:${issue.id}` })).map((e) => e.action);
  assert.equal(actions.filter((a) => a === 'gazette.issue_submit').length, 2);
  const itemActions = (await listLedger(deps.db, { subject: `item:${itemId}` })).map((e) => e.action);
  assert.ok(itemActions.includes('publish.publish'), itemActions.join());
});

test('网上公报全文检索：任意两字以上的子串，按年份、发文机关、发文字号筛选；未发布的期次检索不到', async () => {
  // A second issue, compiled but never submitted: its documents are not searchable.
  const draft = await createIssue(deps, office, { year: 2023, number: 1, totalNumber: 130, publishDate: '2023-01-10' });
  await addEntry(deps, office, draft.id, { itemId: ids.mentors, section: '部门文件' });

  const titles = async (q: Parameters<typeof searchGazette>[1]) =>
    (await searchGazette(deps, q)).map((h) => `${h.totalNumber}/${h.n} ${h.title}`);
  const soil = ['129/1 重庆市綦江区人民政府关于做好第三次全国土壤普查的通知'];
  assert.deepEqual(await titles({ q: '土壤普查' }), soil);
  assert.deepEqual(await titles({ q: '土壤' }), soil); // two characters: no trigram, still found
  assert.deepEqual(await titles({ q: '创业导师' }), []); // only in the unreleased issue (and removed from 129)
  assert.deepEqual(await titles({ q: '土壤', year: 2022 }), soil);
  assert.deepEqual(await titles({ q: '土壤', year: 2021 }), []);
  assert.deepEqual(await titles({ issuer: '綦江区人民政府' }), soil);
  assert.deepEqual(await titles({ issuer: '人力社保局' }), []);
  const [hit] = await searchGazette(deps, { q: '普查' });
  assert.ok(hit.docNumber);
  assert.deepEqual(await titles({ docNumber: hit.docNumber! }), soil);
  assert.deepEqual(await titles({ q: '土壤%' }), soil); // LIKE wildcards are not the user's to use
  await rejects(searchGazette(deps, { q: '土' }), 400, /至少两个字/);
  await rejects(searchGazette(deps, {}), 400, /检索词/);
});
