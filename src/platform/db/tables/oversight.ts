// Tables of the oversight capability (same conventions as ../types.ts: ISO strings). Named only by
// src/oversight/assessment-store.ts and src/oversight/facts*.ts.

/** 年度考核 scoring scheme of one year, as the 区政府办公室 set it. */
export interface AssessmentSchemesTable {
  year: number;
  items: string; // JSON of SchemeItem[] (src/oversight/assessment-model.ts)
  updated_by: string; // user id
  updated_at: string;
}

/**
 * What the 统计 count in one ledger entry of publish.*, secrecy.*, watch.incident_* or duty.check_in, taken out of its
 * JSON when it is appended (migration 046's trigger; src/oversight/facts.ts checks and rebuilds them from the ledger).
 */
export interface LedgerFactsTable {
  seq: number;
  unit_id: string;
  at: string;
  day: string; // Asia/Shanghai date of `at`
  action: string;
  subject: string;
  actor_name: string;
  from_stage: string; // '' when none
  to_stage: string;
  key: string; // a dismissed finding's category, an opened incident's monitor; '' otherwise
  reason: string; // a return's opinion or reason; '' otherwise
  late: number; // 1: a secrecy opinion or referral after its 办理期限, a check-in after the shift's start
  start_day: string | null; // a move out of a review stage: the Shanghai date the item entered it
  handled_at: string | null; // an incident opened: its first 接手
  closed_at: string | null; // an incident opened: its first 关闭
}

/** The channels of a publish.publish entry ('' when it names none): one row each. */
export interface LedgerFactChannelsTable {
  seq: number;
  channel_id: string;
  unit_id: string;
  at: string;
}

/** The facts counted per Shanghai day, unit and what the figures tell apart (all but the incidents' times). */
export interface LedgerFactDaysTable {
  day: string;
  unit_id: string;
  action: string;
  from_stage: string;
  key: string;
  late: number;
  person: string; // a dismissal's actor; '' otherwise
  reason: string; // a return's reason; '' otherwise
  start_day: string; // a move out of a review stage: the day it was entered; '' otherwise
  n: number;
}

export interface OversightTables {
  ledger_fact_days: LedgerFactDaysTable;
  assessment_schemes: AssessmentSchemesTable;
  ledger_facts: LedgerFactsTable;
  ledger_fact_channels: LedgerFactChannelsTable;
}
