// The 读网值班 monitoring API's request and response shapes (zod), which also feed the OpenAPI document. They bound
// sizes and types with zh-CN messages (the server names the field); the business checks are in the use cases.
import { z } from 'zod';
import type { IncidentQuery as IncidentFilterQuery } from './incidents.ts';
import { VETO_LINES } from './levels.ts';
import { SHOWN_LEVELS } from './verdict.ts';
import {
  COLUMN_KINDS,
  DELIVERY_CHANNELS,
  DELIVERY_REASONS,
  DELIVERY_STATES,
  INCIDENT_STATES,
  LEVELS,
  MONITORS,
  PLATFORMS,
  SITE_KINDS,
  STEP_KINDS,
  WEBHOOK_KINDS,
} from './model.ts';

const Id = z.string().trim().min(1).max(64);
const name = (what: string) => z.string().trim().min(1, `请填写${what}`).max(100, `${what}不能超过 100 个字`);
const HttpUrl = z
  .string()
  .trim()
  .max(2000, '网址过长')
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), '网址必须以 http:// 或 https:// 开头');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Level = z.enum(LEVELS);
/** A level as screens show it: 未检测 (unchecked) before the first check. */
const Shown = z.enum(SHOWN_LEVELS);
const Json = z.record(z.string(), z.unknown());

export const IdParams = z.object({ id: Id });
export const UnitParams = z.object({ unitId: Id });
export const Ok = z.object({ ok: z.boolean() });

export const SiteBody = z.object({
  unitId: Id,
  name: name('网站名称'),
  url: HttpUrl,
  kind: z.enum(SITE_KINDS),
  contactIds: z.array(Id).max(20).optional(),
});
export const SitePatch = SiteBody.partial();
const pct = z.number().min(0, '比例不能小于 0').max(100, '比例不能大于 100');
const days = z.int().min(1, '天数至少为 1').max(3650);
const count = z.int().min(0).max(1000);
export const ThresholdsBody = z
  .object({
    availabilityWarnPct: pct,
    availabilityVetoPct: pct,
    homepageWarnDays: days,
    homepageVetoDays: days,
    blankWarnAbove: count,
    blankVeto: count,
    staleKeyWarnAbove: count,
    staleKeyVeto: count,
    staleAnyWarnAbove: count,
    staleAnyVeto: count,
  })
  .partial();
