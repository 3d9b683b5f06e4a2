// A year of homepage probes: rolling each day up and pruning the raw probes after the retention period changes
// neither the 5 % veto verdict (the last 7 days) nor a year's report, on SQLite and PostgreSQL; the period is
// configurable and never shorter than the veto window.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import { loadConfig } from '../platform/config.ts';
import {
  addSite,
  availabilityShare,
  availabilityYear,
  overview,
  rollUpProbes,
  runRetentionJob,
  type Site,
} from './service.ts';
import { insertProbes, type Probe } from './store-runs.ts';

let w: WatchWorld;
let other: Site;
const NOW = new Date('2026-12-30T02:30:00.000Z'); // 10:30 in Shanghai
const START = Date.parse('2025-12-31T16:00:00.000Z'); // 2026-01-01 00:00 in Shanghai
const HOUR = 3_600_000;

/** Hourly probes since New Year (Shanghai); `fails(i)` says which fail. */
function history(
  siteId: string,
  fails: (i: number, at: number) => boolean,
): (Probe & { id: string; siteId: string })[] {
  const out: (Probe & { id: string; siteId: string })[] = [];
  for (let i = 0, at = START; at <= NOW.getTime(); i++, at += HOUR) {
    const bad = fails(i, at);
    out.push({
      id: randomUUID(),
      siteId,
      at: new Date(at).toISOString(),
      ok: !bad,
      ms: bad ? 15000 : 200 + (i % 7) * 50,
      statusCode: bad ? null : 200,
      error: bad ? '超时 15 秒' : null,
    });
  }
  return out;
}

before(async () => {
  w = await watchWorld();
  w.deps.clock.set(NOW.toISOString());
  other = await addSite(w.deps, await w.org.actor('egov'), {
    unitId: w.org.unitId,
    name: '区科技局专题网站',
    url: 'https://zt.example.gov.cn/',
    kind: 'subsite',
  });
  // The site fails 1 probe in 18 (over 5 %, the veto line) over the last week and had a bad March; the other 1 in 50.
  const week = NOW.getTime() - 7 * 86_400_000;
  await insertProbes(
    w.deps.db,
    history(w.site.id, (i, at) =>
      at > week ? i % 18 === 3 : i % 40 === 0 || (at >= Date.parse('2026-03-01') && i % 9 === 0),
    ),
  );
  await insertProbes(
    w.deps.db,
    history(other.id, (i) => i % 50 === 7),
  );
});
after(() => w.deps.close());

async function verdicts() {
  const egov = await w.org.actor('egov');
  const ids = [w.site.id, other.id];
  const shares = await Promise.all(ids.map((id) => availabilityShare(w.deps, id, NOW)));
  const lines = (await overview(w.deps, egov)).sites.map((s) => [
    s.site.id,
    s.lines.find((l) => l.line === 'availability'),
  ]);
  return { shares, lines, year: await availabilityYear(w.deps, ids, 2026) };
}

test('按日汇总并清理 90 天前的原始探测后：近 7 天失败比例（否决线）与年度报告都不变', async () => {
  const before = await verdicts();
  assert.deepEqual(
    before.shares.map((s) => [s.total, s.level]),
    [
      [168, 'veto'],
      [168, 'ok'],
    ],
  );
  assert.equal(before.year[0].months.length, 12);
  assert.ok(before.year[0].months[2].percent > 10, '三月份失败较多');

  const rolled = await rollUpProbes(w.deps, NOW);
  assert.equal(rolled[0], '2026-01-01');
  assert.equal(rolled.at(-1), '2026-12-29'); // today is not over
  assert.deepEqual(await verdicts(), before, '只汇总不清理');

  const report = await runRetentionJob(w.deps); // GONGKAI_WATCH_RAW_DAYS: 90 by default
  assert.deepEqual(report.rolledDays, []);
  assert.ok(report.prunedProbes > 2 * 24 * 250, `清理了 ${report.prunedProbes} 条`);
  const oldest = await w.deps.db
    .selectFrom('watch_probes')
    .select((eb) => eb.fn.min('at').as('at'))
    .executeTakeFirstOrThrow();
  assert.equal(oldest.at, '2026-09-30T16:00:00.000Z'); // 2026-10-01 00:00 in Shanghai: 90 whole days before today
  assert.deepEqual(await verdicts(), before, '汇总并清理之后');

  w.deps.clock.set('2026-12-31T02:30:00.000Z'); // a day later: one more day rolled up and pruned, nothing else moves
  const next = await runRetentionJob(w.deps);
  assert.deepEqual(next.rolledDays, ['2026-12-30']);
  assert.equal(next.prunedProbes, 2 * 24);
  assert.deepEqual((await verdicts()).year, before.year);
});

test('原始探测保留天数可配置（GONGKAI_WATCH_RAW_DAYS），不得短于否决线的 7 天窗口', () => {
  assert.equal(loadConfig({}).watchRawDays, 90);
  assert.equal(loadConfig({ GONGKAI_WATCH_RAW_DAYS: '30' }).watchRawDays, 30);
  assert.throws(() => loadConfig({ GONGKAI_WATCH_RAW_DAYS: '5' }), /原始探测记录至少保留 8 天/);
});
