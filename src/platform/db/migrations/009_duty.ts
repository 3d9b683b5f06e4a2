// Schema of 读网值班 (src/duty): settings, shift templates, special days, unavailability, rosters and their shifts
// with the people on them, contacts, attendance with 交接班记录, swap and leave requests, 上级通知登记, 读网记录,
// emergencies, calendar feed tokens and the 班前提醒 sent.
import type { Kysely } from 'kysely';

const TABLES = [
  'duty_reminders',
  'duty_feed_tokens',
  'duty_emergency_people',
  'duty_emergencies',
  'duty_readings',
  'duty_notices',
  'duty_changes',
  'duty_attendance',
  'duty_contacts',
  'duty_shift_people',
  'duty_shifts',
  'duty_rosters',
  'duty_unavailability',
  'duty_special_days',
  'duty_templates',
  'duty_settings',
];

const text = 'text';
const int = 'integer';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('duty_settings')
    .addColumn('unit_id', text, (c) => c.primaryKey().references('units.id'))
    .addColumn('min_rest_minutes', int, (c) => c.notNull())
    .addColumn('readings_working', int, (c) => c.notNull())
    .addColumn('readings_rest', int, (c) => c.notNull())
    .addColumn('readings_holiday', int, (c) => c.notNull())
    .addColumn('remind_minutes', int, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('duty_templates')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('unit_id', text, (c) => c.notNull().references('units.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('start_time', text, (c) => c.notNull())
    .addColumn('end_time', text, (c) => c.notNull())
    .addColumn('day_kinds', text, (c) => c.notNull())
    .addColumn('leader_required', int, (c) => c.notNull())
    .addColumn('hard', int, (c) => c.notNull())
    .addColumn('active', int, (c) => c.notNull())
    .addColumn('sort', int, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('duty_templates_name', ['unit_id', 'name'])
    .execute();

  await db.schema
    .createTable('duty_special_days')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('unit_id', text, (c) => c.references('units.id'))
    .addColumn('day', text, (c) => c.notNull())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_special_days_day').on('duty_special_days').columns(['day']).execute();

  await db.schema
    .createTable('duty_unavailability')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('unit_id', text, (c) => c.notNull().references('units.id'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('starts_on', text, (c) => c.notNull())
    .addColumn('ends_on', text, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('duty_unavailability_user')
    .on('duty_unavailability')
    .columns(['user_id', 'starts_on'])
    .execute();

  await db.schema
    .createTable('duty_rosters')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('unit_id', text, (c) => c.notNull().references('units.id'))
    .addColumn('starts_on', text, (c) => c.notNull())
    .addColumn('ends_on', text, (c) => c.notNull())
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('published_by', text)
    .addColumn('published_at', text)
    .execute();
  await db.schema.createIndex('duty_rosters_unit').on('duty_rosters').columns(['unit_id', 'starts_on']).execute();

  await db.schema
    .createTable('duty_shifts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('roster_id', text, (c) => c.notNull().references('duty_rosters.id'))
    .addColumn('unit_id', text, (c) => c.notNull().references('units.id'))
    .addColumn('template_id', text, (c) => c.references('duty_templates.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('day', text, (c) => c.notNull())
    .addColumn('starts_at', text, (c) => c.notNull())
    .addColumn('ends_at', text, (c) => c.notNull())
    .addColumn('hard', int, (c) => c.notNull())
    .addColumn('leader_required', int, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_shifts_roster').on('duty_shifts').columns(['roster_id', 'starts_at']).execute();
  // 谁在值班: a unit's shifts around an instant; the reminder job: shifts starting soon.
  await db.schema.createIndex('duty_shifts_unit').on('duty_shifts').columns(['unit_id', 'starts_at']).execute();
  await db.schema.createIndex('duty_shifts_start').on('duty_shifts').columns(['starts_at']).execute();

  await db.schema
    .createTable('duty_shift_people')
    .addColumn('shift_id', text, (c) => c.notNull().references('duty_shifts.id'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('role', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_shift_people_pk', ['shift_id', 'user_id'])
    .execute();
  await db.schema.createIndex('duty_shift_people_user').on('duty_shift_people').columns(['user_id']).execute();

  await db.schema
    .createTable('duty_contacts')
    .addColumn('user_id', text, (c) => c.primaryKey().references('users.id'))
    .addColumn('phone', text, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('duty_attendance')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('shift_id', text, (c) => c.notNull().references('duty_shifts.id'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('checked_in_at', text, (c) => c.notNull())
    .addColumn('checked_out_at', text)
    .addColumn('handover_note', text)
    .addUniqueConstraint('duty_attendance_once', ['shift_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('duty_changes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('unit_id', text, (c) => c.notNull().references('units.id'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('shift_id', text, (c) => c.notNull().references('duty_shifts.id'))
    .addColumn('counter_shift_id', text, (c) => c.references('duty_shifts.id'))
    .addColumn('leaving_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('replacement_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('requested_by', text, (c) => c.notNull())
    .addColumn('requested_at', text, (c) => c.notNull())
    .addColumn('decided_by', text)
    .addColumn('decided_at', text)
    .addColumn('decision_note', text)
    .addColumn('completed_at', text)
    .execute();
  await db.schema.createIndex('duty_changes_shift').on('duty_changes').columns(['shift_id']).execute();
  await db.schema.createIndex('duty_changes_unit').on('duty_changes').columns(['unit_id', 'state']).execute();

  await db.schema
    .createTable('duty_notices')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('unit_id', text, (c) => c.notNull().references('units.id'))
    .addColumn('received_at', text, (c) => c.notNull())
    .addColumn('from_whom', text, (c) => c.notNull())
    .addColumn('content', text, (c) => c.notNull())
    .addColumn('told_user_ids', text, (c) => c.notNull())
    .addColumn('told_others', text, (c) => c.notNull())
    .addColumn('recorded_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_notices_unit').on('duty_notices').columns(['unit_id', 'received_at']).execute();

  await db.schema
    .createTable('duty_readings')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('unit_id', text, (c) => c.notNull().references('units.id'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('read_at', text, (c) => c.notNull())
    .addColumn('pages', text, (c) => c.notNull())
    .addColumn('anomalies', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_readings_unit').on('duty_readings').columns(['unit_id', 'read_at']).execute();

  await db.schema
    .createTable('duty_emergencies')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('unit_id', text, (c) => c.references('units.id'))
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('description', text, (c) => c.notNull())
    .addColumn('starts_at', text, (c) => c.notNull())
    .addColumn('until', text)
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('declared_by', text, (c) => c.notNull())
    .addColumn('closed_by', text)
    .addColumn('closed_at', text)
    .addColumn('summary', text)
    .execute();
  await db.schema
    .createIndex('duty_emergencies_state')
    .on('duty_emergencies')
    .columns(['state', 'starts_at'])
    .execute();

  await db.schema
    .createTable('duty_emergency_people')
    .addColumn('emergency_id', text, (c) => c.notNull().references('duty_emergencies.id'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('unit_id', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_emergency_people_pk', ['emergency_id', 'user_id', 'role'])
    .execute();

  await db.schema
    .createTable('duty_feed_tokens')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('owner_id', text, (c) => c.notNull())
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('revoked_at', text)
    .execute();
  await db.schema.createIndex('duty_feed_tokens_owner').on('duty_feed_tokens').columns(['kind', 'owner_id']).execute();

  await db.schema
    .createTable('duty_reminders')
    .addColumn('shift_id', text, (c) => c.notNull().references('duty_shifts.id'))
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('sent_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_reminders_pk', ['shift_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) await db.schema.dropTable(t).ifExists().execute();
}
