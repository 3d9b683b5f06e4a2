// 三审三校 end to end over HTTP, logged in as different people: a normal item, a major item (主要领导审定), a return
// and resubmission (new revision, chain restarts), a scheduled publication, and .docx import.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listLedger } from '../src/platform/ledger/service.ts';
import {
  as,
  buildDocx,
  DISCLOSE,
  disclosureAt,
  openPublishApp,
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
    ({ deps, app, org, s, close } = await openPublishApp(['zhang', 'li', 'wang', 'bao', 'liu', 'zhou', 'admin'])),
);
after(() => close());

const review = { opinion: '同意', proofreading: '已校对标题、日期和人名', standardsAttested: true };
const ledgerOf = async (id: string) =>
  (await listLedger(deps.db, { subject: `item:${id}` })).map((e) => `${e.action}/${e.role}/${e.actor_name}`);

async function draftAndSubmit(over: Record<string, unknown> = {}): Promise<string> {
  const created = await as(app, s.zhang).post('/api/items', { ...org.draft(), ...over });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id;
  const submitted = await as(app, s.zhang).post(`/api/items/${id}/submit`, { revision: 1 });
  assert.equal(submitted.statusCode, 200, submitted.body);
  assert.equal(submitted.json().stage, 'level1');
  return id;
}

async function approve(who: string, id: string, level: number, revision = 1) {
  const res = await as(app, s[who]).post(`/api/items/${id}/approve`, {
    level,
    revision,
    ...review,
    disclosure: disclosureAt(level),
  });
  assert.equal(res.statusCode, 200, `${who} L${level}: ${res.body}`);
  return res.json();
}

/** 二审 leads to the secrecy office's step (保密审查); its 公开 opinion leads on to 三审. */
async function passSecrecy(id: string, revision = 1) {
  const res = await as(app, s.bao).post(`/api/items/${id}/secrecy/opinion`, { revision, ...DISCLOSE });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().stage, 'level3');
}

test('一般稿件：起草 → 一审 → 二审 → 三审 → 立即发布到所选渠道，台账逐步留痕', async () => {
  const id = await draftAndSubmit();
  const seenByLi = (await as(app, s.li).get(`/api/items/${id}`)).json();
  assert.deepEqual(seenByLi.abilities, { canApprove: true, canReturn: true, canEdit: false, canSubmit: false });
  assert.equal((await as(app, s.wang).get(`/api/items/${id}`)).json().abilities.canApprove, false); // not at 二审 yet

  assert.equal((await approve('li', id, 1)).stage, 'level2');
  assert.equal((await approve('wang', id, 2)).stage, 'secrecy');
  await passSecrecy(id);
  const done = await approve('liu', id, 3);
  assert.equal(done.stage, 'published');
  assert.equal(done.publishedAt, deps.clock.now().toISOString());

  const history = (await as(app, s.zhang).get(`/api/items/${id}/history`)).json();
  assert.deepEqual(
    history.steps.map(
      (x: { level: number; reviewer: { name: string }; decision: string; standardsAttested: boolean }) => [
        x.level,
        x.reviewer.name,
        x.decision,
        x.standardsAttested,
      ],
    ),
    [
      [1, '李一审', 'approve', true],
      [2, '王科长', 'approve', true],
      [3, '刘分管', 'approve', true],
    ],
  );
  assert.equal(history.steps[0].proofreading, review.proofreading);
  assert.deepEqual(
    history.publications.map((p: { channelId: string; columnId: string | null }) => [p.channelId, p.columnId]).sort(),
    [
      [org.siteId, org.columnId],
      [org.wechatId, null],
    ].sort(),
  );
  assert.deepEqual(await ledgerOf(id), [
    'publish.draft/staff/张承办',
    'publish.submit/staff/张承办',
    'publish.approve/staff/李一审',
    'publish.approve/sectionHead/王科长',
    'secrecy.opinion/secrecy/鲍保密',
    'publish.approve/leader/刘分管',
    'publish.publish/leader/刘分管',
  ]);
  const entries = await listLedger(deps.db, { subject: `item:${id}` });
  assert.ok(entries.every((e) => e.unit_id === org.unitId));
  assert.deepEqual(JSON.parse(entries[5].payload), {
    itemId: id,
    revision: 1,
    level: 3,
    from: 'level3',
    to: 'published',
    opinion: '同意',
    proofreading: review.proofreading,
    standardsAttested: true,
    text: 'full',
  });
});

