// 随机抽查：督查按随机种子抽取每单位 N 篇期间内发布的稿件；抽样（种子、期间、每单位篇数、抽中的稿件）记入登记台账；
// 同一种子重抽得到同一样本；只有督查能抽样，督查和区电子政务中心能重抽。
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { as, openPublishApp, type PublishOrg, type Session } from '../../test/support/publish-fixtures.ts';
import type { TestDeps } from '../../test/support/testdb.ts';
import { appendLedger, listLedger } from '../platform/ledger/service.ts';

let deps: TestDeps;
let app: FastifyInstance;
let org: PublishOrg;
let s: Record<string, Session>;
let close: () => Promise<void>;
const published: Record<string, string[]> = {};

before(async () => {
  ({ deps, app, org, s, close } = await openPublishApp(['ducha', 'liu']));
  // Eight items published by 区科技局 and three by 区民政局 in March, one of 区科技局's in April (outside the period),
  // as publish records them in the ledger.
  const publish = (unitId: string, at: Date) => {
    const id = randomUUID();
    (published[unitId] ??= []).push(id);
    return deps.db.transaction().execute((tx) =>
      appendLedger(
        tx,
        {
          actor: { id: org.ids.ducha, name: '督查员' },
          role: '',
          unitId,
          action: 'publish.publish',
          subject: `item:${id}`,
          payload: { itemId: id, revision: 1, channels: [] },
        },
        at,
      ),
    );
  };
  const march = deps.clock.now();
  for (let i = 0; i < 8; i++) await publish(org.unitId, march);
  for (let i = 0; i < 3; i++) await publish(org.otherUnitId, march);
  await publish(org.unitId, new Date(march.getTime() + 40 * 24 * 3600_000));
});
after(() => close());

interface Sample {
  seed: string;
  seq: number | null;
  units: { unitId: string; population: number; items: { id: string }[] }[];
}
const body = { from: '2026-03-01', to: '2026-03-31', perUnit: 5, unitIds: () => [org.unitId, org.otherUnitId] };
const draw = async (who: string, url: string, extra: Record<string, unknown> = {}) =>
  as(app, s[who]).post(url, { from: body.from, to: body.to, perUnit: body.perUnit, unitIds: body.unitIds(), ...extra });
const ids = (x: Sample) => x.units.map((u) => u.items.map((i) => i.id));

test('抽样：每单位至多 N 篇，只从期间内本单位发布的稿件中抽；种子和样本记入台账', async () => {
  const res = await draw('ducha', '/api/oversight/samples');
  assert.equal(res.statusCode, 201, res.body);
  const sample = res.json() as Sample;
  assert.match(sample.seed, /^[0-9a-f]{32}$/);
  const unit = (id: string) => sample.units.find((u) => u.unitId === id)!;
  const [kjj, other] = [unit(org.unitId), unit(org.otherUnitId)];
  assert.deepEqual([kjj.population, other.population], [8, 3]);
  assert.equal(kjj.items.length, 5);
  assert.equal(new Set(kjj.items.map((i) => i.id)).size, 5);
  assert.ok(kjj.items.every((i) => published[org.unitId].slice(0, 8).includes(i.id)));
  assert.deepEqual(other.items.map((i) => i.id).sort(), [...published[org.otherUnitId]].sort());
  const [entry] = await listLedger(deps.db, { action: 'oversight.sample_draw' });
  assert.equal(entry.seq, sample.seq);
  const payload = JSON.parse(entry.payload);
  assert.equal(payload.seed, sample.seed);
  assert.deepEqual(
    payload.units.map((u: { items: string[] }) => u.items),
    ids(sample),
  );
});

test('同一种子重抽得到同一样本；不同种子一般不同', async () => {
  const recorded = (await draw('ducha', '/api/oversight/samples', { seed: 'q1-2026' })).json() as Sample;
  assert.equal(recorded.seed, 'q1-2026');
  const again = await draw('ducha', '/api/oversight/samples/redraw', { seed: 'q1-2026' });
  assert.equal(again.statusCode, 200, again.body);
  assert.equal((again.json() as Sample).seq, null);
  assert.deepEqual(ids(again.json()), ids(recorded));
  const others = await Promise.all(
    ['a', 'b', 'c', 'd', 'e'].map(async (seed) =>
      JSON.stringify(ids((await draw('ducha', '/api/oversight/samples/redraw', { seed })).json())),
    ),
  );
  assert.ok(new Set([...others, JSON.stringify(ids(recorded))]).size > 1, '不同种子应抽出不同的样本');
});

test('只有督查能抽样；输入不正确时中文错误，不记台账', async () => {
  const before = (await listLedger(deps.db, { action: 'oversight.sample_draw' })).length;
  const leader = await draw('liu', '/api/oversight/samples');
  assert.equal(leader.statusCode, 403);
  assert.match(leader.body, /只有督查可以抽取随机抽查样本/);
  const zero = await draw('ducha', '/api/oversight/samples', { perUnit: 0 });
  assert.equal(zero.statusCode, 400);
  assert.match(zero.body, /每单位至少抽取 1 篇/);
  const noUnit = await draw('ducha', '/api/oversight/samples', { unitIds: [randomUUID()] });
  assert.equal(noUnit.statusCode, 400);
  assert.match(noUnit.body, /所选单位不存在/);
  assert.equal((await listLedger(deps.db, { action: 'oversight.sample_draw' })).length, before);
});
