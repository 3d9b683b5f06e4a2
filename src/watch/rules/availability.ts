// 首页可用性 (availability): one probe of the homepage (a probe failing after 15 s counts as a failure) and the
// failure share over the trailing week — warn at 3 %, veto risk at 5 % (INSPECTION.md, ≥ 20 probes a day). A live
// failed probe is re-checked at once (default 2 more, 30 s apart) and opens an incident only when every re-check
// fails too; an ok probe is an ok observation, which recovers the open incident.
import { type Clock, wait } from '../../platform/clock.ts';
import type { Fetcher, FetchResult } from '../fetch.ts';
import type { Observation } from '../observation.ts';
import { thresholdsOf, type ProbeRecord, type SiteSpec } from '../spec.ts';
import { availabilityVerdict } from '../verdict.ts';

export const PROBE_TIMEOUT_MS = 15_000;
const WEEK_MS = 7 * 86_400_000;

/** Probes the homepage once; the page itself is handed on so that the crawl does not fetch it again. */
export async function probeHomepage(
  fetcher: Fetcher,
  spec: SiteSpec,
  now: Date,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<{ probe: ProbeRecord; page: FetchResult }> {
  const page = await fetcher.fetch(spec.url, { timeoutMs });
  const probe: ProbeRecord = { at: now, ok: page.ok, ms: page.ms, status: page.status || undefined, error: page.error };
  return { probe, page };
}

export interface Confirmation {
  /** More checks after a failed probe (GONGKAI_WATCH_CONFIRM_CHECKS, default 2). */
  checks: number;
  /** Between them (GONGKAI_WATCH_CONFIRM_SECONDS, default 30 s). */
  intervalMs: number;
}

/**
 * 复核: after a failed probe, up to `checks` immediate re-checks `intervalMs` apart, stopping at the first that
 * answers. The outage is confirmed when every one failed (Uptime Kuma's retries; Alertmanager's `for:`). The waits
 * are on the caller's clock (a test's fixed clock moves on instead of sleeping).
 */
export async function recheck(
  fetcher: Fetcher,
  spec: SiteSpec,
  c: Confirmation,
  clock: Clock,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<ProbeRecord[]> {
  const out: ProbeRecord[] = [];
  for (let i = 0; i < c.checks; i++) {
    if (c.intervalMs > 0) await wait(clock, c.intervalMs);
    const page = await fetcher.fetch(spec.url, { timeoutMs });
    out.push({ at: clock.now(), ok: page.ok, ms: page.ms, status: page.status || undefined, error: page.error });
    if (page.ok) break;
  }
  return out;
}

/** The failure share over the 7 days before `now`, this probe included. */
export function failureShare(
  probe: ProbeRecord,
  history: ProbeRecord[],
  now: Date,
): { failures: number; total: number; share: number } {
  const window = history.filter((p) => p.at.getTime() > now.getTime() - WEEK_MS && p.at.getTime() < probe.at.getTime());
  window.push(probe);
  const failures = window.filter((p) => !p.ok).length;
  return { failures, total: window.length, share: failures / window.length };
}

/** `rechecks`: the re-checks made after a failed probe; a failure opens an incident only when all of them failed too
 *  (none made — the CLI's single run — counts as confirmed). */
export function judgeAvailability(
  spec: SiteSpec,
  probe: ProbeRecord,
  history: ProbeRecord[],
  now: Date,
  rechecks: ProbeRecord[] = [],
): Observation[] {
  const { failures, total } = failureShare(probe, history, now);
  const prior = { failures: failures - (probe.ok ? 0 : 1), total: total - 1 };
  return judgeAvailabilityOn(spec, probe, prior, now, rechecks);
}

/** The same judgement from the counts of the week's earlier probes (the scheduler counts them in the database). */
export function judgeAvailabilityOn(
  spec: SiteSpec,
  probe: ProbeRecord,
  prior: { failures: number; total: number },
  now: Date,
  rechecks: ProbeRecord[] = [],
): Observation[] {
  const t = thresholdsOf(spec);
  const failures = prior.failures + (probe.ok ? 0 : 1);
  const total = prior.total + 1;
  // The one verdict of the share (src/watch/verdict.ts), as the overview and the site page give it.
  const share = availabilityVerdict({ failures, total }, t, t.availabilityMinProbes);
  const level = !probe.ok && share.level === 'ok' ? 'warning' : share.level;
  const shareText = share.text;
  const confirmed = !probe.ok && rechecks.every((p) => !p.ok);
  const why = `首页无法访问：${probe.error ?? `HTTP ${probe.status}`}`;
  const summary = probe.ok
    ? `首页可访问（${probe.ms} 毫秒）；${shareText}`
    : confirmed
      ? `${why}${rechecks.length ? `，复核 ${rechecks.length} 次仍无法访问` : ''}；${shareText}`
      : `${why}，复核时恢复访问（未开启事件）；${shareText}`;
  return [
    {
      monitor: 'availability',
      target: { kind: 'site', siteId: spec.id },
      rule: 'homepage-unreachable',
      level,
      incident: confirmed,
      summary,
      details: {
        url: spec.url,
        ok: probe.ok,
        status: probe.status,
        ms: probe.ms,
        error: probe.error,
        failures,
        total,
        share: share.percent / 100,
        slow: probe.ms > 3000,
        ...(rechecks.length ? { rechecks: rechecks.map((p) => ({ ok: p.ok, status: p.status, error: p.error })) } : {}),
      },
      observedAt: now,
    },
  ];
}
