import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startContentPool } from './content-pool.ts';

test('工作线程上的智能校对：严重表述错误被报告，联系电话不算个人信息，批量结果各归其主', async () => {
  const pool = startContentPool();
  try {
    const [bad, phone, ...many] = await Promise.all([
      pool.check('全区深入开展扫黑险恶专项斗争。'),
      pool.check('联系电话：023-48661234'),
      ...Array.from({ length: 50 }, (_, i) => pool.check(i % 2 ? '中华人民共合国' : '重庆市綦江区人民政府')),
    ]);
    assert.equal(bad.total, 1);
    assert.match(bad.serious[0].context, /【扫黑险恶专项斗争】/);
    assert.deepEqual([phone.total, phone.counts.error], [0, 0]);
    assert.deepEqual(
      many.map((r) => r.total),
      Array.from({ length: 50 }, (_, i) => i % 2),
    );
  } finally {
    await pool.close();
  }
});
