// The secrecy office's step against a real database (SQLite, or PostgreSQL with GONGKAI_TEST_DB=postgres): each
// opinion, referral and resume, 脱密 redaction and what is published, blocking findings, separation of duties.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildPublishOrg, DISCLOSE, disclosureAt, type PublishOrg } from '../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { createUser } from '../org/service.ts';
import { listLedger } from '../platform/ledger/service.ts';
import {
  approvedTextsOf,
  approveItem,
  draftItem,
  editItem,
  getHistory,
  getItem,
  getPublishedBody,
  giveOpinion,
  recordLiveUrl,
  resumeReferral,
  returnForRevision,
  submitItem,
} from '../publish/service.ts';
import { dismissFinding } from '../publish/findings-service.ts';
import { PLACEHOLDER } from './model.ts';
import { getSecrecyRecord } from './service.ts';

let deps: TestDeps;
let org: PublishOrg;
before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
});
after(() => deps.close());

const BODY = '3月2日，区科技局召开科技创新工作会议。联系人身份证号：110101199003074258。会议部署了全年重点工作。';
const review = { opinion: '同意', proofreading: '', standardsAttested: true };

/** An item of zhang's, approved at 一审 (li) and 二审 (wang): it waits at the secrecy step. */
async function atSecrecy(
  content = '3月2日，区科技局召开科技创新工作会议。会议部署了全年重点工作。',
  over = {},
): Promise<string> {
  const zhang = await org.actor('zhang');
  const item = await draftItem(deps, zhang, org.draft({ body: { format: 'text', content }, ...over }));
  await submitItem(deps, zhang, { itemId: item.id, revision: 1 });
  await approveItem(deps, await org.actor('li'), {
    itemId: item.id,
    level: 1,
    revision: 1,
    ...review,
    disclosure: disclosureAt(1),
  });
  const at = await approveItem(deps, await org.actor('wang'), {
    itemId: item.id,
    level: 2,
    revision: 1,
    ...review,
    disclosure: disclosureAt(2),
  });
  assert.equal(at.stage, 'secrecy');
  return item.id;
}

const opinion = async (who: string, itemId: string, over: Record<string, unknown> = {}, revision = 1) =>
  giveOpinion(deps, await org.actor(who), { itemId, revision, ...DISCLOSE, basisIds: [...DISCLOSE.basisIds], ...over });
const actions = async (id: string) => (await listLedger(deps.db, { subject: `item:${id}` })).map((e) => e.action);

test('公开：进入三审；收到日期与期限（10 个工作日）记录在案；一、二审意见留痕', async () => {
  const id = await atSecrecy();
  const before = await getSecrecyRecord(deps, await org.actor('bao'), id);
  assert.deepEqual(
    before.receipts.map((r) => [r.state, r.receivedOn, r.dueOn]),
    [['open', '2026-03-02', '2026-03-16']],
  );
  assert.deepEqual(before.abilities, {
    canGiveOpinion: true,
    canResume: false,
    canDismissFindings: true,
    canConsent: false,
    canFileConsent: false,
  });
  const after = await opinion('bao', id);
  assert.equal(after.stage, 'level3');
  assert.deepEqual(
    after.opinions.map((o) => [o.step, o.opinion, o.actorName]),
    [
      ['level1', 'disclose', '李一审'],
      ['level2', 'disclose', '王科长'],
      ['secrecy', 'disclose', '鲍保密'],
    ],
  );
  assert.equal(after.opinions[0].secrecyMatter, false);
  assert.equal(after.receipts[0].state, 'answered');
  assert.deepEqual((await actions(id)).slice(-2), ['publish.approve', 'secrecy.opinion']);
  const done = await approveItem(deps, await org.actor('liu'), { itemId: id, level: 3, revision: 1, ...review });
  assert.equal(done.stage, 'published');
  assert.equal((await getPublishedBody(deps, await org.actor('zhang'), id)).text, 'full');
});

