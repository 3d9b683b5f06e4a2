// What blocks publishing a roster (值班表), as findings in zh-CN: an hour nobody watches in a unit that must be
// covered (§4.1: websites and new media are read without interruption), a shift §4.2 gives to a duty leader without
// one, a person on two overlapping shifts, and rest between two shifts shorter than the unit's minimum.
// Pure: shifts, calendar and facts in; findings out.
import type { Calendar } from '../platform/calendar/model.ts';
import {
  addDays,
  type EmergencyWindow,
  type Interval,
  leaderReasons,
  type SpecialDay,
  shiftTimes,
  timeOf,
  when,
} from './model.ts';
import { overlapsDays } from './rotation.ts';

export const FINDING_CODES = [
  'UNCOVERED',
  'NO_OFFICER',
  'LEADER_MISSING',
  'DOUBLE_BOOKED',
  'REST_TOO_SHORT',
  'UNAVAILABLE',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  code: FindingCode;
  message: string;
  shiftIds: string[];
  userId: string | null;
}

export interface CheckShift extends Interval {
  id: string;
  name: string;
  leaderRequired: boolean;
  leaderId: string | null;
  officerIds: string[];
}

/** Another roster's published shift: it covers hours of the unit, or occupies one of the people. */
export interface NeighbourShift extends Interval {
  id: string;
  unitId: string;
  name: string;
  people: string[];
}

export interface CheckInput {
  unitId: string;
  mustCover: boolean;
  /**
   * A published roster of the unit ends where this one begins. Without one (the unit's first roster on gongkai) the
   * stretch before the first shift of the first day belonged to a period the platform never kept, and is not checked.
   */
  hasPrevious: boolean;
  from: string;
  to: string; // exclusive
  shifts: readonly CheckShift[];
  neighbours: readonly NeighbourShift[];
  specials: readonly SpecialDay[];
  emergencies: readonly EmergencyWindow[];
  minRestMinutes: number;
  names: ReadonlyMap<string, string>;
  /** 不能值班的时间 of the people on the roster (年休假、出差…): the rotation skips them, and so must every change. */
  unavailable?: readonly Unavailable[];
}

export interface Unavailable {
  userId: string;
  startsOn: string;
  endsOn: string;
  reason: string;
}

const ms = (iso: string) => Date.parse(iso);
const label = (s: { name: string; startsAt: string }) => `${when(s.startsAt)}「${s.name}」`;

/** The stretches of [start, end) (ISO instants) that no interval covers. */
export function gaps(start: string, end: string, covering: readonly Interval[]): Interval[] {
  const sorted = [...covering].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const out: Interval[] = [];
  let at = start;
  for (const c of sorted) {
    if (c.endsAt <= at) continue;
    if (c.startsAt >= end) break;
    if (c.startsAt > at) out.push({ startsAt: at, endsAt: c.startsAt });
    at = c.endsAt;
    if (at >= end) break;
  }
  if (at < end) out.push({ startsAt: at, endsAt: end });
  return out;
}

function coverage(input: CheckInput): Finding[] {
  const out: Finding[] = input.shifts
    .filter((s) => s.officerIds.length === 0)
    .map((s) => ({
      code: 'NO_OFFICER' as const,
      message: `${label(s)}没有值班人员`,
      shiftIds: [s.id],
      userId: null,
    }));
  if (!input.mustCover) return out;
  const covering = [
    ...input.shifts.filter((s) => s.officerIds.length > 0),
    ...input.neighbours.filter((n) => n.unitId === input.unitId),
  ];
  const midnight = (day: string) => shiftTimes(day, '00:00', '00:00').startsAt;
  const firstDay = input.shifts.filter(
    (s) => s.startsAt >= midnight(input.from) && s.startsAt < midnight(addDays(input.from, 1)),
  );
  const start =
    input.hasPrevious || firstDay.length === 0 ? midnight(input.from) : firstDay.map((s) => s.startsAt).sort()[0];
  for (const g of gaps(start, midnight(input.to), covering)) {
    const until =
      timeOf(g.endsAt) === '00:00' && g.endsAt > g.startsAt
        ? `${when(ms(g.endsAt) - 1).slice(0, -6)} 24:00`
        : when(g.endsAt);
    out.push({
      code: 'UNCOVERED',
      message: `${when(g.startsAt)} 至 ${until} 无人值班（本单位有政府网站或政务新媒体，须全天候读网）`,
      shiftIds: [],
      userId: null,
    });
  }
  return out;
}

