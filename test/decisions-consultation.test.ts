// 预公开 of 重大行政决策 over HTTP (SQLite, and PostgreSQL under GONGKAI_TEST_DB=postgres): the 区发展改革委 publishes
// the draft of item 13 through 三审三校 + 保密审查, opens the window; the public comments on /yijian without login
// (challenge, CSRF, limits, rate limit); 智能校对 masks the personal data in what is public; the unit answers each
// comment and publishes the 意见收集和采纳情况, which the public page then shows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadDecisionsDemo } from '../src/decisions/demo.ts';
import { listLedger } from '../src/platform/ledger/service.ts';
import { type DemoApp, type DemoSession, openDemoApp } from './support/demo-app.ts';
import { publishDraftDecision } from './support/decisions-fixtures.ts';

let demo: DemoApp;
let fgw: DemoSession;
let kjj: DemoSession;
let itemId: string;
let draftId: string;

before(async () => {
  demo = await openDemoApp();
  demo.deps.clock.set('2026-03-02T02:00:00.000Z');
  await loadDecisionsDemo(demo.deps);
  [fgw, kjj] = await Promise.all(['fgw.staff', 'kjj.staff'].map(demo.loginAs));
  const catalogs = (await demo.app.inject({ url: '/api/decisions/catalogs', cookies: fgw.cookies })).json();
  const catalog = (
    await demo.app.inject({ url: `/api/decisions/catalogs/${catalogs[0].id}`, cookies: fgw.cookies })
  ).json();
  itemId = catalog.items.find((i: { seq: number }) => i.seq === 13).id;
  draftId = await publishDraftDecision(
    demo.deps,
    '区发展改革委',
    '关于公开征求《重庆市綦江区重大项目管理办法（征求意见稿）》意见的公告',
    '现将征求意见稿及起草说明全文公布，征求社会公众意见。\n起草说明：为规范重大项目管理，制定本办法。',
  );
});
after(() => demo.close());

const call = (s: DemoSession | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  demo.app.inject({ method, url, payload, cookies: s?.cookies, headers: s?.headers });
const act = (action: object) => call(fgw, 'POST', `/api/decisions/items/${itemId}/actions`, { action });

/** The public form as a browser sends it, from `address`, answering the page's sum (or `answer`). */
async function comment(
  fields: Record<string, string>,
  opts: { address?: string; answer?: string; headers?: object; cookies?: Record<string, string> } = {},
) {
  const page = await demo.app.inject({ url: `/yijian/${itemId}`, remoteAddress: opts.address });
  const token = /name="token" value="([^"]+)"/.exec(page.body)![1];
  const [, a, b] = /class="question">(\d+) \+ (\d+) = \?</.exec(page.body)!;
  const body = new URLSearchParams({ ...fields, token, answer: opts.answer ?? String(Number(a) + Number(b)) });
  return demo.app.inject({
    method: 'POST',
    url: `/yijian/${itemId}`,
    remoteAddress: opts.address,
    cookies: opts.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers },
    payload: body.toString(),
  });
}

