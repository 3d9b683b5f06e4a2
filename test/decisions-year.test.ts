// Watching the year and filing it (issue 17) over HTTP on the demo organisation, SQLite and PostgreSQL: the 年度看板
// (scoped: the 区政府办公室 and 区司法局 see every item, a 承办单位 its own), reminders to the 承办单位 sent once on a
// fixed clock however often and on however many "nodes" the job runs, the 目录 as .xlsx and as its 印发 notice
// (.docx, and a draft item that waits for 三审三校), and the 决策过程记录和材料 ZIPs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import JSZip from 'jszip';
import { loadDecisionsDemo } from '../src/decisions/demo.ts';
import { sendDecisionReminders } from '../src/decisions/reminders.ts';
import { listUnits } from '../src/org/service.ts';
import { listLedger } from '../src/platform/ledger/service.ts';
import { listMyNotifications, listPendingMail } from '../src/platform/notify/service.ts';
import { type DemoApp, type DemoSession, openDemoApp } from './support/demo-app.ts';
import { publishDraftDecision } from './support/decisions-fixtures.ts';

let demo: DemoApp;
const as: Record<string, DemoSession> = {};
let officeId: string;
let catalog2022: string;
let catalog2026: string;
let items2026: { id: string; seq: number }[];

// 2026: the test clock starts on Monday 2026-03-02 (test/support/testdb.ts).
const CATALOG_2026 = [
  '1\t专项规划\t綦江区重大项目管理办法（修订）\t区发展改革委\t2026年4月',
  '2\t专项规划\t綦江区科技创新发展规划\t区科技局\t2026年5月',
  '3\t其它\t綦江区城区防洪规划\t区水利局\t2026年4月',
  '4\t其它\t綦江区教育事业发展规划\t区教委\t2026年1月',
].join('\n');

