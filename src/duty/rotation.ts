// 排班: a rotation over a date range from the people named. Fair — nights, weekend/holiday shifts, hard shifts and
// hours are balanced separately between the officers, history included — and it respects unavailability, double
// booking and the minimum rest between shifts. Days follow the holiday calendar with 调休 (a make-up Saturday is a
// working day).
// Pure: the calendar and every fact come in as values, planned shifts go out.
import type { Calendar } from '../platform/calendar/model.ts';
import {
  dayKind,
  daysIn,
  type EmergencyWindow,
  type Interval,
  leaderReasons,
  type ShiftWeight,
  type SpecialDay,
  shiftTimes,
  shiftWeight,
  type Template,
} from './model.ts';

export interface Counts {
  hard: number;
  normal: number;
  leader: number;
  /** Fairness counts hours and kinds, not only shifts: minutes on duty, nights, weekend/holiday shifts. */
  minutes: number;
  nights: number;
  offDays: number;
}

/** Each person's counts over shifts: officers by hours and kinds, leaders by shifts led. */
type Counted = Interval & { day: string; hard: boolean; leaderId: string | null; officerIds: readonly string[] };

export function countsOf(cal: Calendar, shifts: readonly Counted[]): Map<string, Counts> {
  const out = new Map<string, Counts>();
  const of = (id: string) =>
    out.get(id) ?? out.set(id, { hard: 0, normal: 0, leader: 0, minutes: 0, nights: 0, offDays: 0 }).get(id)!;
  for (const s of shifts) {
    const w = shiftWeight(cal, s);
    for (const o of s.officerIds) countShift(of(o), s.hard, w);
    if (s.leaderId) of(s.leaderId).leader++;
  }
  return out;
}

/** Counts from before gongkai kept hours and kinds may lack them. */
export type PastCounts = Pick<Counts, 'hard' | 'normal' | 'leader'> & Partial<Counts>;

/** Adds an officer's shift to their counts. */
export function countShift(c: Counts, hard: boolean, w: ShiftWeight): void {
  if (hard) c.hard++;
  else c.normal++;
  c.minutes += w.minutes;
  if (w.night) c.nights++;
  if (w.offDay) c.offDays++;
}

export interface RotationInput {
  from: string;
  to: string; // exclusive
  templates: readonly Template[];
  officerIds: readonly string[];
  leaderIds: readonly string[];
  /** Shifts held before (this unit's, for fairness). */
  history: ReadonlyMap<string, PastCounts>;
  /** Shifts the people already hold elsewhere (other published rosters): no double booking, rest respected. */
  busy: readonly (Interval & { userId: string })[];
  unavailable: readonly { userId: string; startsOn: string; endsOn: string }[];
  specials: readonly SpecialDay[];
  emergencies: readonly EmergencyWindow[];
  minRestMinutes: number;
}

export interface PlannedShift extends Interval {
  templateId: string;
  name: string;
  day: string;
  hard: boolean;
  leaderRequired: boolean;
  leaderId: string | null;
  officerIds: string[];
}

/** Every shift the active templates give over the range, in time order. Throws 422 for a missing calendar year. */
export function plannedSlots(
  cal: Calendar,
  from: string,
  to: string,
  templates: readonly Template[],
): Omit<PlannedShift, 'leaderId' | 'officerIds'>[] {
  const slots: (Omit<PlannedShift, 'leaderId' | 'officerIds'> & { sort: number })[] = [];
  for (const day of daysIn(from, to)) {
    const kind = dayKind(cal, day);
    for (const t of templates.filter((x) => x.active && x.dayKinds.includes(kind))) {
      slots.push({
        templateId: t.id,
        name: t.name,
        day,
        hard: t.hard,
        leaderRequired: t.leaderRequired,
        sort: t.sort,
        ...shiftTimes(day, t.start, t.end),
      });
    }
  }
  return slots
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.sort - b.sort)
    .map(({ sort: _sort, ...s }) => s);
}

const MINUTE_MS = 60 * 1000;
const ms = (iso: string) => Date.parse(iso);

class Ledger {
  private readonly held = new Map<string, Interval[]>();
  readonly counts = new Map<string, Counts>();