test('预公开：征求意见稿须经三审三校发布；公众无需登录提交意见，验证、跨站、长度、频率均有限制', async () => {
  assert.equal(
    (await act({ kind: 'complete', step: 'launch', on: '2026-03-01', outcome: '经区政府同意启动' })).statusCode,
    200,
  );
  const noDraft = await act({ kind: 'openConsultation', opensOn: '2026-03-02', closesOn: '2026-04-01' });
  assert.equal(noDraft.statusCode, 400);
  const opened = await act({
    kind: 'openConsultation',
    opensOn: '2026-03-02',
    closesOn: '2026-04-01',
    draftItemId: draftId,
  });
  assert.equal(opened.statusCode, 200, opened.body);

  const list = await demo.app.inject({ url: '/yijian' });
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /重大项目管理办法/);
  const page = await demo.app.inject({ url: `/yijian/${itemId}` });
  assert.match(page.body, /起草说明：为规范重大项目管理/);
  assert.match(page.body, /2026年3月2日至2026年3月31日（30天）/);

  const ok = await comment({
    name: '张三',
    contact: '13900001111',
    text: '建议租金减免。本人手机13812345678，欢迎联系。',
  });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.match(ok.body, /第1条/);
  const wrong = await comment({ text: '第二条意见' }, { answer: '99' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /验证题答案不正确/);
  const empty = await comment({ text: '   ' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /请填写意见内容/);
  const long = await comment({ text: '长'.repeat(3001) });
  assert.equal(long.statusCode, 400);
  const forged = await comment({ text: '跨站提交' }, { headers: { origin: 'https://evil.example' } });
  assert.equal(forged.statusCode, 403);
  // An official signed in in the same browser posts the public form as anyone does (no API CSRF header needed).
  const signedIn = await comment({ text: '我也提一条意见' }, { address: '10.8.8.8', cookies: kjj.cookies });
  assert.equal(signedIn.statusCode, 201, signedIn.body);

  // A token is accepted once.
  const page2 = await demo.app.inject({ url: `/yijian/${itemId}`, remoteAddress: '10.9.9.9' });
  const token = /name="token" value="([^"]+)"/.exec(page2.body)![1];
  const [, a, b] = /class="question">(\d+) \+ (\d+) = \?</.exec(page2.body)!;
  const form = new URLSearchParams({ text: '同意', token, answer: String(Number(a) + Number(b)) }).toString();
  const post = () =>
    demo.app.inject({
      method: 'POST',
      url: `/yijian/${itemId}`,
      remoteAddress: '10.9.9.9',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });
  assert.equal((await post()).statusCode, 201);
  assert.match((await post()).body, /已过期或已使用/);
  for (let i = 0; i < 3; i++) await post();
  assert.equal((await post()).statusCode, 429, 'six posts from one address in ten minutes');

  // Nothing of the comments is public before the report; the 承办单位 alone reads the originals.
  assert.doesNotMatch((await demo.app.inject({ url: `/yijian/${itemId}` })).body, /租金减免/);
  assert.equal((await call(kjj, 'GET', `/api/decisions/items/${itemId}/comments`)).statusCode, 403);
  assert.equal((await call(null, 'GET', `/api/decisions/items/${itemId}/comments`)).statusCode, 401);
  const comments = (await call(fgw, 'GET', `/api/decisions/items/${itemId}/comments`)).json();
  assert.equal(comments.length, 3);
  assert.equal(comments[0].name, '张三');
  assert.match(comments[0].body, /13812345678/);
  assert.match(comments[0].publicBody, /138\*{4}5678/);
  assert.equal(comments[0].piiCount, 1);
  const entries = await listLedger(demo.deps.db, { action: 'decisions.comment' });
  assert.equal(entries.length, 3);
  assert.doesNotMatch(JSON.stringify(entries), /13812345678|张三/);
});

test('承办单位逐条答复采纳情况，期满后公布意见收集和采纳情况；公开页面只显示脱敏后的意见', async () => {
  const comments = (await call(fgw, 'GET', `/api/decisions/items/${itemId}/comments`)).json();
  const answer = (id: string, body: object, s = fgw) =>
    call(s, 'POST', `/api/decisions/items/${itemId}/comments/${id}/answer`, body);
  assert.equal((await answer(comments[0].id, { answer: 'adopted', reason: ' ' })).statusCode, 422);
  assert.equal((await answer(comments[0].id, { answer: 'adopted', reason: '同意' }, kjj)).statusCode, 403);
  assert.equal((await answer(comments[0].id, { answer: 'partlyAdopted', reason: '对小微企业减免' })).statusCode, 200);
  assert.equal((await answer(comments[0].id, { answer: 'adopted', reason: '再答' })).statusCode, 409);
  const early = await act({ kind: 'publishReport', on: '2026-03-02' });
  assert.equal(early.json().code, 'CONSULTATION_OPEN');
  demo.deps.clock.set('2026-04-01T02:00:00.000Z');
  fgw = await demo.loginAs('fgw.staff'); // a month later: a new session
  const closed = await demo.app.inject({ url: `/yijian/${itemId}` });
  assert.match(closed.body, /征求意见期限已届满/);
  assert.doesNotMatch(closed.body, /name="token"/);
  const unanswered = await act({ kind: 'publishReport', on: '2026-04-01' });
  assert.equal(unanswered.json().code, 'UNANSWERED');
  assert.equal((await answer(comments[1].id, { answer: 'notAdopted', reason: '与上位法不符' })).statusCode, 200);
  assert.equal((await answer(comments[2].id, { answer: 'notAdopted', reason: '未提出具体修改意见' })).statusCode, 200);
  assert.equal((await act({ kind: 'publishReport', on: '2026-04-01' })).statusCode, 200);
  const report = (await demo.app.inject({ url: `/yijian/${itemId}` })).body;
  assert.match(report, /意见收集和采纳情况/);
  assert.match(report, /部分采纳.*对小微企业减免/s);
  assert.match(report, /138\*{4}5678/);
  assert.doesNotMatch(report, /13812345678|张三|13900001111/);
  assert.match((await demo.app.inject({ url: '/yijian' })).body, /已公布意见采纳情况/);
  const item = (await call(fgw, 'GET', `/api/decisions/items/${itemId}`)).json();
  assert.ok(!item.gateMissing.some((m: string) => /采纳情况|预公开/.test(m)));
  assert.equal((await listLedger(demo.deps.db, { action: 'decisions.comment_answer' })).length, 3);
});
