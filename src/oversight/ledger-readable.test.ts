// 可读的台账：每条记录的对象以人知道的名称出现（稿件标题和版本、用户姓名和单位、栏目名称），详情是带中文标签的字段
// （来源阶段、去向阶段、意见、依据……），时间为北京时间；可按稿件标题和人员筛选；导出的 Excel 同样可读；原始标识仍在 API 中。
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import {
  as,
  disclosureAt,
  openPublishApp,
  type PublishOrg,
  type Session,
} from '../../test/support/publish-fixtures.ts';
import type { TestDeps } from '../../test/support/testdb.ts';
import { LEDGER_HEADINGS } from './ledger-export.ts';

let deps: TestDeps;
let app: FastifyInstance;
let org: PublishOrg;
let s: Record<string, Session>;
let close: () => Promise<void>;
let itemId: string;
let otherId: string;

interface Entry {
  seq: number;
  at: string;
  time: string;
  action: string;
  actor: { id: string; name: string; unitName: string | null } | null;
  subject: string;
  subjectView: { kind: string; kindName: string; id: string; name: string };
  fields: { key: string; label: string; value: string }[];
  payload: Record<string, unknown>;
}

before(async () => {
  ({ deps, app, org, s, close } = await openPublishApp(['zhang', 'li', 'wang', 'ducha', 'liu']));
  const post = async (who: string, url: string, body: unknown, code = 200) => {
    const res = await as(app, s[who]).post(url, body);
    assert.equal(res.statusCode, code, `${who} ${url}: ${res.body}`);
    return res.json();
  };
  itemId = (await post('zhang', '/api/items', org.draft({ title: '区科技局科技创新大会通稿' }), 201)).id;
  otherId = (await post('zhang', '/api/items', org.draft({ title: '区科技局人才政策解读' }), 201)).id;
  await post('zhang', `/api/items/${itemId}/submit`, { revision: 1 });
  deps.clock.advance(3600_000);
  await post('li', `/api/items/${itemId}/approve`, {
    level: 1,
    revision: 1,
    opinion: '同意，报二审',
    proofreading: '已校对人名',
    standardsAttested: true,
    disclosure: disclosureAt(1),
  });
  await post('wang', `/api/items/${itemId}/return`, {
    level: 2,
    revision: 1,
    opinion: '会议时间有误，请核实后重报',
    proofreading: '日期待核',
  });
});
after(() => close());

const entries = async (query: string): Promise<Entry[]> => {
  const res = await as(app, s.ducha).get(`/api/ledger?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().entries;
};
const field = (e: Entry | undefined, label: string) => e?.fields.find((f) => f.label === label)?.value;

test('对象是稿件标题和版本，详情是中文字段，时间为北京时间；原始标识和内容仍在', async () => {
  const list = await entries(`unitId=${org.unitId}&action=publish`);
  const back = list.find((e) => e.action === 'publish.return');
  assert.ok(back);
  assert.deepEqual(back.subjectView, {
    kind: 'item',
    kindName: '稿件',
    id: itemId,
    name: '《区科技局科技创新大会通稿》第 1 版',
  });
  assert.equal(field(back, '来源阶段'), '待二审');
  assert.equal(field(back, '去向阶段'), '已退回修改');
  assert.equal(field(back, '意见'), '会议时间有误，请核实后重报');
  assert.equal(field(back, '审核级别'), '二审二校');
  assert.equal(field(back, '校对情况'), '日期待核');
  assert.ok(!back.fields.some((f) => f.value === itemId), '对象已经写明的稿件标识不再重复');
  assert.equal(back.actor?.name, '王科长');
  assert.equal(back.actor?.unitName, '区科技局');
  // 2026-03-02 01:00 UTC = 09:00 北京时间 (the test clock), plus the hour advanced above
  const utc = new Date(back.at).getTime();
  assert.equal(back.time, new Date(utc + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19));
  assert.equal(back.subject, `item:${itemId}`);
  assert.equal(back.payload.itemId, itemId);
  assert.equal(back.payload.from, 'level2');
});

test('用户和栏目以名称出现：用户带单位', async () => {
  const created = (await entries('action=org.user_create')).find((e) => e.subject === `user:${org.ids.zhang}`);
  assert.equal(created?.subjectView.name, '张承办（区科技局）');
  const column = (await entries('action=org.column_create'))[0];
  assert.equal(column.subjectView.name, '工作动态');
  assert.equal(column.subjectView.kindName, '栏目');
});

test('按稿件标题筛选：只列出标题含所输入文字的稿件的记录', async () => {
  const list = await entries(`title=${encodeURIComponent('创新大会')}`);
  assert.deepEqual(
    list.map((e) => e.action),
    ['publish.return', 'publish.approve', 'publish.submit', 'publish.draft'],
  );
  assert.ok(list.every((e) => e.subject === `item:${itemId}`));
  const other = await entries(`title=${encodeURIComponent('人才政策')}`);
  assert.deepEqual(
    other.map((e) => e.subject),
    [`item:${otherId}`],
  );
  assert.deepEqual(await entries(`title=${encodeURIComponent('没有这样的标题')}`), []);
  // % is a character to look for, not a wildcard
  assert.deepEqual(await entries(`title=${encodeURIComponent('%')}`), []);
});

test('按人员筛选：此人做的和关于此人的记录', async () => {
  const list = await entries(`person=${encodeURIComponent('王科长')}`);
  assert.ok(list.some((e) => e.action === 'publish.return' && e.actor?.name === '王科长'));
  assert.ok(list.some((e) => e.action === 'org.user_create' && e.subject === `user:${org.ids.wang}`));
  assert.ok(list.every((e) => e.actor?.id === org.ids.wang || e.subject === `user:${org.ids.wang}`));
  const blank = await as(app, s.ducha).get('/api/ledger?person=%20');
  assert.equal(blank.statusCode, 400);
  assert.match(blank.body, /请输入人员姓名/);
});

test('导出的 Excel 同样可读：对象为稿件标题，详情为中文字段，另列原始标识', async () => {
  const day = new Date(new Date(deps.clock.now()).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const res = await as(app, s.ducha).get(`/api/ledger/export?unitId=${org.unitId}&from=${day}&to=${day}`);
  assert.equal(res.statusCode, 200, res.body);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('登记台账')!;
  assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(1), LEDGER_HEADINGS);
  const col = (name: string) => LEDGER_HEADINGS.indexOf(name) + 1;
  const rows = [...Array(sheet.rowCount - 2).keys()].map((i) => sheet.getRow(i + 3));
  const back = rows.find((r) => String(r.getCell(col('操作')).value) === '退回修改');
  assert.ok(back);
  assert.equal(String(back.getCell(col('对象')).value), '《区科技局科技创新大会通稿》第 1 版');
  assert.equal(String(back.getCell(col('对象类别')).value), '稿件');
  assert.equal(String(back.getCell(col('操作人单位')).value), '区科技局');
  const detail = String(back.getCell(col('详情')).value);
  assert.match(detail, /来源阶段：待二审/);
  assert.match(detail, /意见：会议时间有误，请核实后重报/);
  assert.doesNotMatch(detail, /[{}"]/);
  assert.equal(String(back.getCell(col('对象标识')).value), `item:${itemId}`);
});
