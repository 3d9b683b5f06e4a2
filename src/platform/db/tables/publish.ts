// Tables src/publish added after 001 (migration 007_findings), as Kysely sees them (same conventions as ../types.ts:
// ISO strings, 0/1 booleans). Named only by src/publish/findings-store.ts and src/publish/attachments-store.ts.

/** One 智能校对 finding (serious, error or warning) of one revision, and how it was resolved. */
export interface RevisionFindingsTable {
  id: string;
  item_id: string;
  revision: number;
  rule: string;
  category: string; // src/checks Category
  severity: string; // serious | error | warning (info is not kept)
  start_at: number; // UTF-16 offsets into the revision's body_text, end exclusive
  end_at: number;
  line: number;
  col: number;
  text: string;
  suggestion: string;
  message: string;
  // open | proposed | dismissed; a secrecy finding also redacted (部分公开 withholds it), fixed (gone from a later
  // revision) or superseded (the later revision lists it again). Until 018 also 'secrecy' (now kind 'secrecy', open).
  status: string;
  resolved_by: string | null;
  reason: string | null;
  resolved_at: string | null;
  created_at: string;
  // 015: a dismissal proposed by the author or 一审 (pending until 二审 or above accepts), the standing of whoever
  // dismissed or accepted, and the last proposal refused. Standings: author | level1 | level2 | level3 | level4.
  proposed_by: string | null;
  proposed_as: string | null;
  proposal_reason: string | null;
  proposed_at: string | null;
  resolved_as: string | null;
  rejected_by: string | null;
  rejection_reason: string | null;
  rejected_at: string | null;
  // 018: who may dismiss it — proofreading (二审 and above) | secrecy (the 保密工作机构 at the 保密审查 step)
  kind: string;
}

/** A file attached to an item (附件), kept in the database; a revision's attachments are those added and not removed. */
export interface ItemAttachmentsTable {
  id: string;
  item_id: string;
  revision_added: number;
  revision_removed: number | null; // first revision without it
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  created_by: string;
  created_at: string;
  removed_by: string | null;
  removed_at: string | null;
}

export interface PublishTables {
  revision_findings: RevisionFindingsTable;
  item_attachments: ItemAttachmentsTable;
}
