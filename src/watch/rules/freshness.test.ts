import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDates } from '../dates.ts';
import { loadHtml } from '../page.ts';
import type { ColumnKind, ColumnSpec, SiteSpec } from '../spec.ts';
import { feedNewest, judgeFreshness, readList, type ListReading } from './freshness.ts';

const now = new Date('2026-11-29T02:00:00Z'); // 10:00 in Shanghai
const URL_ = 'https://www.cqqj.gov.cn/col/ywdt/';
const nav =
  '<div class="nav"><ul><li><a href="/col/tzgg/">通知公告</a></li><li><a href="/">首页 2020-01-01</a></li></ul></div>';
const list = (items: string) =>
  loadHtml(
    `<html><body>${nav}<ul class="list">${items}</ul><div class="pager"><a href="?p=2">下一页</a></div></body></html>`,
  );

test('四种日期写法都能识别；不合法的日期和长数字不算', () => {
  assert.deepEqual(findDates('2022-11-04 2022年11月4日 2022/11/04 2022.11.4 发布：2022 年 1 月 9 日 14:30'), [
    '2022-11-04',
    '2022-11-04',
    '2022-11-04',
    '2022-11-04',
    '2022-01-09',
  ]);
  assert.deepEqual(findDates('2022-13-01 2022-02-30 120221104 编号2022-11-049 2022-11/04'), []);
});

test('列表页：按条目链接就近读日期，导航和翻页不算条目；未来日期不算更新', () => {
  const r = readList(
    list(
      '<li><a href="/art/1.html">甲</a><span>2026-11-20</span></li><li><a href="/art/2.html">乙</a>'
        + '<span>2026年11月25日</span></li><li><a href="/art/3.html">丙</a></li>'
        + '<li><a href="/art/4.html">丁</a><span>2027-01-01</span></li>',
    ),
    URL_,
    now,
  );
  assert.deepEqual({ ...r }, { url: URL_, items: 4, dated: 3, newest: '2026-11-25' });
  const table = readList(
    loadHtml('<table><tr><td><a href="/a.html">甲</a></td><td>2026.11.02</td></tr></table>'),
    URL_,
    now,
  );
  assert.equal(table.newest, '2026-11-02');
});

test('配置了日期选择器时只读选择器里的日期', () => {
  const $ = loadHtml(
    '<div class="item"><a href="/a.html">2026-11-28 活动回顾</a><em class="pubdate">发布时间 2026-10-01</em></div>',
  );
  assert.equal(readList($, URL_, now, '.pubdate').newest, '2026-10-01');
  assert.equal(readList($, URL_, now).newest, '2026-11-28');
});

const column = (id: string, kind: ColumnKind): ColumnSpec => ({ id, name: id, kind, listUrl: `https://x/${id}/` });
const reading = (newest?: string, items = 5): ListReading => ({
  url: 'https://x/',
  items,
  dated: newest ? items : 0,
  newest,
});
const spec = (columns: ColumnSpec[], accounts: SiteSpec['accounts'] = []): SiteSpec => ({
  id: 's',
  name: 's',
  url: 'https://x/',
  columns,
  accounts,
});
const ofRule = (o: ReturnType<typeof judgeFreshness>, rule: string) => o.filter((x) => x.rule === rule);

test('首页：第 10 天预警、第 14 天否决；没有任何日期视为未更新', () => {
  const home = (newest?: string) =>
    ofRule(
      judgeFreshness({ spec: spec([]), now, homepage: reading(newest), columns: new Map(), accounts: new Map() }),
      'homepage-stale',
    )[0];
  assert.equal(home('2026-11-20').level, 'ok'); // 9 days
  assert.equal(home('2026-11-19').level, 'warning'); // 10 days
  assert.equal(home('2026-11-15').level, 'veto'); // 14 days
  assert.match(home('2026-11-15').summary, /已 14 天未更新/);
  assert.equal(home(undefined).level, 'veto');
});