  constructor(input: RotationInput) {
    for (const b of input.busy) this.hold(b.userId, b);
    for (const id of new Set([...input.officerIds, ...input.leaderIds])) {
      const zero = { hard: 0, normal: 0, leader: 0, minutes: 0, nights: 0, offDays: 0 };
      this.counts.set(id, { ...zero, ...input.history.get(id) });
    }
  }

  hold(userId: string, i: Interval): void {
    this.held.set(userId, [...(this.held.get(userId) ?? []), i]);
  }

  release(userId: string, i: Interval): void {
    this.held.set(
      userId,
      (this.held.get(userId) ?? []).filter((h) => h !== i),
    );
  }

  /** No overlap with anything the person holds (but `except`, a shift they give up), and at least `restMs` between. */
  free(userId: string, i: Interval, restMs: number, except: Interval | null = null): boolean {
    return (this.held.get(userId) ?? []).every(
      (h) => h === except || ms(h.endsAt) + restMs <= ms(i.startsAt) || ms(i.endsAt) + restMs <= ms(h.startsAt),
    );
  }
}

function available(input: RotationInput, userId: string, i: Interval): boolean {
  return !input.unavailable.some((u) => u.userId === userId && overlapsDays(i, u.startsOn, u.endsOn));
}

/** An interval touches the days [startsOn, endsOn) of an unavailability (the rotation and the roster check agree). */
export function overlapsDays(i: Interval, startsOn: string, endsOn: string): boolean {
  const s = shiftTimes(startsOn, '00:00', '00:00').startsAt;
  const e = shiftTimes(endsOn, '00:00', '00:00').startsAt;
  return i.startsAt < e && s < i.endsAt;
}

/** The eligible person with the lowest key; ties go to the order given. */
function pick(
  ids: readonly string[],
  ok: (id: string) => boolean,
  key: (c: Counts) => number[],
  counts: Map<string, Counts>,
): string | null {
  let best: { id: string; k: number[] } | null = null;
  for (const id of ids) {
    if (!ok(id)) continue;
    const k = key(counts.get(id)!);
    if (!best || compare(k, best.k) < 0) best = { id, k };
  }
  return best?.id ?? null;
}

const compare = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
};

/**
 * Who is next for a shift: the fewest of the shift's own kinds first (nights for a night, weekend/holiday shifts for
 * one on a 休息日 or 法定节假日, both for a 24-hour weekend shift), then the fewest hard shifts for a hard one, then the
 * fewest minutes on duty.
 */
const fairness = (c: Counts, w: ShiftWeight, hard: boolean): number[] => [
  (w.night ? c.nights : 0) + (w.offDay ? c.offDays : 0),
  hard ? c.hard : 0,
  c.minutes,
];

/**
 * What the balancing pass lowers, in order: the squares of nights and of weekend/holiday shifts, of hard shifts, then
 * of minutes — summed over the officers, history included. A lower sum of squares is a smaller spread.
 */
type Score = [number, number, number];
const square = (n: number) => n * n;
function scoreOf(c: Counts): Score {
  return [square(c.nights) + square(c.offDays), square(c.hard), square(c.minutes)];
}
function withShift(c: Counts, w: ShiftWeight & { hard: boolean }, sign: 1 | -1): Counts {
  return {
    ...c,
    hard: c.hard + (w.hard ? sign : 0),
    normal: c.normal + (w.hard ? 0 : sign),
    minutes: c.minutes + sign * w.minutes,
    nights: c.nights + (w.night ? sign : 0),
    offDays: c.offDays + (w.offDay ? sign : 0),
  };
}
const minus = (a: Score, b: Score): Score => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const plus = (a: Score, b: Score): Score => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];

interface Placed {
  slot: PlannedShift;
  w: ShiftWeight & { hard: boolean };
}

/**
 * Balancing after the greedy pass: hands one officer's shift to another, or exchanges two officers' shifts, whenever
 * that lowers the score and both still respect unavailability, rest, double booking and the leader rule. Stops when
 * a sweep over all pairs finds no such move (each move lowers the score, so it ends) or after 100 sweeps.
 */
