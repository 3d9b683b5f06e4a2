// 异常事件处置: the list and the detail (steps and deliveries), the people's steps 处理中 → 已恢复 → 已关闭 with their
// notes, and the escalation job for incidents nobody took up in time (DOMAIN §4.4-4.5).
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canHandleIncident, canUseWatch, canViewWatch, watchScope } from '../org/policy/watch.ts';
import { assertAllowed, isAllowed } from '../org/policy/verdict.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, conflict, invalid, notFound } from '../platform/errors.ts';
import { alert, queueRecovery, type Subject } from './alerts.ts';
import { record } from './context.ts';
import { type IncidentState, isLate, isOverdue, type MonitorKind, PLATFORM_NAME, transition } from './model.ts';
import * as store from './store.ts';
import * as incidents from './store-incidents.ts';

type D = Pick<Deps, 'db' | 'clock' | 'config'>;

/** overdue: 超时未接手 by the unit's own escalation time (ackMinutes). */
export type IncidentView = incidents.Incident & { subject: Subject; overdue: boolean };

export interface IncidentDetail {
  incident: IncidentView;
  steps: incidents.Step[];
  deliveries: Omit<incidents.Delivery, 'payload' | 'target' | 'refId'>[];
  abilities: { canHandle: boolean; canRecover: boolean; canClose: boolean };
}

type Subjects = Awaited<ReturnType<typeof store.getSubjects>>;

function nameSubject(i: incidents.Incident, of: Subjects): Subject {
  if (i.siteId) {
    const site = of.sites.get(i.siteId);
    const page = i.target.kind === 'page' ? i.target.url : null;
    const column = i.target.kind === 'column' ? of.columns.get(i.target.columnId) : undefined;
    return {
      name: `${site?.name ?? ''}${column ? `「${column.name}」栏目` : ''}`,
      url: page ?? column?.url ?? site?.url ?? null,
    };
  }
  const a = i.accountId ? of.accounts.get(i.accountId) : undefined;
  return { name: a ? `${PLATFORM_NAME[a.platform]}「${a.name}」` : '', url: a?.url ?? null };
}

async function subjectOf(db: Executor, i: incidents.Incident): Promise<Subject> {
  const column = i.siteId && i.target.kind === 'column' ? [i.target.columnId] : [];
  const of = await store.getSubjects(db, {
    siteIds: i.siteId ? [i.siteId] : [],
    columnIds: column,
    accountIds: !i.siteId && i.accountId ? [i.accountId] : [],
  });
  return nameSubject(i, of);
}

/** The list's and the detail's view: the subject's name and the overdue flag, by each unit's own escalation time. */
async function viewsOf(deps: Pick<Deps, 'db' | 'clock'>, list: incidents.Incident[]): Promise<IncidentView[]> {
  const now = deps.clock.now();
  const ackMinutes = new Map<string, number>();
  for (const unitId of new Set(list.map((i) => i.unitId)))
    ackMinutes.set(unitId, (await store.getUnitSettings(deps.db, unitId)).ackMinutes);
  const ids = (pick: (i: incidents.Incident) => string | null | undefined) => [
    ...new Set(list.map(pick).filter((x): x is string => !!x)),
  ];
  const subjects = await store.getSubjects(deps.db, {
    siteIds: ids((i) => i.siteId),
    columnIds: ids((i) => (i.siteId && i.target.kind === 'column' ? i.target.columnId : null)),
    accountIds: ids((i) => (i.siteId ? null : i.accountId)),
  });
  return list.map((i) => ({
    ...i,
    subject: nameSubject(i, subjects),
    overdue: isLate(i, ackMinutes.get(i.unitId)!, now),
  }));
}

async function loadIncident(db: Executor, id: string): Promise<incidents.Incident> {
  const i = await incidents.getIncident(db, id);
  if (!i) throw notFound('异常事件');
  return i;
}

export async function getIncidentDetail(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  id: string,
): Promise<IncidentDetail> {
  const i = await loadIncident(deps.db, id);
  assertAllowed(canViewWatch(actor, i.unitId));
  const [[view], steps, deliveries] = await Promise.all([
    viewsOf(deps, [i]),
    incidents.listSteps(deps.db, id),
    incidents.listDeliveries(deps.db, id),
  ]);
  const may = isAllowed(canHandleIncident(actor, i));
  const can = (e: 'handle' | 'recover' | 'close') => may && !(transition(i.state, e) instanceof AppError);
  return {
    incident: view,
    steps,
    deliveries: deliveries.map(({ payload: _p, target: _t, refId: _r, ...d }) => d),
    abilities: { canHandle: can('handle'), canRecover: can('recover'), canClose: can('close') },
  };
}

export interface IncidentQuery {
  unitId?: string;
  states?: IncidentState[];
  monitor?: MonitorKind;
  siteId?: string;
  accountId?: string;
  limit?: number;
}

/** `cap`: the most a caller may ask for (the screen's list 500; the 登记表 export more). */
export async function listIncidentViews(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  q: IncidentQuery,
  cap = 500,
): Promise<IncidentView[]> {
  assertAllowed(canUseWatch(actor));
  if (q.unitId) assertAllowed(canViewWatch(actor, q.unitId));
  const list = await incidents.listIncidents(deps.db, {
    unitIds: q.unitId ? [q.unitId] : watchScope(actor),
    states: q.states,
    monitor: q.monitor,
    siteId: q.siteId,
    accountId: q.accountId,
    limit: Math.min(q.limit ?? 100, cap),
  });
  return viewsOf(deps, list);
}

