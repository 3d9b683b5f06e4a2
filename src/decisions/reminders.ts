// 提醒 (issue 17): the 承办单位 (its 工作人员 and 分管领导) gets an in-app notice and a mail a month and a week before an
// item's planned month, 3 days before its 预公开 window closes, and once it has closed while the 意见收集和采纳情况 is
// not yet published (year-model.ts dueReminders). Each reminder is recorded (decision_reminders, one row per item,
// kind and basis) in the transaction that queues it, so it goes out exactly once however often, and on however many
// nodes, the job runs — the pattern of secrecy/reminders.ts and duty/reminders.ts.
import { getUserEmails, usersHoldingRole } from '../org/service.ts';
import { toShanghaiDate } from '../platform/calendar/model.ts';
import type { Deps } from '../platform/deps.ts';
import type { JobSpec } from '../platform/jobs/index.ts';
import { appendLedger, SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import { enqueueMail, notifyUsers } from '../platform/notify/service.ts';
import { monthLabel } from './catalog.ts';
import { getItem, type ItemRow } from './store.ts';
import { type DueReminder, dueReminders, type ReminderKind } from './year-model.ts';
import * as yearStore from './year-store.ts';

/** Who is reminded: the 承办单位's 工作人员 and 分管领导 (the 目录's unit when the 承办单位 is not in gongkai). */
const REMINDED_ROLES = ['staff', 'leader'] as const;

const lastDay = (closesOn: string) =>
  new Date(Date.parse(`${closesOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export function reminderText(item: Pick<ItemRow, 'title'>, r: DueReminder): { title: string; body: string } {
  const t = `《${item.title}》`;
  const text: Record<ReminderKind, () => { title: string; body: string }> = {
    plannedMonth: () => ({
      title: `【重大行政决策】距计划决策时间还有一个月：${item.title}`,
      body: `决策事项${t}计划于${monthLabel(r.basis)}决策，请抓紧履行法定程序；未履行完法定程序的，不得提请区政府常务会议审议。`,
    }),
    plannedWeek: () => ({
      title: `【重大行政决策】距计划决策时间还有一周：${item.title}`,
      body: `决策事项${t}计划于${monthLabel(r.basis)}决策，请核对法定程序是否已履行完毕，需要调整计划决策时间的请按程序提出目录调整。`,
    }),
    commentSoon: () => ({
      title: `【重大行政决策】征求意见即将截止：${item.title}`,
      body: `决策事项${t}的征求意见将于${lastDay(r.basis)}截止，截止后请逐条答复意见采纳情况并公布意见收集和采纳情况。`,
    }),
    commentClosed: () => ({
      title: `【重大行政决策】征求意见已截止：${item.title}`,
      body: `决策事项${t}的征求意见已于${lastDay(r.basis)}截止，请逐条答复意见采纳情况并公布意见收集和采纳情况（公布后公众参与才能办结）。`,
    }),
  };
  return text[r.kind]();
}

export interface SentReminder {
  itemId: string;
  kind: ReminderKind;
  basis: string;
}

/** Sends every reminder due now; returns what it sent. Safe to run on many nodes at once. */
export async function sendDecisionReminders(deps: Deps): Promise<{ sent: SentReminder[] }> {
  const now = deps.clock.now();
  const today = toShanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const sent: SentReminder[] = [];
  for (const item of await yearStore.listRemindable(deps.db, [year, year + 1])) {
    for (const r of dueReminders(item, today)) {
      if (await yearStore.reminderSent(deps.db, item.id, r.kind, r.basis)) continue;
      if (await sendOne(deps, item.id, r, today, now)) sent.push({ itemId: item.id, ...r });
    }
  }
  return { sent };
}

async function sendOne(deps: Deps, itemId: string, r: DueReminder, today: string, now: Date): Promise<boolean> {
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const item = await getItem(tx, itemId);
      // Still due as the item stands now (another node or a person may have moved it), and not yet sent.
      const still =
        item && !item.withdrawnAt && dueReminders(item, today).some((d) => d.kind === r.kind && d.basis === r.basis);
      if (!still || (await yearStore.reminderSent(tx, itemId, r.kind, r.basis))) return false;
      const unitId = item.leadUnitId ?? item.catalogUnitId;
      const people = (await Promise.all(REMINDED_ROLES.map((role) => usersHoldingRole(tx, role, unitId)))).flat();
      const ids = [...new Set(people.map((p) => p.id))];
      await yearStore.insertReminder(tx, { itemId, kind: r.kind, basis: r.basis, recipients: ids }, now.toISOString());
      const { title, body } = reminderText(item, r);
      await notifyUsers(tx, ids, { kind: `decisions.${r.kind}`, title, body, subject: `decision:${itemId}` }, now);
      const emails = [...(await getUserEmails(tx, ids)).values()].filter((e): e is string => !!e);
      if (emails.length)
        await enqueueMail(tx, { to: emails, subject: title, text: `${body}\n\n（本邮件由 gongkai 自动发送）` }, now);
      const payload = {
        itemId,
        title: item.title,
        kind: r.kind,
        basis: r.basis,
        today,
        recipients: ids,
        emails: emails.length,
      };
      await appendLedger(
        tx,
        { actor: SYSTEM_ACTOR, role: '', unitId, action: 'decisions.reminder', subject: `decision:${itemId}`, payload },
        now,
      );
      return true;
    });
  } catch (err) {
    // Another node recorded the same reminder first (primary key item_id + kind + basis): its transaction sent it.
    if (await yearStore.reminderSent(deps.db, itemId, r.kind, r.basis)) return false;
    throw err;
  }
}

/** Hourly; sendDecisionReminders is safe on many nodes, and the scheduler keeps runs from overlapping. */
export const DECISION_REMINDER_JOB: JobSpec = {
  name: 'decisions.reminders',
  title: '重大行政决策提醒',
  when: { cron: '20 * * * *' },
};

export async function runDecisionReminderJob(deps: Deps): Promise<void> {
  const { sent } = await sendDecisionReminders(deps);
  if (sent.length) deps.log.info(`重大行政决策提醒：已发送 ${sent.length} 条`);
}
