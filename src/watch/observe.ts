// What the monitors hand in: observations (stored as the latest status, and acted on — an incident opened, added to
// or recovered), availability probes (for the trailing 7-day failure share) and monitor runs. Called by the
// scheduler's jobs as the system; one transaction per call.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Executor } from '../platform/db/types.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { alert, queueRecovery, type Subject } from './alerts.ts';
import { loadAccount, loadSite, record, shanghaiDay } from './context.ts';
import { accountLevel } from './levels.ts';
import {
  effectOf,
  mediumOf,
  type MonitorKind,
  type Observation,
  PLATFORM_NAME,
  targetKey,
  transition,
  type WatchLevel,
  worse,
} from './model.ts';
import * as store from './store.ts';
import * as incidents from './store-incidents.ts';
import * as probeDays from './store-probe-days.ts';
import * as runs from './store-runs.ts';
import { availabilityVerdict, type ShownLevel } from './verdict.ts';

type D = Pick<Deps, 'db' | 'clock' | 'config'>;

/** The site or the account a monitor run looked at. */
export type WatchSubject = { siteId: string } | { accountId: string };

export interface RunInfo {
  /** Recorded even when the run produced no observation (e.g. it failed before judging anything). */
  monitor?: MonitorKind;
  startedAt?: Date;
  durationMs?: number;
  error?: string;
}

export interface RecordResult {
  opened: string[];
  appended: string[];
  recovered: string[];
}

interface Owner {
  unitId: string;
  siteId: string | null;
  accountId: string | null;
  subject: Subject;
}

async function ownerOf(db: Executor, s: WatchSubject): Promise<Owner> {
  if ('siteId' in s) {
    const site = await loadSite(db, s.siteId);
    return { unitId: site.unitId, siteId: site.id, accountId: null, subject: { name: site.name, url: site.url } };
  }
  const a = await loadAccount(db, s.accountId);
  return {
    unitId: a.unitId,
    siteId: null,
    accountId: a.id,
    subject: { name: `${PLATFORM_NAME[a.platform]}「${a.name}」`, url: a.url },
  };
}

function checkTargets(owner: Owner, observations: readonly Observation[]): void {
  observations.forEach((o, i) => {
    const t = o.target;
    const mine = t.kind === 'account' ? t.accountId === owner.accountId : t.siteId === owner.siteId;
    if (!mine) throw invalid(`observations.${i}.target`, '监测结果的对象不属于本次监测的网站或账号');
  });
}

/** A lost race on "one open incident per monitor and target" (or a deadlock the engine broke): run the whole
 *  call again. */
function isRetryable(err: unknown): boolean {
  const code = String((err as { code?: unknown })?.code ?? '');
  return (
    code === '23505'
    || code === '40P01'
    || code === '40001'
    || code.startsWith('SQLITE_CONSTRAINT_UNIQUE')
    || code === 'SQLITE_BUSY'
  );
}

export async function withRetry<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !isRetryable(err)) throw err;
    }
  }
}

async function openIncident(tx: Executor, owner: Owner, o: Observation, now: Date, publicUrl: string): Promise<string> {
  const at = o.observedAt.toISOString();
  const i: incidents.Incident = {
    id: randomUUID(),
    monitor: o.monitor,
    targetKey: targetKey(o.target),
    target: o.target,
    rule: o.rule,
    siteId: owner.siteId,
    accountId: owner.accountId,
    unitId: owner.unitId,
    medium: mediumOf(o.target),
    level: o.level,
    summary: o.summary,
    details: o.details,
    state: 'found',
    openedAt: at,
    lastObservedAt: at,
    observations: 1,
    escalations: 0,
    escalatedAt: null,
    version: 1,
  };
  await incidents.insertIncident(tx, i);
  const step = (kind: incidents.Step['kind'], note: string) =>
    incidents.insertStep(tx, {
      id: randomUUID(),
      incidentId: i.id,
      kind,
      at: now.toISOString(),
      actorId: 'system',
      actorName: '系统',
      note,
    });
  await step('found', o.summary);
  const payload = {
    incidentId: i.id,
    monitor: i.monitor,
    rule: i.rule,
    level: i.level,
    target: i.targetKey,
    summary: i.summary,
  };
  await record(tx, null, i.unitId, 'watch.incident_open', `watchIncident:${i.id}`, payload, now);
  const sent = await alert(tx, i, owner.subject, 'open', now, publicUrl);
  if (sent.length === 0) return i.id; // nobody to tell: stays 发现, and the escalation job takes it up
  const next = transition(i.state, 'notify') as 'notified';
  await incidents.updateIncident(tx, i, { state: next });
  const people = [...new Set(sent.filter((d) => d.channel === 'inapp').map((d) => d.label))];
  const robots = sent.filter((d) => d.channel !== 'inapp' && d.channel !== 'email').length;
  await step('notified', `已通知：${people.join('、') || '（无人员）'}${robots ? `；通知机器人 ${robots} 个` : ''}`);
  await record(
    tx,
    null,
    i.unitId,
    'watch.incident_notify',
    `watchIncident:${i.id}`,
    { incidentId: i.id, people, robots, deliveries: sent.length },
    now,
  );
  return i.id;
}

