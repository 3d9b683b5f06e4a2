// The duty demo on top of the demo organisation: 班次 and people for three units, a published roster from the first of
// the month for two of them with someone on duty now; loading it again changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadDemo } from '../org/demo.ts';
import { listUnits, listUsers } from '../org/service.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { loadDutyDemo } from './demo.ts';
import { whoIsOnDuty } from './service.ts';
import * as store from './store.ts';

let deps: TestDeps;
before(async () => {
  deps = await createTestDeps();
  deps.clock.set('2026-11-29T02:00:00.000Z');
  await loadDemo(deps);
});
after(() => deps.close());

test('演示值班：三个单位有班次和值班人员，两个单位有本月起已发布的值班表，现在有人值班；再次载入不重复', async () => {
  const result = await loadDutyDemo(deps);
  assert.deepEqual(result.skipped, []);
  // To the end of next month: the last night shift runs into 2027, counted on the provisional calendar (暂定).
  assert.deepEqual(result.rosters, [
    '区科技局 2026-11-01 至 2026-12-31（已发布）',
    '区政府办公室 2026-11-01 至 2026-12-31（已发布）',
  ]);
  const units = await listUnits(deps.db);
  const kjj = units.find((u) => u.name === '区科技局')!;
  const cgj = units.find((u) => u.name === '区城市管理局')!;
  assert.equal((await store.listTemplates(deps.db, cgj.id)).length, 4);
  assert.deepEqual(await store.listRosters(deps.db, cgj.id), []);
  const now = await whoIsOnDuty(deps, kjj.id, deps.clock.now());
  assert.equal(now.officers.length, 1);
  assert.ok(now.officers[0].phone);
  const users = (await listUsers(deps.db)).length;
  assert.deepEqual(await loadDutyDemo(deps), { rosters: [], skipped: [] });
  assert.equal((await listUsers(deps.db)).length, users);
});
