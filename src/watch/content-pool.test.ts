import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { leaseContentPool, startContentPool } from './content-pool.ts';

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

test('各次检测共用一个校对工作线程：用完后仍在，不拖住进程退出', async () => {
  const a = leaseContentPool();
  const b = leaseContentPool();
  assert.equal(a.pool, b.pool, 'two runs at once share the worker');
  a.release();
  b.release();
  const c = leaseContentPool();
  try {
    assert.equal(c.pool, a.pool, 'a later run finds it warm');
    assert.equal((await c.pool.check('全区深入开展扫黑险恶专项斗争。')).total, 1);
    assert.ok(c.pool.onWorker);
  } finally {
    c.release();
  }
  // A process that ran a check and released the pool ends at once (the idle worker does not keep it alive).
  const module = JSON.stringify(new URL('./content-pool.ts', import.meta.url).href);
  const code = `const { leaseContentPool } = await import(${module});
    const l = leaseContentPool(); console.log((await l.pool.check('中华人民共合国')).total); l.release();`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(child.signal, null, 'the process ended by itself');
  assert.equal(child.stdout.trim(), '1');
});
