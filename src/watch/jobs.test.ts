// The scheduled monitors end to end: a site registered in gongkai (the fixture government site on loopback), the
// availability job probing it, the hourly run crawling it — probes, statuses and incidents land in the database,
// and the officer on shift is told. Runs on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startGovSite, type GovSite } from '../../test/fixtures/gov-site/server.ts';
import { watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import { listMyNotifications } from '../platform/notify/service.ts';
import { Confirmations, runAvailabilityJob, runFullWatchJob } from './jobs.ts';
import { addColumn, addPage, addSite, availabilityShare, listIncidentViews, overview, type Site } from './service.ts';

let w: WatchWorld;
let gov: GovSite;
let site: Site;
before(async () => {
  w = await watchWorld({ watchAllowPrivate: '1' });
  gov = await startGovSite({ today: '2026-03-02' }); // the site's today is the clock's (Monday 2026-03-02)
  const egov = await w.org.actor('egov');
  site = await addSite(w.deps, egov, {
    unitId: w.org.unitId,
    name: '綦江区人民政府网（测试站）',
    url: gov.url,
    kind: 'portal',
  });
  const news = gov.columns.find((c) => c.kind === 'news');
  assert.ok(news);
  await addColumn(w.deps, egov, site.id, { name: news.name, url: `${gov.url}col/${news.id}/`, kind: '动态要闻' });
  await addPage(w.deps, egov, site.id, { url: `${gov.url}about.html`, label: '机构概况' });
});
after(async () => {
  await gov?.close();
  await w?.deps.close();
});

const openIncidents = async () =>
  (await listIncidentViews(w.deps, await w.org.actor('egov'), { siteId: site.id })).filter((i) =>
    ['found', 'notified', 'handling'].includes(i.state),
  );

test('可用性监测：首页返回 500 即开启事件并通知在班的值班人员；恢复后事件自动恢复；探测计入 7 日失败比例', async () => {
  await runAvailabilityJob(w.deps);
  assert.deepEqual(await openIncidents(), []);
  gov.set({ today: '2026-03-02', status500: true });
  w.deps.clock.advance(5 * 60_000);
  await runAvailabilityJob(w.deps);
  const [incident] = await openIncidents();
  assert.equal(incident?.monitor, 'availability');
  const zhao = await listMyNotifications(w.deps.db, w.org.ids.zhao); // 赵 is on the 白班 now
  assert.ok(
    zhao.items.some((n) => n.title.includes('綦江区人民政府网（测试站）')),
    JSON.stringify(zhao.items.map((n) => n.title)),
  );

  gov.reset();
  gov.set({ today: '2026-03-02' });
  w.deps.clock.advance(5 * 60_000);
  await runAvailabilityJob(w.deps);
  assert.deepEqual(await openIncidents(), []);
  const share = await availabilityShare(w.deps, site.id, w.deps.clock.now());
  assert.deepEqual([share.total, share.failures], [3, 1]);
  const summary = (await overview(w.deps, await w.org.actor('egov'))).sites.find((s) => s.site.id === site.id);
  assert.equal(summary?.lastCheckedAt, w.deps.clock.now().toISOString(), '监测总览应显示最近一次检查的时间');
});

test('定时探测：失败的首页在本组时段结束后继续复核（下一时段不必等待复核），复核确认后开启事件', async () => {
  const confirmations = new Confirmations();
  // The site answers the run's probe and holds its re-checks unanswered until released: the run can only return while
  // a re-check is still in flight if it does not wait for them (an answer merely slowed by a second was beaten once
  // by a loaded machine, which let both re-checks end before the run returned).
  gov.set({ today: '2026-03-02', status500: true });
  const held = gov.holdAfter('/', 1);
  w.deps.clock.advance(5 * 60_000);
  try {
    await runAvailabilityJob(w.deps, undefined, undefined, confirmations);
    assert.ok(confirmations.busy(site.id), '本次运行结束时复核仍在进行');
  } finally {
    held.release();
  }
  await confirmations.idle();
  assert.equal((await openIncidents())[0]?.monitor, 'availability');
  gov.reset();
  gov.set({ today: '2026-03-02' });
  w.deps.clock.advance(5 * 60_000);
  await runAvailabilityJob(w.deps, undefined, undefined, confirmations);
  assert.deepEqual(await openIncidents(), [], '首页恢复：无需复核，事件在本次运行中恢复');
  assert.equal(confirmations.busy(site.id), false);
});

test('网站巡检：页面出现严重表述错误（扫黑险恶）开启智能校对事件；首次巡检记下防篡改基线；未变化的网页不再重复校对', async () => {
  gov.set({ today: '2026-03-02', typo: true });
  w.deps.clock.advance(60 * 60_000);
  await runFullWatchJob(w.deps);
  const content = (await openIncidents()).filter((i) => i.monitor === 'content');
  assert.equal(content.length, 1, JSON.stringify(await openIncidents()));
  assert.match(JSON.stringify(content[0]), /扫黑/);
  const page = await w.deps.db
    .selectFrom('watch_pages')
    .select('baseline_hash')
    .where('site_id', '=', site.id)
    .executeTakeFirstOrThrow();
  assert.ok(page.baseline_hash, '首次巡检应记下机构概况页的基线');

  // An hour later nothing changed: the pages are not proofread again, so the incident gains no new observation.
  w.deps.clock.advance(60 * 60_000);
  await runFullWatchJob(w.deps);
  const [again] = (await openIncidents()).filter((i) => i.monitor === 'content');
  assert.equal(again.observations, content[0].observations);
  // Each page's hash is kept once per site and stamped with the latest run.
  const hashes = await w.deps.db
    .selectFrom('watch_page_hashes')
    .select(['url', 'checked_at'])
    .where('site_id', '=', site.id)
    .execute();
  assert.ok(hashes.length > 3, `应记下各页面的指纹：${hashes.length}`);
  assert.equal(new Set(hashes.map((h) => h.url)).size, hashes.length);
  assert.deepEqual([...new Set(hashes.map((h) => Date.parse(h.checked_at)))], [w.deps.clock.now().getTime()]);
});

test('网站巡检：机构概况页被篡改即开启防篡改事件', async () => {
  gov.set({ today: '2026-03-02', defaced: true });
  w.deps.clock.advance(60 * 60_000);
  await runFullWatchJob(w.deps);
  const integrity = (await openIncidents()).filter((i) => i.monitor === 'integrity');
  assert.equal(integrity.length, 1, JSON.stringify(await openIncidents()));
});
