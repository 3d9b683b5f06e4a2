// 登记台账 becomes an RFC 9162 Merkle tree with signed checkpoints (issue 11): each entry keeps its leaf hash instead
// of a hash chain; the head row keeps the tree's right edge (frontier) so an append computes the new root in
// O(log n); complete subtrees are kept for inclusion and consistency proofs; checkpoints get their table. An existing
// ledger is converted here: every row's leaf hash, the subtrees and the head are computed from the rows as they are.
import type { Kysely } from 'kysely';
import { type Frontier, pushLeaf, rootOf } from '../../ledger/merkle.ts';
import { leafHashOf } from '../../ledger/model.ts';

const BATCH = 2000;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_nodes_pk', ['level', 'idx'])
    .execute();
  await db.schema
    .createTable('ledger_checkpoints')
    .addColumn('size', 'integer', (c) => c.primaryKey())
    .addColumn('root', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('ledger')
    .addColumn('leaf_hash', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('ledger_head')
    .addColumn('frontier', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  let f: Frontier = { size: 0, hashes: [] };
  for (let after = 0; ; ) {
    const rows = await db
      .selectFrom('ledger')
      .select(['seq', 'at', 'actor_id', 'actor_name', 'role', 'unit_id', 'action', 'subject', 'payload'])
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const r of rows) {
      const leaf = leafHashOf({ ...r, seq: Number(r.seq) });
      await db.updateTable('ledger').set({ leaf_hash: leaf }).where('seq', '=', r.seq).execute();
      const pushed = pushLeaf(f, leaf);
      if (pushed.finished.length) await db.insertInto('ledger_nodes').values(pushed.finished).execute();
      f = pushed.frontier;
      after = Number(r.seq);
    }
    if (rows.length < BATCH) break;
  }
  await db
    .updateTable('ledger_head')
    .set({ seq: f.size, hash: rootOf(f), frontier: JSON.stringify(f.hashes) })
    .where('id', '=', 1)
    .execute();
  await db.schema.alterTable('ledger').dropColumn('prev_hash').execute();
  await db.schema.alterTable('ledger').dropColumn('hash').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_checkpoints').execute();
  await db.schema.dropTable('ledger_nodes').execute();
}
