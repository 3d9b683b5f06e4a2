// 保密审查 deadline reminders (保密审查制度 第十三条: answer within 10 working days of receipt). At 3 working days left and
// again once overdue, the secrecy office and the unit's leaders get an in-app notice and an e-mail. Each reminder is
// recorded (secrecy_reminders, one row per receipt and kind) in the same transaction that queues its mail, so it goes
// out exactly once however often, and on however many nodes, the job runs.
import type { Deps } from '../platform/deps.ts';
import { getUserEmails, usersHoldingRole } from '../org/service.ts';
import { addWorkingDays, type Calendar, toShanghaiDate, workingDaysBetween } from '../platform/calendar/model.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { type JobSpec, type LocalJob, startLocalJob } from '../platform/jobs/index.ts';
import { appendLedger, SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import { enqueueMail, notifyUsers } from '../platform/notify/service.ts';
import { chainOf } from './chain.ts';
import * as store from './store.ts';

/** Working days left at which the first reminder goes out. */
export const REMIND_AT_DAYS_LEFT = 3;

export type ReminderKind = 'dueSoon' | 'overdue';

/** The reminder a receipt is due for on `today`, or null. Pure. */
export function reminderFor(cal: Calendar, today: string, dueOn: string): ReminderKind | null {
  if (today > dueOn) return 'overdue';
  return workingDaysBetween(cal, today, dueOn) <= REMIND_AT_DAYS_LEFT ? 'dueSoon' : null;
}

/** Sends every reminder that is due now; returns what it sent. Safe to run on many nodes at once. */
export async function sendDueReminders(deps: Deps): Promise<{ sent: { reviewId: string; kind: ReminderKind }[] }> {
  const now = deps.clock.now();
  const cal = await loadCalendar(deps.db);
  const today = toShanghaiDate(now);
  const horizon = addWorkingDays(cal, today, REMIND_AT_DAYS_LEFT);
  const sent: { reviewId: string; kind: ReminderKind }[] = [];
  for (const review of await store.listOpenReviews(deps.db, horizon)) {
    const kind = reminderFor(cal, today, review.dueOn);
    if (kind && (await sendOne(deps, review, kind, today, now))) sent.push({ reviewId: review.id, kind });
  }
  return { sent };
}

async function sendOne(
  deps: Deps,
  review: store.ReviewRow,
  kind: ReminderKind,
  today: string,
  now: Date,
): Promise<boolean> {
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const current = await store.reviewInState(tx, review.itemId, 'open');
      if (current?.id !== review.id || (await store.reminderSent(tx, review.id, kind))) return false;
      const [item] = await chainOf(deps).itemsByIds(tx, [review.itemId]);
      const people = [
        ...(await usersHoldingRole(tx, 'secrecy', review.unitId)),
        ...(await usersHoldingRole(tx, 'leader', review.unitId)),
      ];
      const ids = [...new Set(people.map((p) => p.id))];
      const subject =
        kind === 'overdue' ? `【保密审查已超期】${item?.title ?? ''}` : `【保密审查即将到期】${item?.title ?? ''}`;
      const due = `${review.dueOn}${review.dueProvisional ? '（暂定，次年节假日安排导入后自动重算）' : ''}`;
      const body =
        kind === 'overdue'
          ? `稿件《${item?.title ?? ''}》于 ${review.receivedOn} 送保密审查，应于 ${due} 前提出审查意见，现已超期（今天 ${today}）。请尽快办理。`
          : `稿件《${item?.title ?? ''}》于 ${review.receivedOn} 送保密审查，应于 ${due} 前提出审查意见，剩余不足 ${REMIND_AT_DAYS_LEFT} 个工作日。`;
      await store.insertReminder(tx, review.id, kind, ids, now.toISOString());
      await notifyUsers(
        tx,
        ids,
        { kind: `secrecy.${kind}`, title: subject, body, subject: `item:${review.itemId}` },
        now,
      );
      const emails = [...(await getUserEmails(tx, ids)).values()].filter((e): e is string => !!e);
      if (emails.length)
        await enqueueMail(tx, { to: emails, subject, text: `${body}\n\n（本邮件由 gongkai 自动发送）` }, now);
      await appendLedger(
        tx,
        {
          actor: SYSTEM_ACTOR,
          role: '',
          unitId: review.unitId,
          action: 'secrecy.reminder',
          subject: `item:${review.itemId}`,
          payload: {
            itemId: review.itemId,
            reviewId: review.id,
            kind,
            receivedOn: review.receivedOn,
            dueOn: review.dueOn,
            today,
            recipients: ids,
            emails: emails.length,
          },
        },
        now,
      );
      return true;
    });
  } catch (err) {
    // Another node recorded the same reminder first (primary key review_id + kind): its transaction sent it.
    if (await store.reminderSent(deps.db, review.id, kind)) return false;
    throw err;
  }
}

/** Every 15 minutes; sendDueReminders is safe on many nodes, and the scheduler keeps runs from overlapping. */
export const SECRECY_REMINDER_JOB: JobSpec = {
  name: 'secrecy.reminders',
  title: '保密审查提醒',
  when: { cron: '*/15 * * * *' },
};

export async function runSecrecyReminderJob(deps: Deps): Promise<void> {
  const { sent } = await sendDueReminders(deps);
  if (sent.length) deps.log.info(`保密审查提醒：已发送 ${sent.length} 条`);
}

export type SecrecyReminderScheduler = LocalJob;

/** This job alone, in this process; `serve` runs it with the others (src/app/jobs.ts). */
export function startSecrecyReminders(deps: Deps): SecrecyReminderScheduler {
  return startLocalJob(deps.log, SECRECY_REMINDER_JOB, () => runSecrecyReminderJob(deps));
}
