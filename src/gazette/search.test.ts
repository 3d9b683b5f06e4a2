// The edition's search query on both databases, past the size where each reads documents in the order shown before it
// turns to the trigram index (store.ORDERED_SCAN_ROWS; SQLite through gazette_search_shown, migration 043): whichever
// way a phrase is answered, the result is the first 50 matches in the order shown — the same list a scan of every
// document gives.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import * as store from './store.ts';

let deps: TestDeps;
const DOCS = store.ORDERED_SCAN_ROWS + 200;
const issueIds = ['issue-a', 'issue-b'];
type Doc = { entry_id: string; issue_id: string; year: number; issuers: string; doc_number: string; title: string };
const docs: (Doc & { content: string })[] = [];

before(async () => {
  deps = await createTestDeps();
  for (let n = 0; n < DOCS; n++) {
    const words = [
      n % 3 === 0 ? '高质量发展' : '', // common: answered within the first documents in order
      n % 40 === 7 ? '土壤普查' : '', // one in forty: fewer than 50 among the first rows read
      n >= DOCS - 150 && n % 2 === 0 ? '河长制' : '', // only among the last documents in order
    ];
    docs.push({
      entry_id: `e${String(n).padStart(5, '0')}`,
      issue_id: issueIds[n % 2],
      year: 2025 - Math.floor(n / 100), // the order shown: newest year first
      issuers: n % 5 === 0 ? '重庆市綦江区人民政府' : '重庆市綦江区人民政府办公室',
      doc_number: `綦江府发〔${2025 - Math.floor(n / 100)}〕${n}号`,
      title: `关于第${n}项工作的通知`,
      content: `各镇人民政府，区政府各部门：${words.join('，')}。现将有关事项通知如下。`,
    });
  }
  await deps.db.transaction().execute(async (tx) => {
    for (const d of docs) await store.indexEntry(tx, d);
  });
});
after(async () => {
  await deps.close();
});

/** What a scan of every document answers. */
function expected(f: store.SearchFilter, limit: number): string[] {
  return docs
    .filter(
      (d) =>
        f.issueIds.includes(d.issue_id)
        && (!f.text || d.content.includes(f.text))
        && (!f.year || d.year === f.year)
        && (!f.issuer || d.issuers.includes(f.issuer))
        && (!f.docNumber || d.doc_number.includes(f.docNumber)),
    )
    .sort(
      (a, b) =>
        b.year - a.year || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) || (a.entry_id < b.entry_id ? -1 : 1),
    )
    .slice(0, limit)
    .map((d) => d.entry_id);
}

test('检索结果总是按显示顺序的前 50 篇：常见词、少见词、只在靠后文档中的词、加筛选条件，与逐篇比对一致', async () => {
  const none = { issueIds, text: null, year: null, issuer: null, docNumber: null };
  const filters: store.SearchFilter[] = [
    { ...none, text: '高质量发展' },
    { ...none, text: '土壤普查' },
    { ...none, text: '河长制' },
    { ...none, text: '高质量发展', issueIds: ['issue-b'] },
    { ...none, text: '高质量发展', year: 2020 },
    { ...none, text: '高质量发展', issuer: '区人民政府办公室' },
    { ...none, text: '通知如下', docNumber: '〔2024〕1' },
    { ...none, text: '没有这个词' },
    { ...none, docNumber: '〔2023〕2' },
  ];
  for (const f of filters) {
    const found = (await store.search(deps.db, deps.engine, f, 50)).map((r) => r.entry_id);
    assert.deepEqual(found, expected(f, 50), JSON.stringify(f));
  }
  assert.equal(expected(filters[0], 50).length, 50);
  assert.equal(expected(filters[2], 50).length, 50, '只在最后 150 篇中出现的词也要找足 50 篇');
});
