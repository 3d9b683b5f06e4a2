// The ledger is append-only and hash-chained: any altered, deleted or reordered row is found by verify.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { runCli } from '../../../test/support/cli.ts';
import { createTestDeps, type TestDeps } from '../../../test/support/testdb.ts';
import { appendLedger, verifyLedger } from './service.ts';

let deps: TestDeps;
before(async () => { deps = await createTestDeps(); });
after(async () => { await deps.close(); });

const actor = { id: 'u-1', name: '张明' };

async function freshLedger(count: number): Promise<void> {
  await deps.db.deleteFrom('ledger').execute();
  await deps.db.updateTable('ledger_head').set({ seq: 0, hash: '0'.repeat(64) }).where('id', '=', 1).execute();
  for (let i = 1; i <= count; i++) {
    await deps.db.transaction().execute((tx) => appendLedger(tx, {
      actor, role: 'staff', unitId: 'unit-kjj', action: 'publish.draft', subject: `item:${i}`, payload: { title: `稿件${i}`, n: i },
    }, deps.clock.now()));
  }
}

test('完整的台账校验通过，每条记录链接前一条', async () => {
  await freshLedger(5);
  const rows = await deps.db.selectFrom('ledger').selectAll().orderBy('seq').execute();
  assert.deepEqual(rows.map((r) => Number(r.seq)), [1, 2, 3, 4, 5]);
  for (let i = 1; i < rows.length; i++) assert.equal(rows[i].prev_hash, rows[i - 1].hash);
  assert.deepEqual(await verifyLedger(deps.db), { ok: true, checked: 5 });
});

test('用 SQL 改动一条记录的内容：指出被篡改的那一条', async () => {
  await freshLedger(5);
  await deps.db.updateTable('ledger').set({ payload: '{"n":3,"title":"改过的标题"}' }).where('seq', '=', 3).execute();
  const result = await verifyLedger(deps.db);
  assert.equal(result.ok, false);
  assert.equal(result.problem?.seq, 3);
  assert.match(result.problem!.reason, /篡改/);
});

test('改动操作人后重算本条哈希：下一条的前序哈希对不上', async () => {
  await freshLedger(5);
  const { hashOf } = await import('./model.ts');
  const row = await deps.db.selectFrom('ledger').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
  const forged = { ...row, seq: Number(row.seq), actor_name: '李四' };
  await deps.db.updateTable('ledger').set({ actor_name: '李四', hash: hashOf(forged) }).where('seq', '=', 2).execute();
  const result = await verifyLedger(deps.db);
  assert.equal(result.problem?.seq, 3);
  assert.match(result.problem!.reason, /前序哈希/);
});

test('删除中间一条记录：指出缺失的序号', async () => {
  await freshLedger(5);
  await deps.db.deleteFrom('ledger').where('seq', '=', 2).execute();
  const result = await verifyLedger(deps.db);
  assert.equal(result.problem?.seq, 2);
  assert.match(result.problem!.reason, /缺失/);
});

test('调换两条记录的顺序：被发现', async () => {
  await freshLedger(5);
  await deps.db.updateTable('ledger').set({ seq: -2 }).where('seq', '=', 2).execute();
  await deps.db.updateTable('ledger').set({ seq: 2 }).where('seq', '=', 3).execute();
  await deps.db.updateTable('ledger').set({ seq: 3 }).where('seq', '=', -2).execute();
  const result = await verifyLedger(deps.db);
  assert.equal(result.ok, false);
  assert.equal(result.problem?.seq, 2);
});

test('删除最后一条记录：与链头不符', async () => {
  await freshLedger(5);
  await deps.db.deleteFrom('ledger').where('seq', '=', 5).execute();
  const result = await verifyLedger(deps.db);
  assert.equal(result.ok, false);
  assert.equal(result.problem?.seq, 5);
});

test('并发追加从不分叉：20 个事务同时写入，序号连续、链完整', async () => {
  await freshLedger(0);
  await Promise.all(Array.from({ length: 20 }, (_, i) => deps.db.transaction().execute(async (tx) => {
    await sql`select 1`.execute(tx); // give the other transactions a chance to interleave
    await appendLedger(tx, { actor, role: 'staff', unitId: 'unit-kjj', action: 'auth.login', subject: `user:${i}`, payload: {} }, deps.clock.now());
  })));
  const result = await verifyLedger(deps.db);
  assert.deepEqual(result, { ok: true, checked: 20 });
});

test('gongkai ledger verify：完整时退出码 0，被篡改时非 0 并指出第一条坏记录', async () => {
  await freshLedger(4);
  const ok = await runCli(['ledger', 'verify'], deps.cliEnv);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /共 4 条记录，哈希链校验通过/);
  await deps.db.updateTable('ledger').set({ action: 'publish.approve' }).where('seq', '=', 2).execute();
  const bad = await runCli(['ledger', 'verify'], deps.cliEnv);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /第 2 条记录有问题/);
});
