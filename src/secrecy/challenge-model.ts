// 质疑申请: a citizen or organisation asks why information was not disclosed for secrecy reasons, and the unit
// answers with its basis and reasons (65号 保密审查制度 第十五条). The clock is 政府信息公开条例 第三十三条: 20 working
// days from receipt, extendable once by at most 20. Pure: cases, dates and the calendar in; decisions out.
import { addWorkingDays, type Calendar, spansProvisional, type WorkingDate } from '../platform/calendar/model.ts';
import { type AppError, conflict, invalid, unprocessable } from '../platform/errors.ts';
import { OGI_ART33_ANSWER_WORKING_DAYS, OGI_ART33_MAX_EXTENSION_DAYS } from './model.ts';

// The clock's numbers (条例 第三十三条第二款) live in model.ts with the other rule numbers of 保密审查.

/** 案件编号 prefix, in the style of a 发文字号 (机关代字〔年份〕序号, GB/T 9704): 綦 district, 公开 disclosure, 答 answer. */
export const CASE_PREFIX = '綦公开答';

export const LIMITS = {
  name: 50,
  org: 100,
  phone: 20,
  email: 254,
  subject: 200,
  question: 2000,
  basis: 500,
  reason: 5000,
};

// Mainland mobile (11 digits from 13–19) or a landline with area code, optional extension: what a 答复 can dial.
export const PHONE_RE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/;

export type ChallengeState = 'open' | 'answered';

export interface Asker {
  name: string;
  org: string | null;
  phone: string | null;
  email: string | null;
}

export interface Challenge {
  id: string;
  caseNo: string;
  unitId: string;
  itemId: string | null;
  subject: string | null;
  question: string;
  asker: Asker;
  state: ChallengeState;
  receivedAt: string;
  receivedOn: string; // day 0
  firstDueOn: string;
  dueOn: string; // the deadline now in force
  dueProvisional: boolean; // 暂定: counted Monday–Friday over a year without the State Council's schedule (DOMAIN.md §5)
  extension: { at: string; by: string; days: number; reason: string } | null;
  answer: { at: string; by: string; basis: string; reason: string } | null;
}

// What the asker reads when the deadline runs into a year whose holidays are not yet published (DOMAIN.md §5).
const PROVISIONAL_NOTE = '（暂定：次年节假日安排尚未公布，公布后如有变化将另行告知）';

export const caseNumber = (year: number, seq: number): string => `${CASE_PREFIX}〔${year}〕${seq}号`;

/** Overdue: still unanswered after its deadline day (the deadline day itself is still in time). */
export const isOverdue = (c: Pick<Challenge, 'state' | 'dueOn'>, today: string): boolean =>
  c.state === 'open' && today > c.dueOn;

export function firstDeadline(cal: Calendar, receivedOn: string): string {
  return addWorkingDays(cal, receivedOn, OGI_ART33_ANSWER_WORKING_DAYS);
}

/** The deadline in force, first or extended, with its 暂定 flag: what opening, extending and recomputing store. */
export function deadlineInForce(cal: Calendar, receivedOn: string, extensionDays: number | null): WorkingDate {
  const first = firstDeadline(cal, receivedOn);
  const date = extensionDays ? addWorkingDays(cal, first, extensionDays) : first;
  return { date, provisional: spansProvisional(cal, receivedOn, date) };
}

export interface ExtendInput {
  days: number;
  reason: string;
}

/** The new deadline, or why the extension is refused. */
export function decideExtend(c: Challenge, input: ExtendInput, today: string, cal: Calendar): WorkingDate | AppError {
  if (c.state === 'answered') return conflict('ALREADY_ANSWERED', `${c.caseNo}已答复，不能再延长答复期限`);
  if (c.extension)
    return conflict(
      'ALREADY_EXTENDED',
      `${c.caseNo}已于${c.extension.at.slice(0, 10)}延长过一次答复期限，不能再次延长`,
    );
  if (!input.reason.trim()) return invalid('reason', '延长答复期限须说明理由');
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > OGI_ART33_MAX_EXTENSION_DAYS) {
    return invalid('days', `延长期限为 1 至 ${OGI_ART33_MAX_EXTENSION_DAYS} 个工作日`);
  }
  // An extension keeps a deadline that is still running; a deadline already missed cannot be cured afterwards.
  if (today > c.dueOn)
    return unprocessable('DEADLINE_PASSED', `${c.caseNo}的答复期限（${c.dueOn}）已过，不能再延长，请尽快答复`);
  return deadlineInForce(cal, c.receivedOn, input.days);
}

export interface AnswerInput {
  basis: string; // 依据: the provisions relied on
  reason: string; // 理由: why the information was not disclosed
}

/** Whether the answer is late; an answer is recorded even after the deadline (late answers stay visible). */
export function decideAnswer(c: Challenge, input: AnswerInput, today: string): { late: boolean } | AppError {
  if (c.state === 'answered') return conflict('ALREADY_ANSWERED', `${c.caseNo}已答复`);
  if (!input.basis.trim()) return invalid('basis', '请填写不予公开的依据');
  if (!input.reason.trim()) return invalid('reason', '请填写不予公开的理由');
  return { late: today > c.dueOn };
}

export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

const greeting = (c: Challenge) => `${c.asker.name}${c.asker.org ? `（${c.asker.org}）` : ''}：`;
const about = (c: Challenge) => (c.subject ? `关于「${c.subject}」` : '关于您所询问的信息');

/** The answer as mailed to the asker; null when they left no e-mail address. */
export function answerMail(c: Challenge, unitName: string, answer: AnswerInput, answeredOn: string): Mail | null {
  if (!c.asker.email) return null;
  return {
    to: [c.asker.email],
    subject: `${c.caseNo} 不予公开依据和理由的答复`,
    text: [
      greeting(c),
      '',
      `您${c.receivedOn}提出的${about(c)}未予公开的质疑申请（${c.caseNo}），现答复如下：`,
      '',
      `依据：${answer.basis}`,
      '',
      `理由：${answer.reason}`,
      '',
      `${unitName}`,
      answeredOn,
    ].join('\n'),
  };
}

/** 条例 第三十三条: the asker is told of an extension and its reason. */
export function extensionMail(c: Challenge, unitName: string, ext: ExtendInput, due: WorkingDate): Mail | null {
  if (!c.asker.email) return null;
  return {
    to: [c.asker.email],
    subject: `${c.caseNo} 延长答复期限告知`,
    text: [
      greeting(c),
      '',
      `您提出的${about(c)}未予公开的质疑申请（${c.caseNo}），答复期限延长 ${ext.days} 个工作日，`
        + `至${due.date}${due.provisional ? PROVISIONAL_NOTE : ''}。`,
      `延长理由：${ext.reason}`,
      '',
      unitName,
    ].join('\n'),
  };
}
