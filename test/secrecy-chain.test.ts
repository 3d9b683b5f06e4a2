// 保密审查 end to end over HTTP, as the demo district's people (src/org/demo.ts): the four steps of 第八条 on the
// 三审 chain, each opinion of the secrecy office (公开, 部分公开 with the redacted text published, 免于公开, 需报审 and the
// answer), a blocking finding dismissed, and a jointly formed item waiting for its co-issuers' written consent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/app/server.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/org/demo.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../src/org/session-hook.ts';
import { listLedger } from '../src/platform/ledger/service.ts';
import { as, type Session } from './support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from './support/testdb.ts';

let deps: TestDeps;
let app: FastifyInstance;
const s: Record<string, Session> = {};
let kjj: { id: string; sectionId: string; siteId: string; columnId: string };
let fgwId: string;

before(async () => {
  deps = await createTestDeps();
  await loadDemo(deps);
  app = await buildServer(deps);
  for (const name of [
    'kjj.staff',
    'kjj.section',
    'kjj.secrecy',
    'kjj.leader',
    'fgw.leader',
    'fgw.secrecy',
    'inspector',
  ]) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: name, password: DEMO_PASSWORD },
    });
    assert.equal(res.statusCode, 200, res.body);
    s[name] = {
      cookies: { [SESSION_COOKIE]: res.cookies.find((c) => c.name === SESSION_COOKIE)!.value },
      headers: { [CSRF_HEADER]: res.json().csrfToken },
    };
  }
  const units = (await as(app, s.inspector).get('/api/units')).json();
  const unit = units.find((u: { name: string }) => u.name === '区科技局');
  fgwId = units.find((u: { name: string }) => u.name === '区发展改革委').id;
  const detail = (await as(app, s.inspector).get(`/api/units/${unit.id}`)).json();
  const site = detail.channels.find((c: { kind: string }) => c.kind === 'website');
  kjj = { id: unit.id, sectionId: detail.sections[0].id, siteId: site.id, columnId: site.columns[0].id };
});
after(async () => {
  await app.close();
  await deps.close();
});

const DISCLOSE = { opinion: 'disclose', basisIds: ['ogi-19', 'ogi-20'], reason: '属于应主动公开的工作动态' };
const review = (level: number) => ({
  level,
  revision: 1,
  opinion: '同意',
  proofreading: '已校对',
  standardsAttested: true,
  ...(level === 1 && { disclosure: { ...DISCLOSE, secrecyMatter: false } }),
  ...(level === 2 && { disclosure: DISCLOSE }),
});

