// 通知: in-app notifications and e-mail, written inside the caller's transaction and delivered only after it
// commits (STYLE §4: a rollback notifies no one). Mail goes through the outbox table, so a crash or an SMTP outage
// delays a message but never loses it.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.ts';
import type { Executor } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { appendLedger } from '../ledger/service.ts';
import { createMailer, type Mailer, secretsOf } from './mailer.ts';
import {
  cleanRecipients,
  describeFailure,
  type MailMessage,
  type Notification,
  type NotificationInput,
  retryDelayMs,
  SEND_LEASE_MS,
} from './model.ts';
import * as store from './store.ts';

export type { MailMessage, Notification, NotificationInput, OutboxMessage } from './model.ts';

type NotifyDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log'>;

/**
 * Queues one mail in the caller's transaction; it leaves after commit (deliverOutbox, or kickOutbox right after
 * the transaction). Addresses that cannot be mail addresses are dropped; with none left nothing is queued (null).
 */
export async function enqueueMail(tx: Executor, mail: MailMessage, now: Date = new Date()): Promise<string | null> {
  const to = cleanRecipients(mail.to);
  if (to.length === 0) return null;
  const id = randomUUID();
  await store.insertOutbox(tx, { id, mail: { to, subject: mail.subject, text: mail.text } }, now.toISOString());
  return id;
}

/** In-app notifications (站内通知) for each user, in the caller's transaction; returns their ids. */
export async function notifyUsers(
  tx: Executor,
  userIds: readonly string[],
  n: NotificationInput,
  now: Date,
): Promise<string[]> {
  const rows = [...new Set(userIds)].map((userId) => ({ ...n, id: randomUUID(), userId }));
  await store.insertNotifications(tx, rows, now.toISOString());
  return rows.map((r) => r.id);
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** true when no SMTP server is configured: everything stays queued. */
  unconfigured: boolean;
}

const BATCH = 50;
let warnedUnconfigured = false;

/**
 * Sends the queued mails whose time has come, oldest first. Each is claimed before sending (several nodes may
 * run this at once), marked sent on success, and on failure keeps its error and waits retryDelayMs.
 */
export async function deliverOutbox(deps: NotifyDeps): Promise<DeliveryReport> {
  const { config } = deps;
  const report: DeliveryReport = { sent: 0, failed: 0, unconfigured: false };
  if (!config.smtpHost) {
    if (!warnedUnconfigured) deps.log.warn('未配置 SMTP_HOST：邮件通知保留在发送队列中，配置后自动发出');
    warnedUnconfigured = true;
    return { ...report, unconfigured: true };
  }
  let mailer: Mailer | null = null;
  try {
    for (;;) {
      const due = await store.listDue(deps.db, deps.clock.now().toISOString(), BATCH);
      let claimedAny = false;
      for (const m of due) {
        const start = deps.clock.now().getTime();
        if (!(await store.claim(deps.db, m, new Date(start + SEND_LEASE_MS).toISOString()))) continue;
        claimedAny = true;
        mailer ??= createMailer({ ...config, smtpHost: config.smtpHost });
        try {
          const { rejected } = await mailer.send(m.mail);
          await store.markSent(deps.db, m.id, deps.clock.now().toISOString());
          if (rejected.length)
            deps.log.warn({ outboxId: m.id, rejected: rejected.length }, '邮件已发出，但部分收件人被拒收');
          report.sent++;
        } catch (err) {
          const error = describeFailure(err, secretsOf(config));
          const retryAt = new Date(deps.clock.now().getTime() + retryDelayMs(m.attempts + 1)).toISOString();
          await store.markFailed(deps.db, m.id, error, retryAt);
          deps.log.warn({ outboxId: m.id, attempts: m.attempts + 1, retryAt, error }, '邮件发送失败，稍后重试');
          report.failed++;
        }
      }
      // A full batch may have more behind it; stop when a batch brought nothing new (all claimed elsewhere).
      if (due.length < BATCH || !claimedAny) break;
    }
  } finally {
    mailer?.close();
  }
  return report;
}

/**
 * Best-effort delivery right after a commit, so a reminder does not wait for the next 30-second tick. Never
 * rejects: a failure is already recorded on the message and the worker retries it.
 */
export function kickOutbox(deps: NotifyDeps): Promise<void> {
  return deliverOutbox(deps).then(
    () => undefined,
    (err) => {
      deps.log.warn({ err }, '立即发送邮件失败，将由发送队列重试');
    },
  );
}

/** Unsent mails with their attempts and last error (operator view, tests). */
export const listPendingMail = (db: Executor) => store.listPending(db);

export interface MyNotifications {
  items: Notification[];
  unread: number;
}

export async function listMyNotifications(db: Executor, userId: string, limit = 50): Promise<MyNotifications> {
  const [items, unread] = await Promise.all([
    store.listNotifications(db, userId, limit),
    store.countUnread(db, userId),
  ]);
  return { items, unread };
}

/** Who reads: the signed-in person (org's Actor fits this shape). */
export interface Reader {
  id: string;
  name: string;
  unitId: string;
}

/**
 * Marks one of the reader's notifications read, with a ledger entry: that a reminder was seen is evidence an
 * inspector may ask for. Another person's notification is "not found", so ids reveal nothing.
 */
export async function markNotificationRead(
  deps: Pick<Deps, 'db' | 'clock'>,
  reader: Reader,
  id: string,
): Promise<Notification> {
  return deps.db.transaction().execute(async (tx) => {
    const n = await store.getNotification(tx, id);
    if (!n || n.userId !== reader.id) throw notFound('通知');
    if (n.readAt) return n;
    const now = deps.clock.now();
    await store.markRead(tx, id, now.toISOString());
    await appendLedger(
      tx,
      {
        actor: { id: reader.id, name: reader.name },
        role: '',
        unitId: reader.unitId,
        action: 'notify.read',
        subject: n.subject,
        payload: { notificationId: n.id, kind: n.kind },
      },
      now,
    );
    return { ...n, readAt: now.toISOString() };
  });
}
