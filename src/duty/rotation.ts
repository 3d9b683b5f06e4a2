// 排班: a rotation over a date range from the people named. Fair — each hard shift (夜班、节假日) goes to whoever has
// held the fewest hard shifts so far, history included — and it respects unavailability, double booking and the
// minimum rest between shifts. Days follow the holiday calendar with 调休 (a make-up Saturday is a working day).
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

  /** No overlap with anything the person holds, and at least `restMs` between. */
  free(userId: string, i: Interval, restMs: number): boolean {
    return (this.held.get(userId) ?? []).every(
      (h) => ms(h.endsAt) + restMs <= ms(i.startsAt) || ms(i.endsAt) + restMs <= ms(h.startsAt),
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

const compare = (a: number[], b: number[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
};

/**
 * Who is next for a shift: fewest hard shifts for a hard one, fewest ordinary ones otherwise. (Balancing nights,
 * weekend/holiday shifts and hours as further keys changed which hard shifts history-laden people got; not yet.)
 */
const fairness = (c: Counts, hard: boolean): number[] => (hard ? [c.hard, c.normal] : [c.normal, c.hard]);

/**
 * Greedy in time order: each shift's officer is the free, available person with the fewest hard shifts (for a hard
 * shift) or the fewest ordinary ones; a leader is chosen the same way where §4.2 asks for one. A shift nobody can take
 * stays empty, and the roster check reports it — the generator never breaks a rule to fill a gap.
 */
export function generateRotation(cal: Calendar, input: RotationInput): PlannedShift[] {
  const book = new Ledger(input);
  const restMs = input.minRestMinutes * MINUTE_MS;
  const out: PlannedShift[] = [];
  for (const slot of plannedSlots(cal, input.from, input.to, input.templates)) {
    const ok = (id: string) => available(input, id, slot) && book.free(id, slot, restMs);
    const w = shiftWeight(cal, slot);
    const officer = pick(input.officerIds, ok, (c) => fairness(c, slot.hard), book.counts);
    if (officer) {
      book.hold(officer, slot);
      countShift(book.counts.get(officer)!, slot.hard, w);
    }
    let leader: string | null = null;
    if (leaderReasons(cal, slot, input.specials, input.emergencies).length > 0) {
      leader = pick(
        input.leaderIds,
        (id) => id !== officer && ok(id),
        (c) => [c.leader, c.hard + c.normal],
        book.counts,
      );
      if (leader) {
        book.hold(leader, slot);
        book.counts.get(leader)!.leader++;
      }
    }
    out.push({ ...slot, leaderId: leader, officerIds: officer ? [officer] : [] });
  }
  return out;
}
