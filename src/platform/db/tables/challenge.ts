// Tables of the challenge capability (质疑申请, 65号 保密审查制度 第十五条), as Kysely sees them (same conventions as
// ../types.ts: ISO strings, 0/1 booleans). Named only by src/secrecy/challenge-store.ts.

/** One citizen's or organisation's question why something was not disclosed, and the unit's answer. */
export interface ChallengesTable {
  id: string;
  case_no: string; // 綦公开答〔2026〕17号: what the asker quotes
  year: number; // of receipt (Asia/Shanghai), the number's 〔year〕
  seq: number; // the number's 序号 within the year
  unit_id: string; // the unit that must answer: the item's hosting unit, or the one the asker chose
  item_id: string | null;
  subject: string | null; // free-text description when no item is named (or in addition to it)
  question: string;
  asker_name: string;
  asker_org: string | null;
  asker_phone: string | null;
  asker_email: string | null;
  state: string; // open | answered
  received_at: string;
  received_on: string; // YYYY-MM-DD, Asia/Shanghai: day 0
  first_due_on: string; // the 20th working day
  due_on: string; // first_due_on, or the extended deadline
  due_provisional: number; // 1: counted on the provisional calendar (暂定), recomputed on import
  extended_at: string | null;
  extended_by: string | null;
  extension_days: number | null;
  extension_reason: string | null;
  answered_at: string | null;
  answered_by: string | null;
  answer_basis: string | null;
  answer_reason: string | null;
}

/** The last case number issued per year; its row lock serialises numbering. */
export interface ChallengeCountersTable {
  year: number;
  last: number;
}

export interface ChallengeTables {
  challenges: ChallengesTable;
  challenge_counters: ChallengeCountersTable;
}
