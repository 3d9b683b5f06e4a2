import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findConsistencyProblems } from './consistency.ts';

const found = (text: string) =>
  findConsistencyProblems(text).map((f) => `${f.rule}:${text.slice(f.start, f.end)}→${f.suggestion}`);

test('同一机构两种简称：提示与前文一致；全称加一种简称不报', () => {
  assert.deepEqual(found('区发展改革委牵头。……由区发改委汇总。'), ['consistency.name:区发改委→区发展改革委']);
  assert.deepEqual(found('区发展和改革委员会（以下简称区发展改革委）牵头，区发展改革委汇总。'), []);
  assert.deepEqual(found('区发展改革委和市发改委联合发文。'), []);
});

test('并列单位中一个缺少其余都有的“区”', () => {
  assert.deepEqual(found('由区财政局、民政局、区教委、区公安局负责。'), ['consistency.prefix:民政局→区民政局']);
  assert.deepEqual(found('请区财政局、区民政局、区教委、人力社保局按职责落实。'), [
    'consistency.prefix:人力社保局→区人力社保局',
  ]);
  assert.deepEqual(found('由区财政局、区民政局、区教委、团区委、各镇街负责。'), []);
});

test('同一文件两个标题；不同年度、不同五年规划、不同法律不报', () => {
  assert.deepEqual(found('根据《重庆市安全生产条例》……按照《重庆市安全生产管理条例》。'), [
    'consistency.title:《重庆市安全生产管理条例》→《重庆市安全生产条例》',
  ]);
  for (const text of [
    '《中华人民共和国环境保护法》和《中华人民共和国环境保护税法》',
    '《綦江区国民经济和社会发展第十三个五年规划纲要》和《綦江区国民经济和社会发展第十四个五年规划纲要》',
    '《重庆市安全生产条例》和《四川省安全生产条例》',
  ]) {
    assert.deepEqual(found(text), [], text);
  }
});