test('一、二审须提出公开属性意见，缺项 400 指明字段且不改变状态', async () => {
  const zhang = await org.actor('zhang');
  const item = await draftItem(deps, zhang, org.draft());
  await submitItem(deps, zhang, { itemId: item.id, revision: 1 });
  const li = await org.actor('li');
  await assert.rejects(approveItem(deps, li, { itemId: item.id, level: 1, revision: 1, ...review }), {
    status: 400,
    field: 'disclosure',
  });
  await assert.rejects(
    approveItem(deps, li, {
      itemId: item.id,
      level: 1,
      revision: 1,
      ...review,
      disclosure: { ...DISCLOSE, basisIds: [...DISCLOSE.basisIds] },
    }),
    { status: 400, field: 'disclosure.secrecyMatter' },
  );
  await assert.rejects(
    approveItem(deps, li, {
      itemId: item.id,
      level: 1,
      revision: 1,
      ...review,
      disclosure: { opinion: 'disclose', secrecyMatter: false, basisIds: ['ogi-19'] },
    }),
    { status: 400, field: 'disclosure.reason' },
  );
  assert.equal((await getItem(deps, zhang, item.id)).stage, 'level1');
});

test('免于公开：稿件终结为“免于公开”，不能再修改或提交；理由在历史和台账中', async () => {
  const id = await atSecrecy();
  const r = await opinion('bao', id, { opinion: 'exempt', basisIds: ['ogi-16-1'], reason: '属于内部工作流程信息' });
  assert.equal(r.stage, 'withheld');
  const zhang = await org.actor('zhang');
  await assert.rejects(submitItem(deps, zhang, { itemId: id, revision: 1 }), { status: 409, code: 'NOT_SUBMITTABLE' });
  await assert.rejects(editItem(deps, zhang, { itemId: id, revision: 1, ...org.draft() }), {
    status: 409,
    code: 'NOT_EDITABLE',
  });
  const history = await getHistory(deps, zhang, id);
  assert.deepEqual(history.disclosure.at(-1), {
    ...history.disclosure.at(-1),
    step: 'secrecy',
    opinion: 'exempt',
    basisIds: ['ogi-16-1'],
    reason: '属于内部工作流程信息',
  });
  const [entry] = await listLedger(deps.db, { subject: `item:${id}`, action: 'secrecy.opinion' });
  assert.equal(JSON.parse(entry.payload).to, 'withheld');
  assert.equal(JSON.parse(entry.payload).reason, '属于内部工作流程信息');
});

test('需报审：记录报审机关和文号，稿件等待；登记答复后回到保密审查（重新计时）或按答复继续', async () => {
  const id = await atSecrecy();
  await assert.rejects(opinion('bao', id, { opinion: 'refer', referral: { authority: '区国家保密局' } }), {
    status: 400,
    field: 'referral.referenceNo',
  });
  const referred = await opinion('bao', id, {
    opinion: 'refer',
    basisIds: ['qj-10'],
    reason: '密级不明确',
    referral: { authority: '区国家保密局', referenceNo: '綦科报〔2026〕3号' },
  });
  assert.equal(referred.stage, 'referred');
  assert.deepEqual(
    [referred.receipts[0].state, referred.receipts[0].authority, referred.receipts[0].referenceNo],
    ['referred', '区国家保密局', '綦科报〔2026〕3号'],
  );
  await assert.rejects(opinion('bao', id), { status: 409, code: 'NOT_AT_SECRECY' });
  deps.clock.advance(7 * 24 * 3600_000);
  const bao = await org.actor('bao');
  await assert.rejects(resumeReferral(deps, bao, { itemId: id, revision: 1, answer: '' }), {
    status: 400,
    field: 'answer',
  });
  const back = await resumeReferral(deps, bao, {
    itemId: id,
    revision: 1,
    answer: '经确定不属于国家秘密',
    answerRef: '綦保函〔2026〕8号',
  });
  assert.equal(back.stage, 'secrecy');
  assert.deepEqual(
    back.receipts.map((r) => [r.state, r.receivedOn, r.dueOn]),
    [
      ['resumed', '2026-03-02', '2026-03-16'],
      ['open', '2026-03-09', '2026-03-23'],
    ],
  );
  assert.equal(back.receipts[0].answer, '经确定不属于国家秘密');
  assert.equal((await opinion('bao', id)).stage, 'level3'); // the same office answers after resuming
  assert.deepEqual(
    (await actions(id)).filter((a) => a.startsWith('secrecy.')),
    ['secrecy.refer', 'secrecy.resume', 'secrecy.opinion'],
  );

  const other = await atSecrecy();
  await opinion('bao', other, {
    opinion: 'refer',
    referral: { authority: '市国家保密局', referenceNo: '綦科报〔2026〕4号' },
  });
  const settled = await resumeReferral(deps, bao, {
    itemId: other,
    revision: 1,
    answer: '属于工作秘密，不予公开',
    decision: { opinion: 'exempt', basisIds: ['ogi-14'], reason: '经市国家保密局确定不予公开' },
  });
  assert.equal(settled.stage, 'withheld');
});

