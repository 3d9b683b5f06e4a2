// Every monitor against the fixture government site: a clean site raises nothing, each injected fault is found,
// and the run survives all of them at once within bounded time and memory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startGovSite, type GovSite } from '../../test/fixtures/gov-site/server.ts';
import { fixtureOptions, fixtureSpec } from '../../test/fixtures/gov-site/spec.ts';
import { createChecker } from '../checks/index.ts';
import type { Observation } from './observation.ts';
import { DETAIL_NAME, RULE_NAME } from './names.ts';
import { judgeContent } from './rules/content.ts';
import { runSiteChecks, type RunResult } from './run.ts';

let site: GovSite;
let clean: RunResult;
const checker = createChecker();
before(async () => {
  site = await startGovSite();
  clean = await runSiteChecks(fixtureSpec(site), fixtureOptions({ checker }));
});
after(() => site.close());
const raised = (r: RunResult) => r.observations.filter((o) => o.level !== 'ok' || o.incident);
const find = (r: RunResult, rule: string, pred: (o: Observation) => boolean = () => true) =>
  r.observations.filter((o) => o.rule === rule && pred(o));
const column = (id: string) => (o: Observation) => o.target.kind === 'column' && o.target.columnId === id;
async function withFaults(faults: Parameters<GovSite['set']>[0], extra = {}): Promise<RunResult> {
  site.set(faults);
  try {
    return await runSiteChecks(
      fixtureSpec(site, { baselines: clean.baselines, ...extra }),
      fixtureOptions({ checker }),
    );
  } finally {
    site.reset();
  }
}

test('正常站点：没有预警、否决或事件；每个监测项（含智能校对）都给出 ok 观测；robots.txt 禁止的页面未被访问', () => {
  assert.deepEqual(
    raised(clean).map((o) => o.summary),
    [],
  );
  for (const m of ['availability', 'freshness', 'links', 'integrity', 'content'])
    assert.ok(
      clean.observations.some((o) => o.monitor === m),
      m,
    );
  assert.ok(clean.stats.pages >= 60, `pages ${clean.stats.pages}`);
  assert.equal(clean.stats.findings.serious, 0);
  assert.equal(clean.stats.robotsDisallowed, 1);
  assert.equal(site.hits.get('/admin/login.html'), undefined);
  assert.deepEqual(Object.keys(clean.baselines), [`${site.url}about.html`]);
  // through the date selector
  assert.equal(find(clean, 'column-stale', column('ztzl'))[0].details.newest, '2026-11-28');
  assert.equal(clean.probe.ok, true);
  assert.deepEqual(clean.stats.errors, []);
});

test('不更新栏目与空白栏目', async () => {
  const r = await withFaults({ staleColumn: true, blankColumn: true });
  assert.match(find(r, 'column-stale', column('ywdt'))[0].summary, /已 41 天未更新（要求 14 天内）/);
  assert.equal(find(r, 'column-stale', column('rsxx'))[0].details.blank, true);
  assert.deepEqual(find(r, 'stale-columns')[0].details.stale, ['动态要闻']);
  assert.deepEqual(find(r, 'blank-columns')[0].details.blank, ['人事信息']);
  assert.equal(find(r, 'column-stale', column('tzgg'))[0].level, 'ok');
});

test('死链：页面、图片、附件，各自带所在页面', async () => {
  const r = await withFaults({ deadLink: true });
  const dead = find(r, 'dead-link').map((o) => [o.details.url, o.details.kind, (o.details.on as string[])[0]]);
  assert.deepEqual(dead.sort(), [
    [`${site.url}art/ywdt/999999.html`, 'page', `${site.url}art/ywdt/1.html`],
    [`${site.url}files/missing.pdf`, 'attachment', site.url],
    [`${site.url}images/missing.png`, 'image', `${site.url}art/ywdt/1.html`],
  ]);
  assert.equal(find(r, 'dead-links')[0].details.deadOnHomepage, 1);
});

test('篡改：机构概况页被改动；页面上轮换的日期和计数器不算', async () => {
  site.set({ today: '2026-12-03' });
  const rotated = await runSiteChecks(fixtureSpec(site, { baselines: clean.baselines }), fixtureOptions({ checker }));
  site.reset();
  assert.equal(find(rotated, 'defaced')[0].level, 'ok');
  const r = await withFaults({ defaced: true });
  const o = find(r, 'defaced')[0];
  assert.deepEqual([o.level, o.incident, (o.target as { url: string }).url], ['veto', true, `${site.url}about.html`]);
  assert.deepEqual(r.baselines, {});
});