export type IncidentRecord = IncidentView & {
  steps: incidents.Step[];
  told: { label: string; channel: incidents.Delivery['channel'] }[];
};

/**
 * 异常情况登记 (DOMAIN §4.5: found when, by whom, what, who was told, what was done, when it recovered): the incidents
 * the list would show, each with its steps and the people and robots told, in three queries.
 */
export async function listIncidentRecords(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  q: IncidentQuery,
): Promise<IncidentRecord[]> {
  const views = await listIncidentViews(deps, actor, { ...q, limit: q.limit ?? 5000 }, 5000);
  const ids = views.map((v) => v.id);
  const [steps, deliveries] = await Promise.all([
    incidents.listStepsOf(deps.db, ids),
    incidents.listDeliveriesOf(deps.db, ids),
  ]);
  const byIncident = <T extends { incidentId: string }>(rows: T[]) => {
    const out = new Map<string, T[]>(); // Map.groupBy needs node 21
    for (const r of rows) {
      const list = out.get(r.incidentId);
      if (list) list.push(r);
      else out.set(r.incidentId, [r]);
    }
    return out;
  };
  const stepsOf = byIncident(steps);
  const toldOf = byIncident(deliveries);
  return views.map((v) => ({
    ...v,
    steps: stepsOf.get(v.id) ?? [],
    told: (toldOf.get(v.id) ?? []).map((d) => ({ label: d.label, channel: d.channel })),
  }));
}

const ACTION = {
  handle: 'watch.incident_handle',
  recover: 'watch.incident_recover',
  close: 'watch.incident_close',
} as const;
const STEP = { handle: 'handling', recover: 'recovered', close: 'closed' } as const;

/** 处理中 (acknowledge, with what is being done), 已恢复 (confirmed back to normal), 已关闭 (only after recovery). */
export async function moveIncident(
  deps: D,
  actor: Actor,
  id: string,
  event: 'handle' | 'recover' | 'close',
  note: string,
): Promise<IncidentDetail> {
  const text = note.trim();
  if (!text)
    throw invalid(
      'note',
      event === 'handle'
        ? '请填写处置情况（如已联系平台运维）'
        : event === 'recover'
          ? '请填写恢复情况'
          : '请填写关闭说明',
    );
  await deps.db.transaction().execute(async (tx) => {
    const i = await loadIncident(tx, id);
    assertAllowed(canHandleIncident(actor, i));
    const next = transition(i.state, event);
    if (next instanceof AppError) throw next;
    if (!(await incidents.updateIncident(tx, i, { state: next }))) throw conflict('RACE', '事件已被他人处理，请刷新');
    const now = deps.clock.now();
    await incidents.insertStep(tx, {
      id: randomUUID(),
      incidentId: id,
      kind: STEP[event],
      at: now.toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      note: text,
    });
    await record(
      tx,
      actor,
      i.unitId,
      ACTION[event],
      `watchIncident:${id}`,
      { incidentId: id, from: i.state, to: next, note: text },
      now,
    );
    // 恢复 notices: at once when a person recovers it; a held automatic one goes out when it is closed.
    if (event === 'recover') await queueRecovery(tx, i, await subjectOf(tx, i), now, now, deps.config.publicUrl);
    if (event === 'close') await incidents.releaseRecovery(tx, id, now.toISOString());
  });
  return getIncidentDetail(deps, actor, id);
}

/**
 * 升级: each incident still 发现/已通知 ackMinutes (the unit's setting) after it opened is told once more to the duty
 * leader and the e-gov center. Called by the scheduler; safe to run on several nodes at once (the version guard).
 */
export async function escalateOverdue(deps: D, now: Date): Promise<string[]> {
  const candidates = await incidents.listUnacknowledged(deps.db, new Date(now.getTime() - 5 * 60000).toISOString());
  const done: string[] = [];
  for (const c of candidates) {
    const escalated = await deps.db.transaction().execute(async (tx) => {
      const i = await incidents.getIncident(tx, c.id);
      if (!i) return false;
      const { ackMinutes } = await store.getUnitSettings(tx, i.unitId);
      if (!isOverdue(i, ackMinutes, now) || transition(i.state, 'escalate') instanceof AppError) return false;
      if (!(await incidents.updateIncident(tx, i, { escalations: i.escalations + 1, escalatedAt: now.toISOString() })))
        return false;
      const sent = await alert(tx, i, await subjectOf(tx, i), 'escalate', now, deps.config.publicUrl);
      const people = [...new Set(sent.filter((d) => d.channel === 'inapp').map((d) => d.label))];
      await incidents.insertStep(tx, {
        id: randomUUID(),
        incidentId: i.id,
        kind: 'escalated',
        at: now.toISOString(),
        actorId: 'system',
        actorName: '系统',
        note: `${ackMinutes} 分钟内无人处理，已升级通知：${people.join('、') || '（无人员）'}`,
      });
      await record(
        tx,
        null,
        i.unitId,
        'watch.incident_escalate',
        `watchIncident:${i.id}`,
        { incidentId: i.id, ackMinutes, people, deliveries: sent.length },
        now,
      );
      return true;
    });
    if (escalated) done.push(c.id);
  }
  return done;
}
