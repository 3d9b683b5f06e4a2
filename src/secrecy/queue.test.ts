// 待保密审查 and 待同意 on a real database (SQLite and PostgreSQL): each person's queue holds exactly the items the
// policies' filters admit — the secrecy office its own unit's open receipts, a co-issuing unit's 分管领导 the items
// still awaiting that unit's consent at the current revision — and nothing of other units or other roles.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildPublishOrg, disclosureAt, passSecrecy, type PublishOrg } from '../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { holdsRole } from '../org/model.ts';
import { createUnit, createUser } from '../org/service.ts';
import { approveItem, draftItem, submitItem } from '../publish/service.ts';
import { consentInApp, listSecrecyQueue } from './service.ts';

let deps: TestDeps;
let org: PublishOrg;
let thirdUnitId: string;
before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
  thirdUnitId = (
    await createUnit(deps, 'system', { name: '区财政局', fullName: '重庆市綦江区财政局', kind: 'department' })
  ).id;
  const user = (username: string, displayName: string, unitId: string, roles: ('leader' | 'secrecy')[]) =>
    createUser(deps, 'system', { username, displayName, unitId, password: 'Publish2026', roles });
  org.ids.czj = (await user('czj', '财政局分管领导', thirdUnitId, ['leader'])).id;
  org.ids.mzbao = (await user('mzbao', '民政局保密员', org.otherUnitId, ['secrecy'])).id;
});
after(() => deps.close());

const review = { opinion: '同意', proofreading: '', standardsAttested: true };

async function atSecrecy(coIssuerUnitIds: string[] = []): Promise<string> {
  const zhang = await org.actor('zhang');
  const item = await draftItem(deps, zhang, org.draft({ coIssuerUnitIds }));
  await submitItem(deps, zhang, { itemId: item.id, revision: 1 });
  for (const [level, who] of [
    [1, 'li'],
    [2, 'wang'],
  ] as const) {
    await approveItem(deps, await org.actor(who), {
      itemId: item.id,
      level,
      revision: 1,
      ...review,
      disclosure: disclosureAt(level),
    });
  }
  return item.id;
}

const queueOf = async (username: string) => {
  const q = await listSecrecyQueue(deps, await org.actor(username));
  return { review: q.review.map((e) => e.itemId).sort(), consent: q.consent.map((e) => e.itemId).sort() };
};

test('保密审查待办只含本人任保密工作机构的单位的待审稿件；待同意只含本人任分管领导的共同发文单位尚未同意的稿件', async () => {
  const plain = await atSecrecy();
  const coIssued = await atSecrecy([org.otherUnitId, thirdUnitId]);
  const passed = await atSecrecy([thirdUnitId]);
  await passSecrecy(deps, org, passed); // receipt closed: off the secrecy queue, still awaiting 财政局's consent
  const draft = await draftItem(deps, await org.actor('zhang'), org.draft({ coIssuerUnitIds: [org.otherUnitId] }));

  const expected: Record<string, { review: string[]; consent: string[] }> = {
    bao: { review: [plain, coIssued].sort(), consent: [] },
    gu: { review: [plain, coIssued].sort(), consent: [] },
    wu: { review: [], consent: [coIssued] }, // a draft is not yet asked for consent
    czj: { review: [], consent: [coIssued, passed].sort() },
  };
  for (const username of Object.keys(org.ids)) {
    assert.deepEqual(await queueOf(username), expected[username] ?? { review: [], consent: [] }, username);
  }
  assert.ok(!(await queueOf('wu')).consent.includes(draft.id));

  await consentInApp(deps, await org.actor('wu'), { itemId: coIssued, revision: 1 });
  assert.deepEqual(await queueOf('wu'), { review: [], consent: [] }, '同意后离开本人待同意列表');
  assert.deepEqual((await queueOf('czj')).consent, [coIssued, passed].sort(), '其他共同发文单位仍待同意');
});

test('兼任多个单位保密工作机构的人看到各单位的待审稿件，其他角色看不到', async () => {
  const id = await atSecrecy();
  const both = await createUser(deps, 'system', {
    username: 'twobao',
    displayName: '两局保密员',
    unitId: org.unitId,
    password: 'Publish2026',
    roles: ['secrecy', { role: 'secrecy', unitId: org.otherUnitId }, { role: 'leader', unitId: thirdUnitId }],
  });
  org.ids.twobao = both.id;
  const actor = await org.actor('twobao');
  assert.ok(holdsRole(actor, 'secrecy', org.otherUnitId));
  const q = await listSecrecyQueue(deps, actor);
  assert.ok(q.review.some((e) => e.itemId === id));
  assert.deepEqual(q.review.map((e) => e.itemId).sort(), (await queueOf('bao')).review);
  assert.deepEqual(q.consent.map((e) => e.itemId).sort(), (await queueOf('czj')).consent);
  assert.deepEqual(await queueOf('mzbao'), { review: [], consent: [] }, '民政局保密员看不到科技局的稿件');
});
