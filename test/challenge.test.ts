// 质疑申请 end to end over HTTP (65号 保密审查制度 第十五条): a citizen asks without logging in, the unit extends once
// and answers, the answer reaches the asker through a real SMTP server, overdue cases show to the unit and the 督查.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/app/server.ts';
import { DEMO_PASSWORD, loadDemo } from '../src/org/demo.ts';
import { listUnits } from '../src/org/service.ts';
import { listLedger } from '../src/platform/ledger/service.ts';
import { deliverOutbox, listMyNotifications } from '../src/platform/notify/service.ts';
import { createTestDeps, type TestDeps } from './support/testdb.ts';
import { startSmtp, type TestSmtp } from './support/smtp.ts';

let deps: TestDeps;
let app: FastifyInstance;
let smtp: TestSmtp;
let kjj: string;
let fgw: string;
let ipSeq = 0;
const sessions = new Map<string, { cookie: string; csrf: string }>();
// each citizen from their own address, so the rate limit stays out of the way
const nextIp = () => `198.51.100.${++ipSeq}`;

async function login(username: string) {
  if (!sessions.has(username)) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    assert.equal(res.statusCode, 200, res.body);
    sessions.set(username, { cookie: String(res.headers['set-cookie']).split(';')[0], csrf: res.json().csrfToken });
  }
  return sessions.get(username)!;
}

