// The 读网监测 API's shapes as the watch screens use them (source: src/watch/schemas.ts), and the Chinese names of
// its kinds (source: src/watch/model.ts and levels.ts).
export type WatchLevel = 'ok' | 'warning' | 'veto';
export type Monitor = 'availability' | 'freshness' | 'links' | 'integrity' | 'content';
export type IncidentState = 'found' | 'notified' | 'handling' | 'recovered' | 'closed';
export type VetoLine = 'availability' | 'homepage' | 'staleColumns' | 'blankColumns' | 'deadLinks' | 'integrity' | 'content';
export type WebhookKind = 'wecom' | 'dingtalk' | 'json';

export const MONITOR_NAME: Record<Monitor, string> = {
  availability: '可用性', freshness: '更新情况', links: '链接', integrity: '防篡改', content: '内容',
};
export const STATE_NAME: Record<IncidentState, string> = {
  found: '发现', notified: '已通知', handling: '处理中', recovered: '已恢复', closed: '已关闭',
};
export const STEP_NAME: Record<string, string> = { ...STATE_NAME, escalated: '升级通知' };
export const VETO_LINE_NAME: Record<VetoLine, string> = {
  availability: '首页可用性', homepage: '首页更新', staleColumns: '栏目不更新', blankColumns: '空白栏目', deadLinks: '错链断链',
  integrity: '防篡改与暗链', content: '严重错误与内容',
};
export const VETO_LINES = Object.keys(VETO_LINE_NAME) as VetoLine[];
/** The monitors' rules (src/watch/observation.ts); an unknown rule shows its code. */
export const RULE_NAME: Record<string, string> = {
  'homepage-unreachable': '首页无法访问', 'homepage-stale': '首页不更新', 'stale-columns': '栏目不更新', 'blank-columns': '空白栏目',
  'column-stale': '栏目超期未更新', 'column-blank': '栏目无内容', 'account-dormant': '新媒体超期未更新', 'dead-link': '错链断链',
  'bad-domain': '链接指向可疑域名', defaced: '页面被篡改', 'hidden-link': '暗链', 'text-mismatch': '页面文字与基线不符', 'serious-finding': '严重错误',
};
/** Evidence fields the monitors commonly attach; others show their own name. */
export const DETAIL_NAME: Record<string, string> = {
  url: '地址', error: '错误', statusCode: '状态码', ms: '耗时（毫秒）', link: '链接', links: '链接', text: '文字', context: '上下文',
  count: '数量', days: '天数', lastItemOn: '最新信息日期', newestOn: '最新信息日期', expected: '应为', found: '实为', suggestion: '建议',
};
export const SITE_KIND_NAME = { portal: '门户网站', subsite: '子站' } as const;
export const COLUMN_KINDS = ['动态要闻', '通知公告', '政策文件', '人事', '规划计划', '互动', '专题', '其他'] as const;
export const PLATFORM_NAME: Record<string, string> = {
  wechat: '微信公众号', weibo: '微博', douyin: '抖音', toutiao: '今日头条', xigua: '西瓜视频', app: '客户端',
};
export const WEBHOOK_KIND_NAME: Record<WebhookKind, string> = { wecom: '企业微信机器人', dingtalk: '钉钉机器人', json: '通用 JSON' };
export const CHANNEL_NAME: Record<string, string> = { inapp: '站内通知', email: '电子邮件', wecom: '企业微信', dingtalk: '钉钉', json: '通用 JSON' };
export const DELIVERY_STATE: Record<string, [string, string]> = { pending: ['待发送', 'blue'], sent: ['已发送', 'green'], failed: ['发送失败', 'red'] };

export interface Thresholds {
  availabilityWarnPct: number; availabilityVetoPct: number; homepageWarnDays: number; homepageVetoDays: number; blankWarnAbove: number;
  blankVeto: number; staleKeyWarnAbove: number; staleKeyVeto: number; staleAnyWarnAbove: number; staleAnyVeto: number;
}
export interface Site {
  id: string; unitId: string; name: string; url: string; kind: 'portal' | 'subsite'; contactIds: string[]; thresholds: Thresholds;
  overrides: Partial<Thresholds>; active: boolean; version: number; createdAt: string; updatedAt: string;
}
export interface Line { line: VetoLine; level: WatchLevel; summary: string }
export interface SiteSummary { site: Site; unitName: string; level: WatchLevel; lines: Line[]; openIncidents: number; lastCheckedAt: string | null }
export interface Account {
  id: string; unitId: string; platform: string; name: string; url: string | null; lastPostOn: string | null; lastPostBy: string | null;
  lastPostAt: string | null; active: boolean;
}
export interface AccountSummary { account: Account; unitName: string; level: WatchLevel; daysSincePost: number | null; summary: string; openIncidents: number }
export interface Overview { at: string; sites: SiteSummary[]; accounts: AccountSummary[]; counts: { ok: number; warning: number; veto: number } }

export interface Column { id: string; siteId: string; name: string; url: string; kind: string; clockDays: number | null; dateSelector: string | null; active: boolean }
export interface PageBaseline { id: string; siteId: string; url: string; label: string; baselineHash: string | null; baselineAt: string | null }
export interface Status { monitor: Monitor; targetKey: string; rule: string; level: WatchLevel; summary: string; details: Record<string, unknown>; observedAt: string }
export interface Probe { at: string; ok: boolean; ms: number; statusCode: number | null; error: string | null }
export interface Run { id: string; monitor: Monitor; startedAt: string; durationMs: number; outcome: 'ok' | 'failed'; observations: number; error: string | null }

export interface Incident {
  id: string; monitor: Monitor; targetKey: string; rule: string; siteId: string | null; accountId: string | null; unitId: string;
  medium: 'website' | 'newmedia'; level: WatchLevel; summary: string; details: Record<string, unknown>; state: IncidentState; openedAt: string;
  lastObservedAt: string; observations: number; escalations: number; escalatedAt: string | null; version: number;
}
/** overdue: 超时未接手, judged by the server with the unit's own escalation time. */
export interface IncidentView extends Incident { subject: { name: string; url: string | null }; overdue: boolean }
export interface SiteDetail extends SiteSummary {
  columns: (Column & { level: WatchLevel; summary: string; observedAt: string | null })[];
  pages: PageBaseline[];
  statuses: Status[];
  availability: { from: string; to: string; total: number; failures: number; percent: number; level: WatchLevel };
  probes: Probe[];
  runs: Run[];
  incidents: Incident[];
  abilities: { canManage: boolean };
}
export interface Step { id: string; incidentId: string; kind: string; at: string; actorId: string; actorName: string; note: string }
export interface Delivery {
  id: string; incidentId: string; reason: 'open' | 'escalate'; channel: string; label: string; state: 'pending' | 'sent' | 'failed'; attempts: number;
  nextAttemptAt: string | null; lastError: string | null; createdAt: string; sentAt: string | null;
}
export interface IncidentDetail {
  incident: IncidentView; steps: Step[]; deliveries: Delivery[]; abilities: { canHandle: boolean; canRecover: boolean; canClose: boolean };
}
export interface Webhook { id: string; unitId: string; kind: WebhookKind; name: string; url: string; active: boolean }
export interface UnitSettings { settings: { unitId: string; contactIds: string[]; ackMinutes: number }; webhooks: Webhook[] }

/** Not yet taken up (处理中) by anyone. */
export const isUnacknowledged = (s: IncidentState) => s === 'found' || s === 'notified';
