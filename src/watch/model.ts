// 读网值班 monitoring — types and pure rules: the registry's kinds and defaults (INSPECTION.md), the incident
// lifecycle 发现 → 已通知 → 处理中 → 已恢复 → 已关闭 as a state machine, and what an observation does to an incident.
// No clock, database or network here.
import { CHANNEL_KIND_NAME, type ChannelKind } from '../org/model.ts';
import { type AppError, conflict, invalid, unprocessable } from '../platform/errors.ts';
import type { MonitorKind, Observation, WatchLevel, WatchTarget } from './observation.ts';

export type { MonitorKind, Observation, WatchLevel, WatchTarget } from './observation.ts';
export { targetKey } from './observation.ts';

export const MONITORS: readonly MonitorKind[] = ['availability', 'freshness', 'links', 'integrity', 'content'];
export const LEVELS: readonly WatchLevel[] = ['ok', 'warning', 'veto'];
export const MONITOR_NAME: Record<MonitorKind, string> = {
  availability: '可用性',
  freshness: '更新情况',
  links: '链接',
  integrity: '防篡改',
  content: '内容',
};

export const SITE_KINDS = ['portal', 'subsite'] as const; // 门户 / 子站
export type SiteKind = (typeof SITE_KINDS)[number];
export const SITE_KIND_NAME: Record<SiteKind, string> = { portal: '门户网站', subsite: '子站' };

/** 政务新媒体 platforms: the org module's channel kinds other than a website. */
export const PLATFORMS = [
  'wechat',
  'weibo',
  'douyin',
  'toutiao',
  'xigua',
  'app',
] as const satisfies readonly ChannelKind[];
export type Platform = (typeof PLATFORMS)[number];
export const PLATFORM_NAME: Record<Platform, string> = CHANNEL_KIND_NAME;

