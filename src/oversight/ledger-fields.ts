// A ledger entry's payload as the labelled Chinese fields a person reads (来源阶段, 去向阶段, 意见, 依据, …), times in
// Asia/Shanghai. Pure. A key without a label shows under its own name, never dropped; the raw payload stays in the API.
import { LEVEL_NAME, type Level } from '../org/policy/chain.ts';
import { ROLE_NAME, type Role } from '../org/model.ts';
import { STAGE_NAME } from '../publish/model.ts';
import { OPINION_NAME } from '../secrecy/model.ts';
import { INCIDENT_STATE_NAME, MONITOR_NAME, RULE_NAME } from '../watch/service.ts';
import { CHECK_NAME, OUTCOME_NAME } from './checklist-model.ts';
import { beijingDateTime } from './time.ts';

export const FIELD_LABEL: Record<string, string> = {
  from: '来源阶段',
  to: '去向阶段',
  opinion: '意见',
  basisIds: '依据',
  basis: '依据',
  basisText: '依据',
  reason: '理由',
  proofreading: '校对情况',
  standardsAttested: '已确认审核标准',
  revision: '版本',
  level: '审核级别',
  text: '发布文本',
  note: '说明',
  title: '标题',
  name: '名称',
  fullName: '全称',
  url: '网址',
  kind: '类别',
  role: '角色',
  roles: '角色',
  username: '用户名',
  unitId: '单位',
  units: '单位',
  sectionId: '科室',
  sections: '科室',
  channelId: '发布渠道',
  channels: '发布渠道',
  columns: '栏目',
  users: '用户',
  userId: '人员',
  itemId: '稿件',
  publishAt: '定时发布时间',
  receipt: '保密审查收件',
  secrecyReceipt: '保密审查收件',
  receivedOn: '收件日期',
  dueOn: '办理期限',
  dueProvisional: '期限按暂定节假日安排',
  provisional: '暂定',
  referral: '报审',
  authority: '报审机关',
  referenceNo: '文号',
  answer: '答复',
  answerRef: '答复文号',
  findingId: '智能校对发现',
  rule: '规则',
  category: '类别',
  severity: '严重程度',
  line: '行',
  proposedAs: '建议人身份',
  proposedBy: '建议人',
  as: '身份',
  redactionId: '脱密记录',
  spans: '不予公开的段落',
  findingsWithheld: '随脱密一并处理的发现',
  coIssuerUnitId: '共同发文单位',
  coIssuerUnitIds: '共同发文单位',
  hostUnitId: '主办单位',
  consentId: '书面同意',
  fileName: '文件名',
  sha256: 'SHA-256',
  size: '大小（字节）',
  caseNo: '案号',
  askerOrg: '申请人单位',
  subject: '事由',
  days: '天数',
  late: '逾期',
  today: '当日',
  mailed: '已发邮件',
  notified: '已告知',
  recipients: '收件人',
  emails: '邮箱',
  year: '年度',
  holidays: '节假日',
  makeupWorkdays: '调休上班日',
  replaces: '替换',
  source: '来源',
  notificationId: '站内通知',
  entry: '词条',
  fields: '字段',
  removed: '删除的词条',
  before: '修改前',
  after: '修改后',
  code: '代码',
  docCode: '发文代字',
  districtWide: '全区性单位',
  authorMayLevel1: '起草人可一审',
  mustChangePassword: '须修改密码',
  oneTime: '一次性',
  oneTimePassword: '一次性密码',
  oneTimePasswordSentTo: '一次性密码发送至',
  sentTo: '发送至',
  target: '对象',
  failures: '失败次数',
  windowStart: '统计起点',
  requestId: '申请',
  incidentId: '异常事件',
  summary: '概要',
  monitor: '监测项',
  people: '通知人员',
  robots: '通知机器人数',
  deliveries: '通知条数',
  automatic: '自动',
  ackMinutes: '接手时限（分钟）',
  contactIds: '值班联系人',
  siteId: '网站',
  columnId: '栏目',
  pageId: '页面',
  accountId: '账号',
  platform: '平台',
  clockDays: '更新周期（天）',
  label: '标签',
  lastPostOn: '最近发布日期',
  webhookId: '通知机器人',
  active: '启用',
  deliveryId: '通知',
  channel: '通知渠道',
  attempts: '尝试次数',
  error: '错误',
  shiftId: '班次',
  startsAt: '开始时间',
  endsAt: '结束时间',
  rosterId: '排班表',
  templateId: '班次模板',
  date: '日期',
  version: '版本号',
  phone: '电话',
  late_minutes: '迟到（分钟）',
  seed: '随机种子',
  perUnit: '每单位抽取篇数',
  population: '可抽稿件数',
  items: '抽中的稿件',
  sampleSeq: '抽样记录序号',
  check: '检查项',
  outcome: '结论',
};

