// 页面篡改, 暗链 and 审定稿一致: positives and the look-alikes that must not alarm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FetchResult } from '../fetch.ts';
import { loadHtml } from '../page.ts';
import type { SiteSpec } from '../spec.ts';
import { judgeApprovedText, textChanges } from './approved-text.ts';
import { baselineHash, judgeDefacement, normalizeForBaseline } from './defacement.ts';
import {
  collectHiddenLinks,
  findHiddenLinks,
  hidingStyle,
  judgeHiddenLinks,
  type HiddenLinksFound,
} from './hidden-links.ts';

const now = new Date('2026-11-29T02:00:00Z');
const URL_ = 'https://www.cqqj.gov.cn/about.html';
const spec = (baselines: Record<string, string> = {}): SiteSpec => ({
  id: 's',
  name: 's',
  url: 'https://www.cqqj.gov.cn/',
  columns: [],
  baselines,
});
const ok = { ok: true, status: 200 } as FetchResult;
const about = (day: string, counter: number, body = '主要职责：负责区政府会议的准备工作。') =>
  loadHtml(
    `<html><head><script>var t="${counter}"</script><style>p{color:red}</style></head>`
      + `<body><p>今天是${day} 星期${'日一二'[counter % 3]}</p>\n  <p>${body}</p>`
      + `<p>访问量：${counter}　更新时间：${day.replace(/年|月/g, '-').replace('日', '')} `
      + `09:${10 + (counter % 50)}</p></body></html>`,
  );

test('篡改：日期、时间、星期、计数器、脚本变化不算篡改；正文改动算', () => {
  const first = judgeDefacement(spec(), URL_, ok, about('2026年11月28日', 100), now);
  assert.equal(first.observation.level, 'ok');
  assert.ok(first.newBaseline);
  const baselines = { [URL_]: first.newBaseline! };
  const later = judgeDefacement(spec(baselines), URL_, ok, about('2026年12月1日', 123457), now);
  assert.deepEqual([later.observation.level, later.observation.incident, later.newBaseline], ['ok', false, undefined]);
  const hacked = judgeDefacement(spec(baselines), URL_, ok, about('2026年11月28日', 100, 'HACKED BY xx team'), now);
  assert.deepEqual(
    [hacked.observation.rule, hacked.observation.level, hacked.observation.incident],
    ['defaced', 'veto', true],
  );
  assert.match(String(hacked.observation.details.excerpt), /HACKED BY/);
  assert.notEqual(
    baselineHash(normalizeForBaseline(about('2026年11月28日', 1, '主要职责：负责区政府会议。'))),
    first.newBaseline,
  );
});

test('暗链样式：display:none、visibility:hidden、≤2px 字号、移出屏幕、零尺寸；正常样式不算', () => {
  for (const s of [
    'display: none',
    'visibility:hidden',
    'font-size:1px',
    'font-size: 0',
    'font-size:2px',
    'position:absolute;left:-9999px',
    'text-indent:-5000px',
    'height:0;overflow:hidden',
  ])
    assert.ok(hidingStyle(s), s);
  for (const s of [
    'display:block',
    'font-size:12px',
    'font-size:20px',
    'left:-10px',
    'margin-left:-20px',
    'color:#fff',
    'height:0',
  ])
    assert.equal(hidingStyle(s), undefined, s);
});

const page = (body: string) =>
  loadHtml(`<html><head><style>.seo{position:absolute;top:-2000px} .mm{display:none}
  /* 植入 */ div.ft > p.x a, #yqlj{ visibility : hidden }</style></head><body>${body}</body></html>`);
const hosts = ['www.cqqj.gov.cn'];

test('暗链：隐藏的外部链接（自身、容器、样式表）被发现，赌博色情词加重', () => {
  const found = findHiddenLinks(
    page(
      '<div style="display:none"><p><a href="http://casino-bet.example/">澳门娱乐城</a></p></div>\n'
        + '    <span style="font-size:1px"><a href="https://shop.example/">特价</a></span>'
        + '<div class="seo"><a href="//links.example/a">友情链接</a></div>\n'
        + '    <a href="http://x.example/" hidden>x</a>'
        + '<div class="ft"><p class="x"><a href="http://bet365.example/">bet365</a></p></div>\n'
        + '    <ul id="yqlj"><li><a href="http://y.example/">链接</a></li></ul>',
    ),
    URL_,
    hosts,
  );
  assert.deepEqual(
    found.map((f) => [new URL(f.url).hostname, f.weight]),
    [
      ['casino-bet.example', 'high'],
      ['shop.example', 'normal'],
      ['links.example', 'normal'],
      ['x.example', 'normal'],
      ['bet365.example', 'high'],
      ['y.example', 'normal'],
    ],
  );
  assert.match(found[4].reason, /div\.ft > p\.x a/);
  assert.match(found[2].reason, /\.seo/);
  const all: HiddenLinksFound = new Map();
  collectHiddenLinks(all, URL_, found);
  collectHiddenLinks(all, 'https://www.cqqj.gov.cn/a.html', found);
  const o = judgeHiddenLinks(spec(), all, now);
  assert.deepEqual([o.level, o.incident, o.rule], ['veto', true, 'hidden-link']);
  assert.match(o.summary, /6 个暗链.*最多出现在 2 个页面.*赌博或色情/);
});

test('不是暗链：可见的外部链接；隐藏的本站链接（折叠的手机菜单）', () => {
  const found = findHiddenLinks(
    page(`<p><a href="http://www.cq.gov.cn/">重庆市人民政府</a></p><div class="mm"><a href="/col/ywdt/">动态要闻</a></div>
    <div style="display:none"><a href="https://www.cqqj.gov.cn/x.html">本站</a></div>`),
    URL_,
    hosts,
  );
  assert.deepEqual(found, []);
  const o = judgeHiddenLinks(spec(), new Map(), now);
  assert.deepEqual([o.level, o.incident], ['ok', false]);
});

const approved =
  '为全面掌握我区土壤资源情况，区政府决定开展第三次全国土壤普查。\n普查对象为全域耕地、园地、林地、草地。';

test('审定稿：页面多出的页头页脚、空白和半角标点不算不一致', () => {
  const live = `首页 > 通知公告\n关于做好第三次全国土壤普查的通知\n为全面掌握我区土壤资源情况, 区政府决定开展第三次全国土壤普查。\n普查对象为全域耕地、园地、林地、草地。\n【打印】【关闭】`;
  assert.deepEqual(textChanges(approved, live), []);
  const o = judgeApprovedText(spec(), URL_, approved, live, undefined, now);
  assert.deepEqual([o.level, o.incident], ['ok', false]);
});

test('审定稿：发布后被改动的文字报告缺少和多出的内容', () => {
  const live =
    '通知\n为全面掌握我区土壤资源情况，区政府决定暂缓开展第三次全国土壤普查。\n普查对象为全域耕地、林地、草地。';
  const changes = textChanges(approved, live);
  assert.deepEqual(
    changes.map((c) => [c.kind, c.text]),
    [
      ['added', '暂缓'],
      ['missing', '园地、'],
    ],
  );
  const o = judgeApprovedText(spec(), URL_, approved, live, undefined, now);
  assert.deepEqual([o.rule, o.level, o.incident], ['text-mismatch', 'warning', true]);
  assert.match(o.summary, /缺少 1 处、多出 1 处/);
  assert.equal(
    judgeApprovedText(spec(), URL_, approved, undefined, 'HTTP 404', now).summary,
    '经审核发布的稿件页面无法读取：HTTP 404',
  );
});
