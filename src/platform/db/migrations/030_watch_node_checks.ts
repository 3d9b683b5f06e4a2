// 另一节点复核 (src/watch/node-checks.ts): with several app nodes on PostgreSQL, a homepage that failed its probe and
// the re-checks is re-checked from another node before an incident opens. watch_nodes: when each node last answered
// (alive); watch_node_checks: a node's request and the other node's answer.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('watch_nodes')
    .addColumn('node', 'text', (c) => c.primaryKey())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('watch_node_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('asked_by', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('ok', 'integer')
    .addColumn('status', 'integer')
    .addColumn('ms', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('watch_node_checks_asked').on('watch_node_checks').column('asked_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('watch_node_checks').execute();
  await db.schema.dropTable('watch_nodes').execute();
}
