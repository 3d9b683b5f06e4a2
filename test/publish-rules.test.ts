// The rules a reviewer relies on, over HTTP: separation of duties (403 with the reason), who may see and change an
// item, bad input (400 naming the field, nothing written), 401/404/409, and two approvals racing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { setUnitSettings } from '../src/org/service.ts';
import { listLedger } from '../src/platform/ledger/service.ts';
import {
  as,
  disclosureAt,
  openPublishApp,
  passSecrecy,
  type PublishOrg,
  type Session,
} from './support/publish-fixtures.ts';
import type { TestDeps } from './support/testdb.ts';

let deps: TestDeps;
let app: FastifyInstance;
let org: PublishOrg;
let s: Record<string, Session>;
let close: () => Promise<void>;
before(
  async () =>
    ({ deps, app, org, s, close } = await openPublishApp([
      'zhang',
      'li',
      'sun',
      'wang',
      'chen',
      'liu',
      'multi',
      'wu',
      'ducha',
      'duty',
    ])),
);
after(() => close());

const review = { opinion: '同意', proofreading: '', standardsAttested: true };

async function draftAndSubmit(author = 'zhang'): Promise<string> {
  const created = await as(app, s[author]).post('/api/items', org.draft());
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(
    (await as(app, s[author]).post(`/api/items/${created.json().id}/submit`, { revision: 1 })).statusCode,
    200,
  );
  return created.json().id;
}

const act = (who: string, id: string, level: number, body: Record<string, unknown> = review, verb = 'approve') =>
  as(app, s[who]).post(`/api/items/${id}/${verb}`, {
    level,
    revision: 1,
    ...(verb === 'approve' && { disclosure: disclosureAt(level) }),
    ...body,
  });

async function expectRefused(res: Awaited<ReturnType<typeof act>>, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(res.json().code, code);
  assert.match(res.json().message, /[\u4e00-\u9fff]/); // a zh-CN reason for the person
}

