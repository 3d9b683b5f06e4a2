// 统计与年度考核在 SQL 中计数：登记台账的汇总表（ledger_facts）在追加台账的同一事务中由触发器写入，必须能由台账单独
// 推出——校验与重建；在一套随机而可复现的台账上，SQL 的每个数字（以及它背后的台账记录）与逐条读取台账的旧算法
// （stats-model.ts）一致，各单位的年度考核也一致。
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildPublishOrg, type PublishOrg } from '../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import * as m046 from '../platform/db/migrations/046_ledger_facts.ts';
import type { Actor } from '../org/model.ts';
import { listChannels, listUnits } from '../org/service.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import type { LedgerRow } from '../platform/ledger/model.ts';
import { appendLedger, listLedger } from '../platform/ledger/service.ts';
import { STAGE_NAME } from '../publish/model.ts';
import { MONITOR_NAME } from '../watch/service.ts';
import { DEFAULT_SCHEME } from './assessment-model.ts';
import { assessYear } from './assessment.ts';
import { checkLedgerFacts, counted, expectedFacts, rebuildLedgerFacts } from './facts.ts';
import { FIGURES, type Figure, figureFilter, getStats } from './stats.ts';
import { figureSeqs } from './facts-store.ts';
import * as model from './stats-model.ts';
import { beijingDayRange } from './time.ts';

let deps: TestDeps;
let org: PublishOrg;
let inspector: Actor;

/** A small deterministic generator (mulberry32), so a failure is reproduced by the same seed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STAGES = ['draft', 'level1', 'level2', 'secrecy', 'referred', 'level3', 'level4', 'approved', 'published'];

/** ~1,200 entries in the shapes the modules write (and some odd ones), over three units and a year. */
async function seed(): Promise<void> {
  const r = rng(18);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const units = [org.unitId, org.otherUnitId, ''];
  const people = ['张三', '李四', '王五'];
  let t = Date.parse('2025-12-20T00:00:00.000Z');
  const items = Array.from({ length: 40 }, (_, k) => ({
    id: `item:i${k}`,
    unit: pick(units.slice(0, 2)),
    stage: 'draft',
  }));
  const incidents: { subject: string; unit: string }[] = [];
  for (let n = 0; n < 1200; n++) {
    t += Math.floor(r() * 9 * 3600_000); // up to 9 hours apart: some items wait days at a level
    const at = new Date(t);
    const kind = r();
    let entry: { unitId: string; action: string; subject: string; payload: Record<string, unknown> };
    if (kind < 0.45) {
      const it = pick(items);
      const to = pick(STAGES);
      const action = pick(['publish.approve', 'publish.return', 'secrecy.return', 'publish.submit', 'secrecy.refer']);
      const payload: Record<string, unknown> = { from: it.stage, to };
      if (r() < 0.5) payload.opinion = pick(['请补充依据', '标题与正文不符', '']);
      if (r() < 0.3) payload.reason = '涉密';
      if (r() < 0.05) payload.from = 7; // not text: counted as no stage
      it.stage = to;
      entry = { unitId: it.unit, action, subject: it.id, payload };
    } else if (kind < 0.55) {
      const it = pick(items);
      const channels = pick([
        [],
        [{ channelId: org.siteId }],
        [{ channelId: org.siteId }, { channelId: org.wechatId }],
        [{ channelId: org.siteId }, { channelId: org.siteId }],
        ['x', { channelId: '' }],
      ]);
      entry = {
        unitId: it.unit,
        action: 'publish.publish',
        subject: it.id,
        payload: { channels, from: 'approved', to: 'published' },
      };
    } else if (kind < 0.65) {
      const dueOn = pick(['', '2026-01-05', '2026-03-03', '2026-06-30', '2026-12-31']);
      entry = { unitId: pick(units), action: 'secrecy.opinion', subject: pick(items).id, payload: { dueOn } };
    } else if (kind < 0.73) {
      const action = pick(model.DISMISS_ACTIONS);
      const payload = pick([{ category: '错别字' }, { rule: 'typo' }, {}, { category: '', rule: '敏感词' }]);
      entry = { unitId: pick(units), action, subject: pick(items).id, payload };
    } else if (kind < 0.85) {
      const fresh = r() < 0.4 || !incidents.length;
      if (fresh) incidents.push({ subject: `watchIncident:w${n}`, unit: pick(units) });
      const incident = fresh ? incidents[incidents.length - 1] : pick(incidents);
      const action = fresh ? 'watch.incident_open' : pick(['watch.incident_handle', 'watch.incident_close']);
      const payload = fresh ? pick([{ monitor: 'availability' }, { monitor: 'links' }, {}]) : { from: 'a', to: 'b' };
      entry = { unitId: incident.unit, action, subject: incident.subject, payload };
    } else if (kind < 0.95) {
      const startsAt = new Date(t + (r() < 0.5 ? 1 : -1) * 600_000).toISOString();
      entry = {
        unitId: pick(units),
        action: 'duty.check_in',
        subject: 'shift:s',
        payload: r() < 0.9 ? { startsAt } : {},
      };
    } else {
      entry = {
        unitId: pick(units),
        action: pick(['auth.login', 'publish.edit']),
        subject: pick(items).id,
        payload: {},
      };
    }
    const actor = { id: 'u', name: pick(people) };
    await deps.db.transaction().execute((tx) => appendLedger(tx, { actor, role: 'staff', ...entry }, at));
  }
}

