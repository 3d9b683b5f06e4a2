// 三员分立 and the four-eyes rule on roles (issue 11; DOMAIN §1):
// - role_requests: a review or secrecy role asked for by the 安全管理员; it is copied into role_assignments only when
//   the unit's 主要领导 confirms it, so a pending request grants nothing anywhere (every query reads role_assignments).
// - users.must_change_password: 1 after an administrator set the password (one-time password).
// - The old all-powerful `admin` role becomes 系统管理员 (`sysAdmin`): configuration stays with its holders; the
//   安全管理员 and 审计管理员 are new accounts the operator creates (`gongkai user add … --role securityAdmin`).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('role_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('section_id', 'text', (c) => c.references('sections.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // pending | confirmed | refused
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('role_requests_status').on('role_requests').columns(['status', 'unit_id']).execute();
  await db.schema.createIndex('role_requests_user').on('role_requests').column('user_id').execute();
  await db.updateTable('role_assignments').set({ role: 'sysAdmin' }).where('role', '=', 'admin').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('role_assignments')
    .set({ role: 'admin' })
    .where('role', 'in', ['sysAdmin', 'securityAdmin', 'auditAdmin'])
    .execute();
  await db.schema.dropTable('role_requests').execute();
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
}
