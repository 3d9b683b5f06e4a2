// Tables of 重大行政决策 (src/decisions), as Kysely sees them (conventions of ../types.ts). Named only by
// src/decisions/store.ts.

/** One 重大行政决策事项目录: a year's, of one level (the unit that keeps it: 区政府办公室 for the district). */
export interface DecisionCatalogsTable {
  id: string;
  unit_id: string;
  year: number;
  title: string;
  version: number; // the current version (decision_catalog_versions)
  created_by: string;
  created_at: string;
}

/** One 决策事项 of a 目录 and its statutory procedure (src/decisions/model.ts Procedure, as JSON). */
export interface DecisionItemsTable {
  id: string;
  catalog_id: string;
  seq: number; // 序号
  category: string; // 类别
  title: string; // 决策事项
  lead_unit: string; // 承办单位, as the 目录 names it
  lead_unit_id: string | null; // that unit in gongkai, when it has one
  planned_month: string; // 计划决策时间, YYYY-MM
  note: string; // 备注
  procedure: string; // JSON Procedure
  revision: number; // +1 on each change of the procedure (optimistic concurrency)
  updated_at: string;
  withdrawn_at: string | null; // 撤销 by an approved proposal: kept, but no longer in the 目录
}

/** Every version of a 目录: its entries as they then stood, and why it changed. */
export interface DecisionCatalogVersionsTable {
  catalog_id: string;
  version: number;
  entries: string; // JSON CatalogEntry[]
  reason: string;
  created_by: string;
  created_at: string;
}

/** A comment on a 预公开 draft: as received (the 承办单位 only) and screened for personal data (public_body). */
export interface DecisionCommentsTable {
  id: string;
  item_id: string;
  seq: number; // 1, 2, … per item
  received_at: string;
  name: string | null; // optional; never shown publicly
  contact: string | null; // optional; never shown publicly
  body: string;
  public_body: string; // personal data found by 智能校对 masked
  pii_count: number;
  answer: string | null; // adopted | partlyAdopted | notAdopted
  answer_reason: string | null;
  answered_by: string | null;
  answered_at: string | null;
}

/** A proposal to add, change or withdraw an item of a 目录 (63号 四), and the decision on it. */
export interface DecisionProposalsTable {
  id: string;
  catalog_id: string;
  kind: string; // add | change | withdraw
  item_id: string | null; // change, withdraw
  entry: string | null; // JSON CatalogEntry: add, change
  reason: string;
  status: string; // pending | approved | rejected
  proposed_by: string;
  proposed_at: string;
  decided_by: string | null;
  decided_at: string | null;
  version: number | null; // the 目录's version it made, when approved
}

/** A reminder sent to an item's 承办单位 (src/decisions/reminders.ts): once per item, kind and basis. */
export interface DecisionRemindersTable {
  item_id: string;
  kind: string; // plannedMonth | plannedWeek | commentSoon | commentClosed
  basis: string; // the planned month (YYYY-MM) or the window's closing day (YYYY-MM-DD)
  sent_at: string;
  recipients: string; // JSON user ids
}

export interface DecisionTables {
  decision_catalogs: DecisionCatalogsTable;
  decision_items: DecisionItemsTable;
  decision_catalog_versions: DecisionCatalogVersionsTable;
  decision_comments: DecisionCommentsTable;
  decision_proposals: DecisionProposalsTable;
  decision_reminders: DecisionRemindersTable;
}
