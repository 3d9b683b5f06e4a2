// What the overview reads is kept up to date as rows are written (migration 044): each probe is counted in its day's
// row as in its hour's, each column's status keeps its column's state, and each site's columns are counted by state
// and kind. For any random sequence of writes — probes one by one or in batches, in any order and across midnights,
// late ones included; column statuses of every level and details shape, older ones arriving after newer; columns
// switched off and on or given another kind; roll-ups of finished days — the kept rows equal the ones recomputed from
// the raw probes, the statuses' details (columnStateOf) and the columns, and so does what migration 044 fills in.
// On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { STATUS_DETAILS as DETAILS, watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import { fill } from '../platform/db/migrations/044_watch_live_counts.ts';
import { COLUMN_KINDS, type ColumnKind, KEY_COLUMN_KINDS, type WatchLevel } from './model.ts';
import { saveColumn } from './store.ts';
import { addColumn, addSite, type Column, rollUpProbes, type Site } from './service.ts';
import { dayOf, hourOf, rollupState } from './store-probe-days.ts';
import { insertProbe, insertProbes, upsertStatus } from './store-runs.ts';
import { columnStateOf } from './verdict.ts';

let w: WatchWorld;
const DAY = 86_400_000;
const SPAN = 4 * DAY;
let base = Date.parse('2027-01-01T00:00:00.000Z'); // each run after the previous one's (roll-ups only move forward)

before(async () => {
  w = await watchWorld();
});
after(() => w.deps.close());

const byKey = <T extends Record<string, unknown>>(rows: T[], key: (r: T) => string) =>
  Object.fromEntries(rows.map((r) => [key(r), r]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The kept rows of these sites, and the same recomputed from the raw probes and the statuses' details. */
async function keptAndRecomputed(siteIds: string[], from: string) {
  const db = w.deps.db;
  const probes = await db.selectFrom('watch_probes').selectAll().where('site_id', 'in', siteIds).execute();
  const days = new Map<string, Record<string, unknown>>();
  const hours = new Map<string, Record<string, unknown>>();
  for (const p of probes) {
    const failed = Number(p.ok) === 0 ? 1 : 0;
    const ms = Number(p.ms);
    const dk = `${p.site_id} ${dayOf(Date.parse(p.at))}`;
    const d = days.get(dk) ?? { site_id: p.site_id, day: dayOf(Date.parse(p.at)), total: 0, failures: 0, ms_sum: 0 };
    days.set(dk, {
      ...d,
      total: Number(d.total) + 1,
      failures: Number(d.failures) + failed,
      ms_sum: Number(d.ms_sum) + ms,
      ms_max: Math.max(Number(d.ms_max ?? 0), ms),
    });
    const hk = `${p.site_id} ${hourOf(p.at)}`;
    const h = hours.get(hk) ?? { site_id: p.site_id, hour: hourOf(p.at), total: 0, failures: 0 };
    hours.set(hk, { ...h, total: Number(h.total) + 1, failures: Number(h.failures) + failed });
  }
  const num = <T extends Record<string, unknown>>(r: T) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)]));
  const keptDays = await db
    .selectFrom('watch_probe_days')
    .selectAll()
    .where('site_id', 'in', siteIds)
    .where('day', '>=', dayOf(Date.parse(from)))
    .execute();
  const keptHours = await db.selectFrom('watch_probe_hours').selectAll().where('site_id', 'in', siteIds).execute();
  const statuses = await db.selectFrom('watch_status').selectAll().where('site_id', 'in', siteIds).execute();
  const columns = new Map(
    (await db.selectFrom('watch_columns').selectAll().where('site_id', 'in', siteIds).execute()).map((c) => [c.id, c]),
  );
  const tally = new Map<string, Record<string, unknown>>();
  for (const st of statuses) {
    if (st.monitor !== 'freshness' || st.rule !== 'column-stale') continue;
    const c = st.target_key.startsWith('column:') ? columns.get(st.target_key.slice(7)) : undefined;
    const registered = c && Number(c.active) === 1 && c.site_id === st.site_id ? 1 : 0;
    const key = registered && KEY_COLUMN_KINDS.includes(c?.kind as ColumnKind) ? 1 : 0;
    const state = columnStateOf({ level: st.level as WatchLevel, details: JSON.parse(st.details) });
    const k = `${st.site_id} ${state} ${registered} ${key}`;
    const t = tally.get(k) ?? { site_id: st.site_id, state, registered, key, n: 0, last: st.observed_at };
    tally.set(k, { ...t, n: Number(t.n) + 1, last: st.observed_at > String(t.last) ? st.observed_at : t.last });
  }
  const keptTally = await db.selectFrom('watch_site_columns').selectAll().where('site_id', 'in', siteIds).execute();
  return {
    kept: {
      days: byKey(keptDays.map(num), (r) => `${r.site_id} ${r.day}`),
      hours: byKey(keptHours.map(num), (r) => `${r.site_id} ${r.hour}`),
      states: byKey(
        statuses.map((s) => ({ key: `${s.monitor} ${s.target_key} ${s.rule}`, state: s.column_state })),
        (r) => r.key,
      ),
      tally: byKey(keptTally.map(num), (r) => `${r.site_id} ${r.state} ${r.registered} ${r.key}`),
    },
    recomputed: {
      days: byKey([...days.values()], (r) => `${r.site_id} ${r.day}`),
      hours: byKey([...hours.values()], (r) => `${r.site_id} ${r.hour}`),
      states: byKey(
        statuses.map((s) => ({
          key: `${s.monitor} ${s.target_key} ${s.rule}`,
          state:
            s.monitor === 'freshness' && s.rule === 'column-stale'
              ? columnStateOf({ level: s.level as WatchLevel, details: JSON.parse(s.details) })
              : null,
        })),
        (r) => r.key,
      ),
      tally: byKey([...tally.values()], (r) => `${r.site_id} ${r.state} ${r.registered} ${r.key}`),
    },
  };
}