function balance(input: RotationInput, book: Ledger, placed: Placed[], restMs: number): void {
  const officers = input.officerIds;
  const delta = (id: string, out: Placed | null, into: Placed | null): Score => {
    const c = book.counts.get(id)!;
    let after = c;
    if (out) after = withShift(after, out.w, -1);
    if (into) after = withShift(after, into.w, 1);
    return minus(scoreOf(after), scoreOf(c));
  };
  const fits = (id: string, into: Placed, out: Placed | null) =>
    into.slot.leaderId !== id
    && available(input, id, into.slot)
    && book.free(id, into.slot, restMs, out ? out.slot : null);
  const apply = (p: Placed, from: string, to: string) => {
    book.release(from, p.slot);
    book.hold(to, p.slot);
    book.counts.set(from, withShift(book.counts.get(from)!, p.w, -1));
    book.counts.set(to, withShift(book.counts.get(to)!, p.w, 1));
    p.slot.officerIds = [to];
  };
  const mine = (id: string) => placed.filter((p) => p.slot.officerIds[0] === id);
  const better = (gain: Score) => compare(gain, [0, 0, 0]) < 0;
  // Sweeps over every pair of officers, taking each improving move at once, until a sweep finds none.
  for (let sweep = 0, moved = true; moved && sweep < 100; sweep++) {
    moved = false;
    for (const p of officers) {
      for (const q of officers) {
        if (p === q) continue;
        for (const s of mine(p)) {
          if (better(plus(delta(p, s, null), delta(q, null, s))) && fits(q, s, null)) {
            apply(s, p, q);
            moved = true;
            continue;
          }
          if (p > q) continue; // each exchange once
          const t = mine(q).find(
            (t) =>
              (t.w.minutes !== s.w.minutes
                || t.w.night !== s.w.night
                || t.w.offDay !== s.w.offDay
                || t.w.hard !== s.w.hard)
              && better(plus(delta(p, s, t), delta(q, t, s)))
              && fits(q, s, t)
              && fits(p, t, s),
          );
          if (t) {
            apply(s, p, q);
            apply(t, q, p);
            moved = true;
          }
        }
      }
    }
  }
}

/**
 * Greedy in time order, then balanced: each shift's officer is the free, available person with the fewest shifts of
 * its kind (nights, weekend/holiday shifts), hard shifts and minutes so far, history included; then `balance` moves
 * and exchanges shifts between officers while that evens out nights, weekend/holiday shifts, hard shifts and hours. A
 * leader is chosen where §4.2 asks for one, by fewest shifts led. A shift nobody can take stays empty, and the roster
 * check reports it — the generator never breaks a rule to fill a gap.
 */
export function generateRotation(cal: Calendar, input: RotationInput): PlannedShift[] {
  const book = new Ledger(input);
  const restMs = input.minRestMinutes * MINUTE_MS;
  const out: PlannedShift[] = [];
  const placed: Placed[] = [];
  for (const slot of plannedSlots(cal, input.from, input.to, input.templates)) {
    const shift: PlannedShift = { ...slot, leaderId: null, officerIds: [] };
    const ok = (id: string) => available(input, id, shift) && book.free(id, shift, restMs);
    const w = { ...shiftWeight(cal, shift), hard: shift.hard };
    const officer = pick(input.officerIds, ok, (c) => fairness(c, w, shift.hard), book.counts);
    if (officer) {
      book.hold(officer, shift);
      countShift(book.counts.get(officer)!, shift.hard, w);
      shift.officerIds = [officer];
      placed.push({ slot: shift, w });
    }
    if (leaderReasons(cal, shift, input.specials, input.emergencies).length > 0) {
      shift.leaderId = pick(
        input.leaderIds,
        (id) => id !== officer && ok(id),
        (c) => [c.leader, c.hard + c.normal],
        book.counts,
      );
      if (shift.leaderId) {
        book.hold(shift.leaderId, shift);
        book.counts.get(shift.leaderId)!.leader++;
      }
    }
    out.push(shift);
  }
  balance(input, book, placed, restMs);
  return out;
}
