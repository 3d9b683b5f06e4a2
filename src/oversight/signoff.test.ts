// 审签单：一份稿件走完全部审核后，审签单列出一审、二审、保密审查、三审、主要领导审定的审核人、时间、结论、意见、
// 校对和公开属性意见；PDF 为一页 A4，嵌入中文字体。能查看稿件的人才能查看审签单。
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import {
  as,
  DISCLOSE,
  disclosureAt,
  openPublishApp,
  type PublishOrg,
  type Session,
} from '../../test/support/publish-fixtures.ts';
import type { TestDeps } from '../../test/support/testdb.ts';
import { checkSignature } from '../platform/ledger/checkpoint.ts';
import { verifyInclusion } from '../platform/ledger/merkle.ts';
import { checkpointNow, ledgerPublicKey } from './checkpoints.ts';
import { NOT_YET_COVERED } from './signoff-ledger.ts';

let deps: TestDeps;
let app: FastifyInstance;
let org: PublishOrg;
let s: Record<string, Session>;
let close: () => Promise<void>;
let itemId: string;

const review = (level: number) => ({
  level,
  revision: 1,
  opinion: `第${level}级：同意发布`,
  proofreading: '已校对标题、日期和人名',
  standardsAttested: true,
  disclosure: disclosureAt(level),
});

before(async () => {
  ({ deps, app, org, s, close } = await openPublishApp([
    'zhang',
    'li',
    'wang',
    'bao',
    'liu',
    'zhou',
    'duty',
    'wu',
    'ducha',
  ]));
  const created = await as(app, s.zhang).post('/api/items', { ...org.draft(), major: true });
  assert.equal(created.statusCode, 201, created.body);
  itemId = created.json().id;
  const step = async (who: string, url: string, body: unknown) => {
    deps.clock.advance(30 * 60_000); // half an hour between steps
    const res = await as(app, s[who]).post(`/api/items/${itemId}/${url}`, body);
    assert.equal(res.statusCode, 200, `${who} ${url}: ${res.body}`);
  };
  await step('zhang', 'submit', { revision: 1 });
  await step('li', 'approve', review(1));
  await step('wang', 'approve', review(2));
  await step('bao', 'secrecy/opinion', { revision: 1, ...DISCLOSE, basisIds: ['ogi-19', 'ogi-20'] });
  await step('liu', 'approve', review(3));
  await step('zhou', 'approve', review(4));
});
after(() => close());

test('审签单 JSON：全部环节按时间顺序，北京时间精确到分钟', async () => {
  const res = await as(app, s.zhang).get(`/api/items/${itemId}/signoff`);
  assert.equal(res.statusCode, 200, res.body);
  const sheet = res.json();
  assert.equal(sheet.title, '区科技局召开2026年科技创新工作会议');
  assert.deepEqual(sheet.unit, { id: org.unitId, name: '区科技局', fullName: '重庆市綦江区科学技术局' });
  assert.deepEqual(sheet.author.name, '张承办');
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  assert.deepEqual(
    sheet.channels.sort(byName),
    [
      { id: org.siteId, name: '区科技局网站', kindName: '政府网站', column: '工作动态' },
      { id: org.wechatId, name: '綦江科技', kindName: '微信公众号', column: null },
    ].sort(byName),
  );
  assert.equal(sheet.revision, 1);
  assert.equal(sheet.major, true);
  assert.equal(sheet.stageName, '已发布');
  assert.deepEqual(
    sheet.rows.map(
      (r: { levelName: string; reviewer: { name: string }; roleName: string; time: string; decisionName: string }) => [
        r.levelName,
        r.reviewer.name,
        r.roleName,
        r.time,
        r.decisionName,
      ],
    ),
    [
      // TEST_START is 09:00 Beijing time; each step half an hour later.
      ['一审', '李一审', '工作人员', '2026-03-02 10:00', '通过'],
      ['二审', '王科长', '科室负责人', '2026-03-02 10:30', '通过'],
      ['保密审查', '鲍保密', '保密工作机构', '2026-03-02 11:00', '公开'],
      ['三审', '刘分管', '分管领导', '2026-03-02 11:30', '通过'],
      ['主要领导', '周局长', '主要领导', '2026-03-02 12:00', '通过'],
    ],
  );
  const [first, , secrecy, third] = sheet.rows;
  assert.equal(first.opinion, '第1级：同意发布');
  assert.equal(first.proofreading, '已校对标题、日期和人名');
  assert.deepEqual(first.disclosure, {
    opinion: 'disclose',
    opinionName: '公开',
    basis: ['《中华人民共和国政府信息公开条例》第十九条'],
    basisText: '',
    reason: DISCLOSE.reason,
    secrecyMatter: false,
  });
  assert.deepEqual(secrecy.disclosure.basis, [
    '《中华人民共和国政府信息公开条例》第十九条',
    '《中华人民共和国政府信息公开条例》第二十条',
  ]);
  assert.equal(secrecy.opinion, DISCLOSE.reason);
  assert.equal(third.disclosure, null); // 三审 approves; it gives no disclosure opinion of its own (第八条(四))
});

