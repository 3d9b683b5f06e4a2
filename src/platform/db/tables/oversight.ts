// Tables of the oversight capability (same conventions as ../types.ts: ISO strings). Named only by
// src/oversight/assessment-store.ts.

/** 年度考核 scoring scheme of one year, as the 区政府办公室 set it. */
export interface AssessmentSchemesTable {
  year: number;
  items: string; // JSON of SchemeItem[] (src/oversight/assessment-model.ts)
  updated_by: string; // user id
  updated_at: string;
}

export interface OversightTables {
  assessment_schemes: AssessmentSchemesTable;
}
