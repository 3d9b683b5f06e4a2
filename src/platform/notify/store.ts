// Kysely queries for notifications and the outbox; the only file that names these tables.
import type { Selectable } from 'kysely';
import type { Executor } from '../db/types.ts';
import type { NotificationsTable, OutboxTable } from '../db/tables/notify.ts';
import type { MailMessage, Notification, NotificationInput, OutboxMessage } from './model.ts';

const toNotification = (r: Selectable<NotificationsTable>): Notification => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  subject: r.subject,
  createdAt: r.created_at,
  readAt: r.read_at,
});

const toOutboxMessage = (r: Selectable<OutboxTable>): OutboxMessage => ({
  id: r.id,
  kind: 'mail',
  mail: JSON.parse(r.payload) as MailMessage,
  createdAt: r.created_at,
  nextAttemptAt: r.next_attempt_at,
  sentAt: r.sent_at,
  attempts: Number(r.attempts),
  lastError: r.last_error,
});

export async function insertNotifications(
  db: Executor,
  rows: (NotificationInput & { id: string; userId: string })[],
  at: string,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notifications')
    .values(
      rows.map((n) => ({
        id: n.id,
        user_id: n.userId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        subject: n.subject,
        created_at: at,
        read_at: null,
      })),
    )
    .execute();
}

export async function listNotifications(db: Executor, userId: string, limit: number): Promise<Notification[]> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toNotification);
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getNotification(db: Executor, id: string): Promise<Notification | null> {
  const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toNotification(row) : null;
}

/** Marks read once: a second call keeps the first reading time. */
export async function markRead(db: Executor, id: string, at: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
}

export async function insertOutbox(db: Executor, row: { id: string; mail: MailMessage }, at: string): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      id: row.id,
      kind: 'mail',
      payload: JSON.stringify(row.mail),
      created_at: at,
      next_attempt_at: null,
      sent_at: null,
      attempts: 0,
      last_error: null,
    })
    .execute();
}

/** Unsent messages whose time has come, oldest first. */
export async function listDue(db: Executor, now: string, limit: number): Promise<OutboxMessage[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toOutboxMessage);
}

/**
 * Takes a message for sending by moving its next attempt to the end of a lease. Only the node whose update
 * matched the time it read wins, so two nodes (or two runs) never send the same message at once.
 */
export async function claim(db: Executor, m: OutboxMessage, leaseUntil: string): Promise<boolean> {
  // attempts is the version: every claim bumps it, so a stale read can never claim again.
  const res = await db
    .updateTable('outbox')
    .set({ next_attempt_at: leaseUntil, attempts: m.attempts + 1 })
    .where('id', '=', m.id)
    .where('sent_at', 'is', null)
    .where('attempts', '=', m.attempts)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function markSent(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable('outbox').set({ sent_at: at, last_error: null }).where('id', '=', id).execute();
}

export async function markFailed(db: Executor, id: string, error: string, retryAt: string): Promise<void> {
  await db.updateTable('outbox').set({ last_error: error, next_attempt_at: retryAt }).where('id', '=', id).execute();
}

export async function getOutboxMessage(db: Executor, id: string): Promise<OutboxMessage | null> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOutboxMessage(row) : null;
}

/** For the operator and tests: what is still waiting, with its last error. */
export async function listPending(db: Executor): Promise<OutboxMessage[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toOutboxMessage);
}
