// Sending the queued messages of incidents: robot webhooks, with retries (30 s, 1 min, 2 min…) and a final 发送失败
// after MAX_ATTEMPTS; e-mails handed to the platform outbox, which sends them, and followed there; in-app 恢复
// notices. An opening message of an incident already over is never sent (未发送), nor a 恢复 without its opening.
// Called by the scheduler (every 30 s); several nodes may run it at once: each delivery is claimed before it is sent.
import type { Deps } from '../platform/deps.ts';
import { enqueueMail, listPendingMail, notifyUsers } from '../platform/notify/service.ts';
import { redactSecrets } from '../platform/notify/model.ts';
import { record } from './context.ts';
import { INCIDENT_STATE_NAME, isOpen, MAX_ATTEMPTS, retryDelayMs } from './model.ts';
import * as store from './store.ts';
import * as incidents from './store-incidents.ts';
import { postWebhook, WebhookError } from './notify-webhook.ts';

type D = Pick<Deps, 'db' | 'clock' | 'config' | 'log'>;

export interface DeliverReport {
  sent: number;
  retrying: number;
  failed: number;
  /** E-mail deliveries found sent by the outbox in this run. */
  mailSent: number;
  /** Not sent: the incident was already over (or, for a 恢复 notice, its opening never went out). */
  skipped: number;
}

const BATCH = 50;
const LEASE_MS = 2 * 60000;

async function failFinally(deps: D, d: incidents.Delivery, error: string, now: Date, attempts: number): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await incidents.settleDelivery(tx, d.id, {
      state: 'failed',
      attempts,
      nextAttemptAt: null,
      lastError: error,
      sentAt: null,
    });
    const incident = await incidents.getIncident(tx, d.incidentId);
    await record(
      tx,
      null,
      incident?.unitId ?? '',
      'watch.delivery_failed',
      `watchIncident:${d.incidentId}`,
      { incidentId: d.incidentId, deliveryId: d.id, channel: d.channel, label: d.label, attempts, error },
      now,
    );
  });
}

/** Why a delivery must not go out now, if so: an opening or escalation of an incident already over, or a 恢复
 *  notice where the opening never reached (or the incident failed again). */
async function staleReason(deps: D, d: incidents.Delivery): Promise<string | undefined> {
  const incident = await incidents.getIncident(deps.db, d.incidentId);
  if (!incident) return '事件不存在';
  const over = `事件已${INCIDENT_STATE_NAME[incident.state]}，不再发送`;
  if (d.reason !== 'recover') return isOpen(incident.state) ? undefined : over;
  if (isOpen(incident.state)) return '事件再次发生，恢复通知取消';
  const opening = (await incidents.listDeliveries(deps.db, d.incidentId)).filter(
    (o) => o.reason !== 'recover' && o.channel === d.channel && o.target === d.target,
  );
  const reached = opening.some((o) => o.state === 'sent' || (o.channel === 'email' && o.refId));
  return reached ? undefined : '未发出事件通知，无需恢复通知';
}

async function sendDue(deps: D, now: Date, report: DeliverReport): Promise<void> {
  for (const d of await incidents.listDue(deps.db, now.toISOString(), BATCH)) {
    if (!(await incidents.claimDelivery(deps.db, d, new Date(now.getTime() + LEASE_MS).toISOString()))) continue;
    const attempts = d.attempts + 1;
    const stale = await staleReason(deps, d);
    if (stale) {
      const skipped = { state: 'skipped', attempts, nextAttemptAt: null, lastError: stale, sentAt: null } as const;
      await incidents.settleDelivery(deps.db, d.id, skipped);
      report.skipped++;
      continue;
    }
    if (d.channel === 'inapp' || d.channel === 'email') {
      await sendNotice(deps, d, attempts, now);
      report.sent += d.channel === 'inapp' ? 1 : 0;
      continue;
    }
    await sendWebhook(deps, d, attempts, now, report);
  }
}

