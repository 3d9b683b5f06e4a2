// The overview reads the columns' statuses as counts made in SQL (siteStatusFacts) instead of one row each with its
// JSON: for any random history of statuses (every monitor, rule and level, details of every shape the freshness rule
// writes and some it does not, columns of key and other kinds, some no longer active) and probes, each site's verdict,
// lines and last check equal what the earlier computation gives — every status read with its details and judged in
// JavaScript (siteLines over listStatuses and listColumns). On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { STATUS_DETAILS as DETAILS, watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import { COLUMN_KINDS, type MonitorKind } from './model.ts';
import { siteLines } from './levels.ts';
import { addColumn, addSite, overview } from './service.ts';
import * as store from './store.ts';
import { countProbes } from './store-probe-days.ts';
import { insertProbes, listStatuses, upsertStatus } from './store-runs.ts';
import { shownWorst } from './verdict.ts';

let w: WatchWorld;
before(async () => {
  w = await watchWorld();
});
after(() => w.deps.close());

const RULES: [MonitorKind, string][] = [
  ['availability', 'homepage-unreachable'],
  ['freshness', 'homepage-stale'],
  ['freshness', 'stale-columns'],
  ['links', 'dead-links'],
  ['integrity', 'hidden-link'],
  ['content', 'text-mismatch'],
];

/** The overview's site lines as computed before siteStatusFacts: every status with its details, judged in JS. */
async function earlier(siteIds: string[], now: Date) {
  const [probes, statuses, columns] = await Promise.all([
    countProbes(
      w.deps.db,
      siteIds,
      new Date(now.getTime() - 7 * 86_400_000).toISOString(),
      new Date(now.getTime() + 1).toISOString(),
    ),
    listStatuses(w.deps.db, { siteIds }),
    store.listColumns(w.deps.db, siteIds),
  ]);
  const kindOf = new Map(columns.map((c) => [c.id, c.kind]));
  const sites = await store.listSites(w.deps.db, 'all');
  return new Map(
    sites.map((site) => {
      const mine = statuses
        .filter((s) => s.siteId === site.id)
        .map((s) => ({ ...s, columnKind: kindOf.get(s.targetKey.replace(/^column:/, '')) }));
      const lines = siteLines({
        thresholds: site.thresholds,
        probes: probes.get(site.id) ?? { total: 0, failures: 0 },
        statuses: mine,
      });
      const last = mine.reduce<string | null>((at, s) => (at === null || s.observedAt > at ? s.observedAt : at), null);
      return [site.id, { level: shownWorst(lines.map((l) => l.level)), lines, lastCheckedAt: last }];
    }),
  );
}

test('总览按 SQL 计数得出的各站点结论、各条否决线与最近检测时间，与逐条读取状态后计算的完全相同（任意随机历史）', async () => {
  const egov = await w.org.actor('egov');
  const level = fc.constantFrom('ok', 'warning', 'veto' as const);
  const at = fc
    .integer({ min: 0, max: 86_400_000 })
    .map((ms) => new Date(Date.parse('2026-03-01T00:00:00Z') + ms).toISOString());
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          columns: fc.array(
            fc.record({
              kind: fc.constantFrom(...COLUMN_KINDS),
              active: fc.boolean(),
              level,
              details: fc.nat(DETAILS.length - 1),
              at,
              checked: fc.boolean(),
            }),
            { maxLength: 8 },
          ),
          others: fc.array(
            fc.record({
              rule: fc.nat(RULES.length - 1),
              target: fc.nat(2),
              level,
              details: fc.nat(DETAILS.length - 1),
              at,
            }),
            { maxLength: 8 },
          ),
          probes: fc.array(fc.boolean(), { maxLength: 20 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      async (sites) => {
        for (const s of sites) {
          const site = await addSite(w.deps, egov, {
            unitId: w.org.unitId,
            name: `总览${randomUUID().slice(0, 8)}`,
            url: `https://${randomUUID().slice(0, 8)}.example.gov.cn/`,
            kind: 'subsite',
          });
          for (const c of s.columns) {
            const column = await addColumn(w.deps, egov, site.id, {
              name: `栏目${randomUUID().slice(0, 4)}`,
              url: `${site.url}${randomUUID().slice(0, 6)}/`,
              kind: c.kind,
            });
            if (!c.active) await store.saveColumn(w.deps.db, { ...column, active: false }, c.at, false);
            if (c.checked)
              await upsertStatus(w.deps.db, {
                monitor: 'freshness',
                targetKey: `column:${column.id}`,
                rule: 'column-stale',
                siteId: site.id,
                accountId: null,
                level: c.level,
                summary: `栏目 ${c.level}`,
                details: DETAILS[c.details],
                observedAt: c.at,
              });
          }
          for (const o of s.others) {
            const [monitor, rule] = RULES[o.rule];
            await upsertStatus(w.deps.db, {
              monitor,
              targetKey: o.target ? `page:${o.target}:${site.id}` : `site:${site.id}`,
              rule,
              siteId: site.id,
              accountId: null,
              level: o.level,
              summary: `${rule} ${o.level}`,
              details: DETAILS[o.details],
              observedAt: o.at,
            });
          }
          const now = w.deps.clock.now().getTime();
          await insertProbes(
            w.deps.db,
            s.probes.map((ok, k) => ({
              id: randomUUID(),
              siteId: site.id,
              at: new Date(now - k * 300_000).toISOString(),
              ok,
              ms: 100,
              statusCode: ok ? 200 : null,
              error: ok ? null : '超时',
            })),
          );
        }
        const view = await overview(w.deps, egov);
        const expected = await earlier(
          view.sites.map((s) => s.site.id),
          w.deps.clock.now(),
        );
        for (const s of view.sites)
          assert.deepEqual(
            { level: s.level, lines: s.lines, lastCheckedAt: s.lastCheckedAt },
            expected.get(s.site.id),
            s.site.name,
          );
      },
    ),
    { numRuns: 12 },
  );
});
