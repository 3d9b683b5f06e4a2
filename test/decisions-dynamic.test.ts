// 目录的动态管理 over HTTP (SQLite, and PostgreSQL under GONGKAI_TEST_DB=postgres): the 承办单位 proposes moving an
// item's planned month and withdrawing another, with reasons; the 区政府办公室's 分管领导 approves the change, only its
// 主要领导 the withdrawal; every version is kept and compared; the public 目录 page shows the current one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadDecisionsDemo } from '../src/decisions/demo.ts';
import { listLedger } from '../src/platform/ledger/service.ts';
import { type DemoApp, type DemoSession, openDemoApp } from './support/demo-app.ts';

let demo: DemoApp;
let s: Record<string, DemoSession>;
let catalog: {
  id: string;
  items: { id: string; seq: number; title: string; leadUnit: string; plannedMonth: string }[];
};

before(async () => {
  demo = await openDemoApp();
  await loadDecisionsDemo(demo.deps);
  const names = ['fgw.staff', 'kjj.staff', 'ban.staff', 'ban.leader', 'ban.principal'];
  s = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await demo.loginAs(n)] as const)));
  const [c] = (await demo.app.inject({ url: '/api/decisions/catalogs', cookies: s['ban.staff'].cookies })).json();
  catalog = (await demo.app.inject({ url: `/api/decisions/catalogs/${c.id}`, cookies: s['ban.staff'].cookies })).json();
});
after(() => demo.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  demo.app.inject({ method, url, payload, cookies: s[who]?.cookies, headers: s[who]?.headers });

test('承办单位提出调整和撤销；区政府办公室分管领导批准调整，撤销须主要领导；版本留存、可比较，公开目录显示现行版本', async () => {
  const item13 = catalog.items.find((i) => i.seq === 13)!;
  const { seq, title, leadUnit } = item13;
  const entry = { seq, category: '规范性文件', title, leadUnit, plannedMonth: '2022年10月', note: '' };
  const url = `/api/decisions/catalogs/${catalog.id}/proposals`;
  const change = { kind: 'change', itemId: item13.id, entry, reason: '需补充开展风险评估，推迟审议' };
  assert.equal((await call('kjj.staff', 'POST', url, change)).statusCode, 403);
  assert.equal((await call('fgw.staff', 'POST', url, { ...change, reason: ' ' })).statusCode, 400);
  const proposed = await call('fgw.staff', 'POST', url, change);
  assert.equal(proposed.statusCode, 201, proposed.body);
  const withdrawal = await call('fgw.staff', 'POST', url, {
    kind: 'withdraw',
    itemId: item13.id,
    reason: '上级已统一出台',
  });
  assert.equal(withdrawal.statusCode, 201);

  const decide = (who: string, id: string, approve: boolean) =>
    call(who, 'POST', `/api/decisions/proposals/${id}/decision`, { approve });
  assert.equal((await decide('fgw.staff', proposed.json().id, true)).statusCode, 403);
  const approved = await decide('ban.leader', proposed.json().id, true);
  assert.equal(approved.statusCode, 200, approved.body);
  assert.equal(approved.json().version, 2);
  assert.equal((await decide('ban.leader', proposed.json().id, true)).statusCode, 409);
  assert.equal((await decide('ban.leader', withdrawal.json().id, true)).statusCode, 403);
  assert.equal((await decide('ban.principal', withdrawal.json().id, true)).json().version, 3);

  const versions = (await call('ban.staff', 'GET', `/api/decisions/catalogs/${catalog.id}/versions`)).json();
  assert.deepEqual(
    versions.map((v: { version: number; entries: unknown[] }) => [v.version, v.entries.length]),
    [
      [1, 15],
      [2, 15],
      [3, 14],
    ],
  );
  const diff = (await call('ban.staff', 'GET', `/api/decisions/catalogs/${catalog.id}/diff?from=1&to=2`)).json();
  assert.deepEqual(
    diff.changed.map((c: { seq: number }) => c.seq),
    [13],
  );
  assert.deepEqual(
    diff.changed[0].fields.find((f: { field: string }) => f.field === 'plannedMonth'),
    { field: 'plannedMonth', from: item13.plannedMonth, to: '2022-10' },
  );
  const removed = (await call('ban.staff', 'GET', `/api/decisions/catalogs/${catalog.id}/diff?from=2&to=3`)).json();
  assert.deepEqual(
    removed.removed.map((e: { seq: number }) => e.seq),
    [13],
  );
  const now = (await call('ban.staff', 'GET', `/api/decisions/catalogs/${catalog.id}`)).json();
  assert.equal(now.items.length, 14);
  assert.equal(now.version, 3);
  const page = await demo.app.inject({ url: '/yijian/mulu' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /第3版/);
  assert.doesNotMatch(page.body, new RegExp(title));
  assert.equal((await listLedger(demo.deps.db, { action: 'decisions.catalog_decide' })).length, 2);
  assert.equal((await listLedger(demo.deps.db, { action: 'decisions.catalog_propose' })).length, 2);
});
