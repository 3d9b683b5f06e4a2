// 统计：一个单位一段时间内的发布数量（按渠道）、各级审核用时（工作日中位数和第 90 百分位）、退回比例及原因、保密审查
// 按期/超期、排除的发现（按类别和排除人）、读网异常事件（按监测项，接手和关闭用时）、值班签到；每个数字可列出其背后的
// 台账记录；统计表可导出 .xlsx。稿件走真实的审核流程；读网、值班和超期的记录按各模块写入台账的格式直接写入台账。
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import {
  as,
  DISCLOSE,
  disclosureAt,
  loginAs,
  openPublishApp,
  type PublishOrg,
  type Session,
} from '../../test/support/publish-fixtures.ts';
import type { TestDeps } from '../../test/support/testdb.ts';
import { appendLedger, SYSTEM_ACTOR } from '../platform/ledger/service.ts';
import { percentile } from './stats-model.ts';

let deps: TestDeps;
let app: FastifyInstance;
let org: PublishOrg;
let s: Record<string, Session>;
let close: () => Promise<void>;
const DAY = 24 * 3600_000;
const PERIOD = 'from=2026-03-01&to=2026-03-31';

const review = (level: number, opinion = '同意') => ({
  level,
  revision: 1,
  opinion,
  proofreading: '已校对',
  standardsAttested: true,
  disclosure: disclosureAt(level),
});

before(async () => {
  ({ deps, app, org, s, close } = await openPublishApp(['zhang', 'li', 'wang', 'bao', 'liu', 'ducha', 'wu']));
  const post = async (who: string, url: string, body: unknown, code = 200) => {
    const res = await as(app, s[who]).post(url, body);
    assert.equal(res.statusCode, code, `${who} ${url}: ${res.body}`);
    return res.json();
  };
  // Monday 2026-03-02: two items submitted; both pass 一审 the same day.
  const a = (await post('zhang', '/api/items', org.draft({ title: '甲稿' }), 201)).id;
  const b = (await post('zhang', '/api/items', org.draft({ title: '乙稿' }), 201)).id;
  await post('zhang', `/api/items/${a}/submit`, { revision: 1 });
  await post('zhang', `/api/items/${b}/submit`, { revision: 1 });
  await post('li', `/api/items/${a}/approve`, review(1));
  await post('li', `/api/items/${b}/approve`, review(1));
  // 乙 is returned at 二审 the same day; 甲 passes 二审 on Tuesday (1 working day), 保密审查 and 三审 on Friday.
  await post('wang', `/api/items/${b}/return`, { ...review(2, '标题与正文不符'), disclosure: undefined });
  const later = async (ms: number) => {
    deps.clock.advance(ms); // sessions lapse overnight: sign in again
    for (const who of Object.keys(s)) s[who] = await loginAs(app, who);
  };
  await later(DAY);
  await post('wang', `/api/items/${a}/approve`, review(2));
  await later(3 * DAY);
  await post('bao', `/api/items/${a}/secrecy/opinion`, { revision: 1, ...DISCLOSE, basisIds: ['ogi-19'] });
  await post('liu', `/api/items/${a}/approve`, review(3)); // published on both channels

  // What the other modules write, in their shapes: an overdue secrecy opinion, a dismissed finding, two incidents of
  // the homepage monitor (one taken up after 10 minutes and closed after 60, one after 30 and still open), and two
  // check-ins (one on time, one late).
  const at = (offsetMin: number) => new Date(deps.clock.now().getTime() + offsetMin * 60_000);
  const person = { id: org.ids.bao, name: '鲍保密' };
  const write = (action: string, subject: string, payload: Record<string, unknown>, when: Date, actor = person) =>
    deps.db
      .transaction()
      .execute((tx) => appendLedger(tx, { actor, role: '', unitId: org.unitId, action, subject, payload }, when));
  const late = randomUUID();
  await write('secrecy.opinion', `item:${late}`, { itemId: late, opinion: 'disclose', dueOn: '2026-03-03' }, at(1));
  await write('publish.finding_dismiss', `item:${a}`, { itemId: a, category: '错别字', rule: 'typo' }, at(2));
  const [i1, i2] = [randomUUID(), randomUUID()];
  await write(
    'watch.incident_open',
    `watchIncident:${i1}`,
    { incidentId: i1, monitor: 'availability' },
    at(10),
    SYSTEM_ACTOR,
  );
  await write(
    'watch.incident_handle',
    `watchIncident:${i1}`,
    { incidentId: i1, from: 'notified', to: 'handling' },
    at(20),
  );
  await write(
    'watch.incident_close',
    `watchIncident:${i1}`,
    { incidentId: i1, from: 'recovered', to: 'closed' },
    at(70),
  );
  await write(
    'watch.incident_open',
    `watchIncident:${i2}`,
    { incidentId: i2, monitor: 'availability' },
    at(100),
    SYSTEM_ACTOR,
  );
  await write(
    'watch.incident_handle',
    `watchIncident:${i2}`,
    { incidentId: i2, from: 'notified', to: 'handling' },
    at(130),
  );
  const shift = randomUUID();
  await write('duty.check_in', `shift:${shift}`, { shiftId: shift, startsAt: at(300).toISOString() }, at(290));
  await write('duty.check_in', `shift:${shift}`, { shiftId: shift, startsAt: at(300).toISOString() }, at(315));
});
after(() => close());

