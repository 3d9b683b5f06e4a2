// 另一节点复核 on the fixture site (both databases; several nodes share one PostgreSQL in production, and here a
// second node is a second answerer in this process — its requests and answers go through the database all the same).
// Alone, a node asks no one and judges by its own re-checks; with another node alive, a homepage that failed the
// probe and both re-checks here opens no incident when the other node reaches it, and one when it fails there too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGovSite, type GovSite } from '../../test/fixtures/gov-site/server.ts';
import { watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import { runAvailabilityJob } from './jobs.ts';
import { startNodeChecks } from './node-checks.ts';
import { addSite, listIncidentViews, removeSite, type Site } from './service.ts';
import { listStatuses } from './store-runs.ts';

let w: WatchWorld;
let gov: GovSite;
let site: Site;
before(async () => {
  w = await watchWorld({ watchAllowPrivate: '1' });
  gov = await startGovSite({ today: '2026-03-02' });
  const egov = await w.org.actor('egov');
  await removeSite(w.deps, egov, w.site.id); // only the fixture site is probed here
  site = await addSite(w.deps, egov, {
    unitId: w.org.unitId,
    name: '綦江区人民政府网（测试站）',
    url: gov.url,
    kind: 'portal',
  });
});
after(async () => {
  await gov?.close();
  await w?.deps.close();
});

const openIncidents = async () =>
  (await listIncidentViews(w.deps, await w.org.actor('egov'), { siteId: site.id })).filter(
    (i) => i.state !== 'recovered' && i.state !== 'closed',
  );
const homepage = async () =>
  (await listStatuses(w.deps.db, { siteIds: [site.id] })).find((s) => s.rule === 'homepage-unreachable')!;
const requests = () => w.deps.db.selectFrom('watch_node_checks').selectAll().execute();
/** Waits until node `node` has marked itself alive at the clock's present (its loop runs every 2 s). */
async function aliveNow(node: string): Promise<void> {
  const now = w.deps.clock.now().toISOString();
  for (let i = 0; i < 200; i++) {
    const r = await w.deps.db.selectFrom('watch_nodes').selectAll().where('node', '=', node).executeTakeFirst();
    if (r && r.seen_at >= now) return;
    await sleep(50);
  }
  throw new Error(`节点 ${node} 没有上线`);
}
const probe = async (faults: Parameters<GovSite['set']>[0]) => {
  gov.set(faults);
  try {
    await runAvailabilityJob(w.deps);
  } finally {
    gov.reset();
  }
};

test('只有一个节点：不请求另一节点复核，本节点复核 2 次都失败即开启事件', async () => {
  gov.resetCounters();
  await probe({ failNext: 3 });
  assert.equal(gov.hits.get('/'), 3, '探测 1 次、复核 2 次');
  assert.deepEqual(await requests(), []);
  assert.equal((await openIncidents()).length, 1);
  assert.match((await homepage()).summary, /复核 2 次仍无法访问/);
  w.deps.clock.advance(5 * 60_000);
  await probe({});
  assert.deepEqual(await openIncidents(), [], '恢复访问后事件恢复');
});

test('另一节点在线：本节点探测和复核都失败而另一节点访问正常时不开启事件；另一节点也失败才开启', async () => {
  const other = startNodeChecks(w.deps, 'node-b');
  try {
    w.deps.clock.advance(5 * 60_000);
    await aliveNow('node-b');
    gov.resetCounters();
    await probe({ failNext: 3 }); // this node: the probe and both re-checks fail; the other node's request succeeds
    assert.equal(gov.hits.get('/'), 4, '本节点 3 次，另一节点 1 次');
    assert.deepEqual(await openIncidents(), []);
    const status = await homepage();
    assert.match(status.summary, /复核时恢复访问（未开启事件）/);
    assert.deepEqual(
      (status.details.rechecks as { ok: boolean }[]).map((r) => r.ok),
      [false, false, true],
    );
    assert.deepEqual(
      (await requests()).map((r) => [r.answered_by, r.ok]),
      [['node-b', 1]],
    );

    w.deps.clock.advance(5 * 60_000);
    await aliveNow('node-b');
    await probe({ status500: true }); // down for every node
    const [incident] = await openIncidents();
    assert.ok(incident, '另一节点复核也失败时开启事件');
    assert.match((await homepage()).summary, /复核 3 次仍无法访问/);
  } finally {
    await other.stop();
  }
});
