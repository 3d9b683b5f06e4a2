// One verdict: the overview, the site page and the incident judge the same facts the same way — the availability share
// (10 probes, 1 failed: 预警, not 否决风险, as the run says) and the stale and blank columns (a blank column is not
// stale: 3 个（2 个）on every screen). A site never checked shows 未检测. Runs on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import { judgeAvailabilityOn } from './rules/availability.ts';
import { judgeFreshness, type ListReading } from './rules/freshness.ts';
import {
  addColumn,
  addSite,
  getIncidentDetail,
  getSiteDetail,
  listIncidentViews,
  listWatchTargets,
  overview,
  recordObservations,
  recordProbe,
  setThresholds,
} from './service.ts';
import { siteSpecOf } from './spec-of.ts';

let w: WatchWorld;
before(async () => {
  w = await watchWorld();
});
after(async () => {
  await w?.deps.close();
});

const lineOf = (lines: { line: string; level: string; summary: string }[], name: string) =>
  lines.find((l) => l.line === name)!;

test('同一事实同一结论：10 次探测失败 1 次，总览、网站详情和事件都是“预警”（不足 20 次不判否决）', async () => {
  const { deps, site, org } = w;
  const egov = await org.actor('egov');
  const t0 = deps.clock.now().getTime();
  for (let i = 9; i >= 1; i--)
    await recordProbe(deps, site.id, { at: new Date(t0 - i * 300_000), ok: true, ms: 200, statusCode: 200 });
  const now = deps.clock.now();
  const probe = { at: now, ok: false, ms: 15_000, error: '超时（15 秒内未完成）' };
  await recordProbe(deps, site.id, { at: now, ok: false, ms: 15_000, error: probe.error });
  const [target] = await targetsOf(site.id);
  const failed = { ...probe, at: new Date(now.getTime() + 30_000) };
  const obs = judgeAvailabilityOn(siteSpecOf(target, []), probe, { total: 9, failures: 0 }, now, [failed, failed]);
  const { opened } = await recordObservations(deps, { siteId: site.id }, obs, { monitor: 'availability' });
  assert.equal(opened.length, 1);

  const incident = (await getIncidentDetail(deps, egov, opened[0])).incident;
  const inOverview = (await overview(deps, egov)).sites.find((s) => s.site.id === site.id)!;
  const detail = await getSiteDetail(deps, egov, site.id);
  assert.equal(incident.level, 'warning');
  assert.equal(lineOf(inOverview.lines, 'availability').level, 'warning');
  assert.equal(lineOf(detail.lines, 'availability').level, 'warning');
  assert.deepEqual(
    [detail.availability.total, detail.availability.failures, detail.availability.level],
    [10, 1, 'warning'],
  );
  assert.match(detail.availability.text, /近 7 天探测 10 次，失败 1 次（10.0%；不足 20 次，暂不判定否决）/);
  assert.ok(incident.summary.includes(detail.availability.text), incident.summary);
});

test('同一事实同一结论：空白栏目不算不更新栏目，总览、网站详情和事件都说“不更新栏目 3 个（其中…2 个）”', async () => {
  const { deps, site, org, news, notices } = w;
  const egov = await org.actor('egov');
  const personnel = await addColumn(deps, egov, site.id, {
    name: '人事信息',
    url: 'https://kjj.example.gov.cn/rsxx/',
    kind: '人事',
  });
  const plans = await addColumn(deps, egov, site.id, {
    name: '规划计划',
    url: 'https://kjj.example.gov.cn/ghjh/',
    kind: '规划计划',
  });
  // Two key columns stale count as a veto here: the incident opens, and every screen must say the same.
  await setThresholds(deps, egov, site.id, { staleKeyWarnAbove: 0, staleKeyVeto: 2 });
  const [target] = await targetsOf(site.id);
  const stale = (url: string): ListReading => ({ url, items: 20, dated: 20, newest: '2025-01-01' });
  const columns = new Map<string, ListReading>([
    [news.id, stale(news.url)],
    [notices.id, stale(notices.url)],
    [personnel.id, stale(personnel.url)],
    [plans.id, { url: plans.url, items: 0, dated: 0 }],
  ]);
  const now = deps.clock.now();
  const obs = judgeFreshness({ spec: siteSpecOf(target, []), now, columns, accounts: new Map() });
  const { opened } = await recordObservations(deps, { siteId: site.id }, obs, { monitor: 'freshness' });
  const incidents = await listIncidentViews(deps, egov, { siteId: site.id, monitor: 'freshness' });
  const incident = incidents.find((i) => i.rule === 'stale-columns');
  assert.ok(incident && opened.includes(incident.id), JSON.stringify(incidents));

  const words = /^不更新栏目 3 个（其中动态要闻、通知公告、政策文件类 2 个）/;
  const inOverview = (await overview(deps, egov)).sites.find((s) => s.site.id === site.id)!;
  const detail = await getSiteDetail(deps, egov, site.id);
  assert.match(incident.summary, words);
  for (const lines of [inOverview.lines, detail.lines]) {
    assert.deepEqual(
      [lineOf(lines, 'staleColumns').level, lineOf(lines, 'staleColumns').summary],
      [incident.level, incident.summary],
    );
    assert.match(lineOf(lines, 'blankColumns').summary, /^空白栏目 1 个/);
  }
  assert.equal(detail.columns.find((c) => c.id === plans.id)?.level, 'warning');
});

test('刚登记、尚未检测的网站：总览和网站详情显示“未检测”，不是“正常”', async () => {
  const { deps, org } = w;
  const egov = await org.actor('egov');
  const fresh = await addSite(deps, egov, {
    unitId: org.unitId,
    name: '刚登记的网站',
    url: 'https://new.example.gov.cn/',
    kind: 'subsite',
  });
  await addColumn(deps, egov, fresh.id, {
    name: '工作动态',
    url: 'https://new.example.gov.cn/gzdt/',
    kind: '动态要闻',
  });
  const view = await overview(deps, egov);
  const summary = view.sites.find((s) => s.site.id === fresh.id)!;
  assert.equal(summary.level, 'unchecked');
  assert.deepEqual(new Set(summary.lines.map((l) => l.level)), new Set(['unchecked']));
  assert.ok(view.counts.unchecked >= 1);
  const detail = await getSiteDetail(deps, egov, fresh.id);
  assert.deepEqual(
    [detail.level, detail.availability.level, detail.columns[0].level],
    ['unchecked', 'unchecked', 'unchecked'],
  );
});

async function targetsOf(siteId: string) {
  return (await listWatchTargets(w.deps)).sites.filter((s) => s.id === siteId);
}
