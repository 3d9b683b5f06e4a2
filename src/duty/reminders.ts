// 班前提醒: before each published shift starts (the unit's lead time, an hour by default) everyone on it gets an in-app
// notice and a mail. Each reminder is recorded (duty_reminders, one row per shift and person) in the transaction that
// queues its mail, so it goes out exactly once however often, and on however many nodes, the job runs.
import type { Deps } from '../platform/deps.ts';
import { getUserEmails } from '../org/service.ts';
import { type JobSpec, type LocalJob, startLocalJob } from '../platform/jobs/index.ts';
import { appendLedger, SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import { enqueueMail, notifyUsers } from '../platform/notify/service.ts';
import { unitFacts } from './context.ts';
import { type Shift, when } from './model.ts';
import * as store from './store.ts';
import * as log from './store-log.ts';

const MINUTE_MS = 60 * 1000;
/** The longest lead time a unit may set (model.ts checkSettings): how far ahead the job looks. */
const LOOK_AHEAD_MS = 24 * 60 * MINUTE_MS;

/** Sends every reminder due now; returns what it sent. Safe to run on many nodes at once. */
export async function sendShiftReminders(deps: Deps): Promise<{ sent: { shiftId: string; userId: string }[] }> {
  const now = deps.clock.now();
  const shifts = (
    await store.findShifts(deps.db, {
      from: now.toISOString(),
      to: new Date(now.getTime() + LOOK_AHEAD_MS).toISOString(),
    })
  ).filter((s) => s.startsAt > now.toISOString());
  const lead = new Map<string, number>();
  const sent: { shiftId: string; userId: string }[] = [];
  for (const shift of shifts) {
    if (!lead.has(shift.unitId))
      lead.set(shift.unitId, (await unitFacts(deps.db, shift.unitId)).settings.remindMinutes);
    if (Date.parse(shift.startsAt) - lead.get(shift.unitId)! * MINUTE_MS > now.getTime()) continue;
    for (const userId of [...shift.officerIds, ...(shift.leaderId ? [shift.leaderId] : [])]) {
      if (await sendOne(deps, shift, userId, now)) sent.push({ shiftId: shift.id, userId });
    }
  }
  return { sent };
}

async function sendOne(deps: Deps, shift: Shift, userId: string, now: Date): Promise<boolean> {
  try {
    return await deps.db.transaction().execute(async (tx) => {
      if (await log.reminderSent(tx, shift.id, userId)) return false;
      await log.insertReminder(tx, shift.id, userId, now.toISOString());
      const unit = await unitFacts(tx, shift.unitId);
      const role = shift.leaderId === userId ? '带班' : '值班';
      const title = `【${role}提醒】${when(shift.startsAt)}「${shift.name}」`;
      const body =
        `您将于 ${when(shift.startsAt)} 至 ${when(shift.endsAt)} 在${unit.name}${role}（${shift.name}），`
        + '请按时到岗并在系统中登记到岗。';
      await notifyUsers(tx, [userId], { kind: 'duty.reminder', title, body, subject: `shift:${shift.id}` }, now);
      const email = (await getUserEmails(tx, [userId])).get(userId);
      if (email)
        await enqueueMail(tx, { to: [email], subject: title, text: `${body}\n\n（本邮件由 gongkai 自动发送）` }, now);
      await appendLedger(
        tx,
        {
          actor: SYSTEM_ACTOR,
          role: '',
          unitId: shift.unitId,
          action: 'duty.reminder',
          subject: `shift:${shift.id}`,
          payload: { shiftId: shift.id, userId, startsAt: shift.startsAt, mailed: !!email },
        },
        now,
      );
      return true;
    });
  } catch (err) {
    // Another node recorded the same reminder first (primary key shift_id + user_id): its transaction sent it.
    if (await log.reminderSent(deps.db, shift.id, userId)) return false;
    throw err;
  }
}

/** Every 5 minutes; sendShiftReminders is safe on many nodes, and the scheduler keeps runs from overlapping. */
export const SHIFT_REMINDER_JOB: JobSpec = { name: 'duty.reminders', title: '班前提醒', when: { cron: '*/5 * * * *' } };

export async function runShiftReminderJob(deps: Deps): Promise<void> {
  const { sent } = await sendShiftReminders(deps);
  if (sent.length) deps.log.info(`班前提醒：已发送 ${sent.length} 条`);
}

export type ShiftReminderScheduler = LocalJob;

/** This job alone, in this process; `serve` runs it with the others (src/app/jobs.ts). */
export function startShiftReminders(deps: Deps): ShiftReminderScheduler {
  return startLocalJob(deps.log, SHIFT_REMINDER_JOB, () => runShiftReminderJob(deps));
}
