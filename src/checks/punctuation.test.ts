import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPunctuationProblems } from './punctuation.ts';

const found = (text: string) => findPunctuationProblems(text).map((f) => `${f.rule}:${text.slice(f.start, f.end)}`);

test('中文之间的半角标点每段只报一次，并说明本段有几处', () => {
  assert.deepEqual(found('为做好土壤普查工作,现通知如下：'), ['punctuation.half-width:,']);
  assert.deepEqual(found('请各街镇(部门)认真落实。'), ['punctuation.half-width:(']);
  const two = findPunctuationProblems('请各街镇(部门)认真落实。\n各部门,各单位要配合。');
  assert.deepEqual(
    two.map((f) => f.start),
    [4, 17],
  );
  assert.match(two[0].message, /本段有 2 处/);
});

test('从 PDF 复制的文本（大多是半角标点）整篇只有一条警告', () => {
  const para = '为做好第三次全国土壤普查工作,现就有关事宜通知如下:各街镇要高度重视,认真组织;确保按时完成。\n';
  const findings = findPunctuationProblems(para.repeat(30));
  assert.equal(findings.length, 1);
  assert.equal(findings[0].rule, 'punctuation.half-width-document');
  assert.match(findings[0].message, /120 处/);
});

test('英文、数字和电话中的半角标点不标记', () => {
  assert.deepEqual(found('联系电话（023）48659622，网址 https://www.cqqj.gov.cn/，比例为1:2。'), []);
});

test('未成对的引号、括号、书名号', () => {
  assert.deepEqual(found('实行“三审三校制度。'), ['punctuation.unpaired:“']);
  assert.deepEqual(found('根据《政府信息公开条例规定。'), ['punctuation.unpaired:《']);
  assert.deepEqual(found('依照（国办发〔2017〕47号要求。'), ['punctuation.unpaired:（']);
  assert.deepEqual(found('实行“三审三校”制度（试行）。'), []);
});

test('跨段引文每段开头用前引号、末段才用后引号，不算未配对', () => {
  assert.deepEqual(found('“第一段引文。\n“第二段引文。”'), []);
});

test('重复标点', () => {
  assert.deepEqual(found('通知如下：：各单位，，要落实。。'), [
    'punctuation.repeated:：：',
    'punctuation.repeated:，，',
    'punctuation.repeated:。。',
  ]);
  assert.deepEqual(found('……要坚持——以人民为中心。'), []);
});
