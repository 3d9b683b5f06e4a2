// Kysely queries of incidents (异常事件), their steps and their notification deliveries.
import type { Selectable } from 'kysely';
import type { WatchDeliveriesTable, WatchIncidentsTable } from '../platform/db/tables/watch.ts';
import type { Executor } from '../platform/db/types.ts';
import type {
  DeliveryChannel,
  DeliveryReason,
  DeliveryState,
  IncidentState,
  MonitorKind,
  StepKind,
  WatchLevel,
  WatchTarget,
} from './model.ts';

export interface Incident {
  id: string;
  monitor: MonitorKind;
  targetKey: string;
  target: WatchTarget;
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

export interface Step {
  id: string;
  incidentId: string;
  kind: StepKind;
  at: string;
  actorId: string;
  actorName: string;
  note: string;
}

export interface Delivery {
  id: string;
  incidentId: string;
  reason: DeliveryReason;
  channel: DeliveryChannel;
  target: string;
  label: string;
  payload: string;
  refId: string | null;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

const toIncident = (r: Selectable<WatchIncidentsTable>): Incident => ({
  id: r.id,
  monitor: r.monitor as MonitorKind,
  targetKey: r.target_key,
  target: JSON.parse(r.target) as WatchTarget,
  rule: r.rule,
  siteId: r.site_id,
  accountId: r.account_id,
  unitId: r.unit_id,
  medium: r.medium as Incident['medium'],
  level: r.level as WatchLevel,
  summary: r.summary,
  details: JSON.parse(r.details) as Record<string, unknown>,
  state: r.state as IncidentState,
  openedAt: r.opened_at,
  lastObservedAt: r.last_observed_at,
  observations: Number(r.observations),
  escalations: Number(r.escalations),
  escalatedAt: r.escalated_at,
  version: Number(r.version),
});

const toDelivery = (r: Selectable<WatchDeliveriesTable>): Delivery => ({
  id: r.id,
  incidentId: r.incident_id,
  reason: r.reason as Delivery['reason'],
  channel: r.channel as DeliveryChannel,
  target: r.target,
  label: r.label,
  payload: r.payload,
  refId: r.ref_id,
  state: r.state as DeliveryState,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export const openKey = (monitor: string, targetKey: string) => `${monitor}|${targetKey}`;

export async function getIncident(db: Executor, id: string): Promise<Incident | null> {
  const row = await db.selectFrom('watch_incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toIncident(row) : null;
}

export async function findOpen(db: Executor, monitor: string, targetKey: string): Promise<Incident | null> {
  const row = await db
    .selectFrom('watch_incidents')
    .selectAll()
    .where('open_key', '=', openKey(monitor, targetKey))
    .executeTakeFirst();
  return row ? toIncident(row) : null;
}

/** The monitor+target's incident that recovered at or after `since` and is not closed: a 抖动 reopens it. */
export async function findRecentlyRecovered(
  db: Executor,
  monitor: string,
  targetKey: string,
  since: string,
): Promise<Incident | null> {
  const row = await db
    .selectFrom('watch_incidents')
    .selectAll()
    .where('monitor', '=', monitor)
    .where('target_key', '=', targetKey)
    .where('state', '=', 'recovered')
    .where('last_observed_at', '>=', since)
    .orderBy('last_observed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toIncident(row) : null;
}

/** Throws the engine's unique violation when another transaction opened the same monitor+target first. */
export async function insertIncident(db: Executor, i: Incident): Promise<void> {
  await db
    .insertInto('watch_incidents')
    .values({
      id: i.id,
      open_key: openKey(i.monitor, i.targetKey),
      monitor: i.monitor,
      target_key: i.targetKey,
      target: JSON.stringify(i.target),
      rule: i.rule,
      site_id: i.siteId,
      account_id: i.accountId,
      unit_id: i.unitId,
      medium: i.medium,
      level: i.level,
      summary: i.summary,
      details: JSON.stringify(i.details),
      state: i.state,
      opened_at: i.openedAt,
      last_observed_at: i.lastObservedAt,
      observations: i.observations,
      escalations: i.escalations,
      escalated_at: i.escalatedAt,
      version: i.version,
    })
    .execute();
}

/** Moves an incident from the state and version read; false when someone else moved it first. */
export async function updateIncident(db: Executor, before: Incident, next: Partial<Incident>): Promise<boolean> {
  const state = next.state ?? before.state;
  const stillOpen = state === 'found' || state === 'notified' || state === 'handling';
  const res = await db
    .updateTable('watch_incidents')
    .set({
      state,
      open_key: stillOpen ? openKey(before.monitor, before.targetKey) : null,
      level: next.level ?? before.level,
      summary: next.summary ?? before.summary,
      details: JSON.stringify(next.details ?? before.details),
      last_observed_at: next.lastObservedAt ?? before.lastObservedAt,
      observations: next.observations ?? before.observations,
      escalations: next.escalations ?? before.escalations,
      escalated_at: next.escalatedAt ?? before.escalatedAt,
      version: before.version + 1,
    })
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface IncidentFilter {
  unitIds: readonly string[] | 'all';
  states?: readonly IncidentState[];
  monitor?: MonitorKind;
  siteId?: string;
  accountId?: string;
  limit: number;
}

export async function listIncidents(db: Executor, f: IncidentFilter): Promise<Incident[]> {
  if (f.unitIds !== 'all' && f.unitIds.length === 0) return [];
  let q = db.selectFrom('watch_incidents').selectAll();
  if (f.unitIds !== 'all') q = q.where('unit_id', 'in', f.unitIds);
  if (f.states?.length) q = q.where('state', 'in', f.states);
  if (f.monitor) q = q.where('monitor', '=', f.monitor);
  if (f.siteId) q = q.where('site_id', '=', f.siteId);
  if (f.accountId) q = q.where('account_id', '=', f.accountId);
  return (await q.orderBy('opened_at', 'desc').orderBy('id').limit(f.limit).execute()).map(toIncident);
}

/** Unacknowledged incidents opened before `before` and not escalated yet: the escalation job's scan. */
export async function listUnacknowledged(db: Executor, before: string): Promise<Incident[]> {
  return (
    await db
      .selectFrom('watch_incidents')
      .selectAll()
      .where('state', 'in', ['found', 'notified'])
      .where('escalations', '=', 0)
      .where('opened_at', '<=', before)
      .orderBy('opened_at')
      .execute()
  ).map(toIncident);
}

/** Appends a step after the incident's last (the caller holds the incident's row through its version update). */
export async function insertStep(db: Executor, s: Step): Promise<void> {
  const last = await db
    .selectFrom('watch_incident_steps')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('incident_id', '=', s.incidentId)
    .executeTakeFirst();
  await db
    .insertInto('watch_incident_steps')
    .values({
      id: s.id,
      incident_id: s.incidentId,
      seq: Number(last?.seq ?? 0) + 1,
      kind: s.kind,
      at: s.at,
      actor_id: s.actorId,
      actor_name: s.actorName,
      note: s.note,
    })
    .execute();
}

export const listSteps = (db: Executor, incidentId: string): Promise<Step[]> => listStepsOf(db, [incidentId]);

/** The steps of several incidents in one query, each incident's in order. */
export async function listStepsOf(db: Executor, incidentIds: readonly string[]): Promise<Step[]> {
  if (!incidentIds.length) return [];
  const rows = await db
    .selectFrom('watch_incident_steps')
    .selectAll()
    .where('incident_id', 'in', [...incidentIds])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    incidentId: r.incident_id,
    kind: r.kind as StepKind,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    note: r.note,
  }));
}

export async function insertDeliveries(db: Executor, rows: Delivery[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('watch_deliveries')
    .values(
      rows.map((d) => ({
        id: d.id,
        incident_id: d.incidentId,
        reason: d.reason,
        channel: d.channel,
        target: d.target,
        label: d.label,
        payload: d.payload,
        ref_id: d.refId,
        state: d.state,
        attempts: d.attempts,
        next_attempt_at: d.nextAttemptAt,
        last_error: d.lastError,
        created_at: d.createdAt,
        sent_at: d.sentAt,
      })),
    )
    .execute();
}

export const listDeliveries = (db: Executor, incidentId: string): Promise<Delivery[]> =>
  listDeliveriesOf(db, [incidentId]);

/** The deliveries of several incidents in one query. */
export async function listDeliveriesOf(db: Executor, incidentIds: readonly string[]): Promise<Delivery[]> {
  if (!incidentIds.length) return [];
  return (
    await db
      .selectFrom('watch_deliveries')
      .selectAll()
      .where('incident_id', 'in', [...incidentIds])
      .orderBy('created_at')
      .orderBy('channel')
      .orderBy('id')
      .execute()
  ).map(toDelivery);
}

/** Pending deliveries whose time has come, oldest first: robots, in-app 恢复 notices and e-mails not yet handed
 *  to the outbox (ref_id null). */
export async function listDue(db: Executor, now: string, limit: number): Promise<Delivery[]> {
  return (
    await db
      .selectFrom('watch_deliveries')
      .selectAll()
      .where('state', '=', 'pending')
      .where('ref_id', 'is', null)
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute()
  ).map(toDelivery);
}

/** Takes a delivery for one attempt (attempts is its version): only one node sends it, however many run the job. */
export async function claimDelivery(db: Executor, d: Delivery, leaseUntil: string): Promise<boolean> {
  const res = await db
    .updateTable('watch_deliveries')
    .set({ attempts: d.attempts + 1, next_attempt_at: leaseUntil })
    .where('id', '=', d.id)
    .where('state', '=', 'pending')
    .where('attempts', '=', d.attempts)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function settleDelivery(
  db: Executor,
  id: string,
  s: {
    state: DeliveryState;
    attempts?: number;
    nextAttemptAt: string | null;
    lastError: string | null;
    sentAt: string | null;
    refId?: string;
  },
): Promise<void> {
  await db
    .updateTable('watch_deliveries')
    .set({
      state: s.state,
      next_attempt_at: s.nextAttemptAt,
      last_error: s.lastError,
      sent_at: s.sentAt,
      ...(s.attempts !== undefined ? { attempts: s.attempts } : {}),
      ...(s.refId ? { ref_id: s.refId } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Marks an incident's pending deliveries of `reason` as not to be sent (a 恢复 notice when the incident flaps back). */
export async function skipPending(db: Executor, incidentId: string, reason: DeliveryReason): Promise<void> {
  await db
    .updateTable('watch_deliveries')
    .set({ state: 'skipped', next_attempt_at: null })
    .where('incident_id', '=', incidentId)
    .where('reason', '=', reason)
    .where('state', '=', 'pending')
    .execute();
}

/** Makes an incident's held 恢复 notices due now (a person recovered or closed it: no need to wait for 抖动). */
export async function releaseRecovery(db: Executor, incidentId: string, now: string): Promise<void> {
  await db
    .updateTable('watch_deliveries')
    .set({ next_attempt_at: now })
    .where('incident_id', '=', incidentId)
    .where('reason', '=', 'recover')
    .where('state', '=', 'pending')
    .where('next_attempt_at', '>', now)
    .execute();
}

/** E-mail deliveries not known to be sent yet (their outbox message decides). */
export async function listUnsettledMail(db: Executor, limit: number): Promise<Delivery[]> {
  return (
    await db
      .selectFrom('watch_deliveries')
      .selectAll()
      .where('channel', '=', 'email')
      .where('state', 'in', ['pending', 'failed'])
      .where('ref_id', 'is not', null)
      .orderBy('created_at')
      .limit(limit)
      .execute()
  ).map(toDelivery);
}
