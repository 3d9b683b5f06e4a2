import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findSecrecyMarks } from './secrecy.ts';

const marks = (text: string) => findSecrecyMarks(text).map((f) => text.slice(f.start, f.end));

test('版头的密级和保密期限是严重问题：机密★1年、绝密★长期、单独一行的秘密', () => {
  assert.deepEqual(marks('机密★1年\n重庆市綦江区人民政府\n关于……的通知'), ['机密★1年']);
  assert.deepEqual(marks('绝密★长期\n'), ['绝密★长期']);
  assert.deepEqual(marks('秘密\n綦江府办发〔2022〕12号'), ['秘密']);
  assert.ok(findSecrecyMarks('机密★1年').every((f) => f.severity === 'serious' && f.category === 'secrecy'));
});

test('内部资料、内部使用、此件不公开等标志', () => {
  assert.deepEqual(marks('（内部资料 注意保存）\n2022年全区经济运行分析'), ['内部资料 注意保存）']);
  assert.deepEqual(marks('本材料仅供内部使用，请勿转发。'), ['仅供内部使用']);
  assert.deepEqual(marks('（此件不公开）'), ['此件不公开']);
});

test('句子中的“国家秘密”“商业秘密”“内部资料”不是标志', () => {
  const text =
    '根据《中华人民共和国保守国家秘密法》，不得泄露国家秘密；涉及商业秘密、个人隐私、内部资料的信息不得公开。'
    + '明确标识为“秘密”、“机密”、“绝密”的信息不予公开。整合綦江科技馆等内部资源。';
  assert.deepEqual(marks(text), []);
});
