import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildUsageChecker } from './usage.ts';

const checker = buildUsageChecker();
const found = (text: string) =>
  checker.find(text).map((f) => `${f.rule}:${text.slice(f.start, f.end)}→${f.suggestion}:${f.severity}`);

test('的/地/得：状语用“地”，补语用“得”，定语用“的”，都是带建议的警告', () => {
  assert.deepEqual(found('要认真的学习文件。'), ['usage.de:的→地:warning']);
  assert.deepEqual(found('要严格得执行规定。'), ['usage.de:得→地:warning']);
  assert.deepEqual(found('这项工作做的很好。'), ['usage.de:的→得:warning']);
  assert.deepEqual(found('发挥了重要地作用。'), ['usage.de:地→的:warning']);
});

test('的/地/得：名词性结构不报——进行了认真的学习、有效的解决办法、做的很多工作、重要地位', () => {
  for (const text of [
    '我们进行了认真的学习。',
    '提出有效的解决办法。',
    '他们做的很多工作。',
    '处于重要地位。',
    '的确如此。',
  ]) {
    assert.deepEqual(found(text), [], text);
  }
});

test('动宾搭配不当：提高力度 → 加大力度；并列宾语和正确搭配不报', () => {
  assert.deepEqual(found('进一步提高执法力度。'), ['usage.collocation:提高→加大:warning']);
  assert.deepEqual(found('加大执法力度，提高服务水平，加强能力和水平建设。'), []);
});