test('审签单 PDF：A4，标题“信息发布审签单”，嵌入中文字体子集；台账存证另起一页', async () => {
  const res = await as(app, s.ducha).get(`/api/items/${itemId}/signoff.pdf`);
  assert.equal(res.statusCode, 200, res.body.slice(0, 200));
  assert.equal(res.headers['content-type'], 'application/pdf');
  assert.match(
    String(res.headers['content-disposition']),
    /^attachment; filename=".*\.pdf"; filename\*=UTF-8''%E5%AE%A1%E7%AD%BE%E5%8D%95-/,
  );
  const pdf = res.rawPayload;
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const text = pdf.toString('latin1');
  assert.match(text, /\/Type \/Pages\s*\/Count [2-9]\b/); // the sheet on one page, the evidence after it
  assert.match(text, /\/MediaBox \[0 0 595\.28 841\.89\]/);
  assert.match(text, /\/BaseFont \/[A-Z]{6}\+NotoSansHans-Regular/); // a subset (XXXXXX+), embedded below
  assert.match(text, /\/FontFile3/);
  assert.ok(pdf.length < 400_000, `子集化后的 PDF 应较小，实际 ${pdf.length} 字节`);
  // The document title (UTF-16BE in the info dictionary) names the sheet.
  assert.ok(pdf.includes(Buffer.from(`\ufeff信息发布审签单`, 'utf16le').swap16()), '文档标题应为“信息发布审签单：…”');
});

test('能查看稿件的人才能查看审签单：值班人员和其他单位领导不能', async () => {
  for (const who of ['duty', 'wu']) {
    for (const url of [`/api/items/${itemId}/signoff`, `/api/items/${itemId}/signoff.pdf`]) {
      const res = await as(app, s[who]).get(url);
      assert.equal(res.statusCode, 403, `${who} ${url}`);
    }
  }
  assert.equal((await as(app, null).get(`/api/items/${itemId}/signoff`)).statusCode, 401);
  assert.equal((await as(app, s.zhang).get('/api/items/00000000-0000-4000-8000-000000000000/signoff')).statusCode, 404);
});

test('审签单的台账存证：尚无检查点时如实说明；有检查点后每条记录凭原文、叶哈希和包含证明即可独立核验', async () => {
  const before = (await as(app, s.zhang).get(`/api/items/${itemId}/signoff`)).json();
  assert.equal(before.ledger.statement, NOT_YET_COVERED);
  assert.equal(before.ledger.checkpoint, null);
  assert.ok(before.ledger.entries.length >= 6);
  assert.ok(before.ledger.entries.every((e: { proof: unknown }) => e.proof === null));

  await checkpointNow(deps);
  const sheet = (await as(app, s.ducha).get(`/api/items/${itemId}/signoff`)).json();
  const { checkpoint, entries } = sheet.ledger;
  assert.match(
    sheet.ledger.statement,
    new RegExp(`本单 ${entries.length} 条台账记录均包含在检查点（前 ${checkpoint.size} 条记录`),
  );
  assert.equal(checkSignature(ledgerPublicKey(deps), checkpoint), true);
  for (const e of entries as { seq: number; entry: string; leafHash: string; proof: string[] }[]) {
    const bytes = Buffer.concat([Buffer.from([0]), Buffer.from(e.entry, 'utf8')]);
    const leaf = createHash('sha256').update(bytes).digest('hex');
    assert.equal(leaf, e.leafHash);
    assert.equal(JSON.parse(e.entry).subject, `item:${itemId}`);
    assert.equal(verifyInclusion(e.seq - 1, checkpoint.size, leaf, e.proof, checkpoint.root), true, `第 ${e.seq} 条`);
  }
});
