// Tables of the secrecy capability (保密审查), as Kysely sees them (same conventions as ../types.ts: ISO strings,
// 0/1 booleans, JSON as text). Named only by src/secrecy/store.ts.

/** One opinion of one step of one revision (65号 保密审查制度 第八条、第十二条), or the secrecy office's return/resume. */
export interface SecrecyOpinionsTable {
  id: string;
  item_id: string;
  revision: number;
  step: string; // level1 | level2 | secrecy
  kind: string; // opinion | return | resume
  actor_id: string;
  role: string;
  opinion: string | null; // disclose | partial | exempt | refer
  basis_ids: string; // JSON array of ids from src/secrecy/bases.ts
  basis_text: string;
  reason: string;
  secrecy_matter: number | null; // level1: 是否属于保密事项
  declassification: string | null; // level1: withhold | workSecret | disclose (第十一条); null: not a declassified secret
  created_at: string;
}

/** One receipt at the secrecy step: the 10-working-day clock (第十三条) and, for 需报审, the referral. */
export interface SecrecyReviewsTable {
  id: string;
  item_id: string;
  revision: number;
  unit_id: string;
  state: string; // open | answered | referred | resumed | closed
  received_on: string; // YYYY-MM-DD, Asia/Shanghai: day 0
  due_on: string; // YYYY-MM-DD: the 10th working day
  due_provisional: number; // 1: counted on the provisional calendar (暂定), recomputed on import
  authority: string | null; // 需报审: the authority referred to
  reference_no: string | null;
  referred_at: string | null;
  answer: string | null; // the authority's answer, recorded on resume
  answer_ref: string | null;
  answered_at: string | null;
  created_at: string;
}

/** A reminder sent for a review, once per kind (unique review_id + kind). */
export interface SecrecyRemindersTable {
  review_id: string;
  kind: string; // dueSoon | overdue
  sent_at: string;
  recipients: string; // JSON array of user ids
}

/** 脱密处理 of one revision: the withheld spans and the text gongkai produced (第十四条). */
export interface SecrecyRedactionsTable {
  id: string;
  item_id: string;
  revision: number;
  spans: string; // JSON [{start,end}] into revisions.body_text
  redacted_text: string;
  redacted_html: string;
  created_by: string;
  created_at: string;
}

/** 多机关共同形成: the co-issuing units an item lists (第九条). */
export interface SecrecyCoIssuersTable {
  item_id: string;
  unit_id: string;
}

/** A co-issuing unit's written consent to one revision: an uploaded letter or its leader's approval in gongkai. */
export interface SecrecyConsentsTable {
  id: string;
  item_id: string;
  revision: number;
  unit_id: string;
  kind: string; // document | approval
  actor_id: string;
  note: string;
  file_name: string | null;
  file_sha256: string | null;
  file_size: number | null;
  file_base64: string | null; // the letter itself, kept with the record
  created_at: string;
}

export interface SecrecyTables {
  secrecy_opinions: SecrecyOpinionsTable;
  secrecy_reviews: SecrecyReviewsTable;
  secrecy_reminders: SecrecyRemindersTable;
  secrecy_redactions: SecrecyRedactionsTable;
  secrecy_co_issuers: SecrecyCoIssuersTable;
  secrecy_consents: SecrecyConsentsTable;
}