export const ColumnBody = z.object({
  name: name('栏目名称'),
  url: HttpUrl,
  kind: z.enum(COLUMN_KINDS),
  clockDays: days.nullable().optional(),
  dateSelector: z.string().max(200, '日期选择器过长').nullable().optional(),
});
export const ColumnPatch = ColumnBody.partial();
export const PageBody = z.object({ url: HttpUrl, label: name('页面名称') });
export const AccountBody = z.object({
  unitId: Id,
  platform: z.enum(PLATFORMS),
  name: name('账号名称'),
  url: HttpUrl.nullable().optional(),
});
export const AccountPatch = AccountBody.partial();
export const LastPostBody = z.object({ lastPostOn: date });
export const UnitSettingsBody = z.object({
  contactIds: z.array(Id).max(20),
  ackMinutes: z.int().min(5, '升级时限至少 5 分钟').max(1440, '升级时限最多 1440 分钟'),
});
export const WebhookBody = z.object({
  kind: z.enum(WEBHOOK_KINDS),
  name: name('机器人名称'),
  url: HttpUrl,
  active: z.boolean().optional(),
});
export const WebhookPatch = WebhookBody.partial();
export const NoteBody = z.object({ note: z.string().trim().min(1, '请填写说明').max(2000, '说明不能超过 2000 字') });
export const IncidentQuery = z.object({
  unitId: Id.optional(),
  state: z.enum(INCIDENT_STATES).optional(),
  open: z.enum(['0', '1']).optional(),
  monitor: z.enum(MONITORS).optional(),
  siteId: Id.optional(),
  accountId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** The list's and the export's query as the service takes it: one state, or open=1 for all not yet recovered. */
export function incidentFilterOf({ state, open, ...q }: z.infer<typeof IncidentQuery>): IncidentFilterQuery {
  return { ...q, states: state ? [state] : open === '1' ? ['found', 'notified', 'handling'] : undefined };
}

const Thresholds = z.object({
  availabilityWarnPct: z.number(),
  availabilityVetoPct: z.number(),
  homepageWarnDays: z.number(),
  homepageVetoDays: z.number(),
  blankWarnAbove: z.number(),
  blankVeto: z.number(),
  staleKeyWarnAbove: z.number(),
  staleKeyVeto: z.number(),
  staleAnyWarnAbove: z.number(),
  staleAnyVeto: z.number(),
});
export const SiteDto = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  url: z.string(),
  kind: z.enum(SITE_KINDS),
  contactIds: z.array(z.string()),
  thresholds: Thresholds,
  overrides: Thresholds.partial(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ColumnDto = z.object({
  id: z.string(),
  siteId: z.string(),
  name: z.string(),
  url: z.string(),
  kind: z.enum(COLUMN_KINDS),
  clockDays: z.number().nullable(),
  dateSelector: z.string().nullable(),
  active: z.boolean(),
});
export const PageDto = z.object({
  id: z.string(),
  siteId: z.string(),
  url: z.string(),
  label: z.string(),
  baselineHash: z.string().nullable(),
  baselineAt: z.string().nullable(),
});
export const AccountDto = z.object({
  id: z.string(),
  unitId: z.string(),
  platform: z.enum(PLATFORMS),
  name: z.string(),
  url: z.string().nullable(),
  lastPostOn: z.string().nullable(),
  lastPostBy: z.string().nullable(),
  lastPostAt: z.string().nullable(),
  active: z.boolean(),
});
export const WebhookDto = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(WEBHOOK_KINDS),
  name: z.string(),
  url: z.string().describe('掩码后的地址'),
  active: z.boolean(),
});
export const UnitSettingsDto = z.object({
  settings: z.object({ unitId: z.string(), contactIds: z.array(z.string()), ackMinutes: z.number() }),
  webhooks: z.array(WebhookDto),
});
const Line = z.object({ line: z.enum(VETO_LINES), level: Shown, summary: z.string() });
export const SiteSummaryDto = z.object({
  site: SiteDto,
  unitName: z.string(),
  level: Shown,
  lines: z.array(Line),
  openIncidents: z.number(),
  lastCheckedAt: z.string().nullable(),
});
export const AccountSummaryDto = z.object({
  account: AccountDto,
  unitName: z.string(),
  level: Shown,
  daysSincePost: z.number().nullable(),
  summary: z.string(),
  openIncidents: z.number(),
  canReportLastPost: z.boolean(),
});
export const OverviewDto = z.object({
  at: z.string(),
  sites: z.array(SiteSummaryDto),
  accounts: z.array(AccountSummaryDto),
  counts: z.object({ unchecked: z.number(), ok: z.number(), warning: z.number(), veto: z.number() }),
  abilities: z.object({ canManage: z.boolean() }),
});
const Target = z.object({
  kind: z.enum(['site', 'column', 'account', 'page']),
  siteId: z.string().optional(),
  columnId: z.string().optional(),
  accountId: z.string().optional(),
  url: z.string().optional(),
});
const IncidentBase = z.object({
  id: z.string(),
  monitor: z.enum(MONITORS),
  targetKey: z.string(),
  target: Target,
  rule: z.string(),
  siteId: z.string().nullable(),
  accountId: z.string().nullable(),
  unitId: z.string(),
  medium: z.enum(['website', 'newmedia']),
  level: Level,
  summary: z.string(),
  details: Json,
  state: z.enum(INCIDENT_STATES),
  openedAt: z.string(),
  lastObservedAt: z.string(),
  observations: z.number(),
  escalations: z.number(),
  escalatedAt: z.string().nullable(),
  version: z.number(),
});
export const IncidentDto = IncidentBase.extend({
  subject: z.object({ name: z.string(), url: z.string().nullable() }),
  overdue: z.boolean(),
});
export const IncidentDetailDto = z.object({
  incident: IncidentDto,
  steps: z.array(
    z.object({
      id: z.string(),
      incidentId: z.string(),
      kind: z.enum(STEP_KINDS),
      at: z.string(),
      actorId: z.string(),
      actorName: z.string(),
      note: z.string(),
    }),
  ),
  deliveries: z.array(
    z.object({
      id: z.string(),
      incidentId: z.string(),
      reason: z.enum(DELIVERY_REASONS),
      channel: z.enum(DELIVERY_CHANNELS),
      label: z.string(),
      state: z.enum(DELIVERY_STATES),
      attempts: z.number(),
      nextAttemptAt: z.string().nullable(),
      lastError: z.string().nullable(),
      createdAt: z.string(),
      sentAt: z.string().nullable(),
    }),
  ),
  abilities: z.object({ canHandle: z.boolean(), canRecover: z.boolean(), canClose: z.boolean() }),
});
/** 立即检测: the latest check a person asked for on the site. */
export const SiteCheckDto = z.object({
  siteId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  requestedBy: z.string(),
  requestedByName: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  observations: z.number(),
  problems: z.number(),
  error: z.string().nullable(),
});
export const SiteDetailDto = SiteSummaryDto.extend({
  check: SiteCheckDto.nullable(),
  columns: z.array(ColumnDto.extend({ level: Shown, summary: z.string(), observedAt: z.string().nullable() })),
  pages: z.array(PageDto),
  statuses: z.array(
    z.object({
      monitor: z.enum(MONITORS),
      targetKey: z.string(),
      rule: z.string(),
      level: Level,
      summary: z.string(),
      details: Json,
      observedAt: z.string(),
    }),
  ),
  availability: z.object({
    from: z.string(),
    to: z.string(),
    total: z.number(),
    failures: z.number(),
    percent: z.number(),
    level: Shown,
    text: z.string(),
  }),
  probes: z.array(
    z.object({
      at: z.string(),
      ok: z.boolean(),
      ms: z.number(),
      statusCode: z.number().nullable(),
      error: z.string().nullable(),
    }),
  ),
  runs: z.array(
    z.object({
      id: z.string(),
      monitor: z.enum(MONITORS),
      startedAt: z.string(),
      durationMs: z.number(),
      outcome: z.enum(['ok', 'failed']),
      observations: z.number(),
      error: z.string().nullable(),
    }),
  ),
  incidents: z.array(IncidentBase),
  abilities: z.object({ canManage: z.boolean(), canCheck: z.boolean() }),
});
