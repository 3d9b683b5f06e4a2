// The demo of 重大行政决策 (what `npm start` shows): the 区司法局 and its reviewer, the 2022 目录 of 15 items, loaded
// once however often the server starts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type DemoApp, openDemoApp } from '../../test/support/demo-app.ts';
import { loadDecisionsDemo } from './demo.ts';

let demo: DemoApp;
before(async () => {
  demo = await openDemoApp();
});
after(() => demo.close());

test('演示数据：区司法局的合法性审查账号、区政府2022年度目录15项；再次载入不重复', async () => {
  const first = await loadDecisionsDemo(demo.deps);
  assert.equal(first.created.length, 4, first.created.join('\n'));
  assert.deepEqual((await loadDecisionsDemo(demo.deps)).created, []);
  const legal = await demo.loginAs('sfj.legal');
  const catalogs = (await demo.app.inject({ url: '/api/decisions/catalogs', cookies: legal.cookies })).json();
  assert.equal(catalogs.length, 1);
  assert.equal(catalogs[0].year, 2022);
  const catalog = (
    await demo.app.inject({ url: `/api/decisions/catalogs/${catalogs[0].id}`, cookies: legal.cookies })
  ).json();
  assert.equal(catalog.items.length, 15);
  assert.ok(catalog.items.every((i: { abilities: { reviewLegality: boolean } }) => i.abilities.reviewLegality));
});