async function counts() {
  const n = async (t: 'items' | 'revisions' | 'review_steps' | 'item_channels' | 'publications' | 'ledger') =>
    Number(
      (
        await deps.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    items: await n('items'),
    revisions: await n('revisions'),
    steps: await n('review_steps'),
    channels: await n('item_channels'),
    publications: await n('publications'),
    ledger: await n('ledger'),
  };
}

const stageOf = async (id: string) => (await as(app, s.liu).get(`/api/items/${id}`)).json().stage;
const approvals = async (id: string) =>
  (await listLedger(deps.db, { subject: `item:${id}`, action: 'publish.approve' })).length;

test('同一人不得审核同一版本的两个级别：一审后不能再做二审', async () => {
  const id = await draftAndSubmit();
  assert.equal((await act('multi', id, 1)).statusCode, 200);
  await expectRefused(await act('multi', id, 2), 403, 'SAME_PERSON');
  assert.equal((await as(app, s.multi).get(`/api/items/${id}`)).json().abilities.canApprove, false);
  await expectRefused(await act('multi', id, 2, { opinion: '退回' }, 'return'), 403, 'SAME_PERSON');
  assert.equal(await stageOf(id), 'level2');
  assert.equal(await approvals(id), 1);
});

test('起草人不能做二审；本单位不允许时也不能做一审', async () => {
  const own = await draftAndSubmit('multi');
  assert.equal((await act('li', own, 1)).statusCode, 200);
  await expectRefused(await act('multi', own, 2), 403, 'AUTHOR_REVIEW');
  assert.equal(await stageOf(own), 'level2');

  await setUnitSettings(deps, 'system', { unitId: org.unitId, authorMayLevel1: false });
  try {
    const id = await draftAndSubmit();
    await expectRefused(await act('zhang', id, 1), 403, 'AUTHOR_LEVEL1');
    assert.equal(
      (await as(app, s.zhang).get('/api/review-queue')).json().items.some((i: { id: string }) => i.id === id),
      false,
    );
    assert.equal(await stageOf(id), 'level1');
    assert.equal(await approvals(id), 0);
  } finally {
    await setUnitSettings(deps, 'system', { unitId: org.unitId, authorMayLevel1: true });
  }
});

test('须持有本级角色：其他科室负责人、其他单位领导、工作人员越级均 403', async () => {
  const id = await draftAndSubmit();
  await expectRefused(await act('wang', id, 1), 403, 'NO_ROLE');
  assert.equal((await act('li', id, 1)).statusCode, 200);
  await expectRefused(await act('chen', id, 2), 403, 'OTHER_SECTION');
  await expectRefused(await act('sun', id, 2), 403, 'NO_ROLE');
  assert.equal((await act('wang', id, 2)).statusCode, 200);
  await expectRefused(await act('liu', id, 3), 409, 'NOT_AT_LEVEL'); // the secrecy office's step comes first
  await passSecrecy(deps, org, id);
  await expectRefused(await act('wu', id, 3), 403, 'NOT_VISIBLE'); // another unit's leader cannot even see it
  await expectRefused(await act('wang', id, 3), 403, 'NO_ROLE');
  assert.equal(await stageOf(id), 'level3');
  assert.equal(await approvals(id), 2);
});

test('查看与修改：值班人员和其他单位看不到；非起草人不能改；审核中不能改', async () => {
  const id = await draftAndSubmit();
  await expectRefused(await as(app, s.duty).get(`/api/items/${id}`), 403, 'NOT_VISIBLE');
  await expectRefused(await as(app, s.wu).get(`/api/items/${id}/history`), 403, 'NOT_VISIBLE');
  assert.equal((await as(app, s.ducha).get(`/api/items/${id}`)).statusCode, 200); // 督查 sees every unit
  assert.equal(
    (await as(app, s.ducha).get('/api/items')).json().items.some((i: { id: string }) => i.id === id),
    true,
  );
  assert.equal((await as(app, s.duty).get('/api/items')).json().items.length, 0);
  await expectRefused(await as(app, s.li).put(`/api/items/${id}`, { ...org.draft(), revision: 1 }), 403, 'NOT_AUTHOR');
  await expectRefused(
    await as(app, s.zhang).put(`/api/items/${id}`, { ...org.draft(), revision: 1 }),
    409,
    'NOT_EDITABLE',
  );
  await expectRefused(await as(app, s.liu).post('/api/items', org.draft()), 403, 'NO_ROLE'); // drafting is staff work
});

test('输入有误：400 指明字段，且不写入任何记录', async () => {
  const id = await draftAndSubmit();
  const before = await counts();
  const bad: [Record<string, unknown>, string][] = [
    [{ title: '' }, 'title'],
    [{ title: '标'.repeat(201) }, 'title'],
    [{ sectionId: 'no-such-section' }, 'sectionId'],
    [{ sectionId: org.otherSectionId, unitId: org.otherUnitId }, 'sectionId'],
    [{ channels: [{ channelId: org.otherSiteId, columnId: org.columnId }] }, 'channels.0.channelId'],
    [{ channels: [{ channelId: org.wechatId }, { channelId: org.siteId }] }, 'channels.1.columnId'],
    [{ channels: [] }, 'channels'],
    [{ itemType: 'repost' }, 'source'],
    [{ itemType: 'poem' }, 'itemType'],
    [{ publishAt: '明天上午' }, 'publishAt'],
    [{ body: { format: 'html', content: '<script>alert(1)</script>' } }, 'body.content'],
  ];
  for (const [over, field] of bad) {
    const res = await as(app, s.zhang).post('/api/items', { ...org.draft(), ...over });
    assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
    assert.equal(res.json().field, field, res.body);
  }
  const noAttest = await as(app, s.li).post(`/api/items/${id}/approve`, { level: 1, revision: 1, opinion: '同意' });
  assert.equal(noAttest.json().field, 'standardsAttested');
  assert.equal((await act('li', id, 1, { ...review, standardsAttested: false })).json().field, 'standardsAttested');
  assert.equal((await act('li', id, 1, { ...review, opinion: '意'.repeat(2001) })).json().field, 'opinion');
  assert.equal((await act('li', id, 1, { ...review, opinion: '   ' })).json().field, 'opinion');
  assert.equal((await act('li', id, 5)).json().field, 'level');
  assert.deepEqual(await counts(), before);
  assert.equal(await stageOf(id), 'level1');
});

test('未登录 401；稿件不存在 404', async () => {
  for (const res of [
    await as(app, null).get('/api/items?mine=1'),
    await as(app, null).post('/api/items', org.draft()),
    await as(app, null).get('/api/review-queue'),
    await as(app, null).post('/api/items/x/approve', { level: 1, revision: 1, ...review }),
  ]) {
    assert.equal(res.statusCode, 401);
  }
  await expectRefused(await as(app, s.li).get('/api/items/no-such-item'), 404, 'NOT_FOUND');
  await expectRefused(await act('li', 'no-such-item', 1), 404, 'NOT_FOUND');
  await expectRefused(await as(app, s.zhang).post('/api/items/no-such-item/submit', { revision: 1 }), 404, 'NOT_FOUND');
});

test('两人同时审核同一环节：恰好一人成功，另一人 409，只记一次', async () => {
  for (let round = 0; round < 3; round += 1) {
    const id = await draftAndSubmit();
    const results = await Promise.all([act('li', id, 1), act('sun', id, 1)]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409], results.map((r) => r.body).join('\n'));
    const loser = results.find((r) => r.statusCode === 409)!.json();
    assert.ok(['RACE', 'NOT_AT_LEVEL'].includes(loser.code), loser.code);
    assert.match(loser.message, /请刷新后查看/);
    const steps = (await as(app, s.liu).get(`/api/items/${id}/history`)).json().steps;
    assert.equal(steps.length, 1);
    assert.equal(await approvals(id), 1);
    assert.equal(await stageOf(id), 'level2');
  }
});

test('待审队列：只列出本人可审的稿件，审完即移出', async () => {
  const id = await draftAndSubmit();
  const inQueue = async (who: string) =>
    (await as(app, s[who]).get('/api/review-queue?limit=100')).json().items.some((i: { id: string }) => i.id === id);
  assert.deepEqual([await inQueue('li'), await inQueue('wang'), await inQueue('liu')], [true, false, false]);
  assert.equal((await act('li', id, 1)).statusCode, 200);
  assert.deepEqual(
    [await inQueue('li'), await inQueue('wang'), await inQueue('chen'), await inQueue('multi')],
    [false, true, false, true],
  );
  const mine = (await as(app, s.zhang).get('/api/items?mine=1&limit=100')).json().items;
  assert.ok(mine.some((i: { id: string; awaitingLevel: number }) => i.id === id && i.awaitingLevel === 2));
});
