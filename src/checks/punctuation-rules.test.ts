import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPunctuationRules } from './punctuation-rules.ts';

const found = (text: string) =>
  findPunctuationRules(text).map(
    (f) => `${f.rule}:${text.slice(f.start, f.end)}${f.suggestion ? `→${f.suggestion}` : ''}`,
  );

test('书名号、引号并列之间不用顿号（GB/T 15834-2011 4.5.3.5），有括注时可用', () => {
  assert.deepEqual(found('依据《宪法》、《民法典》和“放管服”、“最多跑一次”改革。'), [
    'punctuation.quoted-enumeration:、',
    'punctuation.quoted-enumeration:、',
  ]);
  assert.deepEqual(found('依据《宪法》《民法典》，《宪法》（2018年修正）、《民法典》。'), []);
});

test('书名号内再用书名号：里层改为〈〉', () => {
  assert.deepEqual(found('关于贯彻《关于落实《条例》的意见》的通知'), ['punctuation.nested-title:《条例》→〈条例〉']);
  assert.deepEqual(found('关于贯彻《关于落实〈条例〉的意见》的通知'), []);
});

test('标题、小标题、公文标题末尾不用句号；列举句和同一行接正文的不报', () => {
  assert.deepEqual(found('关于开展安全检查的通知。\n各镇街：'), ['punctuation.heading-stop:。']);
  assert.deepEqual(found('一、总体要求。\n（一）指导思想\n正文。'), ['punctuation.heading-stop:。']);
  assert.deepEqual(found('有下列情形之一的：\n（一）材料不全的；\n（二）弄虚作假的。\n第五条'), []);
  assert.deepEqual(found('（一）任务已完成。\n（二）任务正在推进。'), []);
  assert.deepEqual(found('（一）加强领导。各单位要抓好落实。'), []);
});
