import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findHeadingProblems } from './headings.ts';

const found = (text: string) =>
  findHeadingProblems(text).map((f) => `${f.rule}:${text.slice(f.start, f.end)}→${f.suggestion}`);

test('层次序数顺序一、（一）1.（1）连续时不标记，新文件从一重新开始', () => {
  const text =
    '一、总体要求\n（一）指导思想\n1.坚持党的领导\n（1）提高站位\n（2）压实责任\n2.坚持问题导向\n（二）工作目标\n二、主要任务\n一、另一份文件';
  assert.deepEqual(found(text), []);
});

test('序号跳号被标记', () => {
  assert.deepEqual(found('一、总体要求\n三、保障措施'), ['format.heading-order:三、→二、']);
  assert.deepEqual(found('（一）用语规范\n（三）认真严谨'), ['format.heading-order:（三）→（二）']);
});

test('写法不规范：一. 和 1、', () => {
  assert.deepEqual(found('一.总体要求'), ['format.heading-form:一.→一、']);
  assert.deepEqual(found('1、坚持党的领导'), ['format.heading-form:1、→1.']);
});
