// 输入文字卫生 over HTTP: every forbidden character class in a title is a 400 naming the field and stores nothing; a
// lone surrogate and invalid UTF-8 are refused, never rewritten to U+FFFD; query strings, path parameters, multipart
// fields, file names and imported documents follow the same rules; clean Chinese text comes back exactly as sent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { listLedger } from '../src/platform/ledger/service.ts';
import { as, buildDocx, openPublishApp, type PublishOrg, type Session } from './support/publish-fixtures.ts';
import type { TestDeps } from './support/testdb.ts';

let deps: TestDeps;
let app: FastifyInstance;
let org: PublishOrg;
let s: Record<string, Session>;
let close: () => Promise<void>;
before(async () => ({ deps, app, org, s, close } = await openPublishApp(['zhang'])));
after(() => close());

const count = async (table: 'items' | 'revisions' | 'item_attachments') =>
  Number(
    (
      await deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const snapshot = async () => ({
  items: await count('items'),
  revisions: await count('revisions'),
  attachments: await count('item_attachments'),
  ledger: (await listLedger(deps.db, {})).length,
});
const rawPost = (url: string, payload: string | Buffer) =>
  app.inject({
    method: 'POST',
    url,
    ...s.zhang,
    headers: { ...s.zhang.headers, 'content-type': 'application/json; charset=utf-8' },
    payload,
  });

const TITLE = '关于开展“科技活动周”的通知';
const CASES: [string, string, string][] = [
  ['NUL', `${TITLE}\u0000`, 'TEXT_CONTROL_CHAR'],
  ['退格', `${TITLE}\b`, 'TEXT_CONTROL_CHAR'],
  ['ESC', `\u001b[31m${TITLE}`, 'TEXT_CONTROL_CHAR'],
  ['单独的 CR', `${TITLE}\r`, 'TEXT_CONTROL_CHAR'],
  ['DEL', `${TITLE}\u007f`, 'TEXT_CONTROL_CHAR'],
  ['C1', `${TITLE}\u0085`, 'TEXT_CONTROL_CHAR'],
  ['RLO', `${TITLE}\u202e`, 'TEXT_BIDI_CONTROL'],
  ['LRE', `\u202a${TITLE}`, 'TEXT_BIDI_CONTROL'],
  ['RLI', `${TITLE}\u2067`, 'TEXT_BIDI_CONTROL'],
  ['PDI', `${TITLE}\u2069`, 'TEXT_BIDI_CONTROL'],
  ['RLM', `${TITLE}\u200f`, 'TEXT_BIDI_CONTROL'],
  ['ALM', `${TITLE}\u061c`, 'TEXT_BIDI_CONTROL'],
  ['零宽空格', '\u200b\u200b', 'TEXT_INVISIBLE_ONLY'],
  ['零宽连接符与 BOM', '\u200d\ufeff\u2060', 'TEXT_INVISIBLE_ONLY'],
  ['单独的代理项', `${TITLE}\ud800`, 'TEXT_MALFORMED'],
];

test('标题含各类禁用字符：400，消息指明「标题」，什么也不写', async () => {
  const before = await snapshot();
  for (const [name, title, code] of CASES) {
    const res = await as(app, s.zhang).post('/api/items', org.draft({ title }));
    assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
    assert.equal(res.json().code, code, name);
    assert.equal(res.json().field, 'title', name);
    assert.match(res.json().message, /^「标题」/, name);
  }
  assert.deepEqual(await snapshot(), before);
});

test('JSON 转义写成的单独代理项被拒绝，不改写为 U+FFFD', async () => {
  const before = await snapshot();
  const body = JSON.stringify(org.draft({ title: 'XX' })).replace('"XX"', '"\\ud83d通知"');
  const res = await rawPost('/api/items', body);
  assert.equal(res.statusCode, 400, res.body);
  assert.deepEqual([res.json().code, res.json().field], ['TEXT_MALFORMED', 'title']);
  assert.deepEqual(await snapshot(), before);
});

test('请求体不是有效的 UTF-8：400 BODY_NOT_UTF8，什么也不写', async () => {
  const before = await snapshot();
  const [head, tail] = JSON.stringify(org.draft({ title: 'XX' })).split('XX');
  for (const bad of [[0xff], [0xe9, 0x80], [0xed, 0xa0, 0xbd], [0xc0, 0xaf]]) {
    const body = Buffer.concat([Buffer.from(`${head}通知`), Buffer.from(bad), Buffer.from(tail)]);
    const res = await rawPost('/api/items', body);
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().code, 'BODY_NOT_UTF8');
  }
  assert.deepEqual(await snapshot(), before);
});

test('干净的中文（标点、emoji、全角空格、制表符与换行）原样保存', async () => {
  const title = '綦江区2026年“科技活动周”——启动仪式（第一期）👍🏽！';
  const content = '一、活动时间：\r\n\t5月18日—5月24日；\n二、活动内容　👨‍👩‍👧 亲子科普。';
  const res = await as(app, s.zhang).post('/api/items', org.draft({ title, body: { format: 'text', content } }));
  assert.equal(res.statusCode, 201, res.body);
  const row = await deps.db
    .selectFrom('revisions')
    .select(['title', 'body_text'])
    .where('item_id', '=', res.json().id)
    .executeTakeFirstOrThrow();
  assert.equal(row.title, title);
  assert.ok(row.body_text.includes('5月18日—5月24日；') && row.body_text.includes('👨‍👩‍👧'), row.body_text);
});

test('正文中以 HTML 字符引用写成的 RLO 同样被拒绝', async () => {
  const before = await snapshot();
  const body = { format: 'html', content: '<p>甲&#8238;乙</p>' } as const;
  const res = await as(app, s.zhang).post('/api/items', org.draft({ body }));
  assert.equal(res.statusCode, 400, res.body);
  assert.deepEqual([res.json().code, res.json().field], ['TEXT_BIDI_CONTROL', 'body.content']);
  assert.match(res.json().message, /^「正文」/);
  assert.deepEqual(await snapshot(), before);
});

test('查询参数与路径参数：同样的规则，消息指明位置', async () => {
  const query = await as(app, s.zhang).get('/api/items?cursor=%E2%80%AEabc');
  assert.equal(query.statusCode, 400, query.body);
  assert.deepEqual([query.json().code, query.json().field], ['TEXT_BIDI_CONTROL', 'cursor']);
  assert.match(query.json().message, /^查询参数「cursor」/);
  const nul = await as(app, s.zhang).get('/api/items?cursor=a%00b');
  assert.equal(nul.json().code, 'TEXT_CONTROL_CHAR');
  for (const url of ['/api/items?cursor=%ED%A0%80', '/api/items?cursor=%FF', '/api/items?cursor=a%E9%80']) {
    const res = await as(app, s.zhang).get(url);
    assert.deepEqual([res.statusCode, res.json().code], [400, 'QUERY_NOT_UTF8'], url);
  }
  assert.equal((await as(app, s.zhang).get('/api/items/%ED%A0%80')).statusCode, 400);
  const param = await as(app, s.zhang).get('/api/items/%E2%80%8B');
  assert.equal(param.statusCode, 400, param.body);
  assert.deepEqual([param.json().code, param.json().field], ['TEXT_INVISIBLE_ONLY', 'id']);
  assert.match(param.json().message, /^路径参数「id」/);
});

test('multipart：表单字段与文件名同样检查；导入文档正文中的双向控制字符被拒绝', async () => {
  const before = await snapshot();
  const docx = await buildDocx(['关于开展科技活动周的通知', '正文第一段。']);
  const channels = JSON.stringify([{ channelId: org.siteId, columnId: org.columnId }]);
  const fields = { sectionId: org.sectionId, channels };
  const upload = (f: Record<string, string>, name: string, content = docx) =>
    as(app, s.zhang).upload('/api/items/import', f, { name, content });
  const title = await upload({ ...fields, title: '通知\u0000' }, '通知.docx');
  assert.deepEqual([title.statusCode, title.json().code, title.json().field], [400, 'TEXT_CONTROL_CHAR', 'title']);
  assert.match(title.json().message, /^「标题」/);
  const name = await upload(fields, 'report\u202excod.docx');
  assert.deepEqual([name.statusCode, name.json().code, name.json().field], [400, 'TEXT_BIDI_CONTROL', 'fileName']);
  assert.match(name.json().message, /^「文件名」/);
  const inDoc = await upload(fields, '通知.docx', await buildDocx(['关于\u202e通知', '正文。']));
  assert.deepEqual([inDoc.statusCode, inDoc.json().code, inDoc.json().field], [400, 'TEXT_BIDI_CONTROL', 'file']);
  assert.match(inDoc.json().message, /^导入文档的正文含有改变文字显示方向的控制字符/);
  assert.deepEqual(await snapshot(), before);

  const ok = await upload(fields, '通知.docx', await buildDocx(['\u200b', '关于开展科技活动周的通知', '正文。']));
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().title, '关于开展科技活动周的通知');
});

