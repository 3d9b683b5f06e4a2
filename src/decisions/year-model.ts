// Watching the year (issue 17): each item of a year's 目录 as the 年度看板 shows it — its step, working days to its
// planned month (计划决策时间), overdue, the open 预公开 window, what the gate still misses — and which reminders
// (提醒) its 承办单位 is due. Pure: `today` and the calendar come in.
import { type Calendar, workingDaysBetween } from '../platform/calendar/model.ts';
import { currentStep, gateMissing, type Procedure, STEP_NAME, type StepKey } from './model.ts';

/** The first day of a 'YYYY-MM' month. */
export const monthStart = (month: string) => `${month}-01`;

/** 'YYYY-MM-DD' moved by whole days (UTC arithmetic on dates, no time zone). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the month after `month`: the planned month has passed from then on. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The same day one month earlier (the month reminder): 2022-03-01 → 2022-02-01. */
export function monthBefore(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return m === 1 ? `${y - 1}-12${date.slice(7)}` : `${y}-${String(m - 1).padStart(2, '0')}${date.slice(7)}`;
}

/** The decision is taken once the 常务会议 has decided (集体讨论决定 done): the planned month no longer matters. */
const decided = (p: Procedure) => p.steps.collective.status === 'done';

export interface BoardFacts {
  plannedMonth: string;
  procedure: Procedure;
}

export interface BoardState {
  step: StepKey | null; // the first step still pending; null when every step is settled
  stepLabel: string;
  /** Working days (法定节假日 and 调休 counted) from today to the first day of the planned month; negative after. */
  daysToPlanned: number;
  /** The planned month has ended and the 常务会议 has not decided. */
  overdue: boolean;
  /** The 预公开 window not yet closed: the first day comments are no longer taken (end exclusive), else null. */
  commentClosesAt: string | null;
  /** What the gate 提请常务会议审议 still misses; empty once submitted. */
  missing: string[];
}

export function boardState(item: BoardFacts, cal: Calendar, today: string): BoardState {
  const p = item.procedure;
  const step = currentStep(p);
  const c = p.consultation;
  return {
    step,
    stepLabel: step ? STEP_NAME[step] : '全部办结',
    daysToPlanned: workingDaysBetween(cal, today, monthStart(item.plannedMonth)),
    overdue: !decided(p) && today >= monthEnd(item.plannedMonth),
    commentClosesAt: c && today < c.closesOn ? c.closesOn : null,
    missing: p.submittedOn ? [] : gateMissing(p),
  };
}

/** Days before a comment window closes at which the 承办单位 is reminded. */
export const COMMENT_REMIND_DAYS = 3;
/** Days before the planned month for the second reminder (the first is a month before). */
export const WEEK_DAYS = 7;

export type ReminderKind = 'plannedMonth' | 'plannedWeek' | 'commentSoon' | 'commentClosed';
export interface DueReminder {
  kind: ReminderKind;
  /** What the reminder is about: the planned month, or the window's closing day. A changed month or window is a new
   *  basis, so its reminders go out again; the same basis is reminded once. */
  basis: string;
}

/**
 * The reminders an item is due on `today`: a month and a week before its planned month (only the nearer one when
 * both are due: a late start sends one, not two), 3 days before its comment window closes, and once it has closed
 * until the 意见收集和采纳情况 is published.
 */
export function dueReminders(item: BoardFacts, today: string): DueReminder[] {
  const p = item.procedure;
  const due: DueReminder[] = [];
  const start = monthStart(item.plannedMonth);
  if (!p.submittedOn && !decided(p) && today < start) {
    if (today >= addDays(start, -WEEK_DAYS)) due.push({ kind: 'plannedWeek', basis: item.plannedMonth });
    else if (today >= monthBefore(start)) due.push({ kind: 'plannedMonth', basis: item.plannedMonth });
  }
  const c = p.consultation;
  if (c && !c.reportPublishedOn) {
    if (today >= c.closesOn) due.push({ kind: 'commentClosed', basis: c.closesOn });
    else if (today >= addDays(c.closesOn, -COMMENT_REMIND_DAYS) && today >= c.opensOn)
      due.push({ kind: 'commentSoon', basis: c.closesOn });
  }
  return due;
}
