import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildAutomaton } from './aho-corasick.ts';

function allMatches(patterns: string[], text: string): string[] {
  const found: string[] = [];
  buildAutomaton(patterns).scan(text, (p, s, e) => found.push(`${patterns[p]}@${s}-${e}`));
  return found.sort();
}

function naive(patterns: string[], text: string): string[] {
  const found: string[] = [];
  patterns.forEach((p) => {
    if (p === '') return;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) found.push(`${p}@${i}-${i + p.length}`);
  });
  return found.sort();
}

test('报告全部重叠匹配：最佳与佳品、国家级与国家', () => {
  const patterns = ['国家', '国家级', '家级', '最佳', '佳品'];
  assert.deepEqual(allMatches(patterns, '本店为国家级最佳品牌'), naive(patterns, '本店为国家级最佳品牌'));
  assert.equal(allMatches(patterns, '本店为国家级最佳品牌').length, 5);
});

test('同一词条重复出现时各自报告', () => {
  assert.deepEqual(allMatches(['扫黑', '扫黑'], '扫黑'), ['扫黑@0-2', '扫黑@0-2']);
});

test('不含任何词条的文本没有匹配', () => {
  assert.deepEqual(allMatches(['扫黑除恶'], '重庆市綦江区人民政府关于做好第三次全国土壤普查的通知'), []);
});

test('与朴素查找结果一致（随机词表与文本）', () => {
  const chars = fc.constantFrom('政', '府', '人', '民', 'a', 'b', '\ud800', '！');
  const word = fc.string({ unit: chars, minLength: 1, maxLength: 4 });
  fc.assert(
    fc.property(fc.array(word, { maxLength: 12 }), fc.string({ unit: chars, maxLength: 60 }), (patterns, text) => {
      assert.deepEqual(allMatches(patterns, text), naive(patterns, text));
    }),
    { numRuns: 300 },
  );
});
