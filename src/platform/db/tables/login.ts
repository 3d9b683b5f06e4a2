// Tables of the failed-login throttle (src/org/login-throttle.ts), as Kysely sees them (ISO strings, see ../types.ts).
// Named only by src/org/login-throttle-store.ts.

/** One failed login: kept a day, counted per (username, source), per username and per source. */
export interface LoginFailuresTable {
  id: string;
  username: string; // as typed (trimmed): unknown names are throttled like real ones, so answers reveal nothing
  source: string; // the client address (req.ip; X-Forwarded-For only with GONGKAI_TRUST_PROXY=1)
  at: string;
}

/** A burst alert sent to the 安全管理员: the primary key lets exactly one node send it per window. */
export interface LoginAlertsTable {
  kind: string; // account | source
  target: string;
  window_start: string;
  failures: number;
  created_at: string;
}

export interface LoginTables {
  login_failures: LoginFailuresTable;
  login_alerts: LoginAlertsTable;
}
