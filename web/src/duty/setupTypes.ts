// The 值班设置 and 突发事件 screens' shapes and limits (source: src/duty/schemas.ts and LIMITS in src/duty/model.ts).
import type { DayKind, DutyPerson, DutySetup } from './types.ts';

/** The server's limits, checked in the forms before sending. */
export const LIMITS = {
  templateName: 30,
  specialName: 50,
  reason: 500,
  title: 100,
  text: 2000,
  minutes: 24 * 60,
  readings: 24,
} as const;
export const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
export const PHONE_RE = /^[0-9+\-() ]{3,30}$/;

export interface DutySettings {
  minRestMinutes: number;
  remindMinutes: number;
  readings: Record<DayKind, number>;
}
export type SetupDetail = DutySetup & { settings: DutySettings };

export type SpecialKind = 'majorEvent' | 'importantDate';
export const SPECIAL_KIND_NAME: Record<SpecialKind, string> = { majorEvent: '重大活动', importantDate: '重要节点' };
export interface SpecialDay {
  id: string;
  unitId: string | null;
  day: string;
  kind: SpecialKind;
  name: string;
  district: boolean;
  canRemove: boolean;
}
export interface SpecialDayList {
  days: SpecialDay[];
  abilities: { canMark: boolean; canMarkDistrict: boolean };
}

/** `from` and `to` are the first and the last day, both included (含起止两天). */
export interface Unavailability {
  id: string;
  unitId: string;
  userId: string;
  name: string;
  from: string;
  to: string;
  reason: string;
  canRemove: boolean;
}

export interface FeedToken {
  id: string;
  kind: 'user' | 'unit';
  ownerId: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}
export type NewFeed = FeedToken & { token: string; path: string };

export interface Emergency {
  id: string;
  unitId: string | null;
  district: boolean;
  unitName: string;
  title: string;
  description: string;
  startsAt: string;
  until: string | null;
  state: 'open' | 'closed';
  declaredBy: string;
  declaredByName: string;
  closedBy: string | null;
  closedAt: string | null;
  summary: string | null;
  overrideReason: string | null;
  findings: { code: string; message: string; userId: string | null }[]; // roster findings overridden, with the reason
  leaders: (DutyPerson & { unitId: string })[];
  extras: DutyPerson[];
  abilities: { canClose: boolean };
}

/** '张三（139 2300 4001）' */
export const personText = (p: Pick<DutyPerson, 'name' | 'phone'>) => (p.phone ? `${p.name}（${p.phone}）` : p.name);
/** A unit's duty people, to name as 带班领导 or 增加处置力量. */
export interface DutyPool {
  unitId: string;
  unitName: string;
  leaders: DutyPerson[];
  officers: DutyPerson[];
}

/** GET /api/duty/emergencies: the emergencies in sight, where this person may start one, and the people they
 *  may name. */
export interface EmergencyBoard {
  emergencies: Emergency[];
  abilities: { declareUnitIds: string[]; declareDistrict: boolean; pools: DutyPool[] };
}
