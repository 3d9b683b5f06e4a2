// 通知与升级 (DOMAIN §4.4): who hears of an incident, over which channels, in the caller's transaction. On opening:
// the officer on shift for the unit (duty roster, with its 离岗 replacement rule), else the unit's duty contacts; a
// website incident also the duty leader and the district e-gov center, a new-media incident the duty leader. On
// escalation: the duty leader and the e-gov center. When it is over: a 恢复 notice to everyone told. In-app notices
// of an opening are written at once; e-mails and robot webhooks are queued here and sent by deliverPending after
// commit, only while the incident is still open (恢复 notices: only where the opening message went out).
import { randomUUID } from 'node:crypto';
import { whoIsOnDuty } from '../duty/service.ts';
import type { UserSummary } from '../org/model.ts';
import { getUnit, getUserEmails, getUsersByIds, listUnits, usersHoldingRole } from '../org/service.ts';
import type { Executor } from '../platform/db/types.ts';
import { notifyUsers } from '../platform/notify/service.ts';
import { type DeliveryReason, INCIDENT_STATE_NAME, maskUrl, MONITOR_NAME, type WebhookKind } from './model.ts';
import { RULE_NAME } from './names.ts';
import * as store from './store.ts';
import { type Delivery, type Incident, insertDeliveries, listDeliveries } from './store-incidents.ts';

export interface Subject {
  name: string;
  url: string | null;
}

export interface Recipients {
  officers: string[];
  leaders: string[];
  egov: string[];
}

const ids = (list: readonly { id: string }[]) => list.map((u) => u.id);
const unique = (list: readonly string[]) => [...new Set(list)];

/** The people to tell, by role. Fallbacks are decisions (65号 is silent): contacts, then anyone holding the role. */
export async function recipientsOf(
  tx: Executor,
  incident: Incident,
  reason: 'open' | 'escalate',
  now: Date,
): Promise<Recipients> {
  const onDuty = await whoIsOnDuty({ db: tx }, incident.unitId, now);
  const holding = async (role: 'dutyOfficer' | 'dutyLeader' | 'egovCenter'): Promise<UserSummary[]> =>
    usersHoldingRole(tx, role, incident.unitId);
  let leaders = ids(onDuty.leaders);
  if (leaders.length === 0) leaders = ids(await holding('dutyLeader'));
  const egov = reason === 'escalate' || incident.medium === 'website' ? ids(await holding('egovCenter')) : [];
  if (reason === 'escalate') return { officers: [], leaders, egov };
  let officers = unique([...ids(onDuty.officers), ...ids(onDuty.reinforcements)]);
  if (officers.length === 0) {
    const site = incident.siteId ? await store.getSite(tx, incident.siteId) : null;
    officers = unique([...(site?.contactIds ?? []), ...(await store.getUnitSettings(tx, incident.unitId)).contactIds]);
  }
  if (officers.length === 0) officers = ids(await holding('dutyOfficer'));
  return { officers, leaders, egov };
}

const shanghai = (iso: string) => new Date(Date.parse(iso) + 8 * 3600000).toISOString().slice(0, 16).replace('T', ' ');

export interface Message {
  title: string;
  lines: string[];
}

export type Reason = DeliveryReason;

/** The absolute address of an incident's page (GONGKAI_PUBLIC_URL), for people reading a robot or an e-mail. */
export const incidentLink = (publicUrl: string, id: string) => new URL(`/watch/incidents/${id}`, publicUrl).href;

export interface MessageContext {
  ackMinutes: number;
  publicUrl: string;
  now: Date;
}

const TITLE_OF: Record<Reason, (unit: string, subject: string, i: Incident, rule: string, ack: number) => string> = {
  open: (unit, subject, i) => `【读网值班】${unit}「${subject}」${i.summary}`,
  recover: (unit, subject, _i, rule) => `【恢复】${unit}「${subject}」${rule}已恢复`,
  escalate: (unit, subject, i, _r, ack) => `【升级提醒】${unit}「${subject}」异常 ${ack} 分钟内无人处理：${i.summary}`,
};

/** Chinese names only: the rule's and the monitor's names, never their codes. */
export function messageOf(i: Incident, unitName: string, subject: Subject, reason: Reason, o: MessageContext): Message {
  const level = i.level === 'veto' ? '否决风险' : i.level === 'warning' ? '预警' : '提示';
  const rule = RULE_NAME[i.rule] ?? MONITOR_NAME[i.monitor];
  const over = reason === 'recover' ? [`恢复时间：${shanghai(o.now.toISOString())}`] : [];
  const state = INCIDENT_STATE_NAME[reason === 'recover' ? 'recovered' : i.state];
  return {
    title: TITLE_OF[reason](unitName, subject.name, i, rule, o.ackMinutes),
    lines: [
      `单位：${unitName}`,
      `对象：${subject.name}${subject.url ? `（${subject.url}）` : ''}`,
      `监测：${MONITOR_NAME[i.monitor]}·${rule}，${level}`,
      `发现时间：${shanghai(i.openedAt)}`,
      ...over,
      `状态：${state}`,
      `情况：${i.summary}`,
      `请在 gongkai 读网值班「异常事件」中查看：${incidentLink(o.publicUrl, i.id)}`,
    ],
  };
}