async function as(username: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const s = await login(username);
  return app.inject({ method, url, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
}

/** Moves the clock; sessions are re-opened because they expire by the same clock. */
function setNow(iso: string) {
  deps.clock.set(iso);
  sessions.clear();
}

const asker = (over: object = {}) => ({
  name: '王某某',
  organisation: '某某科技有限公司',
  phone: '13800001234',
  email: 'wang@example.cn',
  subject: '2025年科技项目资金分配明细',
  unitId: kjj,
  question: '贵局网站公布的项目资金分配只有总数，明细为何未公开？',
  ...over,
});

const openCase = (payload: object, ip = nextIp(), headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/public/challenges', payload, remoteAddress: ip, headers });

const countOpened = async () => (await listLedger(deps.db, { action: 'challenge.open' })).length;

before(async () => {
  smtp = await startSmtp();
  deps = await createTestDeps({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    MAIL_FROM: 'gongkai <gongkai@qijiang.test>',
  });
  await loadDemo(deps);
  app = await buildServer(deps);
  const units = await listUnits(deps.db);
  kjj = units.find((u) => u.name === '区科技局')!.id;
  fgw = units.find((u) => u.name === '区发展改革委')!.id;
  setNow('2025-09-26T02:00:00.000Z'); // Friday 10:00 in Shanghai, before 国庆
});

after(async () => {
  await app.close();
  await deps.close();
  await smtp.close();
});

let first: { caseNo: string; id: string };

test('无需登录即可提出质疑申请：得到案件编号，答复期限跨国庆假期按工作日计算', async () => {
  const res = await openCase(asker());
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  assert.equal(body.caseNo, '綦公开答〔2025〕1号');
  assert.equal(body.unitName, '重庆市綦江区科学技术局');
  assert.equal(body.receivedOn, '2025-09-26');
  // 20 working days: 9/28 and 10/11 are 调休 working days, 10/1–10/8 are holidays.
  assert.equal(body.dueOn, '2025-10-30');
  const [entry] = await listLedger(deps.db, { action: 'challenge.open' });
  assert.equal(entry.actor_id, 'public');
  assert.equal(entry.actor_name, '王某某');
  assert.equal(entry.unit_id, kjj);
  assert.doesNotMatch(entry.payload, /13800001234|wang@example/, '联系方式不写入台账');
  first = { caseNo: body.caseNo, id: entry.subject.replace('challenge:', '') };
  // The unit's secrecy office and leader in charge are told in-app.
  for (const username of ['kjj.secrecy', 'kjj.leader']) {
    const userId = (await as(username, 'GET', '/api/auth/me')).json().user.id;
    const mine = await listMyNotifications(deps.db, userId);
    assert.ok(
      mine.items.some((n) => n.kind === 'challenge.open' && n.title.includes(body.caseNo)),
      username,
    );
  }
});

test('指明信息编号时由该信息的承办单位答复；编号依次递增', async () => {
  const draft = await as('fgw.staff', 'POST', '/api/items', await fgwDraft());
  assert.equal(draft.statusCode, 201, draft.body);
  const res = await openCase(
    asker({ itemId: draft.json().id, unitId: undefined, subject: undefined, email: undefined }),
  );
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().caseNo, '綦公开答〔2025〕2号');
  assert.equal(res.json().unitName, '重庆市綦江区发展和改革委员会');
});

async function fgwDraft() {
  const detail = (await as('sysadmin', 'GET', `/api/units/${fgw}`)).json();
  const site = detail.channels.find((c: { kind: string }) => c.kind === 'website');
  return {
    title: '关于某项目的通知',
    sectionId: detail.sections[0].id,
    major: false,
    itemType: 'original',
    channels: [{ channelId: site.id, columnId: site.columns[0].id }],
    body: { format: 'text', content: '通知正文。' },
  };
}

test('填写有误时返回 400 并指出字段，不立案', async () => {
  const before = await countOpened();
  const cases: [object, string][] = [
    [asker({ phone: undefined, email: undefined }), 'phone'],
    [asker({ email: 'not-an-email' }), 'email'],
    [asker({ phone: '12345' }), 'phone'],
    [asker({ name: '' }), 'name'],
    [asker({ question: '问'.repeat(2001) }), 'question'],
    [asker({ unitId: undefined }), 'unitId'],
    [asker({ subject: undefined }), 'subject'],
    [asker({ itemId: '00000000-0000-4000-8000-000000000000', subject: undefined, unitId: undefined }), 'itemId'],
  ];
  for (const [payload, field] of cases) {
    const res = await openCase(payload);
    assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
    assert.equal(res.json().field, field, res.body);
    assert.match(res.json().message, /[\u4e00-\u9fff]/);
  }
  assert.equal(await countOpened(), before);
});

test('同一地址每小时最多提交 5 次，超出返回 429 和中文提示；其他地址不受影响', async () => {
  const ip = nextIp();
  for (let i = 0; i < 5; i++) assert.equal((await openCase(asker(), ip)).statusCode, 201);
  const refused = await openCase(asker(), ip);
  assert.equal(refused.statusCode, 429);
  assert.equal(refused.json().code, 'RATE_LIMITED');
  assert.match(refused.json().message, /提交过于频繁/);
  assert.equal((await openCase(asker())).statusCode, 201);
});

test('只接受 JSON：表单、纯文本和 multipart 提交一律拒绝（415），不立案', async () => {
  const before = await countOpened();
  const form = new URLSearchParams({
    name: '王某某',
    phone: '13800001234',
    subject: 'x',
    unitId: kjj,
    question: 'y',
  }).toString();
  for (const [type, payload] of [
    ['application/x-www-form-urlencoded', form],
    ['text/plain', JSON.stringify(asker())],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\n王\r\n--x--\r\n'],
  ]) {
    const res = await openCase(payload as unknown as object, nextIp(), { 'content-type': type });
    assert.equal(res.statusCode, 415, `${type}: ${res.body}`);
  }
  assert.equal(await countOpened(), before);
});

test('带登录 Cookie 的跨站请求不会以该用户身份行事', async () => {
  const staff = await login('kjj.staff');
  const before = await countOpened();
  // Another site's page can make the browser send the cookie, but not the CSRF token: refused.
  const forged = await openCase(asker(), nextIp(), { cookie: staff.cookie });
  assert.equal(forged.statusCode, 403);
  assert.equal(forged.json().code, 'CSRF');
  assert.equal(await countOpened(), before);
  // Even with a valid session the case is the asker's own, signed as the public: the session lends it nothing.
  const same = await openCase(asker({ name: '李某' }), nextIp(), { cookie: staff.cookie, 'x-csrf-token': staff.csrf });
  assert.equal(same.statusCode, 201, same.body);
  const last = (await listLedger(deps.db, { action: 'challenge.open' })).at(-1)!;
  assert.deepEqual([last.actor_id, last.actor_name, last.role], ['public', '李某', '']);
});

test('延长答复期限：须说明理由，只能延长一次，并告知申请人', async () => {
  setNow('2025-10-20T02:00:00.000Z');
  const url = `/api/challenges/${first.id}/extend`;
  const missing = await as('kjj.secrecy', 'POST', url, { days: 20 });
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().field, 'reason');
  assert.equal((await as('fgw.secrecy', 'POST', url, { days: 20, reason: '需征求第三方意见' })).statusCode, 403);
  const ok = await as('kjj.secrecy', 'POST', url, { days: 20, reason: '需征求第三方意见' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().dueOn, '2025-11-27');
  assert.equal(ok.json().firstDueOn, '2025-10-30');
  assert.equal(ok.json().extension.reason, '需征求第三方意见');
  assert.equal(ok.json().abilities.canExtend, false);
  const again = await as('kjj.leader', 'POST', url, { days: 5, reason: '再次延长' });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().code, 'ALREADY_EXTENDED');
  const entries = await listLedger(deps.db, { action: 'challenge.extend', subject: `challenge:${first.id}` });
  assert.equal(entries.length, 1);
  assert.equal(entries[0].role, 'secrecy');
});

test('答复记录依据和理由，并通过邮件发给申请人', async () => {
  setNow('2025-10-28T02:00:00.000Z');
  const url = `/api/challenges/${first.id}/answer`;
  assert.equal((await as('fgw.leader', 'POST', url, { basis: 'x', reason: 'y' })).statusCode, 403);
  assert.equal((await as('kjj.staff', 'POST', url, { basis: 'x', reason: 'y' })).statusCode, 403);
  const answer = {
    basis: '《中华人民共和国政府信息公开条例》第十五条',
    reason: '明细涉及获资助企业的商业秘密，公开会损害第三方合法权益。',
  };
  const res = await as('kjj.secrecy', 'POST', url, answer);
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.json().state, 'answered');
  assert.deepEqual(
    [res.json().answer.basis, res.json().answer.reason, res.json().late],
    [answer.basis, answer.reason, false],
  );
  assert.equal((await as('kjj.leader', 'POST', url, answer)).statusCode, 409);
  assert.equal((await listLedger(deps.db, { action: 'challenge.answer' })).length, 1);

  const report = await deliverOutbox(deps);
  assert.equal(report.failed, 0);
  const mails = await smtp.waitFor(2);
  const answered = mails.find((m) => m.subject.includes('依据和理由'))!;
  assert.deepEqual(answered.to, ['wang@example.cn']);
  assert.match(answered.subject, /綦公开答〔2025〕1号/);
  assert.match(answered.text, /依据：《中华人民共和国政府信息公开条例》第十五条/);
  assert.match(answered.text, /商业秘密/);
  assert.match(answered.text, /重庆市綦江区科学技术局/);
  const extended = mails.find((m) => m.subject.includes('延长'))!;
  assert.match(extended.text, /延长理由：需征求第三方意见/);
  assert.match(extended.text, /2025-11-27/);
});

