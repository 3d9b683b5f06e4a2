// 季度检查 self-report of a unit for a quarter: each of its websites and new-media accounts in the State Council's
// indicator form (quarterly-model.ts), the facts read through src/watch's service (weekly availability shares from
// its probes and day roll-ups, the incidents that overlapped the quarter, the latest statuses); exported as .xlsx and
// .docx. A read: nothing is recorded. Who: src/org/policy/oversight.ts canViewQuarterly.
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canViewQuarterly } from '../org/policy/oversight.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import { listUnits } from '../org/service.ts';
import { invalid, notFound } from '../platform/errors.ts';
import {
  availabilityShare,
  getSiteDetail,
  INCIDENT_STATE_NAME,
  type IncidentView,
  listIncidentViews,
  listWatchTargets,
} from '../watch/service.ts';
import { PLATFORM_NAME, SITE_KIND_NAME } from '../watch/model.ts';
import {
  type IncidentFact,
  judgeAccount,
  judgeSite,
  quarterDays,
  type Verdict,
  type WeekShare,
} from './quarterly-model.ts';
import { beijingDateTime, beijingDayRange } from './time.ts';

export interface QuarterlyTarget extends Verdict {
  kind: 'website' | 'newmedia';
  id: string;
  name: string;
  kindName: string; // 门户网站 / 子站 / 微信公众号 …
  address: string;
}

export interface QuarterlyReport {
  unitId: string;
  unitName: string;
  quarter: string;
  from: string;
  to: string;
  asOf: string;
  targets: QuarterlyTarget[];
}

const WEEK_MS = 7 * 86400000;

const factOf = (i: IncidentView): IncidentFact => ({
  id: i.id,
  rule: i.rule,
  level: i.level,
  summary: i.summary,
  details: i.details,
  openedAt: i.openedAt,
  lastObservedAt: i.lastObservedAt,
  stateName: INCIDENT_STATE_NAME[i.state],
});

/** Incidents that were open at some moment of [from, to). */
const overlapping = (list: IncidentView[], from: string, to: string) =>
  list.filter((i) => i.openedAt < to && i.lastObservedAt >= from).map(factOf);

/** The trailing 7-day shares at each week's end in the quarter (and at its end), from the probes and day roll-ups. */
async function weeksOf(deps: Deps, siteId: string, from: string, to: string): Promise<WeekShare[]> {
  const ends: number[] = [];
  for (let t = Date.parse(from) + WEEK_MS; t < Date.parse(to); t += WEEK_MS) ends.push(t);
  ends.push(Date.parse(to));
  const shares = await Promise.all(ends.map((t) => availabilityShare(deps, siteId, new Date(t - 1))));
  return shares.map((s) => ({ to: s.to, total: s.total, level: s.level, text: s.text }));
}

export async function quarterlyReport(
  deps: Deps,
  actor: Actor,
  q: { unitId: string; quarter: string },
): Promise<QuarterlyReport> {
  const days = quarterDays(q.quarter);
  if (!days) throw invalid('quarter', `季度「${q.quarter}」不正确，应为 2026Q1 这样的写法`);
  assertAllowed(canViewQuarterly(actor, q.unitId));
  const unit = (await listUnits(deps.db)).find((u) => u.id === q.unitId);
  if (!unit) throw notFound('单位');
  const range = beijingDayRange(days.from, days.to) as { from: string; to: string };
  const to = new Date(Math.min(deps.clock.now().getTime() + 1, Date.parse(range.to))).toISOString();
  if (to <= range.from) throw invalid('quarter', `${q.quarter} 尚未开始，没有可自查的数据`);
  const asOf = beijingDateTime(new Date(Date.parse(to) - 1).toISOString()).slice(0, 10);
  const { sites, accounts } = await listWatchTargets(deps, (s) => s.unitId === q.unitId);
  const siteTargets = await Promise.all(
    sites.map(async (site): Promise<QuarterlyTarget> => {
      const [weeks, incidents, detail] = await Promise.all([
        weeksOf(deps, site.id, range.from, to),
        listIncidentViews(deps, actor, { siteId: site.id, limit: 5000 }, 5000),
        getSiteDetail(deps, actor, site.id),
      ]);
      const newestOf = (columnId: string) => detail.statuses.find((s) => s.targetKey === `column:${columnId}`);
      const interactionColumns = site.columns
        .filter((c) => c.active && c.kind === '互动')
        .map((c) => {
          const s = newestOf(c.id);
          const newest = typeof s?.details.newest === 'string' ? s.details.newest : undefined;
          return { name: c.name, newest, observedAt: s?.observedAt };
        });
      const verdict = judgeSite({
        weeks,
        incidents: overlapping(incidents, range.from, to),
        statuses: detail.statuses.filter((s) => s.observedAt >= range.from && s.observedAt < to),
        interactionColumns,
        asOf,
      });
      return {
        kind: 'website',
        id: site.id,
        name: site.name,
        kindName: SITE_KIND_NAME[site.kind],
        address: site.url,
        ...verdict,
      };
    }),
  );
  const accountTargets = await Promise.all(
    accounts
      .filter((a) => a.unitId === q.unitId && a.active)
      .map(async (a): Promise<QuarterlyTarget> => {
        const incidents = await listIncidentViews(deps, actor, { accountId: a.id, limit: 5000 }, 5000);
        const verdict = judgeAccount({
          incidents: overlapping(incidents, range.from, to),
          statuses: [],
          lastPostOn: a.lastPostOn,
          asOf,
        });
        return {
          kind: 'newmedia',
          id: a.id,
          name: a.name,
          kindName: PLATFORM_NAME[a.platform],
          address: a.url ?? '',
          ...verdict,
        };
      }),
  );
  return {
    unitId: unit.id,
    unitName: unit.name,
    quarter: q.quarter,
    from: days.from,
    to: days.to,
    asOf,
    targets: [...siteTargets, ...accountTargets],
  };
}
