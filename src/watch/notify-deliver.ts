// Sending the queued robot webhooks of incidents, with retries (30 s, 1 min, 2 min…) and a final 发送失败 after
// MAX_ATTEMPTS; and following the e-mails of incidents through the platform outbox, which sends them. Called by the
// scheduler (every 30 s); several nodes may run it at once: each delivery is claimed before it is sent.
import type { Deps } from '../platform/deps.ts';
import { listPendingMail } from '../platform/notify/service.ts';
import { redactSecrets } from '../platform/notify/model.ts';
import { record } from './context.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './model.ts';
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
}

const BATCH = 50;
const LEASE_MS = 2 * 60000;

async function failFinally(deps: D, d: incidents.Delivery, error: string, now: Date, attempts: number): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await incidents.settleDelivery(tx, d.id, { state: 'failed', attempts, nextAttemptAt: null, lastError: error, sentAt: null });
    const incident = await incidents.getIncident(tx, d.incidentId);
    await record(tx, null, incident?.unitId ?? '', 'watch.delivery_failed', `watchIncident:${d.incidentId}`,
      { incidentId: d.incidentId, deliveryId: d.id, channel: d.channel, label: d.label, attempts, error }, now);
  });
}

async function sendWebhooks(deps: D, now: Date, report: DeliverReport): Promise<void> {
  const due = await incidents.listDue(deps.db, ['wecom', 'dingtalk', 'json'], now.toISOString(), BATCH);
  for (const d of due) {
    if (!(await incidents.claimDelivery(deps.db, d, new Date(now.getTime() + LEASE_MS).toISOString()))) continue;
    const attempts = d.attempts + 1;
    const hook = await store.getWebhook(deps.db, d.target);
    if (!hook?.active) {
      await failFinally(deps, d, '通知机器人已删除或停用', now, attempts);
      report.failed++;
      continue;
    }
    try {
      await postWebhook(hook.url, JSON.parse(d.payload), { allowPrivate: deps.config.watchAllowPrivate === '1' });
      await incidents.settleDelivery(deps.db, d.id, { state: 'sent', nextAttemptAt: null, lastError: null, sentAt: deps.clock.now().toISOString() });
      report.sent++;
    } catch (err) {
      const raw = err instanceof WebhookError ? err.message : `发送失败（${(err as Error)?.name ?? 'Error'}）`;
      const error = redactSecrets(raw, [hook.url]).slice(0, 300);
      deps.log.warn({ deliveryId: d.id, incidentId: d.incidentId, webhookId: hook.id, attempts, error }, '通知机器人发送失败');
      if (attempts >= MAX_ATTEMPTS) {
        await failFinally(deps, d, error, now, attempts);
        report.failed++;
      } else {
        await incidents.settleDelivery(deps.db, d.id, { state: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
          lastError: error, sentAt: null });
        report.retrying++;
      }
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
      await incidents.settleDelivery(deps.db, d.id, { state: 'sent', nextAttemptAt: null, lastError: null, sentAt: now.toISOString() });
      report.mailSent++;
      continue;
    }
    const failed = m.attempts >= MAX_ATTEMPTS && !!m.lastError;
    if (m.attempts === d.attempts && (failed ? 'failed' : 'pending') === d.state) continue;
    await incidents.settleDelivery(deps.db, d.id, { state: failed ? 'failed' : 'pending', attempts: m.attempts, nextAttemptAt: m.nextAttemptAt,
      lastError: m.lastError, sentAt: null });
  }
}

export async function deliverPending(deps: D, now: Date): Promise<DeliverReport> {
  const report: DeliverReport = { sent: 0, retrying: 0, failed: 0, mailSent: 0 };
  await sendWebhooks(deps, now, report);
  await followMail(deps, now, report);
  return report;
}
