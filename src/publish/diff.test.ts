// The history's text diff: character level for Chinese, bounded in time for large, very different texts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textDiff } from './diff.ts';

test('逐字比较：一字之差只标出那一个字', () => {
  assert.deepEqual(textDiff('深入开展扫黑险恶专项斗争', '深入开展扫黑除恶专项斗争'), [
    { op: 'equal', text: '深入开展扫黑' },
    { op: 'delete', text: '险' },
    { op: 'insert', text: '除' },
    { op: 'equal', text: '恶专项斗争' },
  ]);
  assert.deepEqual(textDiff('', '新稿'), [{ op: 'insert', text: '新稿' }]);
  assert.deepEqual(textDiff('同', '同'), [{ op: 'equal', text: '同' }]);
});

test('大段且差异很大的文本：在时限内给出结果，拼回去与原文一致', () => {
  const a = Array.from({ length: 20000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join('');
  const b = Array.from({ length: 20000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 104729) % 20000))).join('');
  const started = Date.now();
  const ops = textDiff(a, b);
  assert.ok(Date.now() - started < 3000);
  assert.equal(
    ops
      .filter((o) => o.op !== 'insert')
      .map((o) => o.text)
      .join(''),
    a,
  );
  assert.equal(
    ops
      .filter((o) => o.op !== 'delete')
      .map((o) => o.text)
      .join(''),
    b,
  );
});
