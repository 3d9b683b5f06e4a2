// The database's tables as Kysely sees them. Timestamps are ISO-8601 UTC strings and booleans are 0/1
// integers, so that SQLite and PostgreSQL return identical values (and the ledger hashes them identically).
import type { Generated, Kysely, Transaction } from 'kysely';
import type { CalendarTables } from './tables/calendar.ts';
import type { ChallengeTables } from './tables/challenge.ts';
import type { DecisionTables } from './tables/decisions.ts';
import type { DictionaryTables } from './tables/dictionaries.ts';
import type { DutyTables } from './tables/duty.ts';
import type { GazetteTables } from './tables/gazette.ts';
import type { LoginTables } from './tables/login.ts';
import type { NotifyTables } from './tables/notify.ts';
import type { OversightTables } from './tables/oversight.ts';
import type { PublishTables } from './tables/publish.ts';
import type { SecrecyTables } from './tables/secrecy.ts';
import type { WatchTables } from './tables/watch.ts';

export interface UnitsTable {
  id: string;
  name: string; // 区科技局
  full_name: string; // 重庆市綦江区科学技术局
  kind: string; // office | department | town | other
  doc_code: string | null; // 机关代字, e.g. 綦江科技发
  author_may_level1: number; // 1: the author may do 一审 of their own item (65号 is silent; default allowed)
  district_wide: number; // 1: 区政府办公室-level unit whose inspector/e-gov roles see all units
  created_at: string;
}

export interface SectionsTable {
  id: string;
  unit_id: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  unit_id: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  email: string | null; // added by 004_notify; read only through org's getUserEmails
  must_change_password: Generated<number>; // 014: 1 after an administrator set the password (one-time)
}

export interface RoleAssignmentsTable {
  id: string;
  user_id: string;
  role: string; // see src/org/model.ts ROLES
  unit_id: string;
  section_id: string | null; // set for sectionHead
  created_at: string;
}

/** 014: a review or secrecy role requested by the 安全管理员, copied into role_assignments once confirmed. */
export interface RoleRequestsTable {
  id: string;
  user_id: string;
  role: string;
  unit_id: string;
  section_id: string | null;
  status: string; // pending | confirmed | refused
  requested_by: string; // user id of the 安全管理员
  requested_at: string;
  decided_by: string | null; // user id of the confirming 主要领导
  decided_at: string | null;
  reason: string | null;
}

export interface SessionsTable {
  id: string; // SHA-256 of the cookie token; the token itself is never stored
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ChannelsTable {
  id: string;
  unit_id: string;
  kind: string; // website | wechat | weibo | douyin | toutiao | xigua | app
  name: string;
  url: string | null;
  created_at: string;
}

export interface ColumnsTable {
  id: string;
  channel_id: string;
  name: string;
  kind: string; // 动态要闻 | 通知公告 | 政策文件 | 互动回应 | 专题 | 人事 | 规划计划 | 其他
  created_at: string;
}

export interface ItemsTable {
  id: string;
  unit_id: string;
  section_id: string;
  author_id: string;
  title: string;
  item_type: string; // original | repost | picture | video
  source: string | null; // 转载来源
  major: number; // 重大事项: needs 主要领导审定
  // draft | level1 | level2 | secrecy | referred | level3 | level4 | approved | published | returned | withheld
  stage: string;
  current_revision: number;
  version: number; // optimistic lock: every transition bumps it
  publish_at: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ItemChannelsTable {
  item_id: string;
  channel_id: string;
  column_id: string | null;
}

export interface RevisionsTable {
  id: string;
  item_id: string;
  number: number;
  title: string;
  body_html: string; // sanitized
  body_text: string; // plain text, for diff and checks
  format: string; // text | html | docx
  created_by: string;
  created_at: string;
  // 智能校对 ran on it (007_findings); null: a revision written before, checked when first needed
  checked_at: string | null;
}

export interface ReviewStepsTable {
  id: string;
  item_id: string;
  revision: number;
  level: number;
  reviewer_id: string;
  role: string;
  decision: string; // approve | return
  opinion: string;
  proofreading: string; // 校对 done at this level
  standards_attested: number; // DOMAIN §2.4 审核标准 confirmed
  created_at: string;
}

export interface PublicationsTable {
  id: string;
  item_id: string;
  channel_id: string;
  column_id: string | null;
  revision: number;
  published_at: string;
  text: string; // full | redacted (脱密处理, 65号 保密审查制度 第十四条) — added by 005_secrecy
  live_url: string | null; // the page on the live site (011_publication_url)
}

export interface LedgerTable {
  seq: number; // 1, 2, …: the entry is leaf seq − 1 of the Merkle tree (src/platform/ledger/merkle.ts)
  at: string;
  actor_id: string;
  actor_name: string;
  role: string;
  unit_id: string;
  action: string;
  subject: string;
  payload: string; // canonical JSON (RFC 8785)
  leaf_hash: string; // RFC 9162 leaf hash of the entry's canonical JSON, hex
}

export interface LedgerHeadTable {
  id: number; // always 1: the row every append locks, so the tree never forks
  seq: number; // tree size
  hash: string; // root hash of the tree of `seq` leaves
  frontier: string; // JSON array of the roots of the tree's complete subtrees, largest first: the next append's input
}

/** A complete subtree of 2^level leaves (level ≥ 1) starting at leaf idx·2^level: read by proofs, never by verify. */
export interface LedgerNodesTable {
  level: number;
  idx: number;
  hash: string;
}

/** Signed checkpoints (also appended to the checkpoint file outside the database); one per tree size. */
export interface LedgerCheckpointsTable {
  size: number;
  root: string;
  time: string;
  key_id: string;
  signature: string; // Ed25519, base64, over the note text (src/platform/ledger/checkpoint.ts)
}

/** Every table. Capabilities added later declare theirs in ./tables/<capability>.ts. */
export interface DB
  extends CalendarTables,
    NotifyTables,
    SecrecyTables,
    ChallengeTables,
    DictionaryTables,
    PublishTables,
    DutyTables,
    WatchTables,
    GazetteTables,
    OversightTables,
    DecisionTables,
    LoginTables {
  units: UnitsTable;
  sections: SectionsTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  role_requests: RoleRequestsTable;
  sessions: SessionsTable;
  channels: ChannelsTable;
  columns: ColumnsTable;
  items: ItemsTable;
  item_channels: ItemChannelsTable;
  revisions: RevisionsTable;
  review_steps: ReviewStepsTable;
  publications: PublicationsTable;
  ledger: LedgerTable;
  ledger_head: LedgerHeadTable;
  ledger_nodes: LedgerNodesTable;
  ledger_checkpoints: LedgerCheckpointsTable;
}

/** A database handle or an open transaction: store functions take either. */
export type Executor = Kysely<DB> | Transaction<DB>;
export type Db = Kysely<DB>;
export type { Generated };
