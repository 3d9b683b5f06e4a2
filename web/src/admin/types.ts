// The admin screens' API shapes (src/org/dto.ts, src/dictionaries/routes.ts, src/app/calendar-routes.ts).
export interface RoleAssignment {
  id: string;
  userId: string;
  role: string;
  unitId: string;
  sectionId: string | null;
}
/** A review or secrecy role the 安全管理员 asked for: in force only once the unit's 主要领导 confirms it. */
export interface RoleRequest extends RoleAssignment {
  status: 'pending' | 'confirmed' | 'refused';
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}
export interface RoleRequestView extends RoleRequest {
  user: { id: string; username: string; name: string; unitId: string };
  requestedByName: string;
  decidedByName: string | null;
  canDecide: boolean;
}
export interface UserAccount {
  id: string;
  username: string;
  name: string;
  unitId: string;
  disabled: boolean;
  mustChangePassword: boolean;
  roles: RoleAssignment[];
  pendingRoles: RoleRequest[];
}

export interface DictUnit {
  id: string;
  name: string;
  shortNames: string[];
}
export interface DictLeader {
  id: string;
  name: string;
  titles: string[];
  unitId: string | null;
}
export interface LexiconWord {
  id: string;
  word: string;
  category: string;
  severity: string;
  note: string | null;
}
export interface Dictionaries {
  units: DictUnit[];
  leaders: DictLeader[];
  lexicon: LexiconWord[];
  version: number;
  abilities: { canEdit: boolean };
  builtin: {
    formulations: BuiltinFormulation[];
    series: { label: string; items: string[]; source: string; date: string }[];
  };
}

/** A shipped 规范表述 entry (src/checks/data/formulation-rules.json). */
export interface BuiltinFormulation {
  wrong: string;
  right: string;
  kind: string;
  severity: string;
  source: string;
  date: string;
  since?: string;
}

export type CalendarOrigin = 'shipped' | 'imported';
export interface CalendarYearSummary {
  year: number;
  source: string;
  origin: CalendarOrigin;
  importedAt: string | null;
  holidayDays: number;
  makeupWorkdays: number;
}
export interface CalendarYears {
  years: CalendarYearSummary[];
  abilities: { canImport: boolean };
}
/** The body of POST /api/calendar/import/preview and /api/calendar/import: the notice's text, or a table. */
export interface CalendarSource {
  format: 'notice' | 'csv' | 'xlsx';
  content: string;
  year?: number;
}
export interface CalendarPreview {
  year: number;
  source: string;
  replaces: CalendarOrigin | null;
  makeupWorkdays: string[];
  holidays: { name: string; from: string; to: string; days: number }[];
  entries: { date: string; weekday: string; kind: '放假' | '上班'; name: string }[];
}
export interface CalendarImported {
  year: CalendarYear;
  result: 'created' | 'replaced';
  recomputed: {
    kind: 'secrecy' | 'challenge';
    subject: string;
    from: string;
    to: string;
    provisional: boolean;
    notified: number;
  }[];
}
export interface CalendarYear {
  year: number;
  source: string;
  holidays: { name: string; days: string[] }[];
  makeupWorkdays: string[];
  origin: CalendarOrigin;
  importedAt: string | null;
}

/** 科室负责人 heads one section; 工作人员 may be attached to one; other roles act for the whole unit (src/org/model.ts). */
export const SECTION_ROLES = ['staff', 'sectionHead'];
/** Roles granted only in a district-wide unit such as 区政府办公室. */
export const DISTRICT_WIDE_ROLES = ['egovCenter', 'inspector', 'sysAdmin', 'securityAdmin', 'auditAdmin'];