test('重大事项：三审后须主要领导审定，分管领导不能代替', async () => {
  const id = await draftAndSubmit({ major: true });
  await approve('li', id, 1);
  await approve('wang', id, 2);
  await passSecrecy(id);
  assert.equal((await approve('liu', id, 3)).stage, 'level4');
  const byLeader = await as(app, s.liu).post(`/api/items/${id}/approve`, { level: 4, revision: 1, ...review });
  assert.equal(byLeader.statusCode, 403);
  assert.equal(byLeader.json().code, 'NO_ROLE');
  const done = await approve('zhou', id, 4);
  assert.equal(done.stage, 'published');
  assert.deepEqual((await ledgerOf(id)).slice(-2), [
    'publish.approve/principal/周局长',
    'publish.publish/principal/周局长',
  ]);
});

test('退回修改：新版本使原审核失效，重新提交后从一审开始；历史含逐字差异', async () => {
  const id = await draftAndSubmit();
  await approve('li', id, 1);
  const returned = await as(app, s.wang).post(`/api/items/${id}/return`, {
    level: 2,
    revision: 1,
    opinion: '会议日期有误，请核实',
  });
  assert.equal(returned.statusCode, 200, returned.body);
  assert.equal(returned.json().stage, 'returned');
  assert.deepEqual(returned.json().abilities, {
    canApprove: false,
    canReturn: false,
    canEdit: false,
    canSubmit: false,
  });

  const unchanged = await as(app, s.zhang).post(`/api/items/${id}/submit`, { revision: 1 });
  assert.equal(unchanged.statusCode, 409);
  assert.equal(unchanged.json().code, 'NOT_REVISED');

  const edited = await as(app, s.zhang).put(`/api/items/${id}`, {
    ...org.draft({
      body: { format: 'text', content: '3月3日，区科技局召开科技创新工作会议。\n会议部署了全年重点工作。' },
    }),
    revision: 1,
  });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal(edited.json().revision, 2);
  assert.equal(edited.json().stage, 'returned');
  assert.equal((await as(app, s.zhang).post(`/api/items/${id}/submit`, { revision: 2 })).json().stage, 'level1');

  const skip = await as(app, s.wang).post(`/api/items/${id}/approve`, {
    level: 2,
    revision: 2,
    ...review,
    disclosure: disclosureAt(2),
  });
  assert.equal(skip.statusCode, 409); // the earlier 一审 was of revision 1: 一审 again first
  assert.equal(skip.json().code, 'NOT_AT_LEVEL');
  await approve('li', id, 1, 2); // li approved revision 1 at 一审; revision 2 is a new text
  const stale = await as(app, s.wang).post(`/api/items/${id}/approve`, {
    level: 2,
    revision: 1,
    ...review,
    disclosure: disclosureAt(2),
  });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().code, 'STALE_REVISION');
  await approve('wang', id, 2, 2);
  await passSecrecy(id, 2);
  assert.equal((await approve('liu', id, 3, 2)).stage, 'published');

  const history = (await as(app, s.liu).get(`/api/items/${id}/history`)).json();
  assert.deepEqual(
    history.revisions.map((r: { number: number; createdBy: { name: string } }) => [r.number, r.createdBy.name]),
    [
      [1, '张承办'],
      [2, '张承办'],
    ],
  );
  assert.deepEqual(
    history.revisions[1].diff.filter((d: { op: string }) => d.op !== 'equal'),
    [
      { op: 'delete', text: '2' },
      { op: 'insert', text: '3' },
    ],
  );
  assert.deepEqual(history.revisions[0].diff, [
    { op: 'insert', text: '3月2日，区科技局召开科技创新工作会议。\n会议部署了全年重点工作。' },
  ]);
  assert.deepEqual(
    history.steps.map(
      (x: { revision: number; level: number; decision: string }) => `${x.revision}.${x.level}.${x.decision}`,
    ),
    ['1.1.approve', '1.2.return', '2.1.approve', '2.2.approve', '2.3.approve'],
  );
  assert.equal(history.steps[1].opinion, '会议日期有误，请核实');
  assert.equal(
    history.publications.every((p: { revision: number }) => p.revision === 2),
    true,
  );
  assert.ok((await ledgerOf(id)).includes('publish.edit/staff/张承办'));
});