before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
  inspector = await org.actor('ducha');
  await seed();
});
after(() => deps.close());

test('汇总表等于由台账重新推出的结果；改动一行被校验查出，重建后一致；迁移对已有台账补齐的结果相同', async () => {
  assert.deepEqual(await checkLedgerFacts(deps.db), { ok: true, seqs: [], days: [] });
  const all = await listLedger(deps.db, {});
  const { facts } = expectedFacts(all);
  assert.equal(facts.length, all.filter((r) => counted(r.action)).length);
  assert.ok(facts.some((f) => f.start_day !== null) && facts.some((f) => f.handled_at !== null));

  const victim = facts.find((f) => f.action === 'publish.return')!;
  await deps.db.updateTable('ledger_facts').set({ reason: '改过' }).where('seq', '=', victim.seq).execute();
  const gone = facts.find((f) => f.action === 'duty.check_in')!;
  await deps.db.deleteFrom('ledger_facts').where('seq', '=', gone.seq).execute();
  const day = await deps.db.selectFrom('ledger_fact_days').selectAll().limit(1).executeTakeFirstOrThrow();
  await deps.db
    .updateTable('ledger_fact_days')
    .set({ n: Number(day.n) + 1 })
    .where('day', '=', day.day)
    .where('unit_id', '=', day.unit_id)
    .where('action', '=', day.action)
    .where('from_stage', '=', day.from_stage)
    .where('key', '=', day.key)
    .where('late', '=', day.late)
    .where('person', '=', day.person)
    .where('reason', '=', day.reason)
    .where('start_day', '=', day.start_day)
    .execute();
  assert.deepEqual(await checkLedgerFacts(deps.db), {
    ok: false,
    seqs: [victim.seq, gone.seq].sort((a, b) => a - b),
    days: [`${day.day} ${day.unit_id}`],
  });
  await deps.db.transaction().execute((tx) => rebuildLedgerFacts(tx));
  assert.deepEqual(await checkLedgerFacts(deps.db), { ok: true, seqs: [], days: [] });

  await m046.down(deps.db);
  await m046.up(deps.db); // fills the facts of the entries already there, set-wise
  assert.deepEqual(await checkLedgerFacts(deps.db), { ok: true, seqs: [], days: [] });
});

// The computation before the roll-up (every entry read into JavaScript), kept here as the reference.
const MODULE_PREFIXES = ['publish.', 'secrecy.', 'watch.incident_', 'duty.check_in'];
async function oldStats(unitIds: string[] | null, from: string, to: string) {
  const range = beijingDayRange(from, to) as { from: string; to: string };
  const scope = unitIds ? { unitIds } : {};
  const period: LedgerRow[] = [];
  for (const p of MODULE_PREFIXES) period.push(...(await listLedger(deps.db, { ...scope, ...range, actionPrefix: p })));
  const subjects = [...new Set(period.map((e) => e.subject).filter((s) => /^(item|watchIncident):/.test(s)))];
  const history = subjects.length ? await listLedger(deps.db, { ...scope, subjects }) : [];
  const cal = await loadCalendar(deps.db);
  const channels = new Map((await listChannels(deps.db)).map((c) => [c.id, c.name]));
  const stageName = (s: string) => STAGE_NAME[s as keyof typeof STAGE_NAME] ?? s;
  const monitorName = (m: string) => MONITOR_NAME[m as keyof typeof MONITOR_NAME] ?? m;
  const p = period.map(model.toEntry);
  const h = history.map(model.toEntry);
  const d = model.dismissals(p);
  return {
    published: model.publishedByChannel(p, (id) => channels.get(id) ?? id),
    levels: model.timeAtLevels(h, range.from, range.to, cal, stageName),
    returns: model.returns(p, stageName),
    secrecy: model.secrecyTimeliness(p),
    dismissedByCategory: d.byCategory,
    dismissedByPerson: d.byPerson,
    incidents: model.incidentsByMonitor(h, range.from, range.to, monitorName),
    checkIns: model.checkIns(p),
  };
}

