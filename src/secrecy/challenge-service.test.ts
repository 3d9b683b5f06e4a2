// 质疑申请 use cases on a real database: numbering under concurrency and across the new year (Asia/Shanghai),
// a deadline the calendar cannot compute yet, and a missing item or unit.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { loadDemo } from '../org/demo.ts';
import { listUnits } from '../org/service.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { openChallenge, type OpenInput } from './challenge-service.ts';

let deps: TestDeps;
let unitId: string;

before(async () => {
  deps = await createTestDeps();
  await loadDemo(deps);
  unitId = (await listUnits(deps.db)).find((u) => u.name === '区科技局')!.id;
});
after(() => deps.close());

const input = (over: Partial<OpenInput> = {}): OpenInput => ({
  asker: { name: '赵某', org: null, phone: '13800001234', email: null },
  subject: '某事项',
  unitId,
  question: '为何未公开？',
  ...over,
});

test('同时提交的申请编号各不相同、连续', async () => {
  deps.clock.set('2025-06-03T02:00:00.000Z');
  const opened = await Promise.all(Array.from({ length: 6 }, () => openChallenge(deps, input())));
  assert.deepEqual(opened.map((c) => c.caseNo).sort(), [1, 2, 3, 4, 5, 6].map((n) => `綦公开答〔2025〕${n}号`).sort());
});

test('按北京时间的收件日期确定年份：1月1日零点半收到的是新一年的第1号', async () => {
  deps.clock.set('2025-12-31T16:30:00.000Z'); // 2026-01-01 00:30 in Shanghai
  const c = await openChallenge(deps, input());
  assert.equal(c.caseNo, '綦公开答〔2026〕1号');
  assert.equal(c.receivedOn, '2026-01-01');
  assert.equal(c.dueOn, '2026-01-29'); // 1/1–1/3 元旦 holidays; Sunday 1/4 a 调休 working day counts
});

test('答复期限跨入尚未载入节假日安排的年份时按暂定日历（周一至周五）推算，照常立案并标明暂定', async () => {
  deps.clock.set('2026-12-20T02:00:00.000Z');
  const c = await openChallenge(deps, input());
  assert.deepEqual([c.dueOn, c.dueProvisional], ['2027-01-15', true]);
  const [entry] = await listLedger(deps.db, { action: 'challenge.open', subject: `challenge:${c.id}` });
  assert.equal(JSON.parse(entry.payload).dueProvisional, true);
});

test('所指信息或单位不存在：400 并指出字段', async () => {
  deps.clock.set('2026-03-02T02:00:00.000Z');
  await assert.rejects(openChallenge(deps, input({ itemId: '00000000-0000-4000-8000-000000000000' })), {
    status: 400,
    field: 'itemId',
  });
  await assert.rejects(openChallenge(deps, input({ unitId: '00000000-0000-4000-8000-000000000000' })), {
    status: 400,
    field: 'unitId',
  });
  await assert.rejects(openChallenge(deps, input({ subject: null })), { status: 400, field: 'subject' });
});
