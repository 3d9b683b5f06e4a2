// Tables of the notify capability, as Kysely sees them (same conventions as ../types.ts: ISO strings, 0/1 booleans).
// Named only by src/platform/notify/store.ts.

/** An in-app notification (站内通知) for one person. */
export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string; // e.g. secrecy.dueSoon — stable, for programs
  title: string;
  body: string;
  subject: string; // what it is about, e.g. item:<id>
  created_at: string;
  read_at: string | null;
}

/**
 * The transactional outbox: a message written in the same transaction as the change it reports, sent by
 * deliverOutbox only after that transaction committed (STYLE §4). A rollback removes it with everything else.
 */
export interface OutboxTable {
  id: string;
  kind: string; // mail
  payload: string; // JSON: { to, subject, text }
  created_at: string;
  next_attempt_at: string | null; // null: never tried, due at once; else the retry backoff or a sending node's lease
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
}

export interface NotifyTables {
  notifications: NotificationsTable;
  outbox: OutboxTable;
}
