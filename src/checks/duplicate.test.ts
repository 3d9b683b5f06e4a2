import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDuplicates } from './duplicate.ts';

const dups = (text: string) => findDuplicates(text).map((f) => `${text.slice(f.start, f.end)}:${f.severity}`);

test('连续重复的词语被找到', () => {
  assert.deepEqual(dups('9 重庆市綦江区重庆市綦江区殡葬设施专项规划'), ['重庆市綦江区:error']);
  assert.deepEqual(dups('会议要求，我们我们要抓好落实。'), ['我们:warning']);
  assert.deepEqual(dups('进一步加强加强基层治理'), ['加强:info']);
});

test('汉语的正常重叠不被标记', () => {
  const text =
    '常常深入基层，扎扎实实推进工作，谢谢大家。綦齿齿轮厂一步一步发展，研究研究再定，天天向上，一个个项目落地。';
  assert.deepEqual(dups(text), []);
});

test('中间隔了标点或换行的重复不算', () => {
  assert.deepEqual(dups('重庆市綦江区，重庆市綦江区\n重庆市綦江区'), []);
});
