// 暗链 hiding styles beyond the obvious ones: zero font sizes in any unit, clip and clip-path, a 1 px box.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadHtml } from '../page.ts';
import type { SheetText } from './css-cascade.ts';
import { findHiddenLinks, hidingStyle, scriptLinks } from './hidden-links.ts';

test('零字号（任何单位）、clip、clip-path、1×1 像素溢出隐藏都认作隐藏；正常样式不算', () => {
  const hiding = [
    'font-size:0em',
    'font-size: 0rem',
    'font-size:0%',
    'font-size:1px',
    'clip: rect(0 0 0 0); position:absolute',
    'clip-path: inset(50%)',
    'width:1px;height:1px;overflow:hidden',
  ];
  for (const style of hiding) {
    assert.ok(hidingStyle(style), style);
  }
  const visible = [
    'font-size:1.2em',
    'font-size:14px',
    'width:1px;height:20px',
    'clip-path: inset(5%)',
    'overflow:hidden',
  ];
  for (const style of visible) {
    assert.equal(hidingStyle(style), undefined, style);
  }
});

const site = ['www.cqqj.gov.cn'];
const at = 'https://www.cqqj.gov.cn/';
const reasons = (html: string, linked = new Map<string, SheetText[]>()) =>
  findHiddenLinks(loadHtml(html), at, site, linked).map((h) => `${new URL(h.url).hostname} ${h.reason}`);

test('层叠：优先级、先后、!important 与内联样式、继承后被子元素覆盖，都按浏览器的结果判断', () => {
  const css = `<style>
    #f .x a{display:none} .x a{display:inline}
    .y a{display:inline} .y a{display:none}
    .z a{display:inline!important} .z a{display:none}
    .w{visibility:hidden} .w .v{visibility:visible}
    .icons{font-size:0} .icons a{font-size:14px}
    .bar{background:#1a4d8f} .bar a{color:#fff}
    .same{background-color:rgb(255,255,255)} .same a{color:#FFF}
    @media print{.p{display:none}} @media (max-width:600px){.m{display:none}} @media screen{.s{display:none}}
  </style>`;
  const body = `<div id="f"><p class="x"><a href="http://a.example/">a</a></p></div>
    <p class="y"><a href="http://b.example/">b</a></p>
    <p class="z"><a href="http://c.example/">c</a></p>
    <p class="z"><a href="http://d.example/" style="display:none">d</a></p>
    <div class="w"><p class="v"><a href="http://e.example/">e</a></p></div>
    <div class="icons"><a href="http://f.example/">f</a></div>
    <div class="bar"><a href="http://g.example/">g</a></div>
    <div class="same"><a href="http://h.example/">h</a></div>
    <p class="p"><a href="http://i.example/">i</a></p><p class="m"><a href="http://j.example/">j</a></p>
    <p class="s"><a href="http://k.example/">k</a></p>`;
  // c and d: a stylesheet's !important beats a later rule and an inline style without it
  assert.deepEqual(reasons(`<html><head>${css}</head><body>${body}</body></html>`), [
    'a.example display:none（元素不显示）：#f .x a{display:none}（<style> 块）',
    'b.example display:none（元素不显示）：.y a{display:none}（<style> 块）',
    'h.example 文字颜色与背景色相同（color:#FFF，背景 #ffffff）：.same a{color:#FFF}（<style> 块）',
    'k.example display:none（元素不显示）：.s{display:none}（<style> 块）',
  ]);
});

test('悬停展开的菜单不是暗链：:hover 规则能让它显示；没有这样的规则的同样结构是暗链', () => {
  const menu = (css: string) =>
    reasons(`<html><head><style>.yl ul{display:none} .dd{height:0;overflow:hidden} ${css}</style></head><body>
      <div class="yl">友情链接<ul><li><a href="http://m.example/">m</a></li></ul></div>
      <div class="more"><div class="dd"><a href="http://n.example/">n</a></div></div></body></html>`);
  assert.deepEqual(menu('.yl:hover ul{display:block} .more:hover .dd{height:auto}'), []);
  assert.deepEqual(menu('.yl:hover ul{display:none} .more:hover .dd{color:red}'), [
    'm.example display:none（元素不显示）：.yl ul{display:none}（<style> 块）',
    'n.example 尺寸为 0 且 overflow:hidden（内容被裁掉）：.dd{height:0;overflow:hidden}（<style> 块）',
  ]);
});

test('外部样式表按文档顺序参与层叠；未取到的样式表不隐藏任何东西', () => {
  const html = `<html><head><link rel="stylesheet" href="/a.css"><style>.q{display:block}</style>
    <link rel="stylesheet" href="/b.css"></head>
    <body><div class="q"><a href="http://q.example/">q</a></div></body></html>`;
  const sheets = new Map([
    ['https://www.cqqj.gov.cn/a.css', [{ css: '.q{display:none}', source: 'https://www.cqqj.gov.cn/a.css' }]],
  ]);
  assert.deepEqual(reasons(html, sheets), []);
  sheets.set('https://www.cqqj.gov.cn/b.css', [{ css: '.q{display:none}', source: 'https://www.cqqj.gov.cn/b.css' }]);
  assert.deepEqual(reasons(html, sheets), [
    'q.example display:none（元素不显示）：.q{display:none}（https://www.cqqj.gov.cn/b.css）',
  ]);
});

test('脚本写入：拼接、\\x3c 转义和 unescape 的 %3C 都被还原；写入本站链接或不写 HTML 的脚本不算', () => {
  const found = (code: string) => scriptLinks(code, at, site).map((h) => [h.url, h.technique]);
  assert.deepEqual(found(`document.write(unescape("%3Ca href='http://u.example/x'%3E%E5%8D%9A%E5%BD%A9%3C/a%3E"))`), [
    ['http://u.example/x', '内联脚本 document.write 写入的链接'],
  ]);
  assert.deepEqual(found(`el.insertAdjacentHTML('beforeend', '<a hr' + 'ef="//v.example/">v</a>')`), [
    ['https://v.example/', '内联脚本 insertAdjacentHTML 写入的链接'],
  ]);
  assert.deepEqual(found(`document.write('<a href="/col/ywdt/">本站</a>')`), []);
  const page = loadHtml(`<script>var a = '<a href="http://w.example/">w</a>';</script>`);
  assert.deepEqual(findHiddenLinks(page, at, site), []);
});
