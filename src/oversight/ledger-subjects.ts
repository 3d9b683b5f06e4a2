// What a ledger entry is about, named as a person knows it: the 稿件's title and 版本, the user's name and unit, the
// unit, section, channel, column or monitored site's name. Read through the other modules' service.ts exports; a
// subject that no longer resolves falls back to a name in the entry itself, then to its kind and a short id.
import type { Executor } from '../platform/db/types.ts';
import { getChannel, getColumn, getSection, getUsersByIds, listUnits } from '../org/service.ts';
import { itemsByIds } from '../publish/service.ts';

export const SUBJECT_KIND_NAME: Record<string, string> = {
  item: '稿件',
  user: '用户',
  unit: '单位',
  section: '科室',
  channel: '发布渠道',
  column: '栏目',
  challenge: '质疑申请',
  calendar: '节假日安排',
  dictionary: '智能校对词典',
  shift: '值班班次',
  roster: '排班表',
  roleRequest: '角色申请',
  login: '登录账号',
  'login-user': '登录账号',
  'login-ip': '登录来源',
  watchSite: '监测网站',
  watchColumn: '监测栏目',
  watchAccount: '政务新媒体账号',
  watchIncident: '读网异常事件',
  'duty-template': '班次模板',
  'duty-day': '重大活动或重要日期',
  'duty-change': '换班或离岗申请',
  'duty-emergency': '应急值守',
  'duty-feed': '值班日历订阅',
  'duty-notice': '上级通知',
  'duty-reading': '读网记录',
  demo: '演示数据',
  sample: '随机抽查样本',
};

export interface SubjectView {
  kind: string; // the code before the colon: item, user, …
  kindName: string; // 稿件, 用户, …
  id: string; // the raw id after the colon ('' for a subject without one)
  name: string; // what a person reads: 《title》第 2 版, 张三（区科技局）, …
}

export interface Names {
  subject(raw: string, payload: unknown): SubjectView;
  /** A user's or a unit's name for an id met inside a payload (unitId, userId, contactIds, …). */
  nameOf(id: string): string | undefined;
  /** The unit a user belongs to, by user id. */
  unitOfUser(userId: string): string | undefined;
}

export function splitSubject(raw: string): { kind: string; id: string } {
  const i = raw.indexOf(':');
  return i < 0 ? { kind: raw, id: '' } : { kind: raw.slice(0, i), id: raw.slice(i + 1) };
}

const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

function payloadName(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as Record<string, unknown>;
  for (const k of ['title', 'name', 'caseNo', 'label', 'summary', 'username']) {
    if (typeof p[k] === 'string' && p[k]) return p[k] as string;
  }
  // An edit records the thing before and after (duty templates); a roster is its dates.
  const nested = payloadName(p.after) ?? payloadName(p.before);
  if (nested) return nested;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (typeof p.from === 'string' && typeof p.to === 'string' && day.test(p.from) && day.test(p.to))
    return `${p.from} 至 ${p.to}`;
  return undefined;
}

/**
 * Everything the given entries name, looked up in a handful of queries: items, users (with their units), units,
 * sections, channels and columns. Actors are users too (`actorIds`).
 */
export async function resolveNames(
  db: Executor,
  entries: readonly { subject: string; actorId: string; payload: unknown }[],
): Promise<Names> {
  const ids = (kind: string) => [
    ...new Set(entries.map((e) => splitSubject(e.subject)).flatMap((s) => (s.kind === kind ? [s.id] : []))),
  ];
  const userIds = new Set([...ids('user'), ...entries.map((e) => e.actorId)]);
  for (const e of entries) collectUserIds(e.payload, userIds);
  const [items, users, units, sections, channels, columns] = await Promise.all([
    itemsByIds(db, ids('item')),
    getUsersByIds(
      db,
      [...userIds].filter((id) => /^[0-9a-f-]{36}$/.test(id)),
    ),
    listUnits(db),
    Promise.all(ids('section').map((id) => getSection(db, id))),
    Promise.all(ids('channel').map((id) => getChannel(db, id))),
    Promise.all(ids('column').map((id) => getColumn(db, id))),
  ]);
  const itemTitle = new Map(items.map((i) => [i.id, i.title]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const named = new Map<string, string>();
  for (const s of sections) if (s) named.set(`section:${s.id}`, `${s.name}（${unitName.get(s.unitId) ?? ''}）`);
  for (const c of channels) if (c) named.set(`channel:${c.id}`, c.name);
  for (const c of columns) if (c) named.set(`column:${c.id}`, c.name);
  const person = (id: string) => {
    const u = users.get(id);
    if (!u) return undefined;
    const unit = unitName.get(u.unitId);
    return unit ? `${u.name}（${unit}）` : u.name;
  };
  return {
    nameOf: (id) => person(id) ?? unitName.get(id),
    unitOfUser: (id) => {
      const u = users.get(id);
      return u ? unitName.get(u.unitId) : undefined;
    },
    subject(raw, payload) {
      const { kind, id } = splitSubject(raw);
      const kindName = SUBJECT_KIND_NAME[kind] ?? kind;
      let name: string | undefined;
      if (kind === 'item') {
        const title = itemTitle.get(id) ?? payloadName(payload);
        const rev = (payload as { revision?: unknown } | null)?.revision;
        name = title && `《${title}》${typeof rev === 'number' ? `第 ${rev} 版` : ''}`;
      } else if (kind === 'user') name = person(id);
      else if (kind === 'unit') name = unitName.get(id);
      else if (kind === 'calendar') name = `${id} 年`;
      else name = named.get(raw);
      name ??= payloadName(payload);
      return { kind, kindName, id, name: name ?? (id ? `${kindName} ${shortId(id)}` : kindName) };
    },
  };
}

/** User ids a payload names under keys that hold people (userId, proposedBy, contactIds, …). */
function collectUserIds(payload: unknown, into: Set<string>): void {
  if (!payload || typeof payload !== 'object') return;
  for (const [k, v] of Object.entries(payload as Record<string, unknown>)) {
    if (!/(userId|UserId|proposedBy|contactIds|userIds|users)$/.test(k)) continue;
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') into.add(x);
  }
}