/**
 * 抖动 (flapping): a confirmed outage within GONGKAI_WATCH_FLAP_MINUTES of the same target's automatic recovery
 * reopens that incident — the people told of it are not told again, its held 恢复 notice is cancelled — instead of
 * opening another one. Returns the incident reopened, if any.
 */
async function reopenFlapping(tx: Executor, deps: D, key: string, o: Observation, now: Date): Promise<string | null> {
  const since = new Date(now.getTime() - deps.config.watchFlapMinutes * 60000).toISOString();
  const last = await incidents.findRecentlyRecovered(tx, o.monitor, key, since);
  if (!last) return null;
  const told = await incidents.listDeliveries(tx, last.id);
  // The all-clear went out already: a new incident.
  if (told.some((d) => d.reason === 'recover' && d.state === 'sent')) return null;
  const next = transition(last.state, 'reopen');
  if (next instanceof AppError) return null;
  const reopened = {
    state: next,
    level: worse(last.level, o.level),
    summary: o.summary,
    details: o.details,
    observations: last.observations + 1,
    lastObservedAt: o.observedAt.toISOString(),
  };
  if (!(await incidents.updateIncident(tx, last, reopened))) return null;
  await incidents.skipPending(tx, last.id, 'recover');
  const note = `恢复后 ${deps.config.watchFlapMinutes} 分钟内再次发生（抖动），并入本事件：${o.summary}`;
  await incidents.insertStep(tx, {
    id: randomUUID(),
    incidentId: last.id,
    kind: 'found',
    at: now.toISOString(),
    actorId: 'system',
    actorName: '系统',
    note,
  });
  const payload = { incidentId: last.id, summary: o.summary };
  await record(tx, null, last.unitId, 'watch.incident_reopen', `watchIncident:${last.id}`, payload, now);
  return last.id;
}

/**
 * Stores one monitor run's observations over a site or an account, in one transaction: the latest status per
 * monitor/target/rule; an incident opened (incident:true or veto) or added to when one is open for the monitor and
 * target; an availability incident recovered by an 'ok' availability observation; and a run record per monitor.
 */
export async function recordObservations(
  deps: D,
  subject: WatchSubject,
  observations: readonly Observation[],
  run: RunInfo = {},
): Promise<RecordResult> {
  const sorted = [...observations].sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  return withRetry(() =>
    deps.db.transaction().execute(async (tx) => {
      const owner = await ownerOf(tx, subject);
      checkTargets(owner, sorted);
      const now = deps.clock.now();
      const result: RecordResult = { opened: [], appended: [], recovered: [] };
      for (const o of sorted) {
        const key = targetKey(o.target);
        await runs.upsertStatus(tx, {
          monitor: o.monitor,
          targetKey: key,
          rule: o.rule,
          siteId: owner.siteId,
          accountId: owner.accountId,
          level: o.level,
          summary: o.summary,
          details: o.details,
          observedAt: o.observedAt.toISOString(),
        });
        const open = await incidents.findOpen(tx, o.monitor, key);
        const effect = effectOf(o, !!open);
        const flapping = effect === 'open' && o.monitor === 'availability';
        const flapped = flapping ? await reopenFlapping(tx, deps, key, o, now) : null;
        if (flapped) result.appended.push(flapped);
        else if (effect === 'open') result.opened.push(await openIncident(tx, owner, o, now, deps.config.publicUrl));
        if (effect === 'append' && open) {
          const level: WatchLevel = worse(open.level, o.level);
          await incidents.updateIncident(tx, open, {
            level,
            summary: o.summary,
            details: o.details,
            observations: open.observations + 1,
            lastObservedAt: o.observedAt.toISOString(),
          });
          result.appended.push(open.id);
        }
        if (effect === 'recover' && open) {
          const next = transition(open.state, 'recover');
          if (next instanceof AppError) throw next;
          await incidents.updateIncident(tx, open, { state: next, lastObservedAt: o.observedAt.toISOString() });
          await incidents.insertStep(tx, {
            id: randomUUID(),
            incidentId: open.id,
            kind: 'recovered',
            at: now.toISOString(),
            actorId: 'system',
            actorName: '系统',
            note: `自动恢复：${o.summary}`,
          });
          await record(
            tx,
            null,
            open.unitId,
            'watch.incident_recover',
            `watchIncident:${open.id}`,
            { incidentId: open.id, automatic: true, summary: o.summary },
            now,
          );
          // The 恢复 notice waits out the 抖动 window: failing again in it reopens this incident and cancels the notice.
          const due = new Date(now.getTime() + deps.config.watchFlapMinutes * 60000);
          await queueRecovery(tx, open, owner.subject, now, due, deps.config.publicUrl);
          result.recovered.push(open.id);
        }
      }
      const monitors = new Set<MonitorKind>(sorted.map((o) => o.monitor));
      if (run.monitor) monitors.add(run.monitor);
      for (const monitor of monitors) {
        await runs.insertRun(tx, {
          id: randomUUID(),
          monitor,
          siteId: owner.siteId,
          accountId: owner.accountId,
          startedAt: (run.startedAt ?? now).toISOString(),
          durationMs: run.durationMs ?? 0,
          outcome: run.error ? 'failed' : 'ok',
          observations: sorted.filter((o) => o.monitor === monitor).length,
          error: run.error?.slice(0, 500) ?? null,
        });
      }
      return result;
    }),
  );
}

