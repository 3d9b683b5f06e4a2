import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findFormatProblems } from './docformat.ts';

const found = (text: string) =>
  findFormatProblems(text).map((f) => `${f.rule}:${text.slice(f.start, f.end)}→${f.suggestion}`);

test('发文字号：[ ]、( )、【】、第和前导 0 被标记并给出规范写法', () => {
  assert.deepEqual(found('綦江府发[2022]29号'), ['format.doc-number:綦江府发[2022]29号→綦江府发〔2022〕29号']);
  assert.deepEqual(found('根据(国发(2022)4号)'), ['format.doc-number:国发(2022)4号→国发〔2022〕4号']);
  assert.deepEqual(found('渝府发【2022】25号'), ['format.doc-number:渝府发【2022】25号→渝府发〔2022〕25号']);
  assert.deepEqual(found('綦江府办发〔2022〕第065号'), [
    'format.doc-number:綦江府办发〔2022〕第065号→綦江府办发〔2022〕65号',
  ]);
  assert.deepEqual(found('渝人社发〔22〕91号'), ['format.doc-number:渝人社发〔22〕91号→渝人社发〔2022〕91号']);
});

test('规范的发文字号和法院案号不被标记', () => {
  assert.deepEqual(found('（渝人社发〔2018〕91号）、綦江府办〔2022〕65号；案号（2022）渝0110民初123号'), []);
});

test('成文日期：不存在的日期、虚位、汉字数字和短横线', () => {
  assert.deepEqual(found('于2022年2月30日召开'), ['format.date-invalid:2022年2月30日→']);
  assert.deepEqual(found('\n2022年11月04日\n'), ['format.date:2022年11月04日→2022年11月4日']);
  assert.deepEqual(found('\n2022-11-4\n'), ['format.date:2022-11-4→2022年11月4日']);
  assert.deepEqual(found('\n二〇二二年十一月四日\n'), ['format.date:二〇二二年十一月四日→']);
  assert.deepEqual(found('\n2022年11月4日\n2024年2月29日印发\n《人民日报》(2022年11月04日 第04版)'), []);
});

test('抄送行以句号结尾', () => {
  assert.deepEqual(found('抄送：区委办公室，区人大常委会办公室'), [
    'format.cc-period:抄送：区委办公室，区人大常委会办公室→抄送：区委办公室，区人大常委会办公室。',
  ]);
  assert.deepEqual(found('抄送:区委办公室,区政协办公室,区人武部。'), []);
});

test('附件说明的名称后不加标点', () => {
  assert.deepEqual(found('附件：1.重庆市綦江区土壤普查领导小组人员名单。\n2.工作方案；\n\n正文'), [
    'format.attachment:。→',
    'format.attachment:；→',
  ]);
  assert.deepEqual(found('附件:重庆市綦江区第三次全国土壤普查领导小组人员名单(略)'), []);
});
