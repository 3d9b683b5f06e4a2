// A roster as the calendar screen shows it: its days (kind on the holiday calendar, 调休, holiday name, 重大活动 /
// 重要节点), its shifts with the people on them and why a leader is needed, the findings that block publishing, the
// fairness counts, and what the reader may do.
import type { Actor } from '../org/model.ts';
import { canManageRoster } from '../org/policy/duty.ts';
import { type Calendar, isProvisionalDay } from '../platform/calendar/model.ts';
import type { Executor } from '../platform/db/types.ts';
import { type Surroundings, findingsOf, peopleOf, surroundings } from './context.ts';
import {
  type DayKind,
  dayKind,
  daysIn,
  holidayName,
  leaderReasons,
  type Person,
  type Shift,
  type SpecialDay,
  type SpecialKind,
  timeOf,
  weekdayName,
} from './model.ts';
import type { Finding } from './roster-check.ts';
import { type Counts, countsOf } from './rotation.ts';
import * as store from './store.ts';

export interface DayView {
  date: string;
  weekday: string;
  dayKind: DayKind;
  makeup: boolean; // 调休上班
  holiday: string | null;
  provisional: boolean; // 暂定: the year has no State Council schedule yet, counted Monday–Friday (DOMAIN.md §5)
  specials: { id: string; kind: SpecialKind; name: string; district: boolean }[];
}

export interface ShiftView {
  id: string;
  rosterId: string;
  unitId: string;
  templateId: string | null;
  name: string;
  day: string;
  startsAt: string;
  endsAt: string;
  start: string;
  end: string;
  hard: boolean;
  leaderReasons: string[];
  leader: Person | null;
  officers: Person[];
  version: number;
}

export interface RosterDetail {
  roster: store.Roster & { unitName: string };
  days: DayView[];
  shifts: ShiftView[];
  findings: Finding[];
  /** Fairness per person (the spread is shown on the roster page): shifts, hours, nights, weekend/holiday shifts. */
  counts: ({ person: Person } & Counts)[];
  abilities: { canEdit: boolean; canPublish: boolean; canDiscard: boolean };
}

export function dayViews(cal: Calendar, from: string, to: string, specials: readonly SpecialDay[]): DayView[] {
  return daysIn(from, to).map((date) => ({
    date,
    weekday: weekdayName(date),
    dayKind: dayKind(cal, date),
    makeup: cal.makeupWorkdays.has(date),
    holiday: holidayName(cal, date),
    provisional: isProvisionalDay(cal, date),
    specials: specials
      .filter((s) => s.day === date)
      .map((s) => ({ id: s.id, kind: s.kind, name: s.name, district: s.unitId === null })),
  }));
}

export function shiftViews(
  s: Surroundings,
  shifts: readonly Shift[],
  people: ReadonlyMap<string, Person>,
): ShiftView[] {
  const person = (id: string): Person => people.get(id) ?? { id, name: '', phone: null };
  return shifts.map((x) => ({
    id: x.id,
    rosterId: x.rosterId,
    unitId: x.unitId,
    templateId: x.templateId,
    name: x.name,
    day: x.day,
    startsAt: x.startsAt,
    endsAt: x.endsAt,
    start: timeOf(x.startsAt),
    end: timeOf(x.endsAt),
    hard: x.hard,
    leaderReasons: leaderReasons(s.cal, x, s.specials, s.emergencies),
    leader: x.leaderId ? person(x.leaderId) : null,
    officers: x.officerIds.map(person),
    version: x.version,
  }));
}

export async function rosterDetail(db: Executor, actor: Actor, roster: store.Roster): Promise<RosterDetail> {
  const s = await surroundings(db, roster.unitId, roster.from, roster.to);
  const shifts = await store.shiftsOfRoster(db, roster.id);
  const findings = await findingsOf(db, s, roster, shifts);
  const people = await peopleOf(
    db,
    shifts.flatMap((x) => [...x.officerIds, ...(x.leaderId ? [x.leaderId] : [])]),
  );
  const counts = countsOf(s.cal, shifts);
  const manage = canManageRoster(actor, roster.unitId).allowed;
  return {
    roster: { ...roster, unitName: s.unit.name },
    days: dayViews(s.cal, roster.from, roster.to, s.specials),
    shifts: shiftViews(s, shifts, people),
    findings,
    counts: [...counts]
      .map(([id, c]) => ({ person: people.get(id) ?? { id, name: '', phone: null }, ...c }))
      .sort((a, b) => a.person.name.localeCompare(b.person.name, 'zh-CN')),
    abilities: {
      canEdit: manage,
      canPublish: manage && roster.state === 'draft' && findings.length === 0,
      canDiscard: manage && roster.state === 'draft',
    },
  };
}
