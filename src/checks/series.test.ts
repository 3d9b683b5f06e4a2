import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSeriesChecker } from './series.ts';

const checker = buildSeriesChecker();
const found = (text: string) => checker.find(text).map((f) => `${text.slice(f.start, f.end)}→${f.suggestion}`);

test('固定提法顺序错误：给出规范顺序', () => {
  assert.deepEqual(found('增强大局意识、政治意识、核心意识、看齐意识。'), [
    '大局意识、政治意识、核心意识、看齐意识→政治意识、大局意识、核心意识、看齐意识',
  ]);
  const [f] = checker.find('坚决维护党中央权威和集中统一领导，坚决维护习近平总书记党中央的核心、全党的核心地位。');
  assert.equal(f.severity, 'serious');
  assert.match(f.message, /两个维护/);
});

test('固定提法缺项：四个自信只写三个', () => {
  assert.deepEqual(found('坚定道路自信、理论自信、制度自信。'), [
    '道路自信、理论自信、制度自信→道路自信、理论自信、制度自信、文化自信',
  ]);
});

test('完整、按序的提法和普通列举不报：自由、民主、人权；创新、协调发展；形式主义、官僚主义', () => {
  for (const text of [
    '增强政治意识、大局意识、核心意识和看齐意识。',
    '维护自由、民主、人权。',
    '推动创新、协调发展。',
    '整治形式主义、官僚主义。',
    '倡导富强、民主、文明、和谐，倡导自由、平等、公正、法治，倡导爱国、敬业、诚信、友善。',
  ]) {
    assert.deepEqual(found(text), [], text);
  }
});

test('不成串的条目（生态文明建设里的“文明”）不参与', () => {
  assert.deepEqual(found('加强生态文明建设，弘扬文明新风。'), []);
});
