// 读网记录 and 上级通知登记 against a real database: rounds counted per day against the unit's minimum on the 2026
// Spring Festival calendar (twice on working days — 2-14 is a make-up Saturday — once on holidays), bad input refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildDutyOrg, type DutyOrg } from '../../test/support/duty-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { listNotices, readingReport, recordNotice, recordReading } from './service.ts';

let deps: TestDeps;
let org: DutyOrg;
before(async () => {
  deps = await createTestDeps();
  org = await buildDutyOrg(deps);
});
after(() => deps.close());

const at = (shanghai: string) => new Date(`${shanghai}+08:00`).toISOString();

test('读网记录：按日统计，工作日（含调休上班日）不少于 2 轮、节假日 1 轮，少的日期列出；今天未结束不算缺', async () => {
  deps.clock.set(at('2026-02-17T12:00:00'));
  const zhao = await org.actor('zhao');
  const round = (when: string, anomalies = '') =>
    recordReading(deps, zhao, { unitId: org.unitId, readAt: at(when), pages: ['首页', '通知公告'], anomalies });
  await round('2026-02-13T09:00:00');
  await round('2026-02-13T15:00:00');
  await round('2026-02-14T09:10:00', '通知公告栏目一条链接失效，已告知承办科室');
  await round('2026-02-15T10:00:00');
  const report = await readingReport(deps, zhao, org.unitId, '2026-02-13', '2026-02-20');
  assert.deepEqual(
    report.days.map((d) => [d.date, d.dayKind, d.required, d.recorded, d.missing]),
    [
      ['2026-02-13', 'working', 2, 2, 0],
      ['2026-02-14', 'working', 2, 1, 1],
      ['2026-02-15', 'holiday', 1, 1, 0],
      ['2026-02-16', 'holiday', 1, 0, 1],
      ['2026-02-17', 'holiday', 1, 0, 0],
    ],
  );
  assert.deepEqual(
    report.missingDays.map((d) => d.date),
    ['2026-02-14', '2026-02-16'],
  );
  assert.equal(report.rounds[2].anomalies, '通知公告栏目一条链接失效，已告知承办科室');
  assert.equal(report.rounds[0].name, '赵值班');

  await assert.rejects(recordReading(deps, zhao, { unitId: org.unitId, pages: [] }), { status: 400, field: 'pages' });
  await assert.rejects(recordReading(deps, zhao, { unitId: org.unitId, pages: ['首页', ' '] }), {
    status: 400,
    field: 'pages.1',
  });
  await assert.rejects(
    recordReading(deps, zhao, { unitId: org.unitId, pages: ['首页'], readAt: at('2026-02-17T18:00:00') }),
    { status: 400, field: 'readAt' },
  );
  await assert.rejects(recordReading(deps, await org.actor('staff'), { unitId: org.unitId, pages: ['首页'] }), {
    status: 403,
  });
  assert.equal((await listLedger(deps.db, { action: 'duty.reading' })).length, 4);
});

test('上级通知登记：时间、来源、内容、已告知人员；缺项 400 指明字段', async () => {
  deps.clock.set(at('2026-02-17T12:00:00'));
  const zhao = await org.actor('zhao');
  const notice = await recordNotice(deps, zhao, {
    unitId: org.unitId,
    receivedAt: at('2026-02-17T11:20:00'),
    fromWhom: '区政府办公室值班室（电话）',
    content: '春节期间加强网站巡查，每日 10 时前报告情况',
    toldUserIds: [org.ids.zhou, org.ids.zheng],
    toldOthers: '科室负责人',
  });
  assert.deepEqual(
    notice.told.map((t) => t.name),
    ['周带班', '郑分管'],
  );
  await assert.rejects(recordNotice(deps, zhao, { unitId: org.unitId, fromWhom: '', content: '内容' }), {
    status: 400,
    field: 'fromWhom',
  });
  await assert.rejects(
    recordNotice(deps, zhao, {
      unitId: org.unitId,
      fromWhom: '区政府办公室',
      content: '内容',
      toldUserIds: ['nobody'],
    }),
    { status: 400, field: 'toldUserIds.0' },
  );
  const list = await listNotices(deps, await org.actor('zheng'), org.unitId, '2026-02-17', '2026-02-18');
  assert.deepEqual(
    list.map((n) => [n.fromWhom, n.recordedByName]),
    [['区政府办公室值班室（电话）', '赵值班']],
  );
  assert.equal((await listLedger(deps.db, { action: 'duty.notice' })).length, 1);
});
