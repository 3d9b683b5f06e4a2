// 统计 from the 登记台账, entry by entry: every figure computed from ledger entries, keeping the sequence numbers of the
// entries it counts. The dashboard counts the same in SQL from the ledger's roll-up (stats.ts, facts.ts); these are the
// rules it is tested against (facts.test.ts). Pure: the entries, the calendar and the names come in.
import { type Calendar, toShanghaiDate, workingDaysBetween } from '../platform/calendar/model.ts';
import type { LedgerRow } from '../platform/ledger/model.ts';

export interface Entry {
  seq: number;
  at: string;
  action: string;
  subject: string;
  actorName: string;
  payload: Record<string, unknown>;
}

export const toEntry = (r: LedgerRow): Entry => {
  let payload: Record<string, unknown> = {};
  try {
    const p = JSON.parse(r.payload);
    if (p && typeof p === 'object' && !Array.isArray(p)) payload = p;
  } catch {
    // verify reports a row that is not JSON; it counts as an entry without details
  }
  return { seq: r.seq, at: r.at, action: r.action, subject: r.subject, actorName: r.actor_name, payload };
};

/** One counted thing: its key (a channel id, a level, a monitor…), its name, the count, and the entries behind it. */
export interface Count {
  key: string;
  label: string;
  count: number;
  seqs: number[];
}

export interface Durations {
  key: string;
  label: string;
  count: number;
  median: number | null;
  p90: number | null;
  seqs: number[];
}

/** Nearest-rank percentile (p in 0..100) of the values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/**
 * Median, 90th percentile (nearest rank, as `percentile`) and count of values given as [value, how many times]: the
 * grouped counts of the roll-up (stats.ts), without spelling every value out.
 */
export function spread(weighted: readonly (readonly [number, number])[]): {
  median: number | null;
  p90: number | null;
  count: number;
} {
  const sorted = [...weighted].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const count = sorted.reduce((s, [, n]) => s + n, 0);
  const at = (p: number) => {
    if (!count) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * count));
    let seen = 0;
    for (const [v, n] of sorted) {
      seen += n;
      if (seen >= rank) return v;
    }
    return null;
  };
  return { median: at(50), p90: at(90), count };
}