function leaders(cal: Calendar, input: CheckInput): Finding[] {
  return input.shifts
    .filter((s) => !s.leaderId)
    .flatMap((s) => {
      const reasons = leaderReasons(cal, s, input.specials, input.emergencies);
      return reasons.length
        ? [
            {
              code: 'LEADER_MISSING' as const,
              message: `${label(s)}没有带班领导：${reasons.join('；')}`,
              shiftIds: [s.id],
              userId: null,
            },
          ]
        : [];
    });
}

/** Each person's shifts in time order: an overlap is double booking, a short gap breaks the rest rule. */
function people(input: CheckInput): Finding[] {
  const mine = new Set(input.shifts.map((s) => s.id));
  const held = new Map<string, { id: string; name: string; startsAt: string; endsAt: string }[]>();
  const add = (userId: string, s: { id: string; name: string; startsAt: string; endsAt: string }) =>
    held.set(userId, [...(held.get(userId) ?? []), s]);
  for (const s of input.shifts)
    for (const p of new Set([...s.officerIds, ...(s.leaderId ? [s.leaderId] : [])])) add(p, s);
  for (const n of input.neighbours) for (const p of n.people) if (held.has(p)) add(p, n);
  const out: Finding[] = [];
  const restMs = input.minRestMinutes * 60 * 1000;
  for (const [userId, list] of held) {
    const name = input.names.get(userId) ?? userId;
    const sorted = list.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.endsAt.localeCompare(b.endsAt));
    let last = sorted[0];
    for (const s of sorted.slice(1)) {
      if (mine.has(s.id) || mine.has(last.id)) {
        if (s.startsAt < last.endsAt) {
          out.push({
            code: 'DOUBLE_BOOKED',
            message: `${name}同时担任${label(last)}和${label(s)}，时间重叠`,
            shiftIds: [last.id, s.id],
            userId,
          });
        } else if (ms(s.startsAt) - ms(last.endsAt) < restMs) {
          const rest = Math.round((ms(s.startsAt) - ms(last.endsAt)) / 60000);
          out.push({
            code: 'REST_TOO_SHORT',
            message: `${name}在${label(last)}与${label(s)}之间只休息 ${hours(rest)}，少于本单位规定的 ${hours(input.minRestMinutes)}`,
            shiftIds: [last.id, s.id],
            userId,
          });
        }
      }
      if (s.endsAt > last.endsAt) last = s;
    }
  }
  return out;
}

const hours = (minutes: number) =>
  minutes % 60 === 0 ? `${minutes / 60} 小时` : `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分钟`;

/** A person put on a shift during their registered unavailability. */
function unavailability(input: CheckInput): Finding[] {
  const away = (userId: string, s: CheckShift) =>
    (input.unavailable ?? []).filter((u) => u.userId === userId && overlapsDays(s, u.startsOn, u.endsOn));
  return input.shifts.flatMap((s) =>
    [...new Set([...s.officerIds, ...(s.leaderId ? [s.leaderId] : [])])].flatMap((userId) =>
      away(userId, s).map((u) => ({
        code: 'UNAVAILABLE' as const,
        shiftIds: [s.id],
        userId,
        message: `${input.names.get(userId) ?? userId}登记了不能值班（${u.reason}），却排在${label(s)}`,
      })),
    ),
  );
}

/** Every finding, in a stable order: coverage, leaders, people. Empty: the roster may be published. */
export function checkRoster(cal: Calendar, input: CheckInput): Finding[] {
  return [...coverage(input), ...leaders(cal, input), ...people(input), ...unavailability(input)];
}
