import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMisspellingChecker } from './misspelling.ts';
import misspellings from './data/misspellings.json' with { type: 'json' };

const checker = buildMisspellingChecker([
  ['增涨', '增长'],
  ['再接再励', '再接再厉'],
  ['确', '的确'],
]);

test('错别字给出正确写法', () => {
  const text = '全区地区生产总值同比增涨5.2%，希望再接再励。';
  assert.deepEqual(
    checker.find(text).map((f) => [text.slice(f.start, f.end), f.suggestion, f.severity]),
    [
      ['增涨', '增长', 'error'],
      ['再接再励', '再接再厉', 'error'],
    ],
  );
});

test('正确写法不被标记，包括包含错误写法的正确词', () => {
  assert.deepEqual(checker.find('全区地区生产总值同比增长5.2%，的确再接再厉。'), []);
});

test('词表达到 500 对，且每对写法不同、记录了来源和许可', () => {
  assert.ok(misspellings.pairs.length >= 500, `当前 ${misspellings.pairs.length} 对`);
  assert.ok(misspellings.pairs.every((p) => p.length === 2 && p[0] !== p[1]));
  assert.ok(misspellings.source && misspellings.licence);
});
