// The 读网监测 API's shapes as the watch screens use them (source: src/watch/schemas.ts). The Chinese names of its
// kinds come from /api/meta/labels (`useLabels().watch`, source: src/watch/names.ts).
export type WatchLevel = 'ok' | 'warning' | 'veto';
/** A line or a site as shown: 未检测 (unchecked) before the first check. */
export type ShownLevel = WatchLevel | 'unchecked';
export type Monitor = 'availability' | 'freshness' | 'links' | 'integrity' | 'content';
export type IncidentState = 'found' | 'notified' | 'handling' | 'recovered' | 'closed';
export type VetoLine =
  | 'availability'
  | 'homepage'
  | 'staleColumns'
  | 'blankColumns'
  | 'deadLinks'
  | 'integrity'
  | 'content';
export type WebhookKind = 'wecom' | 'dingtalk' | 'json';

/** The colours of a delivery's state; its name comes from the labels. */
export const DELIVERY_COLOUR: Record<Delivery['state'], string> = { pending: 'blue', sent: 'green', failed: 'red' };

export interface Thresholds {
  availabilityWarnPct: number;
  availabilityVetoPct: number;
  homepageWarnDays: number;
  homepageVetoDays: number;
  blankWarnAbove: number;
  blankVeto: number;
  staleKeyWarnAbove: number;
  staleKeyVeto: number;
  staleAnyWarnAbove: number;
  staleAnyVeto: number;
}
export interface Site {
  id: string;
  unitId: string;
  name: string;
  url: string;
  kind: 'portal' | 'subsite';
  contactIds: string[];
  thresholds: Thresholds;
  overrides: Partial<Thresholds>;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}
export interface Line {
  line: VetoLine;
  level: ShownLevel;
  summary: string;
}
export interface SiteSummary {
  site: Site;
  unitName: string;
  level: ShownLevel;
  lines: Line[];
  openIncidents: number;
  lastCheckedAt: string | null;
}
export interface Account {
  id: string;
  unitId: string;
  platform: string;
  name: string;
  url: string | null;
  lastPostOn: string | null;
  lastPostBy: string | null;
  lastPostAt: string | null;
  active: boolean;
}
export interface AccountSummary {
  account: Account;
  unitName: string;
  level: ShownLevel;
  daysSincePost: number | null;
  summary: string;
  openIncidents: number;
  canReportLastPost: boolean;
}
export interface Overview {
  at: string;
  sites: SiteSummary[];
  accounts: AccountSummary[];
  counts: { unchecked: number; ok: number; warning: number; veto: number };
  abilities: { canManage: boolean };
}

export interface Column {
  id: string;
  siteId: string;
  name: string;
  url: string;
  kind: string;
  clockDays: number | null;
  dateSelector: string | null;
  active: boolean;
}
export interface PageBaseline {
  id: string;
  siteId: string;
  url: string;
  label: string;
  baselineHash: string | null;
  baselineAt: string | null;
}
export interface Status {
  monitor: Monitor;
  targetKey: string;
  rule: string;
  level: WatchLevel;
  summary: string;
  details: Record<string, unknown>;
  observedAt: string;
}
export interface Probe {
  at: string;
  ok: boolean;
  ms: number;
  statusCode: number | null;
  error: string | null;
}
export interface Run {
  id: string;
  monitor: Monitor;
  startedAt: string;
  durationMs: number;
  outcome: 'ok' | 'failed';
  observations: number;
  error: string | null;
}

export interface Incident {
  id: string;
  monitor: Monitor;
  targetKey: string;
  rule: string;
  siteId: string | null;
  accountId: string | null;
  unitId: string;
  medium: 'website' | 'newmedia';
  level: WatchLevel;
  summary: string;
  details: Record<string, unknown>;
  state: IncidentState;
  openedAt: string;
  lastObservedAt: string;
  observations: number;
  escalations: number;
  escalatedAt: string | null;
  version: number;
}
/** overdue: 超时未接手, judged by the server with the unit's own escalation time. */
export interface IncidentView extends Incident {
  subject: { name: string; url: string | null };
  overdue: boolean;
}
export interface SiteDetail extends SiteSummary {
  columns: (Column & { level: ShownLevel; summary: string; observedAt: string | null })[];
  pages: PageBaseline[];
  statuses: Status[];
  availability: {
    from: string;
    to: string;
    total: number;
    failures: number;
    percent: number;
    level: ShownLevel;
    text: string;
  };
  probes: Probe[];
  runs: Run[];
  incidents: Incident[];
  /** 立即检测: the latest check a person asked for. */
  check: SiteCheck | null;
  abilities: { canManage: boolean; canCheck: boolean };
}
export interface SiteCheck {
  siteId: string;
  state: 'running' | 'done' | 'failed';
  requestedBy: string;
  requestedByName: string;
  startedAt: string;
  finishedAt: string | null;
  observations: number;
  problems: number;
  error: string | null;
}
export interface Step {
  id: string;
  incidentId: string;
  kind: string;
  at: string;
  actorId: string;
  actorName: string;
  note: string;
}
export interface Delivery {
  id: string;
  incidentId: string;
  reason: 'open' | 'escalate';
  channel: string;
  label: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
export interface IncidentDetail {
  incident: IncidentView;
  steps: Step[];
  deliveries: Delivery[];
  abilities: { canHandle: boolean; canRecover: boolean; canClose: boolean };
}
export interface Webhook {
  id: string;
  unitId: string;
  kind: WebhookKind;
  name: string;
  url: string;
  active: boolean;
}
export interface UnitSettings {
  settings: { unitId: string; contactIds: string[]; ackMinutes: number };
  webhooks: Webhook[];
}

/** Not yet taken up (处理中) by anyone. */
export const isUnacknowledged = (s: IncidentState) => s === 'found' || s === 'notified';
