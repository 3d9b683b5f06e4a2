// 抽查清单：督查抽到的每篇稿件按审签单和发布网址预填五项检查；督查确认或纠正（与预填不同须写理由），确认记入
// 登记台账；各单位结果点名有问题的稿件；通报（.docx 公文格式、.pdf）点名有问题的单位和问题，可作为 Word 导入稿件
// 走三审三校。
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import {
  as,
  DISCLOSE,
  disclosureAt,
  openPublishApp,
  type PublishOrg,
  type Session,
} from '../../test/support/publish-fixtures.ts';
import type { TestDeps } from '../../test/support/testdb.ts';
import { docxToHtml } from '../platform/documents/docx.ts';
import { appendLedger, listLedger } from '../platform/ledger/service.ts';
import type { Inspection } from './checklist.ts';

let deps: TestDeps;
let app: FastifyInstance;
let org: PublishOrg;
let s: Record<string, Session>;
let close: () => Promise<void>;
let seq: number;
let clean: string; // published through every level, no 发布网址
let altered: string; // published, its live page shows other text than the approved one

const review = (level: number) => ({
  level,
  revision: 1,
  opinion: `第${level}级：同意发布`,
  proofreading: '已校对标题、日期和人名',
  standardsAttested: true,
  disclosure: disclosureAt(level),
});

async function publishItem(title: string): Promise<string> {
  const created = await as(app, s.zhang).post('/api/items', org.draft({ title }));
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  const step = async (who: string, url: string, body: unknown) => {
    const res = await as(app, s[who]).post(`/api/items/${id}/${url}`, body);
    assert.equal(res.statusCode, 200, `${who} ${url}: ${res.body}`);
  };
  await step('zhang', 'submit', { revision: 1 });
  await step('li', 'approve', review(1));
  await step('wang', 'approve', review(2));
  await step('bao', 'secrecy/opinion', { revision: 1, ...DISCLOSE, basisIds: ['ogi-19'] });
  await step('liu', 'approve', review(3));
  return id;
}

before(async () => {
  ({ deps, app, org, s, close } = await openPublishApp(['zhang', 'li', 'wang', 'bao', 'liu', 'ducha', 'admin']));
  clean = await publishItem('区科技局召开科技创新工作会议');
  altered = await publishItem('区科技局发布科技型企业认定结果');
  const url = 'http://127.0.0.1:1/news/2.html';
  const put = await as(app, s.zhang).put(`/api/items/${altered}/live-url`, { channelId: org.siteId, url });
  assert.equal(put.statusCode, 200, put.body);
  // The integrity monitor found the live page changed (as src/watch/observe.ts records it).
  await deps.db.transaction().execute((tx) =>
    appendLedger(
      tx,
      {
        actor: { id: 'system', name: '系统' },
        role: '',
        unitId: org.unitId,
        action: 'watch.incident_open',
        subject: 'watchIncident:fixture',
        payload: {
          rule: 'text-mismatch',
          target: `page:${org.siteId}:${url}`,
          summary: '发布页面与审定稿不一致：多出“本通知自印发之日起施行”',
        },
      },
      deps.clock.now(),
    ),
  );
  const period = { from: '2026-01-01', to: '2026-12-31', perUnit: 5, unitIds: [org.unitId] };
  const drawn = await as(app, s.ducha).post('/api/oversight/samples', period);
  assert.equal(drawn.statusCode, 201, drawn.body);
  seq = drawn.json().seq;
});
after(() => close());