function countBy(entries: readonly Entry[], keyOf: (e: Entry) => string[], label: (key: string) => string): Count[] {
  const map = new Map<string, number[]>();
  for (const e of entries)
    for (const k of keyOf(e)) {
      const list = map.get(k) ?? [];
      list.push(e.seq);
      map.set(k, list);
    }
  return [...map]
    .map(([key, seqs]) => ({ key, label: label(key), count: seqs.length, seqs }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** The entries whose seq is in `seqs` (a Set: `includes` per entry was quadratic). */
const filterSeqs = (entries: readonly Entry[], seqs: readonly number[]) => {
  const wanted = new Set(seqs);
  return entries.filter((e) => wanted.has(e.seq));
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const inPeriod = (e: Entry, from: string, to: string) => e.at >= from && e.at < to;

/** 发布数量按渠道: each publish.publish entry counts once for each channel the item went out on. */
export function publishedByChannel(entries: readonly Entry[], channelName: (id: string) => string): Count[] {
  return countBy(
    entries.filter((e) => e.action === 'publish.publish'),
    (e) => {
      const channels = Array.isArray(e.payload.channels) ? e.payload.channels : [];
      const ids = channels.map((c) => str((c as { channelId?: unknown }).channelId)).filter(Boolean);
      return ids.length ? [...new Set(ids)] : [''];
    },
    (id) => (id ? channelName(id) : '（未登记渠道）'),
  );
}

// The stages an item waits in for someone's review; time there ends with the entry that moves it on.
export const REVIEW_STAGES = ['level1', 'level2', 'secrecy', 'referred', 'level3', 'level4'] as const;

/**
 * 各级审核用时（工作日）: for every entry in the period that moves an item out of a review stage, the working days
 * since the entry that moved it in (Asia/Shanghai dates, src/platform/calendar; the same day counts 0).
 * `history` holds every entry of those items, also from before the period.
 */
export function timeAtLevels(
  history: readonly Entry[],
  from: string,
  to: string,
  cal: Calendar,
  stageName: (stage: string) => string,
): Durations[] {
  const entered = new Map<string, Entry>(); // `${subject} ${stage}` → the entry that moved the item in
  const spans = new Map<string, { days: number[]; seqs: number[] }>();
  for (const e of [...history].sort((a, b) => a.seq - b.seq)) {
    const fromStage = str(e.payload.from);
    const toStage = str(e.payload.to);
    const start = entered.get(`${e.subject} ${fromStage}`);
    if (start && fromStage && inPeriod(e, from, to)) {
      const span = spans.get(fromStage) ?? { days: [], seqs: [] };
      span.days.push(workingDaysBetween(cal, toShanghaiDate(new Date(start.at)), toShanghaiDate(new Date(e.at))));
      span.seqs.push(e.seq);
      spans.set(fromStage, span);
    }
    if (fromStage) entered.delete(`${e.subject} ${fromStage}`);
    if (toStage) entered.set(`${e.subject} ${toStage}`, e);
  }
  return REVIEW_STAGES.filter((s) => spans.has(s)).map((s) => {
    const { days, seqs } = spans.get(s)!;
    return {
      key: s,
      label: stageName(s),
      count: days.length,
      median: percentile(days, 50),
      p90: percentile(days, 90),
      seqs,
    };
  });
}

export interface Returns {
  submitted: number;
  returned: number;
  share: number | null; // returned ÷ submitted, 0..1
  submittedSeqs: number[];
  byLevel: (Count & { reasons: { seq: number; text: string }[] })[];
}

/** 退回比例及原因: return decisions (a level's 退回修改, the secrecy office's 退回) against submissions, in the period. */
export function returns(entries: readonly Entry[], stageName: (stage: string) => string): Returns {
  const submits = entries.filter((e) => e.action === 'publish.submit');
  const back = entries.filter((e) => e.action === 'publish.return' || e.action === 'secrecy.return');
  const byLevel = countBy(back, (e) => [str(e.payload.from)], stageName).map((c) => ({
    ...c,
    reasons: filterSeqs(back, c.seqs).map((e) => ({
      seq: e.seq,
      text: str(e.payload.opinion) || str(e.payload.reason),
    })),
  }));
  return {
    submitted: submits.length,
    returned: back.length,
    share: submits.length ? back.length / submits.length : null,
    submittedSeqs: submits.map((e) => e.seq),
    byLevel,
  };
}

/** 保密审查按期办理: an opinion or referral is on time when given by its 办理期限 (dueOn, a Shanghai date). */
export function secrecyTimeliness(entries: readonly Entry[]): Count[] {
  const answered = entries.filter((e) => e.action === 'secrecy.opinion' || e.action === 'secrecy.refer');
  const late = (e: Entry) => Boolean(str(e.payload.dueOn)) && toShanghaiDate(new Date(e.at)) > str(e.payload.dueOn);
  const out = [
    { key: 'onTime', label: '按期', entries: answered.filter((e) => !late(e)) },
    { key: 'overdue', label: '超期', entries: answered.filter(late) },
  ];
  return out.map((o) => ({ key: o.key, label: o.label, count: o.entries.length, seqs: o.entries.map((e) => e.seq) }));
}

export const DISMISS_ACTIONS = ['publish.finding_dismiss', 'publish.finding_accept', 'secrecy.finding_dismiss'];

/** 智能校对发现的排除，按类别和排除人. */
export function dismissals(entries: readonly Entry[]): { byCategory: Count[]; byPerson: Count[] } {
  const dismissed = entries.filter((e) => DISMISS_ACTIONS.includes(e.action));
  return {
    byCategory: countBy(
      dismissed,
      (e) => [str(e.payload.category) || str(e.payload.rule) || '（未分类）'],
      (k) => k,
    ),
    byPerson: countBy(
      dismissed,
      (e) => [e.actorName],
      (k) => k,
    ),
  };
}

export interface IncidentTimes extends Count {
  toHandle: { median: number | null; p90: number | null; count: number };
  toClose: { median: number | null; p90: number | null; count: number };
}

/**
 * 读网值班异常事件按监测项: incidents opened in the period, with the minutes from 发现 to the first 处理中 (接手) and to
 * 已关闭. `history` holds the later entries of those incidents.
 */
export function incidentsByMonitor(
  history: readonly Entry[],
  from: string,
  to: string,
  monitorName: (m: string) => string,
): IncidentTimes[] {
  const opened = history.filter((e) => e.action === 'watch.incident_open' && inPeriod(e, from, to));
  // The first entry of each subject and action, indexed once (a filter per incident was quadratic in the history).
  const firstOf = new Map<string, Entry>();
  for (const e of history) {
    const key = `${e.subject} ${e.action}`;
    const seen = firstOf.get(key);
    if (!seen || e.seq < seen.seq) firstOf.set(key, e);
  }
  const first = (subject: string, action: string) => firstOf.get(`${subject} ${action}`);
  const minutes = (a: Entry, b: Entry | undefined) =>
    b ? Math.round((Date.parse(b.at) - Date.parse(a.at)) / 60000) : null;
  return countBy(opened, (e) => [str(e.payload.monitor) || '（未知）'], monitorName).map((c) => {
    const mine = filterSeqs(opened, c.seqs);
    const handle = mine.map((e) => minutes(e, first(e.subject, 'watch.incident_handle'))).filter((m) => m !== null);
    const close = mine.map((e) => minutes(e, first(e.subject, 'watch.incident_close'))).filter((m) => m !== null);
    return {
      ...c,
      toHandle: { median: percentile(handle, 50), p90: percentile(handle, 90), count: handle.length },
      toClose: { median: percentile(close, 50), p90: percentile(close, 90), count: close.length },
    };
  });
}

/** 值班签到: a check-in is on time when made by the shift's start (startsAt in the entry). */
export function checkIns(entries: readonly Entry[]): Count[] {
  const all = entries.filter((e) => e.action === 'duty.check_in');
  const late = (e: Entry) => Boolean(str(e.payload.startsAt)) && e.at > str(e.payload.startsAt);
  return [
    { key: 'onTime', label: '按时签到', list: all.filter((e) => !late(e)) },
    { key: 'late', label: '迟到签到', list: all.filter(late) },
  ].map((o) => ({ key: o.key, label: o.label, count: o.list.length, seqs: o.list.map((e) => e.seq) }));
}
