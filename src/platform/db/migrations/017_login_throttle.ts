// 登录失败节流 (src/org/login-throttle.ts): failures per (account, source address) replace the per-account lock, which let
// anyone lock anyone out; the alerts table makes a burst alert go out once per window, even from several app nodes.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_failures_pair')
    .on('login_failures')
    .columns(['username', 'source', 'at'])
    .execute();
  await db.schema.createIndex('login_failures_source').on('login_failures').columns(['source', 'at']).execute();
  await db.schema.createIndex('login_failures_at').on('login_failures').column('at').execute();
  await db.schema
    .createTable('login_alerts')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_alerts_pk', ['kind', 'target', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_alerts').execute();
  await db.schema.dropTable('login_failures').execute();
}