test('按日与按小时的探测计数、栏目状态随写入保持，与由原始探测和状态详情重算（及迁移 044 补算）的完全相同（任意随机写入序列）', async () => {
  const egov = await w.org.actor('egov');
  const level = fc.constantFrom<WatchLevel>('ok', 'warning', 'veto');
  const write = fc.oneof(
    fc.record({
      kind: fc.constant('probes' as const),
      at: fc.array(fc.tuple(fc.integer({ min: 0, max: SPAN - 1 }), fc.boolean(), fc.nat(20_000)), {
        minLength: 1,
        maxLength: 30,
      }),
      site: fc.nat(1),
      batch: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('status' as const),
      column: fc.nat(3),
      rule: fc.constantFrom('column-stale', 'homepage-stale'),
      level,
      details: fc.nat(DETAILS.length - 1),
      at: fc.integer({ min: 0, max: SPAN - 1 }),
    }),
    fc.record({ kind: fc.constant('rollup' as const), days: fc.integer({ min: 0, max: 4 }) }),
    fc.record({
      kind: fc.constant('column' as const),
      column: fc.nat(3),
      active: fc.boolean(),
      columnKind: fc.constantFrom(...COLUMN_KINDS),
    }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 25 }), async (writes) => {
      const start = base;
      base += SPAN + 2 * DAY;
      const sites: { site: Site; columns: Column[] }[] = [];
      for (const n of ['甲', '乙']) {
        const site = await addSite(w.deps, egov, {
          unitId: w.org.unitId,
          name: `保持计数${n}${randomUUID().slice(0, 6)}`,
          url: `https://${randomUUID().slice(0, 8)}.example.gov.cn/`,
          kind: 'subsite',
        });
        const columns = [];
        for (let k = 0; k < 2; k++)
          columns.push(
            await addColumn(w.deps, egov, site.id, {
              name: `栏目${k}`,
              url: `${site.url}c${k}/`,
              kind: k ? '动态要闻' : '通知公告',
            }),
          );
        sites.push({ site, columns });
      }
      for (const x of writes) {
        if (x.kind === 'probes') {
          const rows = x.at.map(([at, ok, ms]) => ({
            id: randomUUID(),
            siteId: sites[x.site].site.id,
            at: new Date(start + at).toISOString(),
            ok,
            ms: ms + 0.4,
            statusCode: ok ? 200 : null,
            error: ok ? null : '超时',
          }));
          if (x.batch) await insertProbes(w.deps.db, rows);
          else for (const r of rows) await insertProbe(w.deps.db, r.id, r.siteId, r);
        } else if (x.kind === 'status') {
          const { site, columns } = sites[x.column >> 1];
          await upsertStatus(w.deps.db, {
            monitor: 'freshness',
            targetKey: x.rule === 'column-stale' ? `column:${columns[x.column & 1].id}` : `site:${site.id}`,
            rule: x.rule,
            siteId: site.id,
            accountId: null,
            level: x.level,
            summary: `${x.rule} ${x.level}`,
            details: DETAILS[x.details],
            observedAt: new Date(start + x.at).toISOString(),
          });
        } else if (x.kind === 'column') {
          // The registry's write (a column switched off or on, its kind changed).
          const { columns } = sites[x.column >> 1];
          const column = { ...columns[x.column & 1], active: x.active, kind: x.columnKind };
          await saveColumn(w.deps.db, column, new Date(start).toISOString(), false);
          columns[x.column & 1] = column;
        } else await rollUpProbes(w.deps, new Date(start + x.days * DAY));
      }
      const ids = sites.map((s) => s.site.id);
      const from = new Date(start - DAY).toISOString();
      const first = await keptAndRecomputed(ids, from);
      assert.deepEqual(first.kept, first.recomputed);
      // Migration 044 on the same rows as they were before it (no column states; day rows of rolled-up days only).
      const { through } = await rollupState(w.deps.db);
      await w.deps.db.updateTable('watch_status').set({ column_state: null }).where('site_id', 'in', ids).execute();
      await w.deps.db.deleteFrom('watch_site_columns').where('site_id', 'in', ids).execute();
      await w.deps.db
        .deleteFrom('watch_probe_days')
        .where('site_id', 'in', ids)
        .where('day', '>=', through ? dayOf(Date.parse(through)) : '')
        .execute();
      await fill(w.deps.db);
      const filled = await keptAndRecomputed(ids, from);
      assert.deepEqual(filled.kept, first.recomputed);
    }),
    { numRuns: 15 },
  );
});