test('附件：可执行程序的文件头（MZ 后接 %PDF-）与双向控制字符的文件名被拒绝，什么也不写', async () => {
  const id = (await as(app, s.zhang).post('/api/items', org.draft())).json().id;
  const before = await snapshot();
  const upload = (name: string, content: Buffer) =>
    as(app, s.zhang).upload(`/api/items/${id}/attachments`, {}, { name, content });
  const mz = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(60), Buffer.from('%PDF-1.7\n%%EOF\n')]);
  const exe = await upload('实施方案.pdf', mz);
  assert.deepEqual([exe.statusCode, exe.json().code], [400, 'EXECUTABLE_FILE']);
  const elf = await upload('名单.zip', Buffer.concat([Buffer.from('\x7fELF'), Buffer.from('PK\x03\x04')]));
  assert.deepEqual([elf.statusCode, elf.json().code], [400, 'EXECUTABLE_FILE']);
  const bidi = await upload('report\u202egpj.pdf', Buffer.from('%PDF-1.7\n%%EOF\n'));
  assert.deepEqual([bidi.statusCode, bidi.json().code, bidi.json().field], [400, 'TEXT_BIDI_CONTROL', 'fileName']);
  assert.deepEqual(await snapshot(), before);
  const ok = await upload('实施方案.pdf', Buffer.from('%PDF-1.7\n%%EOF\n'));
  assert.equal(ok.statusCode, 201, ok.body);
});

test('无需登录的质疑申请表单（自带 JSON 解析）同样拒绝无效 UTF-8 和控制字符', async () => {
  const post = (payload: string | Buffer) =>
    app.inject({
      method: 'POST',
      url: '/api/public/challenges',
      remoteAddress: '198.51.100.200',
      headers: { 'content-type': 'application/json' },
      payload,
    });
  const bytes = await post(Buffer.concat([Buffer.from('{"subject":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]));
  assert.deepEqual([bytes.statusCode, bytes.json().code], [400, 'BODY_NOT_UTF8']);
  const nul = await post(JSON.stringify({ subject: '询问\u0000' }));
  assert.deepEqual([nul.statusCode, nul.json().code, nul.json().field], [400, 'TEXT_CONTROL_CHAR', 'subject']);
});