/** The robot formats: 企业微信 {msgtype, markdown.content}, 钉钉 {msgtype, markdown.title/text}, generic JSON. */
export function webhookBody(
  kind: WebhookKind,
  m: Message,
  i: Incident,
  reason: Reason,
  publicUrl: string,
): Record<string, unknown> {
  const markdown = `### ${m.title}\n${m.lines.map((l) => `> ${l}`).join('\n')}`;
  if (kind === 'wecom') return { msgtype: 'markdown', markdown: { content: markdown } };
  if (kind === 'dingtalk') return { msgtype: 'markdown', markdown: { title: m.title.slice(0, 64), text: markdown } };
  const state = reason === 'recover' ? 'recovered' : i.state;
  return {
    event: `watch.incident.${reason}`,
    title: m.title,
    text: m.lines.join('\n'),
    link: incidentLink(publicUrl, i.id),
    incident: {
      id: i.id,
      unitId: i.unitId,
      monitor: i.monitor,
      rule: i.rule,
      ruleName: RULE_NAME[i.rule] ?? i.rule,
      level: i.level,
      state,
      summary: i.summary,
      openedAt: i.openedAt,
      target: i.target,
    },
  };
}

const notice = (m: Message) => JSON.stringify({ title: m.title, text: m.lines.join('\n') });

type Reached = Pick<Delivery, 'channel' | 'target' | 'label' | 'state' | 'payload'> & Partial<Delivery>;

/** Full delivery rows for one alert's messages, all created now. */
function deliveriesOf(incident: Incident, reason: Reason, now: Date, rows: Reached[]): Delivery[] {
  return rows.map((r) => ({
    id: randomUUID(),
    incidentId: incident.id,
    reason,
    refId: null,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    createdAt: now.toISOString(),
    sentAt: null,
    ...r,
  }));
}

/**
 * Writes the in-app notices of one alert and queues its e-mails and webhooks (sent by deliverPending after commit,
 * and only while the incident is still open); returns the deliveries recorded.
 */
export async function alert(
  tx: Executor,
  incident: Incident,
  subject: Subject,
  reason: 'open' | 'escalate',
  now: Date,
  publicUrl: string,
): Promise<Delivery[]> {
  const [who, unit, settings] = await Promise.all([
    recipientsOf(tx, incident, reason, now),
    getUnit(tx, incident.unitId),
    store.getUnitSettings(tx, incident.unitId),
  ]);
  const m = messageOf(incident, unit?.name ?? '', subject, reason, { ackMinutes: settings.ackMinutes, publicUrl, now });
  const people = unique([...who.officers, ...who.leaders, ...who.egov]);
  const at = now.toISOString();
  const rows: Reached[] = [];
  const [names, emails] = await Promise.all([getUsersByIds(tx, people), getUserEmails(tx, people)]);
  await notifyUsers(
    tx,
    people,
    {
      kind: `watch.incident_${reason}`,
      title: m.title,
      body: m.lines.join('\n'),
      subject: `watchIncident:${incident.id}`,
    },
    now,
  );
  for (const id of people) {
    const name = names.get(id)?.name ?? id;
    rows.push({ channel: 'inapp', target: id, label: name, state: 'sent', attempts: 1, sentAt: at, payload: '' });
    const email = emails.get(id);
    const label = `${names.get(id)?.name ?? ''} <${email}>`;
    if (email) rows.push({ channel: 'email', target: email, label, state: 'pending', payload: notice(m) });
  }
  // The unit's robots; a website incident or an escalation also reaches the district (e-gov center) units' robots.
  const districtWide = reason === 'escalate' || incident.medium === 'website';
  const district = districtWide ? (await listUnits(tx)).filter((u) => u.districtWide).map((u) => u.id) : [];
  for (const hook of await store.listWebhooks(tx, unique([incident.unitId, ...district]), true)) {
    rows.push({
      channel: hook.kind,
      target: hook.id,
      label: `${hook.name}（${maskUrl(hook.url)}）`,
      state: 'pending',
      payload: JSON.stringify(webhookBody(hook.kind, m, incident, reason, publicUrl)),
    });
  }
  const out = deliveriesOf(incident, reason, now, rows);
  await insertDeliveries(tx, out);
  return out;
}

/**
 * 恢复: every person, mailbox and robot told of the incident is told it is over, once, at `dueAt` (an automatic
 * recovery waits out the 抖动 window; a reopening in it cancels these). deliverPending sends each one only when the
 * same channel actually delivered the opening message.
 */
export async function queueRecovery(
  tx: Executor,
  incident: Incident,
  subject: Subject,
  now: Date,
  dueAt: Date,
  publicUrl: string,
): Promise<number> {
  const told = (await listDeliveries(tx, incident.id)).filter((d) => d.reason !== 'recover' && d.state !== 'skipped');
  const unit = await getUnit(tx, incident.unitId);
  const m = messageOf(incident, unit?.name ?? '', subject, 'recover', { ackMinutes: 0, publicUrl, now });
  const seen = new Set<string>();
  const rows: Reached[] = [];
  for (const d of told) {
    const key = `${d.channel}|${d.target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const hook = d.channel === 'inapp' || d.channel === 'email' ? null : d.channel;
    const payload = hook ? JSON.stringify(webhookBody(hook, m, incident, 'recover', publicUrl)) : notice(m);
    const due = dueAt.toISOString();
    rows.push({ channel: d.channel, target: d.target, label: d.label, state: 'pending', nextAttemptAt: due, payload });
  }
  const out = deliveriesOf(incident, 'recover', now, rows);
  await insertDeliveries(tx, out);
  return out.length;
}