test('暗链：页脚被植入的隐藏链接；其域名无法解析也被报告', async () => {
  const r = await withFaults({ hiddenLink: true });
  const o = find(r, 'hidden-link')[0];
  assert.deepEqual([o.level, o.incident], ['veto', true]);
  assert.deepEqual(
    (o.details.links as { url: string; weight: string }[]).map((l) => [l.url, l.weight]),
    [
      ['http://casino-bet.example/', 'high'],
      ['http://seo-links.example/page', 'normal'],
    ],
  );
  assert.deepEqual(
    find(r, 'bad-domain')
      .map((b) => b.details.host)
      .sort(),
    ['casino-bet.example', 'seo-links.example'],
  );
  // the visible link to the other site is checked and alive, not 暗链
  assert.ok(find(clean, 'hidden-link')[0].level === 'ok');
});

test('智能校对：新页面上的严重表述错误成为事件；页脚联系电话不算个人信息；未变化的页面不再校对', async () => {
  const r = await withFaults({ typo: true });
  const o = find(r, 'serious-finding');
  assert.equal(o.length, 1);
  assert.equal((o[0].target as { url: string }).url, `${site.url}art/ywdt/1.html`);
  assert.match(o[0].summary, /扫黑险恶/);
  assert.equal(o[0].incident, true);
  const spec = fixtureSpec(site, { pageHashes: { 'https://x/': 'y' } });
  assert.equal(
    judgeContent(spec, checker, 'https://x/', '主办：区政府办公室　联系电话：023-48661234', new Date()).observation,
    undefined,
  );
  const again = await runSiteChecks(fixtureSpec(site, { pageHashes: clean.pageHashes }), fixtureOptions({ checker }));
  assert.equal(again.stats.contentChecked, 1); // only 机构概况, whose 更新时间 changes with every visit
});

test('审定稿：经 gongkai 发布的稿件页面与审定稿一致；改动被报告', async () => {
  const item = site.columns[1].items[0];
  const url = `${site.url}art/${site.columns[1].id}/${item.id}.html`;
  const r = await withFaults({}, { approvedTexts: { [url]: item.paragraphs.join('\n') } });
  assert.equal(find(r, 'text-mismatch')[0].level, 'ok');
  const changed = await withFaults(
    {},
    { approvedTexts: { [url]: `${item.paragraphs[0]}\n本通知自印发之日起施行。\n${item.paragraphs[1]}` } },
  );
  assert.deepEqual(
    [
      find(changed, 'text-mismatch')[0].incident,
      (find(changed, 'text-mismatch')[0].details.changes as { text: string }[])[0].text,
    ],
    [true, '本通知自印发之日起施行。'],
  );
});

test('首页故障：500、超时、循环重定向、超大响应 → 可用性事件，且在限定时间内结束', async () => {
  for (const fault of [{ status500: true }, { timeout: true }, { redirectLoop: true }, { hugeBody: true }]) {
    const t0 = Date.now();
    const r = await withFaults(fault);
    const o = find(r, 'homepage-unreachable')[0];
    assert.deepEqual([o.incident, o.level], [true, 'warning'], JSON.stringify(fault));
    assert.ok(Date.now() - t0 < 10_000, `${JSON.stringify(fault)} took ${Date.now() - t0} ms`);
  }
});

test('所有故障同时出现（且响应变慢）：不抛出，时间和内存有上限', async () => {
  const rss0 = process.memoryUsage().rss;
  const t0 = Date.now();
  const r = await withFaults({
    slow: 20,
    staleColumn: true,
    blankColumn: true,
    deadLink: true,
    defaced: true,
    hiddenLink: true,
    typo: true,
    hugeBody: true,
  });
  assert.ok(Date.now() - t0 < 20_000);
  assert.ok(process.memoryUsage().rss - rss0 < 300 * 1024 * 1024);
  const rules = new Set(raised(r).map((o) => o.rule));
  for (const rule of ['homepage-unreachable', 'column-stale', 'dead-link', 'defaced', 'hidden-link', 'serious-finding'])
    assert.ok(rules.has(rule), rule);
  assert.deepEqual(r.stats.errors, []);
});

test('每条观测的规则和证据字段都有中文名称，异常事件页面不会显示代码', async () => {
  const r = await withFaults({
    staleColumn: true,
    blankColumn: true,
    deadLink: true,
    defaced: true,
    hiddenLink: true,
    typo: true,
  });
  const unnamed = r.observations.flatMap((o) =>
    [o.rule, ...Object.keys(o.details)].filter((k) => !RULE_NAME[k] && !DETAIL_NAME[k]).map((k) => `${o.rule}: ${k}`),
  );
  assert.deepEqual([...new Set(unnamed)], []);
  assert.ok(
    r.observations.every((o) => RULE_NAME[o.rule]),
    '每条规则都应有名称',
  );
});

test('默认不允许访问本机地址：首页探测失败并说明原因，没有任何请求到达站点', async () => {
  const total = () => [...site.hits.values()].reduce((a, b) => a + b, 0);
  const before = total();
  const r = await runSiteChecks(fixtureSpec(site), { ...fixtureOptions({ checker }), allowPrivate: false });
  assert.match(find(r, 'homepage-unreachable')[0].summary, /内网、本机或保留地址/);
  assert.equal(total(), before);
});
