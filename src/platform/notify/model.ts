// Notifications (站内通知) and mail (邮件) as values, and the outbox's retry rule. Pure: no clock, no I/O.

/** What a notification says; `subject` names what it is about (item:<id>) so the UI can link to it. */
export interface NotificationInput {
  kind: string; // stable for programs, e.g. secrecy.dueSoon
  title: string;
  body: string;
  subject: string;
}

export interface Notification extends NotificationInput {
  id: string;
  userId: string;
  createdAt: string;
  readAt: string | null;
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

export interface OutboxMessage {
  id: string;
  kind: 'mail';
  mail: MailMessage;
  createdAt: string;
  nextAttemptAt: string | null; // null: not tried yet
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
}

const MINUTE_MS = 60 * 1000;
/** A node sending a message holds it this long; if it dies mid-send, another node retries after the lease. */
export const SEND_LEASE_MS = 5 * MINUTE_MS;
const FIRST_RETRY_MS = 30 * 1000;
const MAX_RETRY_MS = 60 * MINUTE_MS;

/**
 * When to try again after the `attempts`-th failure: 30 s, 1 min, 2 min … doubling up to hourly, and hourly for
 * ever after — a message is never dropped; a stuck one shows its last error to the operator instead.
 */
export function retryDelayMs(attempts: number): number {
  const n = Math.max(1, attempts);
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(n - 1, 20));
}

const MAX_ERROR_CHARS = 500;

/** The error kept on the message: short, single-line, and never carrying credentials (see redactSecrets). */
export function describeFailure(err: unknown, secrets: readonly string[]): string {
  const raw = err instanceof Error ? `${(err as { code?: string }).code ?? err.name}: ${err.message}` : String(err);
  return redactSecrets(raw.replace(/\s+/g, ' ').trim(), secrets).slice(0, MAX_ERROR_CHARS);
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length > 0).reduce((t, s) => t.split(s).join('***'), text);
}

/** Addresses worth handing to SMTP: trimmed, deduplicated, with one @ and no spaces or angle brackets. */
export function cleanRecipients(to: readonly string[]): string[] {
  const ok = to.map((a) => a.trim()).filter((a) => /^[^\s@<>,;]+@[^\s@<>,;]+$/.test(a));
  return [...new Set(ok)];
}
