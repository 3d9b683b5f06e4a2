// Two things the 公报室 does besides placing published 公文 (SQLite, and PostgreSQL with GONGKAI_TEST_DB=postgres):
// it places a 公文 read from a Word file in a section (its GB/T 9704 elements, editable; a 密级 refused; the source
// kept), and it sets the deployment's 刊名 and 版权页, which every issue then prints.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { officialDocx } from '../../test/support/gazette-docx.ts';
import { fixtureText, gazetteOffice, proofread, rejects } from '../../test/support/gazette-fixtures.ts';
import { buildPublishOrg, type PublishOrg } from '../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import type { Actor } from '../org/model.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { DEFAULT_SETTINGS } from './model.ts';
import {
  addWordEntry,
  createIssue,
  draftHtml,
  editEntry,
  getIssue,
  getSettings,
  issueForPrint,
  removeEntry,
  updateSettings,
} from './service.ts';
import * as store from './store.ts';

let deps: TestDeps;
let org: PublishOrg;
let office: Actor;
let issueId: string;
const SECTIONS = ['区政府文件', '部门文件'];

before(async () => {
  deps = await createTestDeps();
  org = await buildPublishOrg(deps);
  office = await gazetteOffice(deps, org);
  const issue = { year: 2022, number: 11, totalNumber: 129, publishDate: '2022-12-10', sections: SECTIONS };
  issueId = (await createIssue(deps, office, issue)).id;
});
after(async () => {
  await deps.close();
});

const file = async (name: string, text = proofread(fixtureText(name))) => ({
  buffer: await officialDocx(text),
  fileName: `${name}.docx`,
});

test('Word 公文编入本期：要素来自文件，可改；标明来自 Word 及读入人，台账记文件名和摘要；涉密、重复、无此栏目均拒绝', async () => {
  const soil = await file('1-fufa-29');
  await rejects(addWordEntry(deps, await org.actor('zhang'), issueId, { section: SECTIONS[0], file: soil }), 403);
  await rejects(addWordEntry(deps, office, issueId, { section: '人事任免', file: soil }), 400, /没有栏目/);
  const secret = await file('6-renshe-137', `秘密★1年\n${fixtureText('6-renshe-137')}`);
  await rejects(addWordEntry(deps, office, issueId, { section: SECTIONS[1], file: secret }), 422, /涉密公文/);
  const empty = { buffer: await officialDocx('  '), fileName: '空.docx' };
  await rejects(addWordEntry(deps, office, issueId, { section: SECTIONS[1], file: empty }), 400, /未能识别公文标题/);
  assert.equal((await getIssue(deps, office, issueId)).entries.length, 0, '被拒绝的文件不写入');

  const { issue, formatFindings } = await addWordEntry(deps, office, issueId, { section: SECTIONS[0], file: soil });
  assert.ok(Array.isArray(formatFindings));
  const [entry] = issue.entries;
  assert.equal(entry.title, '重庆市綦江区人民政府关于做好第三次全国土壤普查的通知');
  assert.equal(entry.docNumber, '綦江府发〔2022〕29号');
  assert.equal(entry.docDate, '2022-11-04');
  assert.deepEqual(
    [entry.source, entry.sourceFile, entry.importedBy, entry.itemId],
    ['word', '1-fufa-29.docx', office.id, null],
  );
  await rejects(addWordEntry(deps, office, issueId, { section: SECTIONS[1], file: soil }), 409, /已在本期/);

  const [logged] = await listLedger(deps.db, { action: 'gazette.entry_import' });
  assert.equal(logged.actor_id, office.id);
  const payload = JSON.parse(logged.payload);
  assert.equal(payload.fileName, '1-fufa-29.docx');
  assert.match(payload.sha256, /^[0-9a-f]{64}$/);
  assert.equal(payload.entryId, entry.id);

  // Editable like any entry; the search index follows (and removing it leaves no row behind).
  const edited = await editEntry(deps, office, issueId, entry.id, { ...entry.document, title: '关于土壤普查的通知' });
  assert.equal(edited.issue.entries[0].title, '关于土壤普查的通知');
  assert.equal(edited.issue.entries[0].source, 'word');
  const released = { issueIds: [issueId], text: '土壤普查', year: null, issuer: null, docNumber: null };
  assert.deepEqual(
    (await store.search(deps.db, deps.engine, released, 50)).map((r) => r.title),
    ['关于土壤普查的通知'],
  );
  const mentors = await addWordEntry(deps, office, issueId, { section: SECTIONS[1], file: await file('6-renshe-137') });
  assert.deepEqual(
    mentors.issue.entries.map((e) => e.section),
    SECTIONS,
  );
  await removeEntry(deps, office, issueId, entry.id);
  assert.deepEqual(await store.search(deps.db, deps.engine, released, 50), []);
});

test('刊名、网上公报名称和版权页：默认为演示的綦江区；公报室或系统管理员修改，校验有误报中文错误且不改；排版即用新值', async () => {
  const ducha = await org.actor('ducha');
  const seen = await getSettings(deps, ducha);
  assert.equal(seen.masthead, DEFAULT_SETTINGS.masthead);
  assert.equal(seen.canEdit, false);
  await rejects(getSettings(deps, await org.actor('zhang')), 403);
  const mine = {
    ...DEFAULT_SETTINGS,
    masthead: '重庆市江津区人民政府公报',
    postcode: '402260',
    phone: '(023)47521234',
  };
  await rejects(updateSettings(deps, ducha, mine), 403, /公报室或系统管理员/);
  await rejects(updateSettings(deps, office, { ...mine, postcode: '40226' }), 400, /邮编应为 6 位数字/);
  await rejects(updateSettings(deps, office, { ...mine, sponsor: '  ' }), 400, /请填写主办单位/);
  await rejects(updateSettings(deps, office, { ...mine, phone: '电话号码' }), 400, /电话/);
  assert.equal((await getSettings(deps, office)).updatedAt, null, '有误的输入不写入');

  const saved = await updateSettings(deps, office, { ...mine, address: '  重庆市江津区  鼎山大道 1 号 ' });
  assert.equal(saved.address, '重庆市江津区 鼎山大道 1 号');
  assert.equal(saved.canEdit, true);
  const printed = await issueForPrint(deps, office, issueId);
  assert.equal(printed.masthead, '重庆市江津区人民政府公报');
  assert.deepEqual(printed.colophon, {
    supervisor: DEFAULT_SETTINGS.supervisor,
    sponsor: DEFAULT_SETTINGS.sponsor,
    publisher: DEFAULT_SETTINGS.publisher,
    address: '重庆市江津区 鼎山大道 1 号',
    postcode: '402260',
    phone: '(023)47521234',
  });
  const { html } = await draftHtml(deps, office, issueId);
  assert.match(html, /<p class="masthead">重庆市江津区人民政府公报<\/p>/);
  assert.match(html, /邮编：402260　电话：\(023\)47521234/);

  const admin = await org.actor('admin');
  await updateSettings(deps, admin, { ...mine, siteTitle: '江津区政府公报网' });
  assert.equal((await getSettings(deps, office)).siteTitle, '江津区政府公报网');
  const log = await listLedger(deps.db, { action: 'gazette.settings_update' });
  assert.equal(log.length, 2);
  const first = JSON.parse(log.find((e) => e.actor_id === office.id)!.payload);
  assert.equal(first.before.masthead, DEFAULT_SETTINGS.masthead);
  assert.equal(first.after.masthead, '重庆市江津区人民政府公报');
});