async function ok(who: string, method: 'get' | 'post', url: string, payload?: unknown) {
  const res = method === 'get' ? await as(app, s[who]).get(url) : await as(app, s[who]).post(url, payload);
  assert.ok(res.statusCode < 300, `${who} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
}

async function refused(who: string, url: string, payload: unknown, status: number, code: string) {
  const res = await as(app, s[who]).post(url, payload);
  assert.equal(res.statusCode, status, res.body);
  assert.equal(res.json().code, code);
  assert.match(res.json().message, /[\u4e00-\u9fff]/);
  return res.json();
}

/** kjj.staff drafts; 一审 (kjj.staff, the unit allows it), 二审 (kjj.section): the item reaches the secrecy office. */
async function toSecrecy(content: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { id } = await ok('kjj.staff', 'post', '/api/items', {
    title: `保密审查测试 ${content.slice(0, 8)}`,
    sectionId: kjj.sectionId,
    channels: [{ channelId: kjj.siteId, columnId: kjj.columnId }],
    itemType: 'original',
    body: { format: 'text', content },
    ...extra,
  });
  await ok('kjj.staff', 'post', `/api/items/${id}/submit`, { revision: 1 });
  await ok('kjj.staff', 'post', `/api/items/${id}/approve`, review(1));
  assert.equal((await ok('kjj.section', 'post', `/api/items/${id}/approve`, review(2))).stage, 'secrecy');
  return id;
}

test('依据清单：保守国家秘密法与政府信息公开条例第十四、十五、十六条等', async () => {
  const bases = await ok('kjj.secrecy', 'get', '/api/secrecy/bases');
  assert.ok(
    bases.some((b: { law: string; article: string }) => b.law.includes('政府信息公开条例') && b.article === '第十四条'),
  );
  assert.ok(bases.some((b: { law: string }) => b.law.includes('保守国家秘密法')));
  assert.equal((await as(app, null).get('/api/secrecy/bases')).statusCode, 401);
});

test('部分公开：保密员标出不予公开的内容，分管领导审定脱密文本，发布的只是脱密文本', async () => {
  const body = '区科技局将于3月在某某保密基地召开项目评审会。会议面向全区科技企业。';
  const id = await toSecrecy(body);
  const url = `/api/items/${id}/secrecy/opinion`;
  assert.deepEqual(
    (await ok('kjj.secrecy', 'get', '/api/secrecy/queue')).review.map((e: { itemId: string; dueOn: string }) => [
      e.itemId,
      e.dueOn,
    ]),
    [[id, '2026-03-16']],
  );
  await refused('kjj.leader', `/api/items/${id}/approve`, review(3), 409, 'NOT_AT_LEVEL');
  await refused('kjj.section', url, { revision: 1, ...DISCLOSE }, 403, 'NO_ROLE');
  await refused('fgw.secrecy', url, { revision: 1, ...DISCLOSE }, 403, 'NOT_VISIBLE');
  assert.equal(
    (
      await refused(
        'kjj.secrecy',
        url,
        { revision: 1, opinion: 'partial', basisIds: ['qj-14'], reason: '涉及保密场所' },
        400,
        'INVALID_INPUT',
      )
    ).field,
    'spans',
  );
  assert.equal(
    (
      await refused(
        'kjj.secrecy',
        url,
        { revision: 1, opinion: 'partial', basisIds: ['qj-14'], spans: [{ start: 9, end: 15 }] },
        400,
        'INVALID_INPUT',
      )
    ).field,
    'reason',
  );
  const start = body.indexOf('某某保密基地');
  const record = await ok('kjj.secrecy', 'post', url, {
    revision: 1,
    opinion: 'partial',
    basisIds: ['qj-14', 'ogi-37'],
    reason: '会议地点属于保密场所',
    spans: [{ start, end: start + 6 }],
  });
  assert.equal(record.stage, 'level3');
  assert.equal(
    record.redaction.redactedText,
    '区科技局将于3月在（此处不予公开）召开项目评审会。会议面向全区科技企业。',
  );
  assert.equal(record.redaction.originalText, body);
  await refused('kjj.secrecy', url, { revision: 1, ...DISCLOSE }, 409, 'NOT_AT_SECRECY');

  const seenByLeader = await ok('kjj.leader', 'get', `/api/items/${id}/secrecy`);
  assert.equal(seenByLeader.redaction.redactedText, record.redaction.redactedText); // what 三审 approves
  assert.equal((await ok('kjj.leader', 'post', `/api/items/${id}/approve`, review(3))).stage, 'published');
  const published = await ok('inspector', 'get', `/api/items/${id}/published`);
  assert.equal(published.text, 'redacted');
  assert.ok(!published.bodyText.includes('保密基地') && !published.html.includes('保密基地'));
  const history = await ok('kjj.staff', 'get', `/api/items/${id}/history`);
  assert.deepEqual(
    history.disclosure.map((o: { step: string; opinion: string }) => `${o.step}:${o.opinion}`),
    ['level1:disclose', 'level2:disclose', 'secrecy:partial'],
  );
  assert.ok(history.publications.every((p: { text: string }) => p.text === 'redacted'));
  assert.deepEqual(
    (await listLedger(deps.db, { subject: `item:${id}` })).map((e) => e.action).filter((a) => a.startsWith('secrecy.')),
    ['secrecy.opinion', 'secrecy.redact'],
  );
});

test('需报审 → 答复后继续；免于公开 → 终结不发布；密级标志须先排除才能“公开”', async () => {
  const referred = await toSecrecy('关于某重点项目选址论证情况的通报。');
  const r = await ok('kjj.secrecy', 'post', `/api/items/${referred}/secrecy/opinion`, {
    revision: 1,
    opinion: 'refer',
    basisIds: ['qj-10', 'ogi-17'],
    reason: '是否属于国家秘密不明确',
    referral: { authority: '区国家保密局', referenceNo: '綦科报〔2026〕5号' },
  });
  assert.equal(r.stage, 'referred');
  const resumed = await ok('kjj.secrecy', 'post', `/api/items/${referred}/secrecy/resume`, {
    revision: 1,
    answer: '经区国家保密局确定，不属于国家秘密',
    answerRef: '綦保〔2026〕2号',
    decision: DISCLOSE,
  });
  assert.equal(resumed.stage, 'level3');
  assert.deepEqual(
    resumed.receipts.map((x: { state: string; authority: string }) => [x.state, x.authority]),
    [['resumed', '区国家保密局']],
  );

  const exempt = await toSecrecy('关于机关内部人事调整的工作安排。');
  assert.equal(
    (
      await ok('kjj.secrecy', 'post', `/api/items/${exempt}/secrecy/opinion`, {
        revision: 1,
        opinion: 'exempt',
        basisIds: ['ogi-16-1'],
        reason: '属于内部人事管理信息',
      })
    ).stage,
    'withheld',
  );
  await refused('kjj.leader', `/api/items/${exempt}/approve`, review(3), 409, 'NOT_AT_LEVEL');

  const marked = await toSecrecy('机密★1年\n关于项目评审安排的通知。');
  const blocked = await refused(
    'kjj.secrecy',
    `/api/items/${marked}/secrecy/opinion`,
    { revision: 1, ...DISCLOSE },
    422,
    'UNRESOLVED_FINDINGS',
  );
  assert.match(blocked.message, /存在未处理的密级标志或个人信息/);
  const [finding] = (await ok('kjj.secrecy', 'get', `/api/items/${marked}/secrecy`)).findings;
  assert.equal(finding.category, 'secrecy');
  const listed = (await ok('kjj.secrecy', 'get', `/api/items/${marked}/findings`)).findings.filter(
    (f: { kind: string }) => f.kind === 'secrecy',
  );
  type Listed = { id: string; dismisser: string; canDismiss: boolean };
  assert.deepEqual(
    listed.map((f: Listed) => [f.id, f.dismisser, f.canDismiss]),
    [[finding.id, 'secrecyOffice', true]],
  ); // one list: the item's findings say who may dismiss each
  const dismiss = `/api/items/${marked}/findings/${finding.id}/dismiss`;
  await refused('kjj.leader', dismiss, { reason: '已解密' }, 403, 'NO_ROLE');
  const dismissed = await ok('kjj.secrecy', 'post', dismiss, { reason: '该件已于2025年解密，标志系历史遗留' });
  assert.deepEqual(
    dismissed.findings
      .filter((f: { id: string }) => f.id === finding.id)
      .map((f: { status: string; canDismiss: boolean }) => [f.status, f.canDismiss]),
    [['dismissed', false]],
  );
  assert.equal(
    (await ok('kjj.secrecy', 'post', `/api/items/${marked}/secrecy/opinion`, { revision: 1, ...DISCLOSE })).stage,
    'level3',
  );
});

test('多机关共同形成：缺少书面同意不能审定；共同发文单位领导在系统中同意，或上传同意函', async () => {
  const id = await toSecrecy('区科技局、区发展改革委联合开展科技型企业培育工作。', { coIssuerUnitIds: [fgwId] });
  await ok('kjj.secrecy', 'post', `/api/items/${id}/secrecy/opinion`, { revision: 1, ...DISCLOSE });
  const blocked = await refused('kjj.leader', `/api/items/${id}/approve`, review(3), 422, 'CONSENT_MISSING');
  assert.match(blocked.message, /区发展改革委书面同意/);

  assert.equal((await as(app, s['fgw.leader']).get(`/api/items/${id}`)).statusCode, 200); // reads what it consents to
  assert.deepEqual(
    (await ok('fgw.leader', 'get', '/api/secrecy/queue')).consent.map((e: { itemId: string }) => e.itemId),
    [id],
  );
  const upload = await as(app, s['kjj.staff']).upload(
    `/api/items/${id}/secrecy/consents/upload`,
    { revision: '1', unitId: fgwId, note: '发改委复函' },
    { name: '同意函.pdf', content: Buffer.from('%PDF-1.4 同意公开') },
  );
  assert.equal(upload.statusCode, 200, upload.body);
  assert.deepEqual(
    upload.json().coIssuers.map((c: { consented: boolean }) => c.consented),
    [true],
  );
  await refused('fgw.leader', `/api/items/${id}/secrecy/consents`, { revision: 1 }, 409, 'ALREADY_CONSENTED');
  assert.equal((await ok('kjj.leader', 'post', `/api/items/${id}/approve`, review(3))).stage, 'published');

  const inApp = await toSecrecy('两单位联合发布科技政策解读。', { coIssuerUnitIds: [fgwId] });
  const agreed = await ok('fgw.leader', 'post', `/api/items/${inApp}/secrecy/consents`, {
    revision: 1,
    note: '同意公开',
  });
  assert.deepEqual(
    agreed.consents.map((c: { kind: string; unitId: string }) => [c.kind, c.unitId]),
    [['approval', fgwId]],
  );
  const [entry] = await listLedger(deps.db, { subject: `item:${inApp}`, action: 'secrecy.consent' });
  assert.equal(entry.unit_id, fgwId);
});