const inspection = async (who = 'ducha') => {
  const res = await as(app, s[who]).get(`/api/oversight/samples/${seq}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Inspection;
};
const checksOf = (x: Inspection, itemId: string) =>
  Object.fromEntries((x.units[0].items.find((i) => i.itemId === itemId)?.checks ?? []).map((c) => [c.check, c]));

test('预填：走完全部环节的稿件审签单、意见校对、保密审查依据符合；无发布网址的不适用；页面被改的不符合', async () => {
  const x = await inspection();
  assert.deepEqual(x.units[0].items.map((i) => i.itemId).sort(), [clean, altered].sort());
  const a = checksOf(x, clean);
  assert.deepEqual(
    Object.values(a).map((c) => [c.check, c.prefilled]),
    [
      ['signoff', 'pass'],
      ['opinions', 'pass'],
      ['secrecy', 'pass'],
      ['dismissals', 'na'],
      ['liveText', 'na'],
    ],
  );
  assert.match(a.secrecy.prefillNote, /公开；依据：/);
  const b = checksOf(x, altered);
  assert.equal(b.liveText.outcome, 'fail');
  assert.match(b.liveText.note, /news\/2\.html：发布页面与审定稿不一致/);
  assert.equal(x.units[0].withProblems, 1);
  assert.equal(x.units[0].confirmed, false);
  assert.deepEqual(
    x.units[0].problems.map((p) => [p.itemId, p.check]),
    [[altered, '发布页面与审定稿一致']],
  );
});

test('纠正预填须写明理由：无理由 400 且台账不变；有理由则记入台账，结果随之改变', async () => {
  const before = (await listLedger(deps.db, { action: 'oversight.sample_check' })).length;
  const url = `/api/oversight/samples/${seq}/checks`;
  const bare = await as(app, s.ducha).post(url, { itemId: clean, check: 'opinions', outcome: 'fail' });
  assert.equal(bare.statusCode, 400, bare.body);
  assert.match(bare.json().message, /须写明理由/);
  assert.equal((await listLedger(deps.db, { action: 'oversight.sample_check' })).length, before);

  const note = '二审意见仅写“同意”，未对照原文校对';
  const fixed = await as(app, s.ducha).post(url, { itemId: clean, check: 'opinions', outcome: 'fail', note });
  assert.equal(fixed.statusCode, 200, fixed.body);
  assert.equal(fixed.json().outcome, 'fail');
  assert.equal(fixed.json().prefilled, 'pass');
  const confirm = await as(app, s.ducha).post(url, { itemId: altered, check: 'liveText', outcome: 'fail' });
  assert.equal(confirm.statusCode, 200, confirm.body);

  const admin = await as(app, s.admin).get(`/api/oversight/samples/${seq}`); // 系统管理员 cannot read it
  assert.equal(admin.statusCode, 403, admin.body);
  const y = await inspection();
  assert.equal(checksOf(y, clean).opinions.outcome, 'fail');
  assert.equal(checksOf(y, clean).opinions.note, note);
  assert.equal(checksOf(y, clean).opinions.confirmedBy?.name, '督查员');
  assert.equal(y.units[0].withProblems, 2);
  const entries = await listLedger(deps.db, { action: 'oversight.sample_check' });
  assert.equal(entries.length, before + 2);
  assert.equal(entries[0].unit_id, org.unitId);
});

test('不在样本中的稿件不能确认（422）；只有督查能确认（403）', async () => {
  const other = await as(app, s.ducha).post(`/api/oversight/samples/${seq}/checks`, {
    itemId: '00000000-0000-4000-8000-000000000000',
    check: 'signoff',
    outcome: 'pass',
  });
  assert.equal(other.statusCode, 422, other.body);
  const notInspector = await as(app, s.liu).post(`/api/oversight/samples/${seq}/checks`, {
    itemId: clean,
    check: 'signoff',
    outcome: 'pass',
  });
  assert.equal(notInspector.statusCode, 403, notInspector.body);
  const missing = await as(app, s.ducha).get('/api/oversight/samples/999999');
  assert.equal(missing.statusCode, 404);
});

test('通报 .docx：公文格式（红头、发文字号、标题、主送机关），点名有问题的单位和稿件，可作为 Word 导入稿件', async () => {
  const res = await as(app, s.ducha).get(
    `/api/oversight/samples/${seq}/notice?docNumber=${encodeURIComponent('綦府办〔2026〕12号')}&date=2026-12-07`,
  );
  assert.equal(res.statusCode, 200, res.body);
  const zip = await JSZip.loadAsync(res.rawPayload);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  assert.match(xml, /FF0000/); // the red 发文机关标志 and line
  assert.match(xml, /w:top="2098"/); // top margin 37 mm
  for (const text of [
    '綦府办〔2026〕12号',
    '随机抽查情况的通报',
    '区科技局',
    '区科技局发布科技型企业认定结果',
    '2026年12月7日',
  ])
    assert.ok(xml.includes(text), text);
  const { html } = await docxToHtml(res.rawPayload); // what 导入 Word makes of it: a draft for 三审三校
  assert.match(html, /存在的问题/);

  const wrong = await as(app, s.ducha).get(
    `/api/oversight/samples/${seq}/notice?docNumber=${encodeURIComponent('綦府办[2026]第012号')}`,
  );
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.json().message, /六角括号/);
  const pdf = await as(app, s.ducha).get(`/api/oversight/samples/${seq}/notice?format=pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
});
