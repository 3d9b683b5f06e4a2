// 附件 over HTTP: the author uploads while the item is theirs to change; the type is proven by the file's first bytes;
// viewers list and download (attachment disposition, nosniff); removal keeps what a reviewer saw; history shows files
// per revision; bad input is a zh-CN 400 and nothing is written.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listLedger } from '../src/platform/ledger/service.ts';
import {
  as,
  buildDocx,
  disclosureAt,
  openPublishApp,
  type PublishOrg,
  type Session,
} from './support/publish-fixtures.ts';
import type { TestDeps } from './support/testdb.ts';

let deps: TestDeps;
let app: FastifyInstance;
let org: PublishOrg;
let s: Record<string, Session>;
let close: () => Promise<void>;
before(async () => ({ deps, app, org, s, close } = await openPublishApp(['zhang', 'li', 'wang', 'wu', 'ducha'])));
after(() => close());

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff]),
  Buffer.from('\n%%EOF\n'),
]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

async function draft(): Promise<string> {
  const res = await as(app, s.zhang).post('/api/items', org.draft());
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

const upload = (who: string, id: string, name: string, content: Buffer) =>
  as(app, s[who]).upload(`/api/items/${id}/attachments`, {}, { name, content });

async function attach(id: string, name = '实施方案.pdf', content: Buffer = PDF) {
  deps.clock.advance(1000); // upload order is time order
  const res = await upload('zhang', id, name, content);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const rows = async () =>
  Number(
    (
      await deps.db
        .selectFrom('item_attachments')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const ledgerSize = async () => (await listLedger(deps.db, {})).length;

test('上传、列表、下载：按内容识别类型，下载为附件（RFC 5987 文件名）且禁止嗅探，台账留痕', async () => {
  const id = await draft();
  const added = await attach(id, '2026年科技活动周实施方案（定稿）.pdf');
  assert.deepEqual(
    [
      added.fileName,
      added.mediaType,
      added.size,
      added.sha256,
      added.revisionAdded,
      added.revisionRemoved,
      added.createdBy.name,
    ],
    [
      '2026年科技活动周实施方案（定稿）.pdf',
      'application/pdf',
      PDF.length,
      createHash('sha256').update(PDF).digest('hex'),
      1,
      null,
      '张承办',
    ],
  );
  const docx = await attach(id, 'C:\\fakepath\\名单.docx', await buildDocx(['名单']));
  assert.equal(docx.fileName, '名单.docx');

  const list = (await as(app, s.li).get(`/api/items/${id}/attachments`)).json();
  assert.deepEqual(
    list.attachments.map((a: { fileName: string }) => a.fileName),
    ['2026年科技活动周实施方案（定稿）.pdf', '名单.docx'],
  );
  assert.equal(list.canChange, false);
  assert.equal((await as(app, s.zhang).get(`/api/items/${id}/attachments`)).json().canChange, true);

  const file = await as(app, s.ducha).get(`/api/items/${id}/attachments/${added.id}`);
  assert.equal(file.statusCode, 200);
  assert.deepEqual(file.rawPayload, PDF);
  assert.equal(file.headers['content-type'], 'application/pdf');
  assert.equal(file.headers['x-content-type-options'], 'nosniff');
  assert.equal(
    file.headers['content-disposition'],
    `attachment; filename="2026${'_'.repeat(14)}.pdf"; `
      + `filename*=UTF-8''${encodeURIComponent('2026年科技活动周实施方案（定稿）.pdf')}`,
  );
  assert.equal((await as(app, s.wu).get(`/api/items/${id}/attachments/${added.id}`)).statusCode, 403);
  assert.equal((await as(app, s.wu).get(`/api/items/${id}/attachments`)).statusCode, 403);
  assert.equal((await as(app, s.li).get(`/api/items/${id}/attachments/no-such-file`)).statusCode, 404);

  const [entry] = await listLedger(deps.db, { subject: `item:${id}`, action: 'publish.attachment_add' });
  assert.deepEqual(JSON.parse(entry.payload), {
    itemId: id,
    revision: 1,
    attachmentId: added.id,
    fileName: added.fileName,
    mediaType: 'application/pdf',
    size: PDF.length,
    sha256: added.sha256,
  });
});

test('类型不符、内容与扩展名不符、不是 multipart：400 中文说明，什么也不写', async () => {
  const id = await draft();
  const before = { rows: await rows(), ledger: await ledgerSize() };
  const cases: [string, Buffer, RegExp][] = [
    ['setup.exe', Buffer.from('MZ\x90\x00'), /不支持该类型的附件（\.exe）/],
    ['无扩展名', PDF, /不支持该类型的附件：只能上传/],
    ['通知.pdf', PNG, /附件「通知\.pdf」的内容与扩展名不符：不是有效的PDF 文档/],
    ['名单.xlsx', await buildDocx(['名单']), /不是有效的Excel 工作簿/],
    ['扫描件.jpg', PNG, /不是有效的JPEG 图片/],
    ['旧文档.doc', PDF, /不是有效的Word 文档/],
  ];
  for (const [name, content, message] of cases) {
    const res = await upload('zhang', id, name, content);
    assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
    assert.equal(res.json().field, 'file');
    assert.match(res.json().message, message);
  }
  const notMultipart = await as(app, s.zhang).post(`/api/items/${id}/attachments`, { file: 'x' });
  assert.equal(notMultipart.statusCode, 400);
  assert.match(notMultipart.json().message, /multipart\/form-data/);
  assert.deepEqual({ rows: await rows(), ledger: await ledgerSize() }, before);
});

test('只有起草人、且只在起草或退回修改时可以增删附件', async () => {
  const id = await draft();
  const first = await attach(id);
  assert.equal((await upload('li', id, 'a.pdf', PDF)).statusCode, 403);
  assert.equal((await as(app, s.li).delete(`/api/items/${id}/attachments/${first.id}`)).statusCode, 403);
  assert.equal((await as(app, s.zhang).post(`/api/items/${id}/submit`, { revision: 1 })).statusCode, 200);
  const locked = await upload('zhang', id, 'b.pdf', PDF);
  assert.equal(locked.statusCode, 409);
  assert.equal(locked.json().code, 'NOT_EDITABLE');
  assert.equal((await as(app, s.zhang).delete(`/api/items/${id}/attachments/${first.id}`)).json().code, 'NOT_EDITABLE');
  assert.equal((await as(app, s.zhang).get(`/api/items/${id}/attachments`)).json().canChange, false);
});

test('删除：未送审的直接删除；退回后的改动属于下一版本，已审过的附件保留在历史中', async () => {
  const id = await draft();
  const draftOnly = await attach(id, '草稿附件.png', PNG);
  const gone = await as(app, s.zhang).delete(`/api/items/${id}/attachments/${draftOnly.id}`);
  assert.equal(gone.statusCode, 200, gone.body);
  assert.deepEqual(gone.json().attachments, []);
  assert.equal((await as(app, s.zhang).get(`/api/items/${id}/attachments/${draftOnly.id}`)).statusCode, 404);

  const reviewed = await attach(id, '送审附件.pdf');
  await as(app, s.zhang).post(`/api/items/${id}/submit`, { revision: 1 });
  const returned = await as(app, s.li).post(`/api/items/${id}/return`, {
    level: 1,
    revision: 1,
    opinion: '附件有误，请替换',
  });
  assert.equal(returned.json().stage, 'returned');
  const replacement = await attach(id, '替换附件.pdf');
  assert.equal(replacement.revisionAdded, 2);
  const removed = await as(app, s.zhang).delete(`/api/items/${id}/attachments/${reviewed.id}`);
  assert.deepEqual(
    removed.json().attachments.map((a: { fileName: string }) => a.fileName),
    ['替换附件.pdf'],
  );
  assert.equal(
    (await as(app, s.zhang).delete(`/api/items/${id}/attachments/${reviewed.id}`)).json().code,
    'ALREADY_REMOVED',
  );
  // kept: 一审 saw it
  assert.equal((await as(app, s.li).get(`/api/items/${id}/attachments/${reviewed.id}`)).statusCode, 200);

  // A changed attachment alone is not a revised text: the author saves the text as revision 2, then resubmits.
  assert.equal((await as(app, s.zhang).post(`/api/items/${id}/submit`, { revision: 1 })).json().code, 'NOT_REVISED');
  assert.equal((await as(app, s.zhang).put(`/api/items/${id}`, { ...org.draft(), revision: 1 })).json().revision, 2);
  assert.equal((await as(app, s.zhang).post(`/api/items/${id}/submit`, { revision: 2 })).json().stage, 'level1');
  assert.equal(
    (
      await as(app, s.li).post(`/api/items/${id}/approve`, {
        level: 1,
        revision: 2,
        opinion: '同意',
        standardsAttested: true,
        disclosure: disclosureAt(1),
      })
    ).statusCode,
    200,
  );

  const history = (await as(app, s.wang).get(`/api/items/${id}/history`)).json();
  assert.deepEqual(
    history.attachments.map(
      (a: {
        fileName: string;
        revisionAdded: number;
        revisionRemoved: number | null;
        removedBy: { name: string } | null;
      }) => [a.fileName, a.revisionAdded, a.revisionRemoved, a.removedBy?.name ?? null],
    ),
    [
      ['送审附件.pdf', 1, 2, '张承办'],
      ['替换附件.pdf', 2, null, null],
    ],
  );
  const actions = (await listLedger(deps.db, { subject: `item:${id}` }))
    .map((e) => e.action)
    .filter((a) => a.includes('attachment'));
  assert.deepEqual(actions, [
    'publish.attachment_add',
    'publish.attachment_remove',
    'publish.attachment_add',
    'publish.attachment_add',
    'publish.attachment_remove',
  ]);
  const [, kept] = await listLedger(deps.db, { subject: `item:${id}`, action: 'publish.attachment_remove' });
  assert.equal(JSON.parse(kept.payload).kept, true);
});

test('超过大小限制：413，不留记录', async () => {
  const small = await openPublishApp(['zhang'], { GONGKAI_MAX_UPLOAD_MB: '0.1' });
  try {
    const id = (await as(small.app, small.s.zhang).post('/api/items', small.org.draft())).json().id;
    const big = Buffer.concat([PDF, Buffer.alloc(0.1 * 1024 * 1024)]);
    const res = await as(small.app, small.s.zhang).upload(
      `/api/items/${id}/attachments`,
      {},
      { name: 'big.pdf', content: big },
    );
    assert.equal(res.statusCode, 413, res.body);
    assert.match(res.json().message, /[\u4e00-\u9fff]/);
    assert.equal((await listLedger(small.deps.db, { action: 'publish.attachment_add' })).length, 0);
  } finally {
    await small.close();
  }
});