test('部分公开：标出不予公开的范围，生成脱密文本；三审审定后只发布脱密文本，两份文本和范围都保留', async () => {
  const id = await atSecrecy(BODY);
  const start = BODY.indexOf('联系人');
  const end = BODY.indexOf('。', start) + 1;
  await assert.rejects(opinion('bao', id, { opinion: 'partial' }), { status: 400, field: 'spans' });
  await assert.rejects(opinion('bao', id, { opinion: 'partial', spans: [{ start: 0, end: 999 }] }), {
    status: 400,
    field: 'spans.0',
  });
  const r = await opinion('bao', id, {
    opinion: 'partial',
    basisIds: ['ogi-15', 'qj-14'],
    reason: '含个人身份信息',
    spans: [{ start, end }],
  });
  assert.equal(r.stage, 'level3');
  assert.equal(r.redaction?.originalText, BODY);
  assert.equal(r.redaction?.redactedText, BODY.slice(0, start) + PLACEHOLDER + BODY.slice(end));
  assert.deepEqual(
    r.findings.map((f) => f.status),
    ['redacted'],
  ); // the ID number is withheld by the span
  await approveItem(deps, await org.actor('liu'), { itemId: id, level: 3, revision: 1, ...review });
  const published = await getPublishedBody(deps, await org.actor('zhang'), id);
  assert.equal(published.text, 'redacted');
  assert.ok(!published.bodyText.includes('110101199003074258') && !published.html.includes('110101199003074258'));
  assert.ok(published.bodyText.includes(PLACEHOLDER));
  assert.ok((await getHistory(deps, await org.actor('zhang'), id)).publications.every((p) => p.text === 'redacted'));
  const [publish] = await listLedger(deps.db, { subject: `item:${id}`, action: 'publish.publish' });
  assert.equal(JSON.parse(publish.payload).text, 'redacted');
  const [redact] = await listLedger(deps.db, { subject: `item:${id}`, action: 'secrecy.redact' });
  assert.ok(!redact.payload.includes('110101199003074258'), '被隐去的内容不进入台账');
  // 读网值班 compares the live page with the redacted text, the only one that may ever be online.
  const live = `https://kjj.example.gov.cn/art/2026/3/2/art_${id}.html`;
  await recordLiveUrl(deps, await org.actor('zhang'), id, { channelId: org.siteId, url: live });
  assert.equal((await approvedTextsOf(deps, org.unitId))[live], r.redaction?.redactedText);
});

