import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLexiconChecker } from './lexicon.ts';

const checker = buildLexiconChecker([
  { word: '国家级', category: 'advertising', severity: 'warning' },
  { word: '最佳', category: 'advertising', severity: 'warning' },
  { word: '法轮功', category: 'banned', severity: 'serious' },
  { word: '上访', category: 'sensitive', severity: 'info' },
  { word: '集体上访', category: 'sensitive', severity: 'warning' },
]);
const hits = (text: string) =>
  checker
    .find(text)
    .map((f) => `${f.category}:${text.slice(f.start, f.end)}:${f.severity}`)
    .sort();

test('每个词条带自己的类别和严重程度，重叠匹配全部报告', () => {
  assert.deepEqual(hits('防止发生集体上访事件'), ['sensitive:上访:info', 'sensitive:集体上访:warning'].sort());
  assert.deepEqual(hits('宣扬法轮功'), ['banned:法轮功:serious']);
});

test('广告法用语只在商业语境中标记', () => {
  assert.deepEqual(hits('本店销售的国家级最佳产品'), ['advertising:国家级:warning', 'advertising:最佳:warning']);
  assert.deepEqual(hits('綦江区获批国家级高新技术产业开发区，形成最佳实践案例。'), []);
});
