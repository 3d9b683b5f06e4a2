// The 读网值班 API's shapes as the duty screens use them (source: src/duty/schemas.ts).
export interface DutyPerson {
  id: string;
  name: string;
  phone: string | null;
}
export type DayKind = 'working' | 'rest' | 'holiday';
export const DAY_KIND_NAME: Record<DayKind, string> = { working: '工作日', rest: '休息日', holiday: '法定节假日' };

export interface DutyDay {
  date: string;
  weekday: string;
  dayKind: DayKind;
  makeup: boolean;
  holiday: string | null;
  provisional: boolean;
  specials: { id: string; kind: 'majorEvent' | 'importantDate'; name: string; district: boolean }[];
}
export interface DutyShift {
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
  leader: DutyPerson | null;
  officers: DutyPerson[];
  version: number;
}
export interface Roster {
  id: string;
  unitId: string;
  from: string;
  to: string;
  state: 'draft' | 'published';
  version: number;
  createdBy: string;
  createdAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
}
export interface RosterFinding {
  code: string;
  message: string;
  shiftIds: string[];
  userId: string | null;
}
export interface RosterDetail {
  roster: Roster & { unitName: string };
  days: DutyDay[];
  shifts: DutyShift[];
  findings: RosterFinding[];
  counts: {
    person: DutyPerson;
    hard: number;
    normal: number;
    leader: number;
    minutes: number;
    nights: number;
    offDays: number;
  }[];
  abilities: { canEdit: boolean; canPublish: boolean; canDiscard: boolean };
}
export interface Template {
  id: string;
  name: string;
  start: string;
  end: string;
  dayKinds: DayKind[];
  leaderRequired: boolean;
  hard: boolean;
  active: boolean;
}
export interface DutySetup {
  unitId: string;
  unitName: string;
  mustCover: boolean;
  templates: Template[];
  pool: { officers: DutyPerson[]; leaders: DutyPerson[] };
  abilities: { canManage: boolean };
}

export type OnDutyPerson = DutyPerson & { checkedIn: boolean };
export interface OnDutyShift {
  shiftId: string;
  name: string;
  startsAt: string;
  endsAt: string;
  officers: OnDutyPerson[];
  leader: OnDutyPerson | null;
  awaiting: { changeId: string; leaving: DutyPerson; replacement: DutyPerson }[];
}
export interface OnDutyUnit {
  unitId: string;
  at: string;
  officers: DutyPerson[];
  leaders: DutyPerson[];
  reinforcements: DutyPerson[];
  emergencies: { id: string; title: string; district: boolean }[];
  shifts: OnDutyShift[];
}
export interface NowDto {
  at: string;
  units: OnDutyUnit[];
}

export type ChangeState = 'requested' | 'approved' | 'rejected' | 'completed';
export interface Change {
  id: string;
  unitId: string;
  kind: 'swap' | 'leave';
  shiftId: string;
  counterShiftId: string | null;
  leavingId: string;
  replacementId: string;
  reason: string;
  state: ChangeState;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  completedAt: string | null;
  canDecide: boolean;
}
export const CHANGE_KIND_NAME = { swap: '换班', leave: '离岗' } as const;

export interface ShiftRecord {
  shiftId: string;
  unitId: string;
  name: string;
  startsAt: string;
  endsAt: string;
  people: (DutyPerson & { role: 'officer' | 'leader' | 'replacement' })[];
  attendance: {
    id: string;
    userId: string;
    name: string;
    checkedInAt: string;
    checkedOutAt: string | null;
    handoverNote: string | null;
  }[];
  changes: Omit<Change, 'canDecide'>[];
  previousHandover: { shiftId: string; name: string; by: string; at: string; note: string }[];
}
export interface Handover {
  shiftId: string;
  shiftName: string;
  startsAt: string;
  endsAt: string;
  person: DutyPerson;
  checkedInAt: string;
  checkedOutAt: string;
  note: string;
}
export interface Notice {
  id: string;
  unitId: string;
  receivedAt: string;
  fromWhom: string;
  content: string;
  toldOthers: string;
  recordedByName: string;
  told: { id: string; name: string }[];
}
export interface ReadingDay {
  date: string;
  dayKind: DayKind;
  required: number;
  recorded: number;
  missing: number;
  inProgress: boolean;
}
export interface Reading {
  id: string;
  name: string;
  readAt: string;
  pages: string[];
  anomalies: string;
}
export interface ReadingReport {
  rounds: Reading[];
  days: ReadingDay[];
  missingDays: ReadingDay[];
}
export interface DutyCalendar {
  shifts: DutyShift[];
  rosters: Roster[];
}

/** 导入预览 (POST /api/duty/rosters/{id}/import/preview): what importing the file would change, nothing saved. */
export interface ImportPreview {
  version: number;
  changes: { kind: 'added' | 'removed' | 'changed'; day: string; shift: string; text: string }[];
  newTemplates: { name: string; start: string; end: string; dayKinds: DayKind[] }[];
  phones: { name: string; phone: string }[];
}
