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
export async function recipientsOf(tx: Executor, incident: Incident, reason: 'open' | 'escalate', now: Date): Promise<Recipients> {
  const onDuty = await whoIsOnDuty({ db: tx }, incident.unitId, now);
  const holding = async (role: 'dutyOfficer' | 'dutyLeader' | 'egovCenter'): Promise<UserSummary[]> => usersHoldingRole(tx, role, incident.unitId);
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

/** Chinese names only: the rule's and the monitor's names, never their codes. */
export function messageOf(i: Incident, unitName: string, subject: Subject, reason: Reason, o: { ackMinutes: number; publicUrl: string; now: Date }):
Message {
  const level = i.level === 'veto' ? '否决风险' : i.level === 'warning' ? '预警' : '提示';
  const rule = RULE_NAME[i.rule] ?? MONITOR_NAME[i.monitor];
  const title = reason === 'open' ? `【读网值班】${unitName}「${subject.name}」${i.summary}`
    : reason === 'recover' ? `【恢复】${unitName}「${subject.name}」${rule}已恢复`
    : `【升级提醒】${unitName}「${subject.name}」异常 ${o.ackMinutes} 分钟内无人处理：${i.summary}`;
  const over = reason === 'recover' ? [`恢复时间：${shanghai(o.now.toISOString())}`] : [];
  return {
    title,
    lines: [
      `单位：${unitName}`, `对象：${subject.name}${subject.url ? `（${subject.url}）` : ''}`, `监测：${MONITOR_NAME[i.monitor]}·${rule}，${level}`,
      `发现时间：${shanghai(i.openedAt)}`, ...over, `状态：${INCIDENT_STATE_NAME[reason === 'recover' ? 'recovered' : i.state]}`,
      `情况：${i.summary}`, `请在 gongkai 读网值班「异常事件」中查看：${incidentLink(o.publicUrl, i.id)}`,
    ],
  };
}

/** The robot formats: 企业微信 {msgtype, markdown.content}, 钉钉 {msgtype, markdown.title/text}, generic JSON. */
export function webhookBody(kind: WebhookKind, m: Message, i: Incident, reason: Reason, publicUrl: string): Record<string, unknown> {
  const markdown = `### ${m.title}\n${m.lines.map((l) => `> ${l}`).join('\n')}`;
  if (kind === 'wecom') return { msgtype: 'markdown', markdown: { content: markdown } };
  if (kind === 'dingtalk') return { msgtype: 'markdown', markdown: { title: m.title.slice(0, 64), text: markdown } };
  return { event: `watch.incident.${reason}`, title: m.title, text: m.lines.join('\n'), link: incidentLink(publicUrl, i.id),
    incident: { id: i.id, unitId: i.unitId, monitor: i.monitor, rule: i.rule, ruleName: RULE_NAME[i.rule] ?? i.rule, level: i.level,
      state: reason === 'recover' ? 'recovered' : i.state, summary: i.summary, openedAt: i.openedAt, target: i.target } };
}

const notice = (m: Message) => JSON.stringify({ title: m.title, text: m.lines.join('\n') });

/**
 * Writes the in-app notices of one alert and queues its e-mails and webhooks (sent by deliverPending after commit,
 * and only while the incident is still open); returns the deliveries recorded.
 */
export async function alert(tx: Executor, incident: Incident, subject: Subject, reason: 'open' | 'escalate', now: Date, publicUrl: string):
Promise<Delivery[]> {
  const [who, unit, settings] = await Promise.all([recipientsOf(tx, incident, reason, now), getUnit(tx, incident.unitId),
    store.getUnitSettings(tx, incident.unitId)]);
  const m = messageOf(incident, unit?.name ?? '', subject, reason, { ackMinutes: settings.ackMinutes, publicUrl, now });
  const people = unique([...who.officers, ...who.leaders, ...who.egov]);
  const at = now.toISOString();
  const base = { incidentId: incident.id, reason, refId: null, attempts: 0, nextAttemptAt: null, lastError: null, createdAt: at, sentAt: null,
    payload: '' };
  const out: Delivery[] = [];
  const [names, emails] = await Promise.all([getUsersByIds(tx, people), getUserEmails(tx, people)]);
  await notifyUsers(tx, people, { kind: `watch.incident_${reason}`, title: m.title, body: m.lines.join('\n'),
    subject: `watchIncident:${incident.id}` }, now);
  for (const id of people) {
    const name = names.get(id)?.name ?? id;
    out.push({ ...base, id: randomUUID(), channel: 'inapp', target: id, label: name, state: 'sent', attempts: 1, sentAt: at });
    const email = emails.get(id);
    if (email) {
      out.push({ ...base, id: randomUUID(), channel: 'email', target: email, label: `${names.get(id)?.name ?? ''} <${email}>`, state: 'pending',
        payload: notice(m) });
    }
  }
  // The unit's robots; a website incident or an escalation also reaches the district (e-gov center) units' robots.
  const districtWide = reason === 'escalate' || incident.medium === 'website';
  const district = districtWide ? (await listUnits(tx)).filter((u) => u.districtWide).map((u) => u.id) : [];
  for (const hook of await store.listWebhooks(tx, unique([incident.unitId, ...district]), true)) {
    out.push({ ...base, id: randomUUID(), channel: hook.kind, target: hook.id, label: `${hook.name}（${maskUrl(hook.url)}）`, state: 'pending',
      payload: JSON.stringify(webhookBody(hook.kind, m, incident, reason, publicUrl)) });
  }
  await insertDeliveries(tx, out);
  return out;
}

/**
 * 恢复: every person, mailbox and robot told of the incident is told it is over, once, at `dueAt` (an automatic
 * recovery waits out the 抖动 window; a reopening in it cancels these). deliverPending sends each one only when the
 * same channel actually delivered the opening message.
 */
export async function queueRecovery(tx: Executor, incident: Incident, subject: Subject, now: Date, dueAt: Date, publicUrl: string):
Promise<number> {
  const told = (await listDeliveries(tx, incident.id)).filter((d) => d.reason !== 'recover' && d.state !== 'skipped');
  const unit = await getUnit(tx, incident.unitId);
  const m = messageOf(incident, unit?.name ?? '', subject, 'recover', { ackMinutes: 0, publicUrl, now });
  const seen = new Set<string>();
  const out: Delivery[] = [];
  for (const d of told) {
    const key = `${d.channel}|${d.target}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const hook = d.channel === 'inapp' || d.channel === 'email' ? null : d.channel;
    out.push({ ...d, id: randomUUID(), reason: 'recover', refId: null, state: 'pending', attempts: 0, nextAttemptAt: dueAt.toISOString(),
      lastError: null, createdAt: now.toISOString(), sentAt: null,
      payload: hook ? JSON.stringify(webhookBody(hook, m, incident, 'recover', publicUrl)) : notice(m) });
  }
  await insertDeliveries(tx, out);
  return out.length;
}
