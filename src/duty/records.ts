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
import { AppError } from '../platform/errors.ts';
import { peopleOf, record, roleIn, unitFacts } from './context.ts';
import {
  checkRange,
  type DayKind,
  dayKind,
  dayOf,
  daysIn,
  LIMITS,
  optionalText,
  requireText,
  shiftTimes,
} from './model.ts';
import { happenedAt, pagesRead, toldKnown } from './rules/records.ts';
import { enforce } from './rules/verdict.ts';
import * as log from './store-log.ts';

/** §4.5 happenedAt, or a 400 naming the field. */
function instant(field: string, value: string | undefined, now: Date): string {
  const t = happenedAt(field, value, now);
  if (t instanceof AppError) throw t;
  return t.at;
}

const bounds = (from: string, to: string) => ({
  from: shiftTimes(from, '00:00', '00:00').startsAt,
  to: shiftTimes(to, '00:00', '00:00').startsAt,
});

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
  const notice: log.Notice = {
    id: randomUUID(),
    unitId: input.unitId,
    receivedAt: instant('receivedAt', input.receivedAt, now),
    fromWhom: requireText('fromWhom', '通知来源（上级单位或人员）', input.fromWhom, 100),
    content: requireText('content', '通知内容', input.content, LIMITS.text),
    toldUserIds: [...new Set(input.toldUserIds ?? [])],
    toldOthers: optionalText('toldOthers', '已告知的其他人员', input.toldOthers, 200),
    recordedBy: actor.id,
    createdAt: now.toISOString(),
  };
  return deps.db.transaction().execute(async (tx) => {
    const people = await peopleOf(tx, notice.toldUserIds);
    enforce(toldKnown(notice.toldUserIds, new Set(people.keys())));
    await log.insertNotice(tx, notice);
    await record(
      tx,
      actor,
      roleIn(actor, input.unitId, DUTY_ROLES),
      input.unitId,
      'duty.notice',
      `duty-notice:${notice.id}`,
      {
        receivedAt: notice.receivedAt,
        fromWhom: notice.fromWhom,
        content: notice.content,
        toldUserIds: notice.toldUserIds,
        toldOthers: notice.toldOthers,
      },
      now,
    );
    return {
      ...notice,
      recordedByName: actor.name,
      told: notice.toldUserIds.map((id) => ({ id, name: people.get(id)!.name })),
    };
  });
}

export async function listNotices(
  deps: Deps,
  actor: Actor,
  unitId: string,
  from: string,
  to: string,
): Promise<NoticeView[]> {
  checkRange(from, to);
  assertAllowed(canViewDuty(actor, unitId));
  const b = bounds(from, to);
  const notices = await log.listNotices(deps.db, [unitId], b.from, b.to);
  const people = await peopleOf(
    deps.db,
    notices.flatMap((n) => [n.recordedBy, ...n.toldUserIds]),
  );
  return notices.map((n) => ({
    ...n,
    recordedByName: people.get(n.recordedBy)?.name ?? '',
    told: n.toldUserIds.map((id) => ({ id, name: people.get(id)?.name ?? '' })),
  }));
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
  enforce(pagesRead(pages.length));
  const now = deps.clock.now();
  const reading: log.Reading = {
    id: randomUUID(),
    unitId: input.unitId,
    userId: actor.id,
    readAt: instant('readAt', input.readAt, now),
    pages,
    anomalies: optionalText('anomalies', '发现的异常', input.anomalies, LIMITS.text),
    createdAt: now.toISOString(),
  };
  await deps.db.transaction().execute(async (tx) => {
    await unitFacts(tx, input.unitId);
    await log.insertReading(tx, reading);
    await record(
      tx,
      actor,
      roleIn(actor, input.unitId, DUTY_ROLES),
      input.unitId,
      'duty.reading',
      `duty-reading:${reading.id}`,
      { readAt: reading.readAt, pages: pages.length, anomalies: reading.anomalies },
      now,
    );
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
export async function readingReport(
  deps: Deps,
  actor: Actor,
  unitId: string,
  from: string,
  to: string,
): Promise<ReadingReport> {
  checkRange(from, to);
  assertAllowed(canViewDuty(actor, unitId));
  const today = toShanghaiDate(deps.clock.now());
  const [unit, cal] = await Promise.all([unitFacts(deps.db, unitId), loadCalendar(deps.db)]);
  const b = bounds(from, to);
  const rounds = await log.listReadings(deps.db, unitId, b.from, b.to);
  const people = await peopleOf(
    deps.db,
    rounds.map((r) => r.userId),
  );
  const days = daysIn(from, to)
    .filter((d) => d <= today)
    .map((date) => {
      const kind = dayKind(cal, date);
      const required = unit.settings.readings[kind];
      const recorded = rounds.filter((r) => dayOf(r.readAt) === date).length;
      const inProgress = date === today;
      return {
        date,
        dayKind: kind,
        required,
        recorded,
        missing: inProgress ? 0 : Math.max(0, required - recorded),
        inProgress,
      };
    });
  return {
    unitId,
    rounds: rounds.map((r) => ({ ...r, name: people.get(r.userId)?.name ?? '' })),
    days,
    missingDays: days.filter((d) => d.missing > 0),
  };
}