test('不更新栏目：动态要闻 14 天、通知公告 6 个月；三类合计 ≥5 否决、>2 预警；任意栏目 ≥10 否决、>6 预警', () => {
  const kinds: ColumnKind[] = [
    'news',
    'news',
    'notice',
    'policy',
    'plan',
    'plan',
    'plan',
    'other',
    'other',
    'other',
    'other',
  ];
  const cols = kinds.map((k, i) => column(`c${i}`, k));
  const run = (readings: Record<string, ListReading>) =>
    judgeFreshness({ spec: spec(cols), now, columns: new Map(Object.entries(readings)), accounts: new Map() });
  const fresh = Object.fromEntries(cols.map((c) => [c.id, reading('2026-11-28')]));
  assert.equal(ofRule(run(fresh), 'stale-columns')[0].level, 'ok');
  // 15-day-old news is stale, 15-day-old notice is not
  const r1 = run({ ...fresh, c0: reading('2026-11-14'), c2: reading('2026-11-14') });
  assert.deepEqual(
    ofRule(r1, 'column-stale')
      .filter((o) => o.level !== 'ok')
      .map((o) => (o.target as { columnId: string }).columnId),
    ['c0'],
  );
  const three = run({ ...fresh, c0: reading('2026-11-01'), c1: reading(undefined), c2: reading('2026-01-01') });
  assert.equal(ofRule(three, 'stale-columns')[0].level, 'warning');
  const five = run({
    ...fresh,
    c0: reading('2026-11-01'),
    c1: reading(undefined),
    c2: reading('2026-01-01'),
    c3: reading('2025-01-01'),
    c4: reading('2024-01-01'),
  });
  assert.equal(ofRule(five, 'stale-columns')[0].level, 'warning'); // 4 core + 1 plan
  const staleAll = Object.fromEntries(cols.map((c) => [c.id, reading('2020-01-01')]));
  const veto = ofRule(run(staleAll), 'stale-columns')[0];
  assert.equal(veto.level, 'veto');
  assert.equal(veto.details.total, 11);
  const sevenOther = run({
    ...fresh,
    c4: reading('2020-01-01'),
    c5: reading('2020-01-01'),
    c6: reading('2020-01-01'),
    c7: reading('2020-01-01'),
    c8: reading('2020-01-01'),
    c9: reading('2020-01-01'),
    c10: reading('2020-01-01'),
  });
  assert.equal(ofRule(sevenOther, 'stale-columns')[0].level, 'warning');
});

test('不更新栏目：动态要闻、通知公告、政策文件三类合计 5 个即否决，其他栏目不计入这条线', () => {
  const cols = (['news', 'news', 'notice', 'notice', 'policy', 'plan'] as ColumnKind[]).map((k, i) =>
    column(`c${i}`, k),
  );
  const run = (stale: string[]) =>
    ofRule(
      judgeFreshness({
        spec: spec(cols),
        now,
        accounts: new Map(),
        columns: new Map(cols.map((c) => [c.id, reading(stale.includes(c.id) ? '2020-01-01' : '2026-11-28')])),
      }),
      'stale-columns',
    )[0];
  assert.equal(run(['c0', 'c1', 'c2', 'c3', 'c4']).level, 'veto');
  assert.deepEqual(run(['c0', 'c1', 'c2', 'c3', 'c5']).details, {
    stale: ['c0', 'c1', 'c2', 'c3', 'c5'],
    core: 4,
    total: 5,
  });
  assert.equal(run(['c0', 'c1', 'c2', 'c3', 'c5']).level, 'warning');
});

test('空白栏目：>2 预警，≥5 否决；空白栏目不重复计为不更新', () => {
  const cols = Array.from({ length: 6 }, (_, i) => column(`c${i}`, 'other'));
  const run = (blank: number) =>
    judgeFreshness({
      spec: spec(cols),
      now,
      accounts: new Map(),
      columns: new Map(cols.map((c, i) => [c.id, reading(i < blank ? undefined : '2026-11-28', i < blank ? 0 : 5)])),
    });
  assert.equal(ofRule(run(2), 'blank-columns')[0].level, 'ok');
  assert.equal(ofRule(run(3), 'blank-columns')[0].level, 'warning');
  assert.equal(ofRule(run(5), 'blank-columns')[0].level, 'veto');
  assert.equal(ofRule(run(5), 'stale-columns')[0].details.total, 0);
});

test('政务新媒体：14 天无发布为僵尸号；订阅源的最新日期或录入的日期', () => {
  const accounts = [
    { id: 'wx', name: '綦江发布', platform: '微信公众号', feedUrl: 'https://x/rss' },
    { id: 'wb', name: '綦江发布', platform: '微博', lastPostDate: '2026-11-10' },
    { id: 'dy', name: '綦江', platform: '抖音' },
  ];
  const rss =
    '<rss><channel><item><pubDate>Tue, 24 Nov 2026 08:00:00 +0800</pubDate></item>'
    + '<item><pubDate>Mon, 02 Nov 2026 08:00:00 +0800</pubDate></item></channel></rss>';
  assert.equal(feedNewest(rss, now), '2026-11-24');
  const o = judgeFreshness({
    spec: spec([], accounts),
    now,
    columns: new Map(),
    accounts: new Map([['wx', { newest: feedNewest(rss, now) }]]),
  });
  const by = (id: string) => o.find((x) => x.target.kind === 'account' && x.target.accountId === id)!;
  assert.equal(by('wx').level, 'ok');
  assert.equal(by('wb').level, 'veto');
  assert.match(by('wb').summary, /僵尸号/);
  assert.equal(by('dy').level, 'warning');
});