export const COLUMN_KINDS = ['动态要闻', '通知公告', '政策文件', '人事', '规划计划', '互动', '专题', '其他'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** INSPECTION.md column clocks: 动态/要闻 14 days; 通知公告/政策文件 6 months; 人事/规划计划 1 year. null: no clock. */
export const DEFAULT_CLOCK_DAYS: Record<ColumnKind, number | null> = {
  动态要闻: 14,
  通知公告: 183,
  政策文件: 183,
  人事: 365,
  规划计划: 365,
  互动: null,
  专题: null,
  其他: null,
};
/** The kinds the 14-day / 6-month veto line counts together (动态要闻 plus 通知公告/政策文件). */
export const KEY_COLUMN_KINDS: readonly ColumnKind[] = ['动态要闻', '通知公告', '政策文件'];

export const WEBHOOK_KINDS = ['wecom', 'dingtalk', 'json'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];
export const WEBHOOK_KIND_NAME: Record<WebhookKind, string> = {
  wecom: '企业微信机器人',
  dingtalk: '钉钉机器人',
  json: '通用 JSON',
};

/**
 * A site's warning and veto lines (INSPECTION.md; the warning lines are the market's practice, admin-changeable).
 * "Above" lines warn when the count exceeds them; veto lines are reached at the count.
 */
export interface Thresholds {
  availabilityWarnPct: number; // 3
  availabilityVetoPct: number; // 5
  homepageWarnDays: number; // 10
  homepageVetoDays: number; // 14
  blankWarnAbove: number; // > 2
  blankVeto: number; // ≥ 5
  staleKeyWarnAbove: number; // > 2 (动态要闻 14 days + 通知公告/政策文件 6 months)
  staleKeyVeto: number; // ≥ 5
  staleAnyWarnAbove: number; // > 6 (any column that should update)
  staleAnyVeto: number; // ≥ 10
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  availabilityWarnPct: 3,
  availabilityVetoPct: 5,
  homepageWarnDays: 10,
  homepageVetoDays: 14,
  blankWarnAbove: 2,
  blankVeto: 5,
  staleKeyWarnAbove: 2,
  staleKeyVeto: 5,
  staleAnyWarnAbove: 6,
  staleAnyVeto: 10,
};

/** A warning line must come before its veto line. */
export function checkThresholds(t: Thresholds): void {
  const pairs: [keyof Thresholds, keyof Thresholds, boolean][] = [
    ['availabilityWarnPct', 'availabilityVetoPct', false],
    ['homepageWarnDays', 'homepageVetoDays', false],
    ['blankWarnAbove', 'blankVeto', true],
    ['staleKeyWarnAbove', 'staleKeyVeto', true],
    ['staleAnyWarnAbove', 'staleAnyVeto', true],
  ];
  for (const [warn, veto, above] of pairs) {
    if (above ? t[warn] >= t[veto] : t[warn] > t[veto])
      throw invalid(warn, `${THRESHOLD_NAME[warn]}的预警线应低于否决线（当前 ${t[warn]}，否决线 ${t[veto]}）`);
  }
}

/** The lines' names as the inspection indicators call them, for messages. */
const THRESHOLD_NAME: Record<keyof Thresholds, string> = {
  availabilityWarnPct: '首页无法访问比例',
  availabilityVetoPct: '首页无法访问比例',
  homepageWarnDays: '首页未更新天数',
  homepageVetoDays: '首页未更新天数',
  blankWarnAbove: '空白栏目数',
  blankVeto: '空白栏目数',
  staleKeyWarnAbove: '动态要闻、通知公告和政策文件栏目未更新数',
  staleKeyVeto: '动态要闻、通知公告和政策文件栏目未更新数',
  staleAnyWarnAbove: '应更新栏目未更新数',
  staleAnyVeto: '应更新栏目未更新数',
};

/** Default minutes an incident may wait for 处理中 before it is escalated again (DOMAIN §4.4). */
export const DEFAULT_ACK_MINUTES = 15;

// Registry addresses are checked by the platform's one http(s) check (also used for published items' live pages).
export { checkHttpUrl } from '../platform/http-url.ts';

export const LEVEL_RANK: Record<WatchLevel, number> = { ok: 0, warning: 1, veto: 2 };
export const worse = (a: WatchLevel, b: WatchLevel): WatchLevel => (LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b);
export const worst = (levels: readonly WatchLevel[]): WatchLevel => levels.reduce(worse, 'ok');

// ——— incidents ———

export const INCIDENT_STATES = ['found', 'notified', 'handling', 'recovered', 'closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];
export const INCIDENT_STATE_NAME: Record<IncidentState, string> = {
  found: '发现',
  notified: '已通知',
  handling: '处理中',
  recovered: '已恢复',
  closed: '已关闭',
};
export const STEP_KINDS = [...INCIDENT_STATES, 'escalated'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Open: not yet recovered. Only these hold the monitor+target's open slot. */
export const isOpen = (s: IncidentState): boolean => s === 'found' || s === 'notified' || s === 'handling';

export type IncidentEvent = 'notify' | 'handle' | 'recover' | 'close' | 'escalate' | 'reopen';

/** The next state after `event`, or the reason it cannot happen now (409 for a state already left, 422 for a rule). */
export function transition(state: IncidentState, event: IncidentEvent): IncidentState | AppError {
  if (state === 'closed') return conflict('INCIDENT_CLOSED', '事件已关闭');
  switch (event) {
    case 'notify':
      return state === 'found'
        ? 'notified'
        : state === 'recovered'
          ? conflict('INCIDENT_RECOVERED', '事件已恢复')
          : state;
    case 'escalate':
      return state === 'found' || state === 'notified'
        ? state
        : conflict('INCIDENT_ACKNOWLEDGED', '事件已有人处理，无需升级');
    case 'handle':
      if (state === 'handling') return conflict('ALREADY_HANDLING', '事件已在处理中');
      if (state === 'recovered') return conflict('INCIDENT_RECOVERED', '事件已恢复，请直接关闭');
      return 'handling';
    case 'recover':
      return state === 'recovered' ? conflict('INCIDENT_RECOVERED', '事件已恢复') : 'recovered';
    case 'close':
      return state === 'recovered' ? 'closed' : unprocessable('NOT_RECOVERED', '事件尚未恢复，不能关闭；请先登记恢复');
    case 'reopen': // 抖动: failing again soon after recovering is the same incident, back with the people already told
      return state === 'recovered' ? 'notified' : conflict('INCIDENT_OPEN', '事件尚未恢复');
  }
}

/** What one observation does to the monitor+target's open incident (null: none open). */
export type Effect = 'open' | 'append' | 'recover' | 'none';

export function effectOf(o: Pick<Observation, 'monitor' | 'level' | 'incident' | 'details'>, open: boolean): Effect {
  // Availability incidents are live outages: they open when a failure is confirmed by re-checks and recover by
  // themselves when the homepage answers again; an unconfirmed failure (details.ok false) neither opens nor recovers.
  // The 7-day failure share's warning and veto risk are the site's status (监测总览), not an incident: after one
  // outage the share stays high for a week, and the incident must still recover when the site is back.
  if (o.monitor === 'availability') {
    if (o.incident) return open ? 'append' : 'open';
    return open && o.details.ok !== false ? 'recover' : 'none';
  }
  // Others open on an incident or the veto line and wait for a person to recover them (内容、篡改…).
  if (o.incident || o.level === 'veto') return open ? 'append' : 'open';
  return 'none';
}

/** 网站 incidents go to the duty leader and the e-gov center; 新媒体 ones to the duty leader (DOMAIN §4.4). */
export const mediumOf = (t: WatchTarget): 'website' | 'newmedia' => (t.kind === 'account' ? 'newmedia' : 'website');

type Waiting = { state: IncidentState; openedAt: string; escalations: number };
const isUnacknowledged = (s: IncidentState) => s === 'found' || s === 'notified';
const pastAckTime = (i: Waiting, ackMinutes: number, now: Date) =>
  Date.parse(i.openedAt) + ackMinutes * 60000 <= now.getTime();

/** Escalate once when nobody took the incident up (处理中) within ackMinutes of its opening. */
export function isOverdue(i: Waiting, ackMinutes: number, now: Date): boolean {
  return isUnacknowledged(i.state) && i.escalations === 0 && pastAckTime(i, ackMinutes, now);
}

/** 超时未接手, as the lists show it: still not taken up past the unit's time, whether or not escalated yet. */
export function isLate(i: Waiting, ackMinutes: number, now: Date): boolean {
  return isUnacknowledged(i.state) && (i.escalations > 0 || pastAckTime(i, ackMinutes, now));
}

// ——— deliveries ———

export const DELIVERY_CHANNELS = ['inapp', 'email', 'wecom', 'dingtalk', 'json'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
/** skipped: not sent because the incident was already over when its turn came (never a stale 发现 message). */
export const DELIVERY_STATES = ['pending', 'sent', 'failed', 'skipped'] as const;
/** Why a message goes out: the incident opened, nobody took it up in time, or it is over (恢复). */
export const DELIVERY_REASONS = ['open', 'escalate', 'recover'] as const;
export type DeliveryReason = (typeof DELIVERY_REASONS)[number];
export type DeliveryState = (typeof DELIVERY_STATES)[number];
/** A webhook delivery is given up (failed) after this many attempts. */
export const MAX_ATTEMPTS = 5;

/** Backoff after the n-th failed attempt: 30 s, 1 min, 2 min, 4 min… */
export const retryDelayMs = (attempts: number): number => 30000 * 2 ** Math.max(0, Math.min(attempts - 1, 10));

/** A webhook address for people: scheme, host and the last 4 characters; the key in its path or query never shows. */
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw);
    const rest = `${u.pathname}${u.search}`;
    return `${u.protocol}//${u.host}/…${rest.length > 8 ? rest.slice(-4) : ''}`;
  } catch {
    return '（无效地址）';
  }
}
