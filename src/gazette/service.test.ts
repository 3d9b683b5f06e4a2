// Compiling an issue against a real database (SQLite, and PostgreSQL with GONGKAI_TEST_DB=postgres): the 公报室
// creates 2022年第11期, finds the published 公文 by title, places and orders them; each write in the ledger.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixtureText, gazetteOffice, publishText, rejects } from '../../test/support/gazette-fixtures.ts';
import { buildPublishOrg, type PublishOrg } from '../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import type { Actor } from '../org/model.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { draftItem } from '../publish/service.ts';
import { addEntry, createIssue, findPublished, getIssue, listIssues, orderEntries, removeEntry } from './service.ts';

let deps: TestDeps;
let org: PublishOrg;
let office: Actor;
const SECTIONS = ['重庆市綦江区人民政府文件', '重庆市綦江区人民政府办公室文件', '重庆市綦江区人民政府部门文件'];
const issue129 = { year: 2022, number: 11, totalNumber: 129, publishDate: '2022-12-10', sections: SECTIONS };
const ids: Record<string, string> = {};

before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
  office = await gazetteOffice(deps, org);
  ids.soil = await publishText(deps, org, '关于做好第三次全国土壤普查的通知', fixtureText('1-fufa-29'));
  ids.decisions = await publishText(deps, org, '重大行政决策事项目录的通知', fixtureText('4-fubanfa-63'));
  ids.mentors = await publishText(deps, org, '关于征集创业导师志愿者的通知', fixtureText('6-renshe-137'));
});
after(async () => {
  await deps.close();
});

test('公报室新建一期：期号、总期号唯一，输入有误报中文错误且不写入；非公报室 403', async () => {
  const zhang = await org.actor('zhang');
  await rejects(createIssue(deps, zhang, issue129), 403, /公报室/);
  await rejects(createIssue(deps, office, { ...issue129, publishDate: '2022-02-30' }), 400, /出版日期/);
  await rejects(createIssue(deps, office, { ...issue129, sections: ['部门文件', '部门文件'] }), 400, /重复/);
  await rejects(createIssue(deps, office, { ...issue129, number: 0 }), 400, /期号/);
  assert.equal((await listIssues(deps, office)).length, 0);
  const issue = await createIssue(deps, office, { ...issue129, forewordTitle: '用实干“拼”出太空家园', foreword: '……' });
  assert.equal(issue.label, '2022年第11期（总第129期）');
  assert.deepEqual(issue.sections, SECTIONS);
  await rejects(createIssue(deps, office, { ...issue129, number: 12 }), 409, /已存在/);
  await rejects(createIssue(deps, office, { ...issue129, totalNumber: 130 }), 409, /已存在/);
  const { sections: _, ...noSections } = issue129;
  const defaults = await createIssue(deps, office, { ...noSections, number: 12, totalNumber: 130 });
  assert.deepEqual(defaults.sections, ['区政府文件', '区政府办公室文件', '部门文件', '人事任免']);
  assert.deepEqual(
    (await listIssues(deps, await org.actor('ducha'))).map((i) => i.label),
    ['2022年第12期（总第130期）', '2022年第11期（总第129期）'],
  );
  await rejects(listIssues(deps, zhang), 403);
  const entries = await listLedger(deps.db, { action: 'gazette.issue_create' });
  assert.equal(entries.length, 2);
});

test('按标题查找已发布的公文，编入栏目：要素来自发布的正文；同一公文不能编入两次，未发布的 404', async () => {
  const issue = (await listIssues(deps, office)).find((i) => i.totalNumber === 129)!;
  const hits = await findPublished(deps, office, '土壤普查');
  assert.deepEqual(
    hits.map((h) => h.itemId),
    [ids.soil],
  );
  assert.deepEqual(await findPublished(deps, office, '100%_'), []);
  await rejects(findPublished(deps, await org.actor('zhang'), '通知'), 403);

  let got = await addEntry(deps, office, issue.id, { itemId: ids.soil, section: SECTIONS[0] });
  got = await addEntry(deps, office, issue.id, { itemId: ids.mentors, section: SECTIONS[2] });
  got = await addEntry(deps, office, issue.id, { itemId: ids.decisions, section: SECTIONS[0] });
  assert.deepEqual(
    got.entries.map((e) => [e.section, e.position, e.docNumber]),
    [
      [SECTIONS[0], 1, '綦江府发〔2022〕29号'],
      [SECTIONS[0], 2, '綦江府办发〔2022〕63号'],
      [SECTIONS[2], 1, '綦江人社〔2022〕137号'],
    ],
  );
  const soil = got.entries[0];
  assert.equal(soil.title, '重庆市綦江区人民政府关于做好第三次全国土壤普查的通知');
  assert.deepEqual(soil.issuers, ['重庆市綦江区人民政府']);
  assert.equal(soil.docDate, '2022-11-04');
  assert.equal(soil.document.printDateIso, '2022-11-07');

  await rejects(addEntry(deps, office, issue.id, { itemId: ids.soil, section: SECTIONS[1] }), 409, /已在本期/);
  await rejects(addEntry(deps, office, issue.id, { itemId: ids.soil, section: '人事任免' }), 400, /没有栏目/);
  const draft = await draftItem(deps, await org.actor('zhang'), org.draft({ title: '未发布的通知' }));
  await rejects(addEntry(deps, office, issue.id, { itemId: draft.id, section: SECTIONS[0] }), 404);
  assert.equal((await getIssue(deps, office, issue.id)).entries.length, 3);
});

test('调整顺序和栏目：须列出每篇各一次；移除后本期少一篇；每一步记入台账', async () => {
  const issue = (await listIssues(deps, office)).find((i) => i.totalNumber === 129)!;
  const before = await getIssue(deps, office, issue.id);
  const [soil, decisions, mentors] = before.entries;
  await rejects(orderEntries(deps, office, issue.id, [{ id: soil.id, section: SECTIONS[0] }]), 400, /各一次/);
  await rejects(
    orderEntries(deps, office, issue.id, [
      { id: soil.id, section: SECTIONS[0] },
      { id: decisions.id, section: '不存在的栏目' },
      { id: mentors.id, section: SECTIONS[2] },
    ]),
    400,
  );
  const moved = await orderEntries(deps, office, issue.id, [
    { id: decisions.id, section: SECTIONS[1] },
    { id: mentors.id, section: SECTIONS[2] },
    { id: soil.id, section: SECTIONS[0] },
  ]);
  assert.deepEqual(
    moved.entries.map((e) => [e.section, e.itemId]),
    [
      [SECTIONS[0], ids.soil],
      [SECTIONS[1], ids.decisions],
      [SECTIONS[2], ids.mentors],
    ],
  );
  await rejects(removeEntry(deps, await org.actor('ducha'), issue.id, mentors.id), 403);
  const removed = await removeEntry(deps, office, issue.id, mentors.id);
  assert.deepEqual(
    removed.entries.map((e) => e.itemId),
    [ids.soil, ids.decisions],
  );
  await rejects(removeEntry(deps, office, issue.id, mentors.id), 404);
  const actions = (await listLedger(deps.db, { subject: `gazette:${issue.id}` })).map((e) => e.action);
  for (const a of ['gazette.issue_create', 'gazette.entry_add', 'gazette.entry_order', 'gazette.entry_remove']) {
    assert.ok(actions.includes(a), a);
  }
});