const TEXT_VALUE: Record<string, string> = { full: '全文', redacted: '脱密文本' };

/** A value as one readable line: stage and level names, Beijing times, 是/否, lists joined with 、. */
export function fieldValue(key: string, value: unknown, names: (id: string) => string | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return key === 'level' ? (LEVEL_NAME[value as Level] ?? String(value)) : String(value);
  if (Array.isArray(value)) return value.map((v) => fieldValue(key, v, names)).join('、') || '—';
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${FIELD_LABEL[k] ?? k}：${fieldValue(k, v, names)}`,
    );
    return parts.join('；') || '—';
  }
  const s = String(value);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && !Number.isNaN(Date.parse(s))) return beijingDateTime(s);
  if ((key === 'from' || key === 'to') && s in STAGE_NAME) return STAGE_NAME[s as keyof typeof STAGE_NAME];
  if ((key === 'from' || key === 'to') && s in INCIDENT_STATE_NAME)
    return INCIDENT_STATE_NAME[s as keyof typeof INCIDENT_STATE_NAME];
  if (key === 'opinion' && s in OPINION_NAME) return OPINION_NAME[s as keyof typeof OPINION_NAME];
  if (key === 'text' && s in TEXT_VALUE) return TEXT_VALUE[s];
  if ((key === 'role' || key === 'roles' || key === 'proposedAs' || key === 'as') && s in ROLE_NAME)
    return ROLE_NAME[s as Role];
  if (key === 'monitor' && s in MONITOR_NAME) return MONITOR_NAME[s as keyof typeof MONITOR_NAME];
  if (key === 'rule' && RULE_NAME[s]) return RULE_NAME[s];
  if (key === 'check' && s in CHECK_NAME) return CHECK_NAME[s as keyof typeof CHECK_NAME];
  if (key === 'outcome' && s in OUTCOME_NAME) return OUTCOME_NAME[s as keyof typeof OUTCOME_NAME];
  return names(s) ?? s;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** from / to are stages on an item, states on an incident, dates on a roster: a date is labelled as one. */
function labelOf(key: string, value: unknown): string {
  if ((key === 'from' || key === 'to') && typeof value === 'string' && DATE_ONLY.test(value))
    return key === 'from' ? '开始日期' : '结束日期';
  return FIELD_LABEL[key] ?? key;
}

export interface Field {
  key: string;
  label: string;
  value: string;
}

/**
 * The payload's fields in their stored order, labelled. The id the subject already names (itemId of an item:… entry)
 * is left out; basisIds is left out when basisText states the same bases in words.
 */
export function payloadFields(payload: unknown, subjectId: string | null, names: (id: string) => string | undefined) {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload))
    return [{ key: '', label: '内容', value: String(payload) }];
  const p = payload as Record<string, unknown>;
  const out: Field[] = [];
  for (const [key, value] of Object.entries(p)) {
    if (subjectId !== null && value === subjectId) continue;
    if (key === 'basisIds' && typeof p.basisText === 'string' && p.basisText) continue;
    out.push({ key, label: labelOf(key, value), value: fieldValue(key, value, names) });
  }
  return out;
}
