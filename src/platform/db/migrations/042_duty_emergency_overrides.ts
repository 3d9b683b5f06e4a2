// 突发事件 overriding the roster rules (§4.2 第三条: 及时增加处置力量): a reinforcement or leader whose duty the roster
// check finds fault with (rest too short, registered unavailability) is added only with an explicit reason; the reason
// and the findings it overrode are kept on the emergency and shown with it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('duty_emergencies').addColumn('override_reason', 'text').execute();
  await db.schema
    .alterTable('duty_emergencies')
    .addColumn('findings', 'text', (c) => c.notNull().defaultTo('[]')) // JSON: [{ code, message, userId }]
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('duty_emergencies').dropColumn('findings').execute();
  await db.schema.alterTable('duty_emergencies').dropColumn('override_reason').execute();
}
