// The Chinese names of the watch module's kinds, as the people on duty read them: the CLI report and
// /api/meta/labels take them from here, and the screens take them from /api/meta/labels.
import { VETO_LINE_NAME } from './levels.ts';
import {
  COLUMN_KINDS,
  type DeliveryChannel,
  type DeliveryState,
  INCIDENT_STATE_NAME,
  MONITOR_NAME,
  PLATFORM_NAME,
  SITE_KIND_NAME,
  type StepKind,
  type WatchLevel,
  WEBHOOK_KIND_NAME,
} from './model.ts';
import type { ShownLevel } from './verdict.ts';

export { INCIDENT_STATE_NAME, MONITOR_NAME, PLATFORM_NAME, SITE_KIND_NAME, WEBHOOK_KIND_NAME, VETO_LINE_NAME };

export const WATCH_LEVEL_NAME: Record<WatchLevel, string> = { ok: '正常', warning: '预警', veto: '否决风险' };
/** As screens show a line or a site: 未检测 before the first check. */
export const SHOWN_LEVEL_NAME: Record<ShownLevel, string> = { unchecked: '未检测', ...WATCH_LEVEL_NAME };

export const STEP_NAME: Record<StepKind, string> = { ...INCIDENT_STATE_NAME, escalated: '升级通知' };

/** The monitors' rules (src/watch/observation.ts); a rule without a name shows its code. */
export const RULE_NAME: Record<string, string> = {
  'homepage-unreachable': '首页无法访问',
  'homepage-stale': '首页不更新',
  'stale-columns': '栏目不更新',
  'blank-columns': '空白栏目',
  'unconfirmed-links': '无法确认的链接',
  'column-stale': '栏目超期未更新',
  'column-blank': '栏目无内容',
  'account-dormant': '新媒体超期未更新',
  'dead-link': '错链断链',
  'dead-links': '链接检查',
  'bad-domain': '链接指向可疑域名',
  defaced: '页面被篡改',
  'hidden-link': '暗链',
  'text-mismatch': '页面文字与审定稿不符',
  'serious-finding': '严重错误',
  'content-checked': '智能校对',
};

/** The evidence fields the monitors attach to an observation (src/watch/rules); another field shows its own name. */
export const DETAIL_NAME: Record<string, string> = {
  url: '地址',
  error: '错误',
  status: '状态码',
  statusCode: '状态码',
  ms: '耗时（毫秒）',
  ok: '可访问',
  slow: '响应慢（超过 3 秒）',
  failures: '失败次数',
  total: '总数',
  share: '失败比例',
  link: '链接',
  links: '链接',
  text: '文字',
  kind: '类别',
  external: '外部链接',
  on: '所在页面',
  onCount: '出现次数',
  onHomepage: '在首页',
  host: '域名',
  reason: '原因',
  pages: '抓取页面数',
  dead: '死链数',
  deadOnHomepage: '首页死链数',
  badDomains: '问题域名数',
  robotsDisallowed: 'robots.txt 禁止抓取的页面数',
  items: '信息条数',
  dated: '有日期的信息条数',
  newest: '最新信息日期',
  maxAgeDays: '更新周期（天）',
  blank: '空白栏目',
  state: '栏目状态',
  days: '未更新天数',
  stale: '不更新栏目',
  core: '其中动态要闻、通知公告、政策文件类',
  feedUrl: '订阅地址',
  lastPostOn: '最近发布日期',
  hash: '指纹',
  expected: '应为',
  actual: '实为',
  excerpt: '页面文字摘录',
  changes: '差异',
  unconfirmed: '无法确认的链接数',
  streak: '连续次数',
  streaks: '连续无法确认次数',
  findings: '严重问题',
  proofread: '本次校对页面数',
  serious: '严重问题数',
  suggestion: '建议',
  context: '上下文',
  count: '数量',
  technique: '隐藏手法',
  rule: '规则',
  source: '来源',
};

export const DELIVERY_CHANNEL_NAME: Record<DeliveryChannel, string> = {
  inapp: '站内通知',
  email: '电子邮件',
  wecom: '企业微信',
  dingtalk: '钉钉',
  json: '通用 JSON',
};
export const DELIVERY_STATE_NAME: Record<DeliveryState, string> = {
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败',
  skipped: '未发送（事件已结束）',
};

/** Everything above and the model's names, for /api/meta/labels. */
export const WATCH_LABELS = {
  monitor: MONITOR_NAME,
  incidentState: INCIDENT_STATE_NAME,
  step: STEP_NAME,
  level: SHOWN_LEVEL_NAME,
  vetoLine: VETO_LINE_NAME,
  rule: RULE_NAME,
  detail: DETAIL_NAME,
  siteKind: SITE_KIND_NAME,
  platform: PLATFORM_NAME,
  webhookKind: WEBHOOK_KIND_NAME,
  deliveryChannel: DELIVERY_CHANNEL_NAME,
  deliveryState: DELIVERY_STATE_NAME,
  columnKinds: [...COLUMN_KINDS],
};
