// Tables of 读网值班 monitoring (src/watch), as Kysely sees them (same conventions as ../types.ts: ISO strings, 0/1
// booleans, JSON as text). Named only by src/watch/store*.ts.
import type { Generated } from 'kysely';

/** A government website watched (政府网站): the district portal (门户) or a sub-site (子站). */
export interface WatchSitesTable {
  id: string;
  unit_id: string; // 主办单位
  name: string;
  url: string; // http(s) homepage
  kind: string; // portal | subsite
  contact_ids: string; // JSON array of user ids: the unit's duty contacts when no roster names anyone on shift
  thresholds: string; // JSON: only the lines changed from the defaults of src/watch/model.ts
  active: number;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A column (栏目) of a site: its list page, kind and freshness clock. */
export interface WatchColumnsTable {
  id: string;
  site_id: string;
  name: string;
  url: string;
  kind: string; // 动态要闻 | 通知公告 | 政策文件 | 人事 | 规划计划 | 互动 | 专题 | 其他
  clock_days: number | null; // null: no update clock (专题, 互动…)
  date_selector: string | null; // CSS selector of the dates on the list page
  active: number;
  created_at: string;
  updated_at: string;
}

/** A page that should not change (defacement baseline, 防篡改). */
export interface WatchPagesTable {
  id: string;
  site_id: string;
  url: string;
  label: string;
  baseline_hash: string | null;
  baseline_at: string | null;
  created_at: string;
}

/** A 政务新媒体 account. */
export interface WatchAccountsTable {
  id: string;
  unit_id: string;
  platform: string; // wechat | weibo | douyin | toutiao | xigua | app
  name: string;
  url: string | null; // feed or page; without it the duty officer enters the last-post date
  last_post_on: string | null; // YYYY-MM-DD
  last_post_by: string | null;
  last_post_at: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

/** A unit's watch settings: its duty contacts and how long an incident may wait for 处理中 before escalation. */
export interface WatchUnitSettingsTable {
  unit_id: string;
  contact_ids: string; // JSON array of user ids
  ack_minutes: number;
  updated_by: string;
  updated_at: string;
}

/** A robot webhook of a unit: 企业微信, 钉钉 or generic JSON. The URL is a secret: shown masked only. */
export interface WatchWebhooksTable {
  id: string;
  unit_id: string;
  kind: string; // wecom | dingtalk | json
  name: string;
  url: string;
  active: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** The latest judgement per monitor, target and rule. */
export interface WatchStatusTable {
  monitor: string;
  target_key: string;
  rule: string;
  site_id: string | null;
  account_id: string | null;
  level: string; // ok | warning | veto
  summary: string;
  details: string; // JSON
  observed_at: string;
  /** 044: a column's state (ok | stale | blank | unreadable) for rule column-stale, written with the status; null
   *  for every other rule. */
  column_state: string | null;
}

/** 044: a site's columns' latest states counted (by state, registration as an active column of the site, and key
 *  kind), kept as column statuses and columns are written. */
export interface WatchSiteColumnsTable {
  site_id: string;
  state: string;
  registered: number;
  key: number;
  n: number;
  last: string;
}

/** One availability probe of a site's homepage. */
export interface WatchProbesTable {
  id: string;
  site_id: string;
  at: string;
  ok: number;
  ms: number;
  status_code: number | null;
  error: string | null;
}

/** A site's homepage probes of one day (Asia/Shanghai), counted as each probe is saved (044) and recounted from the
 *  raw probes by the roll-up; kept for ever after the raw probes are pruned. */
export interface WatchProbeDaysTable {
  site_id: string;
  day: string; // '2026-10-01'
  total: number;
  failures: number;
  ms_sum: number;
  ms_max: number;
}

/** 028_watch_probe_hours: the probes of a site in one hour, kept up to date as probes are saved. */
export interface WatchProbeHoursTable {
  site_id: string;
  hour: string; // '2026-10-01T08' (UTC)
  total: number;
  failures: number;
}

/** How far a roll-up has gone: every day before `through` is rolled up; raw rows before `pruned_before` are gone. */
export interface WatchRollupsTable {
  name: string; // 'probes'
  through: string;
  pruned_before: string | null;
  updated_at: string;
}

/** 立即检测: the latest check a person asked for on a site (running, done or failed). */
export interface WatchSiteChecksTable {
  site_id: string;
  state: string; // running | done | failed
  requested_by: string;
  started_at: string;
  finished_at: string | null;
  observations: Generated<number>;
  problems: Generated<number>;
  error: string | null;
}

/** An app node that answers other nodes' re-checks, and when it last did (src/watch/node-checks.ts). */
export interface WatchNodesTable {
  node: string;
  seen_at: string;
}

/** A re-check of a failed homepage asked of another node, and its answer. */
export interface WatchNodeChecksTable {
  id: string;
  site_id: string;
  url: string;
  asked_by: string;
  asked_at: string;
  answered_by: string | null;
  answered_at: string | null;
  ok: number | null;
  status: number | null;
  ms: number | null;
  error: string | null;
}

/** One monitor run over a site or an account. */
export interface WatchRunsTable {
  id: string;
  monitor: string;
  site_id: string | null;
  account_id: string | null;
  started_at: string;
  duration_ms: number;
  outcome: string; // ok | failed
  observations: number;
  error: string | null;
}

/** An incident (异常事件). open_key is monitor|targetKey while unrecovered, null after: one open per monitor and target. */
export interface WatchIncidentsTable {
  id: string;
  open_key: string | null;
  monitor: string;
  target_key: string;
  target: string; // JSON WatchTarget
  rule: string;
  site_id: string | null;
  account_id: string | null;
  unit_id: string;
  medium: string; // website | newmedia
  level: string;
  summary: string;
  details: string; // JSON
  state: string; // found | notified | handling | recovered | closed
  opened_at: string;
  last_observed_at: string;
  observations: number;
  escalations: number;
  escalated_at: string | null;
  version: number;
}

/** A step of an incident: 发现, 已通知, 处理中, 已恢复, 已关闭, 升级 — who (or the system), when, notes. */
export interface WatchIncidentStepsTable {
  id: string;
  incident_id: string;
  seq: number; // 1, 2, 3… in the order the steps happened
  kind: string; // found | notified | handling | recovered | closed | escalated
  at: string;
  actor_id: string;
  actor_name: string;
  note: string;
}

/** One notification of an incident over one channel to one target, with its attempts. */
export interface WatchDeliveriesTable {
  id: string;
  incident_id: string;
  reason: string; // open | escalate
  channel: string; // inapp | email | wecom | dingtalk | json
  target: string; // user id, e-mail address or webhook id
  label: string; // for people: a name, or a webhook name with a masked address
  payload: string; // JSON body for webhooks, '' otherwise
  ref_id: string | null; // the platform outbox message of an e-mail
  state: string; // pending | sent | failed
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** 012_watch_page_hashes: what the last proofreading of each page saw. */
export interface WatchPageHashesTable {
  site_id: string;
  url: string;
  hash: string;
  checked_at: string;
}

export interface WatchTables {
  watch_sites: WatchSitesTable;
  watch_columns: WatchColumnsTable;
  watch_pages: WatchPagesTable;
  watch_accounts: WatchAccountsTable;
  watch_unit_settings: WatchUnitSettingsTable;
  watch_webhooks: WatchWebhooksTable;
  watch_status: WatchStatusTable;
  watch_probes: WatchProbesTable;
  watch_runs: WatchRunsTable;
  watch_probe_days: WatchProbeDaysTable;
  watch_probe_hours: WatchProbeHoursTable;
  watch_site_columns: WatchSiteColumnsTable;
  watch_rollups: WatchRollupsTable;
  watch_site_checks: WatchSiteChecksTable;
  watch_nodes: WatchNodesTable;
  watch_node_checks: WatchNodeChecksTable;
  watch_incidents: WatchIncidentsTable;
  watch_incident_steps: WatchIncidentStepsTable;
  watch_deliveries: WatchDeliveriesTable;
  watch_page_hashes: WatchPageHashesTable;
}