const call = (who: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  demo.app.inject({
    method,
    url,
    payload,
    cookies: who ? as[who].cookies : undefined,
    headers: who ? as[who].headers : {},
  });

before(async () => {
  demo = await openDemoApp();
  await loadDecisionsDemo(demo.deps); // 区司法局 (sfj.legal) and the 2022 目录 of 63号 by the 区政府办公室
  for (const u of ['ban.staff', 'ban.leader', 'fgw.staff', 'fgw.leader', 'kjj.staff', 'sfj.legal', 'inspector'])
    as[u] = await demo.loginAs(u);
  officeId = (await listUnits(demo.deps.db)).find((u) => u.name === '区政府办公室')!.id;
  catalog2022 = (await call('ban.staff', 'GET', '/api/decisions/catalogs')).json()[0].id;
  const res = await call('ban.staff', 'POST', '/api/decisions/catalogs/import', {
    unitId: officeId,
    year: 2026,
    text: CATALOG_2026,
  });
  assert.equal(res.statusCode, 201, res.body);
  catalog2026 = res.json().id;
  items2026 = (await call('ban.staff', 'GET', `/api/decisions/catalogs/${catalog2026}`)).json().items;
});
after(() => demo.close());

const itemNo = (seq: number) => items2026.find((i) => i.seq === seq)!.id;
const board = async (who: string, query: string) => {
  const res = await call(who, 'GET', `/api/decisions/board?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { year: number; dayKind: string; items: Record<string, unknown>[] };
};

test('年度看板：区政府办公室、区司法局、督查看全部事项，承办单位只看本单位的；工作日、超期、尚缺程序', async () => {
  for (const who of ['ban.staff', 'sfj.legal', 'inspector'])
    assert.equal((await board(who, 'year=2022')).items.length, 15);
  const fgw = await board('fgw.staff', 'year=2022');
  assert.deepEqual(
    fgw.items.map((i) => i.title),
    ['重庆市綦江区重大项目管理办法'],
  );
  const y = await board('ban.staff', 'year=2026');
  assert.equal(y.dayKind, 'working');
  const [april, may, , january] = y.items;
  assert.equal(april.plannedMonth, '2026-04');
  assert.equal(april.daysToPlanned, 22); // 3 March – 1 April 2026: 22 working days
  assert.equal(april.overdue, false);
  assert.equal(january.overdue, true, 'January has passed undecided');
  assert.equal(april.step, 'launch');
  assert.equal(april.stepLabel, '决策启动');
  assert.ok((april.missing as string[]).includes('决策启动未完成'));
  assert.equal(may.unitName, '区科技局');
  assert.equal(april.commentClosesAt, null);
  assert.equal((await board('ban.staff', `year=2026&keeper=${officeId}`)).items.length, 4);
  assert.equal((await board('ban.staff', 'year=2026&keeper=00000000-0000-4000-8000-000000000000')).items.length, 0);
  const bad = await call('ban.staff', 'GET', '/api/decisions/board?year=二〇二六');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().message, /查询参数「year」/);
  assert.equal((await call(null, 'GET', '/api/decisions/board?year=2026')).statusCode, 401);
});

test('导出：目录 Excel（列同63号目录表）、印发通知 Word（公文格式，目录为附件）；转为稿件后是草稿，须经三审三校', async () => {
  const x = await call('fgw.staff', 'GET', `/api/decisions/catalogs/${catalog2022}/export.xlsx`);
  assert.equal(x.statusCode, 200, x.body);
  assert.match(String(x.headers['content-disposition']), /filename\*=UTF-8''/);
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  assert.equal(sheet.getCell('A1').value, '2022年度重大行政决策事项目录');
  assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(1), [
    '序号',
    '类别',
    '决策事项',
    '承办单位',
    '决策时间',
    '备注',
  ]);
  assert.deepEqual((sheet.getRow(3).values as unknown[]).slice(1, 6), [
    '1',
    '“十四五”区级规划及相关区级专项规划',
    '重庆市綦江区“十四五”教育事业发展规划(2021—2025年)',
    '区教委',
    '2022年1月',
  ]);
  assert.equal(sheet.rowCount, 2 + 15);

  const docx = await call('ban.staff', 'GET', `/api/decisions/catalogs/${catalog2022}/notice.docx`);
  assert.equal(docx.statusCode, 200, docx.body);
  const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
  for (const text of [
    '重庆市綦江区人民政府办公室文件',
    '綦江府办发〔2022〕',
    '重庆市綦江区人民政府办公室关于印发2022年度重大行政决策事项目录的通知',
    '未严格履行法定程序的事项，不得提请审议',
    '（此件公开发布）',
    '重庆市綦江区国有土地上房屋征收与补偿实施办法',
  ])
    assert.ok(xml.includes(text), text);
  assert.ok(xml.includes('w:color w:val="FF0000"'), '红色发文机关标志');
  assert.ok(xml.includes('<w:tbl>'), '目录为附件表格');
  const denied = await call('fgw.staff', 'GET', `/api/decisions/catalogs/${catalog2022}/notice.docx`);
  assert.equal(denied.statusCode, 403);
  assert.match(denied.json().message, /编制该目录的单位/);

  const made = await call('ban.staff', 'POST', `/api/decisions/catalogs/${catalog2022}/notice-item`, {});
  assert.equal(made.statusCode, 201, made.body);
  const itemId = made.json().itemId;
  const item = (await call('ban.staff', 'GET', `/api/items/${itemId}`)).json();
  assert.equal(item.stage, 'draft', 'the notice waits for 三审三校; nothing approved it');
  assert.equal(item.title, '重庆市綦江区人民政府办公室关于印发2022年度重大行政决策事项目录的通知');
  const files = (await call('ban.staff', 'GET', `/api/items/${itemId}/attachments`)).json().attachments;
  assert.deepEqual(files.map((f: { fileName: string }) => f.fileName).sort(), [
    '2022年度重大行政决策事项目录.xlsx',
    '重庆市綦江区人民政府办公室关于印发2022年度重大行政决策事项目录的通知.docx',
  ]);
  const leader = await call('ban.leader', 'POST', `/api/decisions/catalogs/${catalog2022}/notice-item`, {});
  assert.equal(leader.statusCode, 403, 'drafting is a 工作人员’s');
  assert.equal((await listLedger(demo.deps.db, { action: 'decisions.notice_item' })).length, 1);
  const badSection = await call('ban.staff', 'POST', `/api/decisions/catalogs/${catalog2022}/notice-item`, {
    sectionId: 'not-a-uuid',
  });
  assert.equal(badSection.statusCode, 400);
  assert.match(badSection.json().message, /sectionId/);
});

const act = async (who: string, itemId: string, action: object) => {
  const res = await call(who, 'POST', `/api/decisions/items/${itemId}/actions`, { action });
  assert.equal(res.statusCode, 200, res.body);
};

test('提醒承办单位：计划决策时间前一个月、前一周，征求意见截止前3天和截止后；每条只发一次（重复运行、两个节点同时运行）', async () => {
  const { deps } = demo;
  const draft = await publishDraftDecision(
    deps,
    '区科技局',
    '綦江区科技创新发展规划（征求意见稿）',
    '征求意见稿正文。',
  );
  await act('kjj.staff', itemNo(2), { kind: 'complete', step: 'launch', on: '2026-03-02', outcome: '区政府同意启动' });
  await act('kjj.staff', itemNo(2), {
    kind: 'openConsultation',
    opensOn: '2026-03-02',
    closesOn: '2026-04-01',
    draftItemId: draft,
  });
  const { submitComment } = await import('../src/decisions/consultation.ts');
  await submitComment(deps, itemNo(2), { name: '李四', contact: '13800138000', text: '建议增加科技企业扶持内容' });
  const seqOf = (id: string) => items2026.find((i) => i.id === id)!.seq;
  const kinds = (sent: { itemId: string; kind: string }[]) => sent.map((s) => `${seqOf(s.itemId)}:${s.kind}`).sort();

  // Monday 2 March: a month before April → items 1 (区发展改革委) and 3 (区水利局, not in gongkai: the 目录's unit).
  assert.deepEqual(kinds((await sendDecisionReminders(deps)).sent), ['1:plannedMonth', '3:plannedMonth']);
  assert.deepEqual((await sendDecisionReminders(deps)).sent, [], 'run again (a restart): nothing is sent twice');
  const fgwNotes = await listMyNotifications(deps.db, as['fgw.leader'].userId);
  assert.ok(fgwNotes.items.some((n) => n.kind === 'decisions.plannedMonth' && n.title.includes('重大项目管理办法')));
  const banNotes = await listMyNotifications(deps.db, as['ban.staff'].userId);
  assert.ok(banNotes.items.some((n) => n.title.includes('城区防洪规划')));
  const mails = await listPendingMail(deps.db);
  assert.ok(mails.some((m) => m.mail.to.includes('fgw.staff@demo.gongkai.local') && /一个月/.test(m.mail.subject)));

  // 29 March: a week before April, 3 days before item 2's window closes — two nodes run at once, each sent once.
  deps.clock.set('2026-03-29T01:00:00.000Z');
  const [a, b] = await Promise.all([sendDecisionReminders(deps), sendDecisionReminders(deps)]);
  assert.deepEqual(kinds([...a.sent, ...b.sent]), ['1:plannedWeek', '2:commentSoon', '3:plannedWeek']);

  // 1 April: item 2's window has closed (its report is not published) and May is a month away.
  deps.clock.set('2026-04-01T01:00:00.000Z');
  assert.deepEqual(kinds((await sendDecisionReminders(deps)).sent), ['2:commentClosed', '2:plannedMonth']);
  assert.deepEqual((await sendDecisionReminders(deps)).sent, []);
  assert.equal((await listLedger(deps.db, { action: 'decisions.reminder' })).length, 7);
  const kjjNotes = await listMyNotifications(deps.db, as['kjj.staff'].userId);
  assert.ok(kjjNotes.items.some((n) => n.kind === 'decisions.commentClosed' && n.body.includes('2026-03-31')));
});

test('决策过程记录和材料：单个事项与整个目录的 ZIP（index.html 索引）；意见原件只给承办单位；无关单位不能导出', async () => {
  for (const u of Object.keys(as)) as[u] = await demo.loginAs(u); // the clock moved past the sessions' end
  const id = itemNo(2);
  const [comment] = (await call('kjj.staff', 'GET', `/api/decisions/items/${id}/comments`)).json();
  const answered = await call('kjj.staff', 'POST', `/api/decisions/items/${id}/comments/${comment.id}/answer`, {
    answer: 'adopted',
    reason: '已在第三章增加扶持措施',
  });
  assert.equal(answered.statusCode, 200, answered.body);
  await act('kjj.staff', id, { kind: 'publishReport', on: '2026-04-01' });

  const unzip = async (who: string, url: string) => {
    const res = await call(who, 'GET', url);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/zip');
    return JSZip.loadAsync(res.rawPayload);
  };
  const own = await unzip('kjj.staff', `/api/decisions/items/${id}/records.zip`);
  const index = await own.file('index.html')!.async('string');
  for (const text of ['决策过程记录和材料', '决策启动', '区政府同意启动', '建议增加科技企业扶持内容', '李四', '采纳']) {
    assert.ok(index.includes(text), text);
  }
  assert.ok(index.includes('征求意见已截止'), 'the reminders sent are on record');
  assert.ok(own.file('征求意见稿.txt'), 'the published draft');
  const ledger = JSON.parse(await own.file('台账记录.json')!.async('string')) as { action: string; leafHash: string }[];
  assert.ok(ledger.some((e) => e.action === 'decisions.consultation_report'));
  assert.ok(ledger.every((e) => /^[0-9a-f]{64}$/.test(e.leafHash)));

  const legal = await (await unzip('sfj.legal', `/api/decisions/items/${id}/records.zip`))
    .file('index.html')!
    .async('string');
  assert.ok(legal.includes('建议增加科技企业扶持内容'));
  assert.ok(!legal.includes('李四') && !legal.includes('13800138000'), 'names and contacts stay with the 承办单位');
  const other = await call('fgw.staff', 'GET', `/api/decisions/items/${id}/records.zip`);
  assert.equal(other.statusCode, 403);
  assert.match(other.json().message, /承办单位、编制目录的单位、合法性审查机构和督查/);

  const year = await unzip('ban.staff', `/api/decisions/catalogs/${catalog2026}/records.zip`);
  const top = await year.file('index.html')!.async('string');
  assert.ok(top.includes('綦江区科技创新发展规划') && top.includes('目录版本'));
  assert.ok(year.file('目录.xlsx'));
  assert.equal(year.file(/\/index\.html$/).length, 4, 'a folder per item');
  assert.equal((await call('kjj.staff', 'GET', `/api/decisions/catalogs/${catalog2026}/records.zip`)).statusCode, 403);
});
