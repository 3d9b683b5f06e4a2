import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { createChecker, runChecks } from './index.ts';

const GAZETTE = readFileSync(new URL('../../test/fixtures/qijiang-gazette-2022-11.txt', import.meta.url), 'utf8');
const gazette = runChecks(GAZETTE);

test('区政府公报：找到三处用 [ ] 的发文字号', () => {
  const numbers = gazette.findings.filter((f) => f.rule === 'format.doc-number').map((f) => f.text);
  assert.deepEqual(numbers, ['綦江府发[2022]29号', '国发[2022]4号', '渝府发[2022]25号']);
  const first = gazette.findings.find((f) => f.text === '綦江府发[2022]29号')!;
  assert.equal(first.line, GAZETTE.split('\n').findIndex((l) => l.includes('綦江府发[2022]29号')) + 1);
  assert.equal(first.column, 1);
});

test('区政府公报：办公电话、邮编和〔〕发文字号不被标记', () => {
  for (const f of gazette.findings) {
    assert.ok(!/48659622|401420|〔/.test(f.text), `误报：${f.rule} ${f.text}`);
  }
  assert.equal(gazette.findings.filter((f) => f.category === 'pii' && f.severity !== 'info').length, 0);
});

test('区政府公报：严重表述错误只有真实错误（重庆綦江区人民政府缺“市”）', () => {
  const serious = gazette.findings.filter((f) => f.category === 'expression').map((f) => `${f.text}→${f.suggestion}`);
  assert.deepEqual(serious, ['重庆綦江区人民政府→重庆市綦江区人民政府']);
});

test('区政府公报：其他真实错误——重复的“重庆市綦江区”和“增涨”', () => {
  assert.ok(
    gazette.findings.some((f) => f.rule === 'duplicate' && f.text === '重庆市綦江区' && f.severity === 'error'),
  );
  assert.ok(gazette.findings.some((f) => f.category === 'misspelling' && f.text === '增涨'));
});

test('区政府公报（从 PDF 转出，多为半角标点）：半角标点只有一条警告', () => {
  assert.equal(gazette.findings.filter((f) => f.rule.startsWith('punctuation.half-width')).length, 1);
});

test('结果按位置排序，行列号与偏移一致', () => {
  const text = '第一行\n綦江府发[2022]29号\n机密★1年';
  const r = runChecks(text);
  assert.deepEqual(
    r.findings.map((f) => [f.line, f.column, f.text]),
    [
      [2, 1, '綦江府发[2022]29号'],
      [3, 1, '机密★1年'],
    ],
  );
  assert.equal(r.stats.chars, text.length);
  for (let i = 1; i < gazette.findings.length; i++)
    assert.ok(gazette.findings[i - 1].start <= gazette.findings[i].start);
});

test('同一个选项对象重复使用编译好的词典', () => {
  const options = { lexicon: [{ word: '最佳', category: 'advertising' as const, severity: 'warning' as const }] };
  assert.equal(runChecks('本店最佳产品', options).findings.length, runChecks('本店最佳产品', options).findings.length);
  assert.equal(
    createChecker({ defaultLexicon: false })
      .run('本店销售国家级最佳产品')
      .findings.filter((f) => f.category === 'advertising').length,
    0,
  );
});

test('任何字符串输入都不抛异常（含孤立代理项、控制字符）', () => {
  const checker = createChecker();
  const pieces = fc.constantFrom(
    '綦江府发[2022]29号',
    '\ud800',
    '\udc00',
    '机密★',
    '13812341234',
    '11010519491231002X',
    '“',
    '）',
    '重庆市綦江区',
    '扫黑险',
    '\n',
    ',',
    '一、',
    '（1）',
    '附件：',
    '抄送:',
    '2022年2月30日',
    'a@b.cn',
    '\u0000',
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'binary' })), { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      const r = checker.run(text);
      for (const f of r.findings) assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end && f.line >= 1);
    }),
    { numRuns: 500 },
  );
});

test('区政府公报：新增的规范表述、用词、全文一致检查没有严重或错误级误报；新规则带 rule 和 category', () => {
  const added = gazette.findings.filter((f) => ['formulation', 'usage', 'consistency'].includes(f.category));
  assert.deepEqual(
    added.filter((f) => f.severity === 'serious' || f.severity === 'error').map((f) => f.text),
    [],
  );
  const json = JSON.parse(JSON.stringify(runChecks('积极参与一带一路战略。要认真的学习。')));
  assert.deepEqual(
    json.findings.map((f: { rule: string; category: string }) => `${f.rule}/${f.category}`),
    ['formulation.strategy/formulation', 'usage.de/usage'],
  );
});
