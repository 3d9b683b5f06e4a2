// 年度考核：区政府办公室（督查）修改本年度考核方案（考核项、分值、每单位扣分、扣分上限、数据来源），记入台账；
// 各单位按方案得分、排名，每项扣分列出所依据的台账记录；不合理的方案被拒绝且不改变任何东西。
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { as, openPublishApp, type PublishOrg, type Session } from '../../test/support/publish-fixtures.ts';
import type { TestDeps } from '../../test/support/testdb.ts';
import { appendLedger, listLedger } from '../platform/ledger/service.ts';
import { DEFAULT_SCHEME, rank } from './assessment-model.ts';

let deps: TestDeps;
let app: FastifyInstance;
let org: PublishOrg;
let s: Record<string, Session>;
let close: () => Promise<void>;
const failSeqs: number[] = [];

/** A 督查 confirmation of one check of one sampled item, as confirmCheck records it. */
const confirm = (unitId: string, itemId: string, check: string, outcome: string) =>
  deps.db.transaction().execute((tx) =>
    appendLedger(
      tx,
      {
        actor: { id: org.ids.ducha, name: '督查员' },
        role: 'inspector',
        unitId,
        action: 'oversight.sample_check',
        subject: 'sample:fixture',
        payload: { sampleSeq: 1, itemId, check, outcome, note: '' },
      },
      deps.clock.now(),
    ),
  );

before(async () => {
  ({ deps, app, org, s, close } = await openPublishApp(['ducha', 'liu']));
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  failSeqs.push((await confirm(org.unitId, a, 'signoff', 'fail')).seq);
  failSeqs.push((await confirm(org.unitId, b, 'secrecy', 'fail')).seq);
  await confirm(org.unitId, c, 'opinions', 'fail');
  const corrected = await confirm(org.unitId, c, 'opinions', 'pass'); // corrected later: the latest counts
  assert.ok(corrected.seq > failSeqs[1]);
});
after(() => close());

const SCHEME = [
  { key: 'sampling', name: '随机抽查', metric: 'sampleProblems', points: 30, perUnit: 5, cap: 8 },
  { key: 'duty', name: '值班签到', metric: 'dutyLate', points: 10, perUnit: 1, cap: 10 },
];

test('未设方案的年度用默认方案；督查修改方案后记入台账', async () => {
  const year = deps.clock.now().getUTCFullYear();
  const first = await as(app, s.ducha).get(`/api/oversight/assessment/scheme?year=${year}`);
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.json().custom, false);
  assert.equal(first.json().items.length, DEFAULT_SCHEME.length);
  const put = await as(app, s.ducha).put('/api/oversight/assessment/scheme', { year, items: SCHEME });
  assert.equal(put.statusCode, 200, put.body);
  const again = await as(app, s.ducha).get(`/api/oversight/assessment/scheme?year=${year}`);
  assert.deepEqual(again.json().items, SCHEME);
  assert.equal((await listLedger(deps.db, { action: 'oversight.assessment_scheme' })).length, 1);
});

test('不合理的方案（扣分上限超过分值、代码重复）400，方案和台账不变', async () => {
  const year = deps.clock.now().getUTCFullYear();
  const capTooHigh = [{ ...SCHEME[0], cap: 40 }];
  const res = await as(app, s.ducha).put('/api/oversight/assessment/scheme', { year, items: capTooHigh });
  assert.equal(res.statusCode, 400);
  assert.match(res.json().message, /扣分上限（40）不能超过分值（30）/);
  const dup = await as(app, s.ducha).put('/api/oversight/assessment/scheme', { year, items: [SCHEME[0], SCHEME[0]] });
  assert.equal(dup.statusCode, 400);
  assert.match(dup.json().message, /重复/);
  const now = await as(app, s.ducha).get(`/api/oversight/assessment/scheme?year=${year}`);
  assert.deepEqual(now.json().items, SCHEME);
  assert.equal((await listLedger(deps.db, { action: 'oversight.assessment_scheme' })).length, 1);
  const leader = await as(app, s.liu).put('/api/oversight/assessment/scheme', { year, items: SCHEME });
  assert.equal(leader.statusCode, 403);
});

test('得分：随机抽查按督查最后确认的不符合项扣分，封顶；扣分追溯到台账记录；排名；导出 Excel', async () => {
  const year = deps.clock.now().getUTCFullYear();
  const res = await as(app, s.ducha).get(`/api/oversight/assessment?year=${year}`);
  assert.equal(res.statusCode, 200, res.body);
  const units = res.json().units as {
    unitId: string;
    rank: number;
    total: number;
    items: { key: string; value: number; deducted: number; score: number; seqs: number[] }[];
  }[];
  const kjj = units.find((u) => u.unitId === org.unitId);
  const other = units.find((u) => u.unitId === org.otherUnitId);
  assert.ok(kjj && other);
  const sampling = kjj.items.find((i) => i.key === 'sampling');
  assert.deepEqual(sampling, { ...sampling, value: 2, deducted: 8, score: 22 }); // 2 × 5 = 10, capped at 8
  assert.deepEqual(
    sampling?.seqs.sort((x, y) => x - y),
    failSeqs,
  );
  assert.equal(kjj.total, 32);
  assert.equal(other.total, 40);
  assert.ok(other.rank < kjj.rank);
  const xlsx = await as(app, s.ducha).get(`/api/oversight/assessment/export?year=${year}`);
  assert.equal(xlsx.statusCode, 200);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
});

test('排名：同分同名次（1、2、2、4），同分按单位名称排列', () => {
  const u = (unitName: string, score: number) => ({
    unitId: unitName,
    unitName,
    items: [{ key: 'k', name: 'k', metric: 'incidents' as const, metricName: '', value: 0, points: 100 }].map((i) => ({
      ...i,
      deducted: 100 - score,
      score,
      seqs: [],
    })),
  });
  const ranked = rank([u('丙', 90), u('甲', 95), u('乙', 90), u('丁', 80)]);
  assert.deepEqual(
    ranked.map((r) => [r.unitName, r.rank]),
    [
      ['甲', 1],
      ['丙', 2],
      ['乙', 2],
      ['丁', 4],
    ],
  );
});