interface Row {
  key: string;
  label: string;
  count: number;
  seqs: number[];
}

const stats = async (who = 'ducha', query = `unitId=${org.unitId}&${PERIOD}`) => {
  const res = await as(app, s[who]).get(`/api/oversight/stats?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
};
const brief = (rows: Row[]) => rows.map((r) => [r.label, r.count]);

test('发布数量按渠道；各级审核用时按工作日（中位数、第 90 百分位）', async () => {
  const st = await stats();
  assert.equal(st.unitName, '区科技局');
  assert.deepEqual(brief(st.published).sort(), [
    ['区科技局网站', 1],
    ['綦江科技', 1],
  ]);
  const levels = Object.fromEntries(
    st.levels.map((l: Row & { median: number; p90: number }) => [l.key, [l.count, l.median, l.p90]]),
  );
  assert.deepEqual(levels.level1, [2, 0, 0]);
  assert.deepEqual(levels.level2, [2, 0, 1]); // 乙 returned the same day, 甲 passed the next working day
  assert.deepEqual(levels.secrecy, [1, 3, 3]); // Tuesday → Friday
  assert.deepEqual(levels.level3, [1, 0, 0]);
});

test('退回比例与原因；保密审查按期与超期；排除的发现按类别和排除人', async () => {
  const st = await stats();
  assert.equal(st.returns.submitted, 2);
  assert.equal(st.returns.returned, 1);
  assert.equal(st.returns.share, 0.5);
  assert.deepEqual(
    st.returns.byLevel.map((r: Row & { reasons: { text: string }[] }) => [r.label, r.count, r.reasons[0].text]),
    [['待二审', 1, '标题与正文不符']],
  );
  assert.deepEqual(brief(st.secrecy), [
    ['按期', 1],
    ['超期', 1],
  ]);
  assert.deepEqual(brief(st.dismissedByCategory), [['错别字', 1]]);
  assert.deepEqual(brief(st.dismissedByPerson), [['鲍保密', 1]]);
});

test('读网异常事件按监测项（可用性），接手与关闭用时（分钟）；值班签到按时与迟到', async () => {
  const st = await stats();
  assert.equal(st.incidents.length, 1);
  const [homepage] = st.incidents;
  assert.equal(homepage.count, 2);
  assert.deepEqual(homepage.toHandle, { median: 10, p90: 30, count: 2 });
  assert.deepEqual(homepage.toClose, { median: 60, p90: 60, count: 1 });
  assert.deepEqual(brief(st.checkIns), [
    ['按时签到', 1],
    ['迟到签到', 1],
  ]);
});

test('每个数字列出其背后的台账记录，可读', async () => {
  const res = await as(app, s.ducha).get(
    `/api/oversight/stats/entries?unitId=${org.unitId}&${PERIOD}&figure=returns&key=level2`,
  );
  assert.equal(res.statusCode, 200, res.body);
  const { total, entries } = res.json();
  assert.equal(total, 1);
  assert.equal(entries[0].action, 'publish.return');
  assert.equal(entries[0].subjectView.name, '《乙稿》第 1 版');
  const site = (
    await as(app, s.ducha).get(
      `/api/oversight/stats/entries?unitId=${org.unitId}&${PERIOD}&figure=published&key=${org.siteId}`,
    )
  ).json();
  assert.deepEqual(
    site.entries.map((e: { action: string; subjectView: { name: string } }) => [e.action, e.subjectView.name]),
    [['publish.publish', '《甲稿》第 1 版']],
  );
});

test('期间以外的记录不计；其他单位的领导看不到本单位的统计；导出 .xlsx', async () => {
  const april = await stats('ducha', `unitId=${org.unitId}&from=2026-04-01&to=2026-04-30`);
  assert.deepEqual([april.published, april.returns.submitted, april.incidents], [[], 0, []]);
  const other = await as(app, s.wu).get(`/api/oversight/stats?unitId=${org.unitId}&${PERIOD}`);
  assert.equal(other.statusCode, 403);
  assert.match(other.body, /只能查看本单位的统计/);
  const bad = await as(app, s.ducha).get(`/api/oversight/stats?unitId=${org.unitId}&from=2026-03-31&to=2026-03-01`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /结束日期不能早于开始日期/);
  const file = await as(app, s.liu).get(`/api/oversight/stats/export?unitId=${org.unitId}&${PERIOD}`);
  assert.equal(file.statusCode, 200, file.body);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
  const text = book.worksheets[0].getSheetValues().flat().map(String).join('\n');
  assert.match(text, /区科技局 政务公开统计（2026-03-01 至 2026-03-31）/);
  assert.match(text, /区科技局网站/);
  assert.match(text, /标题与正文不符/);
  assert.match(text, /50\.0%/);
});

test('百分位取最近秩：空集为空', () => {
  assert.equal(percentile([], 50), null);
  assert.equal(percentile([5, 1, 3], 50), 3);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9);
  assert.equal(percentile([4], 90), 4);
});