test('定时发布：审定后等待，时间到且定时任务运行后才发布；重复运行不重复发布', async () => {
  const publishAt = new Date(deps.clock.now().getTime() + 2 * 3600_000).toISOString();
  const id = await draftAndSubmit({ publishAt });
  await approve('li', id, 1);
  await approve('wang', id, 2);
  await passSecrecy(id);
  assert.equal((await approve('liu', id, 3)).stage, 'approved');

  assert.equal((await as(app, s.liu).post('/api/publish/run-due')).statusCode, 403);
  assert.deepEqual((await as(app, s.admin).post('/api/publish/run-due')).json(), { published: [] });
  deps.clock.advance(2 * 3600_000 - 1000);
  assert.deepEqual((await as(app, s.admin).post('/api/publish/run-due')).json(), { published: [] });
  deps.clock.advance(1000);
  assert.deepEqual((await as(app, s.admin).post('/api/publish/run-due')).json(), { published: [id] });
  assert.deepEqual((await as(app, s.admin).post('/api/publish/run-due')).json(), { published: [] });

  const item = (await as(app, s.zhang).get(`/api/items/${id}`)).json();
  assert.equal(item.stage, 'published');
  assert.equal(item.publishedAt, publishAt);
  assert.equal((await as(app, s.zhang).get(`/api/items/${id}/history`)).json().publications.length, 2);
  assert.deepEqual((await ledgerOf(id)).slice(-1), ['publish.publish//系统']);
});

test('导入 Word：.docx 成为草稿（标题取首行），再导入形成新版本；非 Word 文件 400 且不留记录', async () => {
  const fields = {
    sectionId: org.sectionId,
    channels: JSON.stringify([{ channelId: org.wechatId }]),
    itemType: 'original',
  };
  const docx = await buildDocx([
    '关于开展科技活动周的通知',
    '各镇街：现将有关事项通知如下。',
    '<script>不应执行</script>',
  ]);
  const created = await as(app, s.zhang).upload('/api/items/import', fields, { name: '通知.docx', content: docx });
  assert.equal(created.statusCode, 201, created.body);
  const item = created.json();
  assert.equal(item.title, '关于开展科技活动周的通知');
  assert.equal(item.body.format, 'docx');
  assert.equal(
    item.body.html,
    '<p>关于开展科技活动周的通知</p><p>各镇街：现将有关事项通知如下。</p><p>&lt;script&gt;不应执行&lt;/script&gt;</p>',
  );

  const v2 = await buildDocx(['关于开展科技活动周的通知', '各镇街：现将有关事项通知如下，请认真贯彻。']);
  const revised = await as(app, s.zhang).upload(
    `/api/items/${item.id}/revisions/import`,
    { revision: '1' },
    { name: 'v2.docx', content: v2 },
  );
  assert.equal(revised.statusCode, 200, revised.body);
  assert.equal(revised.json().revision, 2);
  assert.deepEqual(revised.json().channels, [{ channelId: org.wechatId, columnId: null }]);
  const diff = (await as(app, s.zhang).get(`/api/items/${item.id}/history`)).json().revisions[1].diff;
  assert.ok(diff.some((d: { op: string; text: string }) => d.op === 'insert' && d.text.includes('请认真贯彻')));

  const before = (await listLedger(deps.db, {})).length;
  const notZip = await as(app, s.zhang).upload('/api/items/import', fields, {
    name: 'a.docx',
    content: Buffer.from('这不是 Word 文件'),
  });
  assert.equal(notZip.statusCode, 400);
  assert.equal(notZip.json().field, 'file');
  const badChannels = await as(app, s.zhang).upload(
    '/api/items/import',
    { ...fields, channels: '[{' },
    { name: 'b.docx', content: docx },
  );
  assert.equal(badChannels.statusCode, 400);
  assert.equal(badChannels.json().field, 'channels');
  const notMultipart = await as(app, s.zhang).post('/api/items/import', { sectionId: org.sectionId });
  assert.equal(notMultipart.statusCode, 400);
  assert.equal(notMultipart.json().field, 'file');
  assert.equal((await listLedger(deps.db, {})).length, before);
});

test('上传超过大小限制：413，不留记录', async () => {
  const small = await openPublishApp(['zhang'], { GONGKAI_MAX_UPLOAD_MB: '0.1' });
  try {
    const fields = { sectionId: small.org.sectionId, channels: JSON.stringify([{ channelId: small.org.wechatId }]) };
    // incompressible
    const big = await buildDocx(Array.from({ length: 3000 }, () => randomBytes(64).toString('base64')));
    assert.ok(big.length > 0.1 * 1024 * 1024, `test docx is only ${big.length} bytes`);
    const res = await as(small.app, small.s.zhang).upload('/api/items/import', fields, {
      name: 'big.docx',
      content: big,
    });
    assert.equal(res.statusCode, 413, res.body);
    assert.equal((await listLedger(small.deps.db, { action: 'publish.draft' })).length, 0);
  } finally {
    await small.close();
  }
});