type Old = Awaited<ReturnType<typeof oldStats>>;
const strip = <T extends { seqs: number[] }>(rows: T[]) => rows.map(({ seqs, ...rest }) => rest);
/** The rows of one figure of the old computation, with their seqs. */
function oldRows(o: Old, figure: Figure): { key: string; seqs: number[] }[] {
  if (figure === 'submitted') return [{ key: '', seqs: o.returns.submittedSeqs }];
  return figure === 'returns' ? o.returns.byLevel : o[figure];
}

const SCOPES = () =>
  [
    ['区科技局', [org.unitId]],
    ['区民政局', [org.otherUnitId]],
    ['全区', null],
  ] as const;
const PERIODS = [
  ['2026-01-01', '2026-03-31'],
  ['2026-02-10', '2026-02-20'],
  ['2026-01-01', '2026-12-31'],
];

test('每个数字与逐条计算的结果相同：各单位和全区、不同期间；每个数字背后的台账记录也相同', async () => {
  for (const [name, unitIds] of SCOPES())
    for (const [from, to] of PERIODS) {
      const what = `${name} ${from}–${to}`;
      const unitId = unitIds?.[0];
      const st = await getStats(deps, inspector, { unitId, from, to });
      const old = await oldStats(unitIds ? [...unitIds] : null, from, to);
      assert.deepEqual(st.published, strip(old.published), what);
      assert.deepEqual(st.levels, strip(old.levels), what);
      assert.deepEqual(st.secrecy, strip(old.secrecy), what);
      assert.deepEqual(st.dismissedByCategory, strip(old.dismissedByCategory), what);
      assert.deepEqual(st.dismissedByPerson, strip(old.dismissedByPerson), what);
      assert.deepEqual(st.checkIns, strip(old.checkIns), what);
      assert.deepEqual(st.incidents, strip(old.incidents), what);
      const { submitted, returned, share } = old.returns;
      assert.deepEqual([st.returns.submitted, st.returns.returned, st.returns.share], [submitted, returned, share]);
      assert.deepEqual(
        st.returns.byLevel.map((l) => [l.key, l.label, l.count, l.reasons.map((x) => [x.text, x.count])]),
        old.returns.byLevel.map((l) => {
          const texts = new Map<string, number>();
          for (const x of l.reasons) texts.set(x.text, (texts.get(x.text) ?? 0) + 1);
          const reasons = [...texts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
          return [l.key, l.label, l.count, reasons];
        }),
        what,
      );
      assert.ok(st.levels.length && st.returns.byLevel.length, `${what}: the fixture covers the figures`);
      const range = beijingDayRange(from, to) as { from: string; to: string };
      for (const figure of FIGURES)
        for (const row of oldRows(old, figure)) {
          const key = figure === 'submitted' ? undefined : row.key;
          const got = await figureSeqs(
            deps.db,
            { unitIds: unitIds ? [...unitIds] : null, ...range },
            figureFilter(figure, key),
            100_000,
          );
          const want = [...new Set(row.seqs)].sort((a, b) => b - a);
          assert.deepEqual(got, { total: want.length, seqs: want }, `${what} ${figure} ${key}`);
        }
    }
});

test('各单位的年度考核与逐条计算的结果相同', async () => {
  const a = await assessYear(deps, inspector, 2026);
  for (const u of await listUnits(deps.db)) {
    const old = await oldStats([u.id], '2026-01-01', '2026-12-31');
    const got = a.units.find((x) => x.unitId === u.id)!;
    const item = (metric: string) => got.items.find((i) => i.metric === metric)!;
    const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
    const returned = old.returns.byLevel.flatMap((l) => l.seqs);
    const late = (rows: { key: string; count: number; seqs: number[] }[], key: string) =>
      rows.find((r) => r.key === key)!;
    assert.equal(item('returnPercent').value, Math.round((old.returns.share ?? 0) * 1000) / 10, u.name);
    assert.deepEqual(sorted(item('returnPercent').seqs), sorted(returned), u.name);
    assert.deepEqual(sorted(item('secrecyOverdue').seqs), sorted(late(old.secrecy, 'overdue').seqs), u.name);
    assert.deepEqual(sorted(item('dutyLate').seqs), sorted(late(old.checkIns, 'late').seqs), u.name);
    assert.deepEqual(sorted(item('incidents').seqs), sorted(old.incidents.flatMap((i) => i.seqs)), u.name);
    assert.equal(got.items.length, DEFAULT_SCHEME.length);
  }
});
