// 重大行政决策 over HTTP on the demo organisation (SQLite, and PostgreSQL under GONGKAI_TEST_DB=postgres): the
// 区政府办公室 imports the 2022 目录 of 綦江府办发〔2022〕63号; the 区发展改革委 carries item 13 through 预公开, the
// 合法性审查 by the 区司法局 and the gate; a refused submission and the later one are both in the ledger.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { createUnit, createUser, listUnits } from '../src/org/service.ts';
import { listLedger } from '../src/platform/ledger/service.ts';
import { DEMO_PASSWORD } from '../src/org/demo.ts';
import { type DemoApp, type DemoSession, openDemoApp } from './support/demo-app.ts';
import { publishDraftDecision } from './support/decisions-fixtures.ts';

const SEED = fs.readFileSync(new URL('../src/decisions/data/catalog-2022.txt', import.meta.url), 'utf8');
let demo: DemoApp;
let office: DemoSession;
let fgw: DemoSession;
let kjj: DemoSession;
let legal: DemoSession;
let officeUnitId: string;

before(async () => {
  demo = await openDemoApp();
  const sfj = await createUnit(demo.deps, 'system', {
    name: '区司法局',
    fullName: '重庆市綦江区司法局',
    kind: 'department',
  });
  await createUser(demo.deps, 'system', {
    username: 'sfj.legal',
    displayName: '司法审查',
    unitId: sfj.id,
    password: DEMO_PASSWORD,
    roles: ['legalReview'],
  });
  officeUnitId = (await listUnits(demo.deps.db)).find((u) => u.name === '区政府办公室')!.id;
  [office, fgw, kjj, legal] = await Promise.all(['ban.staff', 'fgw.staff', 'kjj.staff', 'sfj.legal'].map(demo.loginAs));
});
after(() => demo.close());

const call = (s: DemoSession | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  demo.app.inject({ method, url, payload, cookies: s?.cookies, headers: s?.headers });

async function importSeed() {
  const res = await call(office, 'POST', '/api/decisions/catalogs/import', {
    unitId: officeUnitId,
    year: 2022,
    text: SEED,
  });
  assert.equal(res.statusCode, 201, res.body);
  const catalog = (await call(office, 'GET', `/api/decisions/catalogs/${res.json().id}`)).json();
  return catalog as {
    id: string;
    version: number;
    items: { id: string; seq: number; leadUnit: string; leadUnitId: string | null }[];
  };
}

test('区政府办公室导入 2022 年度目录：15 项；其他单位不能导入；同一年度不能导入两次；格式错误不写入', async () => {
  const bad = await call(office, 'POST', '/api/decisions/catalogs/import', {
    unitId: officeUnitId,
    year: 2022,
    text: SEED.replace('2022年3月', '三月'),
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().message, /决策时间“三月”/);
  const denied = await call(kjj, 'POST', '/api/decisions/catalogs/import', {
    unitId: officeUnitId,
    year: 2022,
    text: SEED,
  });
  assert.equal(denied.statusCode, 403);
  assert.equal((await call(office, 'GET', '/api/decisions/catalogs')).json().length, 0);
  const catalog = await importSeed();
  assert.equal(catalog.items.length, 15);
  assert.equal(catalog.version, 1);
  const item13 = catalog.items.find((i) => i.seq === 13)!;
  assert.equal(item13.leadUnit, '区发展改革委');
  assert.ok(item13.leadUnitId, '承办单位 matched to the demo unit');
  const again = await call(office, 'POST', '/api/decisions/catalogs/import', {
    unitId: officeUnitId,
    year: 2022,
    text: SEED,
  });
  assert.equal(again.statusCode, 409);
  assert.equal((await listLedger(demo.deps.db, { action: 'decisions.catalog_import' })).length, 1);
  assert.equal((await call(null, 'GET', '/api/decisions/catalogs')).statusCode, 401);
});

test('事项 13：程序未完成时提请审议被拒并列明所缺（记入台账）；预公开、合法性审查后提请审议', async () => {
  const catalogs = (await call(office, 'GET', '/api/decisions/catalogs')).json();
  const catalog = (await call(office, 'GET', `/api/decisions/catalogs/${catalogs[0].id}`)).json();
  const id = catalog.items.find((i: { seq: number }) => i.seq === 13).id;
  const act = (s: DemoSession, action: object) => call(s, 'POST', `/api/decisions/items/${id}/actions`, { action });

  const refused = await act(fgw, { kind: 'submit', on: '2026-03-02' });
  assert.equal(refused.statusCode, 422);
  assert.equal(refused.json().code, 'GATE_CLOSED');
  assert.match(refused.json().message, /公众参与未完成.*合法性审查机构尚未出具/);
  assert.equal((await listLedger(demo.deps.db, { action: 'decisions.gate_refused' })).length, 1);

  assert.equal(
    (await act(kjj, { kind: 'complete', step: 'launch', on: '2025-12-01', outcome: '启动' })).statusCode,
    403,
  );
  const mandatory = await act(fgw, { kind: 'notApplicable', step: 'legality', reason: '不需要' });
  assert.equal(mandatory.json().code, 'MANDATORY_STEP');
  const ok = async (s: DemoSession, action: object) => {
    const res = await act(s, action);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { warnings: string[]; item: { gateMissing: string[]; procedure: { submittedOn: string } } };
  };
  await ok(fgw, { kind: 'complete', step: 'launch', on: '2025-12-01', outcome: '经区政府同意启动' });
  const draftItemId = await publishDraftDecision(
    demo.deps,
    '区发展改革委',
    '重大项目管理办法（征求意见稿）',
    '征求意见稿。',
  );
  const short = await act(fgw, {
    kind: 'openConsultation',
    opensOn: '2025-12-02',
    closesOn: '2025-12-20',
    draftItemId,
  });
  assert.equal(short.json().code, 'WINDOW_TOO_SHORT');
  await ok(fgw, { kind: 'openConsultation', opensOn: '2025-12-02', closesOn: '2026-01-05', draftItemId });
  await ok(fgw, { kind: 'publishReport', on: '2026-01-06' });
  await ok(fgw, { kind: 'complete', step: 'participation', on: '2026-01-06', outcome: '未收到意见' });
  await ok(fgw, { kind: 'notApplicable', step: 'expert', reason: '不涉及专业性、技术性问题' });
  await ok(fgw, { kind: 'notApplicable', step: 'risk', reason: '不涉及社会稳定和公共安全' });
  await ok(fgw, { kind: 'requestLegality', on: '2026-02-02' });
  assert.equal((await act(fgw, { kind: 'opinion', opinion: 'lawful', on: '2026-02-04' })).statusCode, 403);
  const opinion = await ok(legal, {
    kind: 'opinion',
    opinion: 'lawful',
    on: '2026-02-04',
    reference: '綦司审〔2026〕1号',
  });
  assert.match(opinion.warnings[0], /少于7个工作日/);
  const submitted = await ok(fgw, { kind: 'submit', on: '2026-03-02' });
  assert.deepEqual(submitted.item.gateMissing, []);
  assert.equal(submitted.item.procedure.submittedOn, '2026-03-02');
  const future = await act(fgw, { kind: 'complete', step: 'collective', on: '2026-03-09', outcome: '通过' });
  assert.equal(future.statusCode, 400);
  const entries = await listLedger(demo.deps.db, { action: 'decisions.submit' });
  assert.equal(entries.length, 1);
  assert.equal((await listLedger(demo.deps.db, { action: 'decisions.legality_opinion' })).length, 1);
});