/** An in-app 恢复 notice is written now; an e-mail is handed to the platform outbox (followMail tracks it). */
async function sendNotice(deps: D, d: incidents.Delivery, attempts: number, now: Date): Promise<void> {
  const m = JSON.parse(d.payload) as { title: string; text: string };
  await deps.db.transaction().execute(async (tx) => {
    if (d.channel === 'inapp') {
      const subject = `watchIncident:${d.incidentId}`;
      const kind = `watch.incident_${d.reason}`;
      await notifyUsers(tx, [d.target], { kind, title: m.title, body: m.text, subject }, now);
      const sentAt = now.toISOString();
      await incidents.settleDelivery(tx, d.id, {
        state: 'sent',
        attempts,
        nextAttemptAt: null,
        lastError: null,
        sentAt,
      });
      return;
    }
    const refId = await enqueueMail(tx, { to: [d.target], subject: m.title, text: m.text }, now);
    if (!refId) {
      const failed = {
        state: 'failed',
        attempts,
        nextAttemptAt: null,
        lastError: '邮件地址无效',
        sentAt: null,
      } as const;
      await incidents.settleDelivery(tx, d.id, failed);
      return;
    }
    const handed = {
      state: 'pending',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      sentAt: null,
      refId,
    } as const;
    await incidents.settleDelivery(tx, d.id, handed);
  });
}

async function sendWebhook(
  deps: D,
  d: incidents.Delivery,
  attempts: number,
  now: Date,
  report: DeliverReport,
): Promise<void> {
  const hook = await store.getWebhook(deps.db, d.target);
  if (!hook?.active) {
    await failFinally(deps, d, '通知机器人已删除或停用', now, attempts);
    report.failed++;
    return;
  }
  try {
    await postWebhook(hook.url, JSON.parse(d.payload), { allowPrivate: deps.config.watchAllowPrivate === '1' });
    const sentAt = deps.clock.now().toISOString();
    await incidents.settleDelivery(deps.db, d.id, { state: 'sent', nextAttemptAt: null, lastError: null, sentAt });
    report.sent++;
  } catch (err) {
    const raw = err instanceof WebhookError ? err.message : `发送失败（${(err as Error)?.name ?? 'Error'}）`;
    const error = redactSecrets(raw, [hook.url]).slice(0, 300);
    deps.log.warn(
      { deliveryId: d.id, incidentId: d.incidentId, webhookId: hook.id, attempts, error },
      '通知机器人发送失败',
    );
    if (attempts >= MAX_ATTEMPTS) {
      await failFinally(deps, d, error, now, attempts);
      report.failed++;
    } else {
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
      const retry = { state: 'pending', nextAttemptAt, lastError: error, sentAt: null } as const;
      await incidents.settleDelivery(deps.db, d.id, retry);
      report.retrying++;
    }
  }
}

/**
 * E-mails are sent by the platform outbox (which keeps trying hourly for ever); an incident's delivery shows the
 * outbox's attempts and last error, is 已发送 once the outbox sent it, and 发送失败 after MAX_ATTEMPTS failures
 * (turning 已发送 should a later retry of the outbox succeed).
 */
async function followMail(deps: D, now: Date, report: DeliverReport): Promise<void> {
  const mine = await incidents.listUnsettledMail(deps.db, 500);
  if (mine.length === 0) return;
  const pending = new Map((await listPendingMail(deps.db)).map((m) => [m.id, m]));
  for (const d of mine) {
    const m = pending.get(d.refId!);
    if (!m) {
      await incidents.settleDelivery(deps.db, d.id, {
        state: 'sent',
        nextAttemptAt: null,
        lastError: null,
        sentAt: now.toISOString(),
      });
      report.mailSent++;
      continue;
    }
    const failed = m.attempts >= MAX_ATTEMPTS && !!m.lastError;
    if (m.attempts === d.attempts && (failed ? 'failed' : 'pending') === d.state) continue;
    await incidents.settleDelivery(deps.db, d.id, {
      state: failed ? 'failed' : 'pending',
      attempts: m.attempts,
      nextAttemptAt: m.nextAttemptAt,
      lastError: m.lastError,
      sentAt: null,
    });
  }
}

export async function deliverPending(deps: D, now: Date): Promise<DeliverReport> {
  const report: DeliverReport = { sent: 0, retrying: 0, failed: 0, mailSent: 0, skipped: 0 };
  await sendDue(deps, now, report);
  await followMail(deps, now, report);
  return report;
}
