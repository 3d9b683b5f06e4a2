// Tables of 读网值班 (src/duty), as Kysely sees them (same conventions as ../types.ts: ISO strings, 0/1 booleans,
// JSON as text). Named only by src/duty/store*.ts.

/** A unit's duty settings; a unit without a row uses the defaults of src/duty/model.ts. */
export interface DutySettingsTable {
  unit_id: string;
  min_rest_minutes: number; // 两班之间的最短休息
  readings_working: number; // 读网轮次下限：工作日
  readings_rest: number; // 休息日
  readings_holiday: number; // 法定节假日
  remind_minutes: number; // 班前提醒提前量
  updated_by: string;
  updated_at: string;
}

/** A shift template (班次): 工作日白班, 夜班, 周末, 节假日 24 小时… */
export interface DutyTemplatesTable {
  id: string;
  unit_id: string;
  name: string;
  start_time: string; // HH:MM, Asia/Shanghai
  end_time: string; // HH:MM; not after start_time: the next day
  day_kinds: string; // JSON array of working | rest | holiday
  leader_required: number;
  hard: number; // counts in the fairness of the rotation (夜班、节假日)
  active: number;
  sort: number;
  created_at: string;
  updated_at: string;
}

/** 重大活动 / 重要节点 days: a duty leader leads every shift of the day. unit_id null: the whole district. */
export interface DutySpecialDaysTable {
  id: string;
  unit_id: string | null;
  day: string;
  kind: string; // majorEvent | importantDate
  name: string;
  created_by: string;
  created_at: string;
}

/** A person cannot take duty from starts_on up to ends_on (exclusive). */
export interface DutyUnavailabilityTable {
  id: string;
  unit_id: string; // where it was recorded
  user_id: string;
  starts_on: string;
  ends_on: string;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface DutyRostersTable {
  id: string;
  unit_id: string;
  starts_on: string;
  ends_on: string; // exclusive
  state: string; // draft | published
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  published_by: string | null;
  published_at: string | null;
}

export interface DutyShiftsTable {
  id: string;
  roster_id: string;
  unit_id: string;
  template_id: string | null;
  name: string;
  day: string; // the day the shift starts on
  starts_at: string;
  ends_at: string;
  hard: number;
  leader_required: number; // the template's own flag
  version: number;
  created_at: string;
}

/** Who holds a shift: its officers (值班人员) and its leader (带班领导); a person once per shift. */
export interface DutyShiftPeopleTable {
  shift_id: string;
  user_id: string;
  role: string; // officer | leader
}

/** 值班联系电话 of a person. */
export interface DutyContactsTable {
  user_id: string;
  phone: string;
  updated_by: string;
  updated_at: string;
}

/** 到岗 / 离岗 of one person on one shift, with the 交接班记录 written at check-out. */
export interface DutyAttendanceTable {
  id: string;
  shift_id: string;
  user_id: string;
  checked_in_at: string;
  checked_out_at: string | null;
  handover_note: string | null;
}

/** 换班 and 离岗 requests, approved by the duty leader. */
export interface DutyChangesTable {
  id: string;
  unit_id: string;
  kind: string; // swap | leave
  shift_id: string;
  counter_shift_id: string | null; // swap: the replacement's shift the requester takes in return
  leaving_id: string;
  replacement_id: string;
  reason: string;
  state: string; // requested | approved | rejected | completed
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  completed_at: string | null; // leave: the replacement checked in
}

/** 上级通知登记: a notice received on duty. */
export interface DutyNoticesTable {
  id: string;
  unit_id: string;
  received_at: string;
  from_whom: string;
  content: string;
  told_user_ids: string; // JSON array
  told_others: string;
  recorded_by: string;
  created_at: string;
}

/** 读网记录: one reading round. */
export interface DutyReadingsTable {
  id: string;
  unit_id: string;
  user_id: string;
  read_at: string;
  pages: string; // JSON array of page or column names / addresses
  anomalies: string; // '' when none was found
  created_at: string;
}

export interface DutyEmergenciesTable {
  id: string;
  unit_id: string | null; // null: the whole district
  title: string;
  description: string;
  starts_at: string;
  until: string | null; // expected end; null: until closed
  state: string; // open | closed
  declared_by: string;
  closed_by: string | null;
  closed_at: string | null;
  summary: string | null;
  override_reason: string | null; // why findings of the people it added were overridden (migration 042)
  findings: string; // JSON: the roster findings overridden, [{ code, message, userId }]
}

/** The people an emergency added (增加处置力量) and the leaders it put on shifts. */
export interface DutyEmergencyPeopleTable {
  emergency_id: string;
  user_id: string;
  role: string; // extra | leader
  unit_id: string;
}

/** A calendar feed token (stored as its SHA-256) of a person or a unit. */
export interface DutyFeedTokensTable {
  id: string;
  kind: string; // user | unit
  owner_id: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

/** A 班前提醒 sent, once per shift and person. */
export interface DutyRemindersTable {
  shift_id: string;
  user_id: string;
  sent_at: string;
}

export interface DutyTables {
  duty_settings: DutySettingsTable;
  duty_templates: DutyTemplatesTable;
  duty_special_days: DutySpecialDaysTable;
  duty_unavailability: DutyUnavailabilityTable;
  duty_rosters: DutyRostersTable;
  duty_shifts: DutyShiftsTable;
  duty_shift_people: DutyShiftPeopleTable;
  duty_contacts: DutyContactsTable;
  duty_attendance: DutyAttendanceTable;
  duty_changes: DutyChangesTable;
  duty_notices: DutyNoticesTable;
  duty_readings: DutyReadingsTable;
  duty_emergencies: DutyEmergenciesTable;
  duty_emergency_people: DutyEmergencyPeopleTable;
  duty_feed_tokens: DutyFeedTokensTable;
  duty_reminders: DutyRemindersTable;
}
