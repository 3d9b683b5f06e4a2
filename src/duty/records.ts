// What the duty officer records (§4.5): 上级通知登记 — notices from superiors received on duty: when, from whom,
// what, who was told — and 读网记录 — each reading round: when, the pages read, the anomalies found; with the days
// where the unit read fewer rounds than its minimum (e.g. twice a working day, once a rest day or holiday).
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canRecordDuty, canViewDuty, DUTY_ROLES } from '../org/policy/duty.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { toShanghaiDate } from '../platform/calendar/model.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { invalid } from '../platform/errors.ts';
import { peopleOf, record, roleIn, unitFacts } from './context.ts';
import { checkRange, type DayKind, dayKind, dayOf, daysIn, LIMITS, optionalText, requireText, shiftTimes } from './model.ts';
import * as log from './store-log.ts';

const FUTURE_SLACK_MS = 5 * 60 * 1000;

/** An ISO instant, not in the future; default now. */
function instant(field: string, value: string | undefined, now: Date): string {
  if (value === undefined || value === '') return now.toISOString();
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t)) throw invalid(field, '时间格式不正确，应为 ISO 8601（如 2026-03-02T09:30:00+08:00）');
  if (t > now.getTime() + FUTURE_SLACK_MS) throw invalid(field, '时间不能晚于现在');
  return new Date(t).toISOString();
}

const bounds = (from: string, to: string) => ({ from: shiftTimes(from, '00:00', '00:00').startsAt, to: shiftTimes(to, '00:00', '00:00').startsAt });

export interface NoticeInput {
  unitId: string;
  receivedAt?: string;
  fromWhom: string;
  content: string;
  toldUserIds?: string[];
  toldOthers?: string;
}

export type NoticeView = log.Notice & { recordedByName: string; told: { id: string; name: string }[] };

export async function recordNotice(deps: Deps, actor: Actor, input: NoticeInput): Promise<NoticeView> {
  assertAllowed(canRecordDuty(actor, input.unitId));
  const now = deps.clock.now();
  const notice: log.Notice = { id: randomUUID(), unitId: input.unitId, receivedAt: instant('receivedAt', input.receivedAt, now),
    fromWhom: requireText('fromWhom', '通知来源（上级单位或人员）', input.fromWhom, 100), content: requireText('content', '通知内容', input.content, LIMITS.text),
    toldUserIds: [...new Set(input.toldUserIds ?? [])], toldOthers: optionalText('toldOthers', '已告知的其他人员', input.toldOthers, 200),
    recordedBy: actor.id, createdAt: now.toISOString() };
  return deps.db.transaction().execute(async (tx) => {
    const people = await peopleOf(tx, notice.toldUserIds);
    const unknown = notice.toldUserIds.findIndex((id) => !people.has(id));
    if (unknown >= 0) throw invalid(`toldUserIds.${unknown}`, '已告知人员中有不存在的用户');
    await log.insertNotice(tx, notice);
    await record(tx, actor, roleIn(actor, input.unitId, DUTY_ROLES), input.unitId, 'duty.notice', `duty-notice:${notice.id}`,
      { receivedAt: notice.receivedAt, fromWhom: notice.fromWhom, content: notice.content, toldUserIds: notice.toldUserIds, toldOthers: notice.toldOthers }, now);
    return { ...notice, recordedByName: actor.name, told: notice.toldUserIds.map((id) => ({ id, name: people.get(id)!.name })) };
  });
}

export async function listNotices(deps: Deps, actor: Actor, unitId: string, from: string, to: string): Promise<NoticeView[]> {
  checkRange(from, to);
  assertAllowed(canViewDuty(actor, unitId));
  const b = bounds(from, to);
  const notices = await log.listNotices(deps.db, [unitId], b.from, b.to);
  const people = await peopleOf(deps.db, notices.flatMap((n) => [n.recordedBy, ...n.toldUserIds]));
  return notices.map((n) => ({ ...n, recordedByName: people.get(n.recordedBy)?.name ?? '',
    told: n.toldUserIds.map((id) => ({ id, name: people.get(id)?.name ?? '' })) }));
}

export interface ReadingInput {
  unitId: string;
  readAt?: string;
  pages: string[];
  anomalies?: string;
}

export type ReadingView = log.Reading & { name: string };

export async function recordReading(deps: Deps, actor: Actor, input: ReadingInput): Promise<ReadingView> {
  assertAllowed(canRecordDuty(actor, input.unitId));
  const pages = (input.pages ?? []).map((p, i) => requireText(`pages.${i}`, '网页或栏目', p, LIMITS.page));
  if (pages.length === 0) throw invalid('pages', '请填写本轮读过的网页或栏目');
  if (pages.length > LIMITS.pages) throw invalid('pages', `一轮最多登记 ${LIMITS.pages} 个网页或栏目`);
  const now = deps.clock.now();
  const reading: log.Reading = { id: randomUUID(), unitId: input.unitId, userId: actor.id, readAt: instant('readAt', input.readAt, now), pages,
    anomalies: optionalText('anomalies', '发现的异常', input.anomalies, LIMITS.text), createdAt: now.toISOString() };
  await deps.db.transaction().execute(async (tx) => {
    await unitFacts(tx, input.unitId);
    await log.insertReading(tx, reading);
    await record(tx, actor, roleIn(actor, input.unitId, DUTY_ROLES), input.unitId, 'duty.reading', `duty-reading:${reading.id}`,
      { readAt: reading.readAt, pages: pages.length, anomalies: reading.anomalies }, now);
  });
  return { ...reading, name: actor.name };
}

export interface ReadingDay {
  date: string;
  dayKind: DayKind;
  required: number;
  recorded: number;
  missing: number; // rounds short of the minimum (0 for today, which is not over)
  inProgress: boolean; // today
}

export interface ReadingReport {
  unitId: string;
  rounds: ReadingView[];
  days: ReadingDay[];
  /** Days (before today) with fewer rounds than the unit's minimum. */
  missingDays: ReadingDay[];
}

/** 读网记录 over [from, to) with each day's count against the unit's minimum; future days are left out. */
export async function readingReport(deps: Deps, actor: Actor, unitId: string, from: string, to: string): Promise<ReadingReport> {
  checkRange(from, to);
  assertAllowed(canViewDuty(actor, unitId));
  const today = toShanghaiDate(deps.clock.now());
  const [unit, cal] = await Promise.all([unitFacts(deps.db, unitId), loadCalendar(deps.db)]);
  const b = bounds(from, to);
  const rounds = await log.listReadings(deps.db, unitId, b.from, b.to);
  const people = await peopleOf(deps.db, rounds.map((r) => r.userId));
  const days = daysIn(from, to).filter((d) => d <= today).map((date) => {
    const kind = dayKind(cal, date);
    const required = unit.settings.readings[kind];
    const recorded = rounds.filter((r) => dayOf(r.readAt) === date).length;
    const inProgress = date === today;
    return { date, dayKind: kind, required, recorded, missing: inProgress ? 0 : Math.max(0, required - recorded), inProgress };
  });
  return { unitId, rounds: rounds.map((r) => ({ ...r, name: people.get(r.userId)?.name ?? '' })), days, missingDays: days.filter((d) => d.missing > 0) };
}