test('密级标志或个人信息未处理时不能“公开”（422）；排除须说明理由；修改后的新版本不再有该发现', async () => {
  const id = await atSecrecy(BODY);
  await assert.rejects(opinion('bao', id), {
    status: 422,
    code: 'UNRESOLVED_FINDINGS',
    message: /存在未处理的密级标志或个人信息.*不能提出"公开"意见/,
  });
  const bao = await org.actor('bao');
  const [finding] = (await getSecrecyRecord(deps, bao, id)).findings;
  assert.equal(finding.rule, 'pii.id-card');
  const wang = await org.actor('wang');
  await assert.rejects(dismissFinding(deps, wang, { itemId: id, findingId: finding.id, reason: '示例号码' }), {
    status: 403,
  });
  await assert.rejects(dismissFinding(deps, bao, { itemId: id, findingId: finding.id, reason: ' ' }), {
    status: 400,
    field: 'reason',
  });
  // fixed instead: the office returns it, the author removes the number, the chain restarts on revision 2
  const returned = await returnForRevision(deps, bao, { itemId: id, revision: 1, reason: '请删除身份证号' });
  assert.equal(returned.stage, 'returned');
  const zhang = await org.actor('zhang');
  await assert.rejects(submitItem(deps, zhang, { itemId: id, revision: 1 }), { status: 409, code: 'NOT_REVISED' });
  await editItem(deps, zhang, {
    itemId: id,
    revision: 1,
    ...org.draft({ body: { format: 'text', content: BODY.replace(/联系人[^。]*。/, '') } }),
  });
  await submitItem(deps, zhang, { itemId: id, revision: 2 });
  await approveItem(deps, await org.actor('sun'), {
    itemId: id,
    level: 1,
    revision: 2,
    ...review,
    disclosure: disclosureAt(1),
  });
  await approveItem(deps, await org.actor('zhao'), {
    itemId: id,
    level: 2,
    revision: 2,
    ...review,
    disclosure: disclosureAt(2),
  });
  const record = await getSecrecyRecord(deps, bao, id);
  assert.deepEqual(record.findings, []);
  assert.equal((await opinion('bao', id, {}, 2)).stage, 'level3');

  const dismissed = await atSecrecy(BODY);
  const [f] = (await getSecrecyRecord(deps, bao, dismissed)).findings;
  const after = await dismissFinding(deps, bao, { itemId: dismissed, findingId: f.id, reason: '系虚构的示例号码' });
  assert.deepEqual(
    after.findings.filter((x) => x.dismisser === 'secrecyOffice').map((x) => [x.status, x.reason, x.canDismiss]),
    [['dismissed', '系虚构的示例号码', false]],
  );
  assert.deepEqual(
    (await getSecrecyRecord(deps, bao, dismissed)).findings.map((x) => x.status),
    ['dismissed'],
  );
  await assert.rejects(dismissFinding(deps, bao, { itemId: dismissed, findingId: f.id, reason: '再次排除' }), {
    status: 409,
    code: 'ALREADY_RESOLVED',
  });
  assert.equal((await opinion('bao', dismissed)).stage, 'level3');
});

test('职责分离：保密审查人不得是起草人或同一版本的其他环节审核人；其他单位、其他角色 403', async () => {
  const both = await createUser(deps, 'system', {
    username: 'baoliu',
    displayName: '兼任领导的保密员',
    unitId: org.unitId,
    password: 'Publish2026',
    roles: ['secrecy', 'leader'],
  });
  const baoLiu = await (async () => {
    org.ids.baoliu = both.id;
    return org.actor('baoliu');
  })();
  const id = await atSecrecy();
  await assert.rejects(opinion('liu', id), { status: 403, code: 'NO_ROLE' });
  await assert.rejects(opinion('wu', id), { status: 403, code: 'NOT_VISIBLE' });
  await giveOpinion(deps, baoLiu, { itemId: id, revision: 1, ...DISCLOSE, basisIds: ['ogi-19'] });
  await assert.rejects(approveItem(deps, baoLiu, { itemId: id, level: 3, revision: 1, ...review }), {
    status: 403,
    code: 'SAME_PERSON',
  });
  assert.equal(
    (await approveItem(deps, await org.actor('liu'), { itemId: id, level: 3, revision: 1, ...review })).stage,
    'published',
  );

  const head = await createUser(deps, 'system', {
    username: 'wangbao',
    displayName: '兼任保密员的科长',
    unitId: org.unitId,
    password: 'Publish2026',
    roles: [{ role: 'sectionHead', sectionId: org.sectionId }, 'secrecy'],
  });
  org.ids.wangbao = head.id;
  const zhang = await org.actor('zhang');
  const item = await draftItem(deps, zhang, org.draft());
  await submitItem(deps, zhang, { itemId: item.id, revision: 1 });
  await approveItem(deps, await org.actor('li'), {
    itemId: item.id,
    level: 1,
    revision: 1,
    ...review,
    disclosure: disclosureAt(1),
  });
  await approveItem(deps, await org.actor('wangbao'), {
    itemId: item.id,
    level: 2,
    revision: 1,
    ...review,
    disclosure: disclosureAt(2),
  });
  await assert.rejects(opinion('wangbao', item.id), { status: 403, code: 'SAME_PERSON' });
  await assert.rejects(opinion('bao', item.id, {}, 2), { status: 409, code: 'STALE_REVISION' });
});