test('逾期未答复：本单位看到本单位的，督查看到全区的', async () => {
  setNow('2025-11-05T02:00:00.000Z'); // past 10-30 for the cases of 9-26; case 1 was answered
  const mine = await as('kjj.secrecy', 'GET', '/api/challenges/overdue');
  assert.equal(mine.statusCode, 200, mine.body);
  assert.ok(mine.json().items.length > 0);
  assert.ok(
    mine
      .json()
      .items.every(
        (c: { unitId: string; overdue: boolean; state: string }) => c.unitId === kjj && c.overdue && c.state === 'open',
      ),
  );
  assert.ok(!mine.json().items.some((c: { id: string }) => c.id === first.id), '已答复的不列入');
  assert.ok(mine.json().items[0].workingDaysLeft < 0);

  const district = await as('inspector', 'GET', '/api/challenges/overdue');
  assert.equal(district.statusCode, 200);
  const units = new Set(district.json().items.map((c: { unitId: string }) => c.unitId));
  assert.deepEqual([...units].sort(), [kjj, fgw].sort());
  assert.equal(district.json().total, mine.json().total + 1);

  const fgwOnly = await as('fgw.leader', 'GET', '/api/challenges/overdue');
  assert.deepEqual(
    fgwOnly.json().items.map((c: { unitId: string }) => c.unitId),
    [fgw],
  );
  assert.equal((await as('kjj.staff', 'GET', '/api/challenges/overdue')).statusCode, 403);
  assert.equal((await as('kjj.secrecy', 'GET', `/api/challenges/overdue?unitId=${fgw}`)).statusCode, 403);
  // The 督查 opens an overdue case, but not one answered in time.
  const overdueId = district.json().items[0].id;
  assert.equal((await as('inspector', 'GET', `/api/challenges/${overdueId}`)).statusCode, 200);
  assert.equal((await as('inspector', 'GET', `/api/challenges/${first.id}`)).statusCode, 403);
});

test('本单位列表与详情只对承办单位的保密工作机构、分管领导、主要领导开放', async () => {
  const list = await as('kjj.principal', 'GET', '/api/challenges?state=answered');
  assert.equal(list.statusCode, 200);
  assert.deepEqual(
    list.json().items.map((c: { id: string }) => c.id),
    [first.id],
  );
  assert.equal(list.json().items[0].answerByName.length > 0, true);
  assert.equal((await as('fgw.secrecy', 'GET', `/api/challenges/${first.id}`)).statusCode, 403);
  assert.equal((await as('kjj.staff', 'GET', '/api/challenges')).statusCode, 403);
  assert.equal((await app.inject({ method: 'GET', url: '/api/challenges' })).statusCode, 401);
  assert.equal((await as('kjj.secrecy', 'GET', `/api/challenges/${first.id}`)).json().caseNo, first.caseNo);
});

test('期限已过不能再延长', async () => {
  const overdue = (await as('kjj.secrecy', 'GET', '/api/challenges/overdue')).json().items[0];
  const res = await as('kjj.secrecy', 'POST', `/api/challenges/${overdue.id}/extend`, { days: 5, reason: '材料较多' });
  assert.equal(res.statusCode, 422);
  assert.equal(res.json().code, 'DEADLINE_PASSED');
});

test('可选单位列表无需登录', async () => {
  const res = await app.inject({ method: 'GET', url: '/api/public/challenge-units' });
  assert.equal(res.statusCode, 200);
  assert.ok(res.json().some((u: { id: string }) => u.id === kjj));
});
