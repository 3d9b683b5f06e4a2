// The hour rows kept as probes are saved (028_watch_probe_hours) give the same counts as the raw probes: for any
// random history (probes at any millisecond, saved one by one or in batches, some days rolled up into day rows) and any
// range, countProbes — which the 5 % veto line and a year's report read — equals the count of the raw probes in it.
// On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import { addSite, availabilityYear, rollUpProbes } from './service.ts';
import { countProbes, type ProbeCount } from './store-probe-days.ts';
import { insertProbe, insertProbes, type Probe } from './store-runs.ts';

let w: WatchWorld;
const DAY = 86_400_000;
const SPAN = 10 * DAY;
// Each property run writes its history after the previous one's (the roll-up only moves forward).
let base = Date.parse('2026-01-01T00:00:00.000Z');

before(async () => {
  w = await watchWorld();
});
after(() => w.deps.close());

type Row = Probe & { id: string; siteId: string };

function rawCount(rows: readonly Row[], siteId: string, from: number, to: number): ProbeCount {
  const mine = rows.filter((r) => r.siteId === siteId && Date.parse(r.at) >= from && Date.parse(r.at) < to);
  return { total: mine.length, failures: mine.filter((r) => !r.ok).length };
}

test('按小时汇总 + 按日汇总得出的探测次数与失败次数，与逐条原始探测所计完全相同（任意随机历史与区间）', async () => {
  const egov = await w.org.actor('egov');
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.integer({ min: 0, max: SPAN - 1 }), fc.boolean(), fc.nat(1)), { maxLength: 400 }),
      fc.integer({ min: 0, max: 9 }),
      fc.array(fc.tuple(fc.integer({ min: -DAY, max: SPAN + DAY }), fc.integer({ min: 0, max: 9 * DAY })), {
        minLength: 1,
        maxLength: 6,
      }),
      async (probes, rolledDays, ranges) => {
        const start = base;
        base += SPAN + 2 * DAY;
        const sites = await Promise.all(
          ['甲', '乙'].map((n) =>
            addSite(w.deps, egov, {
              unitId: w.org.unitId,
              name: `小时汇总${n}${randomUUID().slice(0, 6)}`,
              url: `https://${randomUUID().slice(0, 8)}.example.gov.cn/`,
              kind: 'subsite',
            }),
          ),
        );
        const rows: Row[] = probes.map(([at, ok, k]) => ({
          id: randomUUID(),
          siteId: sites[k].id,
          at: new Date(start + at).toISOString(),
          ok,
          ms: ok ? 120 : 15000,
          statusCode: ok ? 200 : null,
          error: ok ? null : '超时 15 秒',
        }));
        // Half saved one by one (as the scheduler does), half in a batch.
        const half = Math.floor(rows.length / 2);
        for (const r of rows.slice(0, half)) await insertProbe(w.deps.db, r.id, r.siteId, r);
        await insertProbes(w.deps.db, rows.slice(half));
        await rollUpProbes(w.deps, new Date(start + rolledDays * DAY));
        const ids = sites.map((s) => s.id);
        for (const [from, length] of ranges) {
          const f = start + from;
          const t = f + length;
          const counts = await countProbes(w.deps.db, ids, new Date(f).toISOString(), new Date(t).toISOString());
          for (const id of ids)
            assert.deepEqual(counts.get(id) ?? { total: 0, failures: 0 }, rawCount(rows, id, f, t), `${f} → ${t}`);
        }
        // The veto window (the 7 days before now) at the end of the history.
        const now = start + SPAN;
        const week = await countProbes(
          w.deps.db,
          ids,
          new Date(now - 7 * DAY + 1).toISOString(),
          new Date(now).toISOString(),
        );
        for (const id of ids)
          assert.deepEqual(week.get(id) ?? { total: 0, failures: 0 }, rawCount(rows, id, now - 7 * DAY + 1, now));
      },
    ),
    { numRuns: 12 },
  );
});

test('年度报告：按月的探测与失败次数等于原始探测所计', async () => {
  const egov = await w.org.actor('egov');
  const site = await addSite(w.deps, egov, {
    unitId: w.org.unitId,
    name: '年度报告测试网站',
    url: 'https://nianbao.example.gov.cn/',
    kind: 'subsite',
  });
  const year = new Date(base + 400 * DAY).getUTCFullYear() + 1;
  base = Date.parse(`${year + 1}-02-01T00:00:00.000Z`);
  const from = Date.parse(`${year - 1}-12-31T16:00:00.000Z`); // New Year in Shanghai
  const rows: Row[] = [];
  for (let at = from - 3 * 3_600_000, i = 0; at < from + 365 * DAY + 3 * 3_600_000; at += 7 * 3_600_000 + 77, i++)
    rows.push({
      id: randomUUID(),
      siteId: site.id,
      at: new Date(at).toISOString(),
      ok: i % 13 !== 0,
      ms: 100,
      statusCode: 200,
      error: null,
    });
  await insertProbes(w.deps.db, rows);
  await rollUpProbes(w.deps, new Date(from + 200 * DAY)); // the first 199 days as day rows, the rest from hours
  const [report] = await availabilityYear(w.deps, [site.id], year);
  for (const [m, month] of report.months.entries()) {
    const start = Date.parse(`${month.month}-01T00:00:00+08:00`);
    const end =
      m === 11
        ? Date.parse(`${year + 1}-01-01T00:00:00+08:00`)
        : Date.parse(`${report.months[m + 1].month}-01T00:00:00+08:00`);
    const raw = rawCount(rows, site.id, start, end);
    assert.deepEqual({ total: month.total, failures: month.failures }, raw, month.month);
  }
});
