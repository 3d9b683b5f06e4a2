// Migration 013 converts an existing hash-chained ledger into the Merkle tree: every row gets its leaf hash, the head
// its root and frontier, and the converted ledger verifies, takes new appends and proofs like one built as a tree.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createTestDeps, TEST_ENGINE, type TestDeps } from '../../../../test/support/testdb.ts';
import { canonicalJson } from '../../ledger/canonical.ts';
import { verifyInclusion } from '../../ledger/merkle.ts';
import { leafHashOf } from '../../ledger/model.ts';
import { inclusionProof } from '../../ledger/proofs.ts';
import { appendLedger, ledgerHead, SYSTEM_ACTOR, verifyLedger } from '../../ledger/service.ts';
import { migrateTo, migrateToLatest } from '../migrate.ts';
import { currentSchema } from '../pg-schema.ts';

let deps: TestDeps;
let schema: string | undefined;
before(async () => {
  deps = await createTestDeps({}, { migrate: false });
  schema = TEST_ENGINE === 'postgres' ? await currentSchema(deps.db) : undefined;
});
after(() => deps.close());

/** The hash chain as the ledger kept it before migration 013. */
function chainHash(row: Record<string, unknown>): string {
  const body = { ...row, payload: JSON.parse(row.payload as string) };
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

test('已有的哈希链台账被转换为 Merkle 树：校验通过，可继续追加，可出证明', async () => {
  await migrateTo(deps.db, '012_watch_page_hashes', schema);
  const db = deps.db as any;
  let prev = '0'.repeat(64);
  const rows = [];
  for (let seq = 1; seq <= 13; seq++) {
    const row = {
      seq,
      at: `2026-01-0${1 + (seq % 9)}T00:00:00.000Z`,
      actor_id: `u-${seq}`,
      actor_name: '王芳',
      role: 'staff',
      unit_id: 'unit-1',
      action: 'publish.draft',
      subject: `item:${seq}`,
      payload: canonicalJson({ title: `旧稿件${seq}` }),
      prev_hash: prev,
    };
    prev = chainHash(row);
    rows.push({ ...row, hash: prev });
  }
  await db.insertInto('ledger').values(rows).execute();
  await db.updateTable('ledger_head').set({ seq: 13, hash: prev }).where('id', '=', 1).execute();

  await migrateToLatest(deps.db, schema);
  const stored = await deps.db.selectFrom('ledger').selectAll().orderBy('seq').execute();
  assert.deepEqual(
    stored.map((r) => r.leaf_hash),
    stored.map((r) => leafHashOf({ ...r, seq: Number(r.seq) })),
  );
  assert.deepEqual(await verifyLedger(deps.db).then((r) => [r.ok, r.checked]), [true, 13]);

  await deps.db
    .transaction()
    .execute((tx) =>
      appendLedger(
        tx,
        { actor: SYSTEM_ACTOR, role: '', unitId: '', action: 'demo.load', subject: 'demo', payload: {} },
        deps.clock.now(),
      ),
    );
  const head = await ledgerHead(deps.db);
  assert.equal(head.size, 14);
  assert.equal((await verifyLedger(deps.db)).root, head.root);
  const p = await inclusionProof(deps.db, 5, 14);
  assert.equal(verifyInclusion(4, 14, stored[4].leaf_hash, p.proof, head.root), true);
});