export interface ProbeInput {
  at: Date;
  ok: boolean;
  ms: number;
  statusCode?: number | null;
  error?: string | null;
}

/** One availability probe of the site's homepage (≥ 20 a day, 15 s timeout: INSPECTION.md). */
export async function recordProbe(deps: D, siteId: string, p: ProbeInput): Promise<void> {
  await loadSite(deps.db, siteId);
  await runs.insertProbe(deps.db, randomUUID(), siteId, {
    at: p.at.toISOString(),
    ok: p.ok,
    ms: p.ms,
    statusCode: p.statusCode ?? null,
    error: p.error?.slice(0, 500) ?? null,
  });
}

export interface AvailabilityShare {
  from: string;
  to: string;
  total: number;
  failures: number;
  /** Failure share in percent (0 with no probe). */
  percent: number;
  /** The one verdict (verdict.ts); 未检测 with no probe yet. */
  level: ShownLevel;
  /** e.g. 近 7 天探测 10 次，失败 1 次（10.0%；不足 20 次，暂不判定否决） */
  text: string;
}

/** The trailing 7-day failure share of the site's homepage probes, against its warning and veto lines. */
export async function availabilityShare(deps: Pick<Deps, 'db'>, siteId: string, now: Date): Promise<AvailabilityShare> {
  const site = await loadSite(deps.db, siteId);
  const from = new Date(now.getTime() - 7 * 86400000).toISOString();
  const to = new Date(now.getTime() + 1).toISOString();
  const c = (await probeDays.countProbes(deps.db, [siteId], from, to)).get(siteId) ?? { total: 0, failures: 0 };
  const v = availabilityVerdict(c, site.thresholds);
  return {
    from,
    to: now.toISOString(),
    total: v.total,
    failures: v.failures,
    percent: v.percent,
    level: v.total ? v.level : 'unchecked',
    text: v.text,
  };
}

/**
 * 僵尸号 check of the accounts without a feed, from the last-post date the duty officer entered: a daily job. Two
 * weeks without a post is the veto line (an incident); day 10 warns.
 */
export async function checkAccounts(deps: D, now: Date): Promise<RecordResult> {
  const out: RecordResult = { opened: [], appended: [], recovered: [] };
  for (const a of (await store.listAccounts(deps.db, 'all')).filter((x) => !x.url)) {
    const { level, days } = accountLevel(a.lastPostOn, shanghaiDay(now));
    const summary =
      days === null
        ? '尚未登记最近发布日期'
        : level === 'ok'
          ? `${days} 天前有更新`
          : `已 ${days} 天未更新（两周未更新即为单项否决）`;
    const r = await recordObservations(
      deps,
      { accountId: a.id },
      [
        {
          monitor: 'freshness',
          target: { kind: 'account', accountId: a.id },
          rule: 'account-dormant',
          level,
          incident: false,
          summary,
          details: { lastPostOn: a.lastPostOn, days },
          observedAt: now,
        },
      ],
      { monitor: 'freshness', startedAt: now },
    );
    out.opened.push(...r.opened);
    out.appended.push(...r.appended);
  }
  return out;
}
