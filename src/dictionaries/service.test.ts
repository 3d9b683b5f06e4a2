// 智能校对词典：管理员增改删领导人姓名职务、本区单位和自定义词库，服务端的智能校对随之改变；每次修改记入台账。
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type DemoApp, type DemoSession, openDemoApp } from '../../test/support/demo-app.ts';
import { openDb } from '../platform/db/index.ts';
import { getChecker } from './service.ts';

let demo: DemoApp;
let admin: DemoSession;
let egov: DemoSession;
before(async () => {
  demo = await openDemoApp();
  admin = await demo.loginAs('sysadmin');
  egov = await demo.loginAs('egov');
});
after(async () => {
  await demo.close();
});

const send = (s: DemoSession, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  demo.app.inject({ method, url, cookies: s.cookies, headers: s.headers, ...(payload ? { payload } : {}) });
const findings = async (text: string, rule: string) =>
  (await getChecker(demo.deps)).run(text).findings.filter((f) => f.rule === rule || f.category === rule);
const ledgerOf = (action: string) =>
  demo.deps.db.selectFrom('ledger').selectAll().where('action', '=', action).execute();

const MEETING = '区长綦明源同志主持召开区政府常务会议。';

test('新增领导人后，其姓名写错一字即为严重表述错误；删除后不再提示', async () => {
  assert.equal((await findings(MEETING, 'expression.leader')).length, 0);
  const res = await send(admin, 'POST', '/api/dictionaries/leaders', {
    name: '綦明远',
    titles: ['区长', '区委副书记'],
  });
  assert.equal(res.statusCode, 201, res.body);
  const leader = res.json();
  const [f] = await findings(MEETING, 'expression.leader');
  assert.equal(f?.severity, 'serious');
  assert.equal(f?.suggestion, '綦明远');

  assert.equal((await send(admin, 'DELETE', `/api/dictionaries/leaders/${leader.id}`)).statusCode, 200);
  assert.equal((await findings(MEETING, 'expression.leader')).length, 0);
  const [added] = await ledgerOf('dictionary.add');
  assert.equal(added.subject, `dictionary:leaders:${leader.id}`);
  assert.deepEqual(JSON.parse(added.payload), {
    kind: 'leaders',
    entry: { name: '綦明远', titles: ['区长', '区委副书记'], unitId: null },
  });
  assert.equal((await ledgerOf('dictionary.remove')).length, 1);
});

test('自定义词库：新增的词被发现，修改严重程度立即生效，删除后不再发现', async () => {
  const text = '本店产品堪称綦江神药，欢迎选购。';
  assert.equal((await findings(text, 'banned')).length, 0);
  const res = await send(admin, 'POST', '/api/dictionaries/lexicon', {
    word: '綦江神药',
    category: 'banned',
    severity: 'error',
    note: '虚假宣传',
  });
  assert.equal(res.statusCode, 201, res.body);
  const { id } = res.json();
  assert.deepEqual(
    (await findings(text, 'banned')).map((f) => [f.text, f.severity]),
    [['綦江神药', 'error']],
  );

  const edited = await send(admin, 'PATCH', `/api/dictionaries/lexicon/${id}`, { severity: 'warning' });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.deepEqual(edited.json(), { id, word: '綦江神药', category: 'banned', severity: 'warning', note: '虚假宣传' });
  assert.deepEqual(
    (await findings(text, 'banned')).map((f) => f.severity),
    ['warning'],
  );
  const [edit] = await ledgerOf('dictionary.edit');
  assert.equal(JSON.parse(edit.payload).before.severity, 'error');

  await send(admin, 'DELETE', `/api/dictionaries/lexicon/${id}`);
  assert.equal((await findings(text, 'banned')).length, 0);
});

test('词典未变时复用同一个校对器；任一修改后重建', async () => {
  const a = await getChecker(demo.deps);
  assert.equal(await getChecker(demo.deps), a);
  await send(admin, 'POST', '/api/dictionaries/units', {
    name: '重庆市綦江区科学技术局',
    shortNames: ['綦江区科学技术局'],
  });
  assert.notEqual(await getChecker(demo.deps), a);
});

test('另一台服务器（同一数据库）修改词典后，本机下一次校对即使用新词典', async () => {
  const { cliEnv } = demo.deps;
  const url = cliEnv.DATABASE_URL || path.join(cliEnv.GONGKAI_DATA_DIR, 'gongkai.sqlite');
  const other = openDb({ url });
  try {
    const text = '本店热销綦江秘方，欢迎选购。';
    assert.equal((await findings(text, 'advertising')).length, 0);
    const res = await send(admin, 'POST', '/api/dictionaries/lexicon', {
      word: '綦江秘方',
      category: 'advertising',
      severity: 'warning',
    });
    assert.equal(res.statusCode, 201);
    const otherNode = { ...demo.deps, db: other.db };
    assert.equal(
      (await getChecker(otherNode)).run(text).findings.filter((f) => f.category === 'advertising').length,
      1,
    );
    await send(admin, 'DELETE', `/api/dictionaries/lexicon/${res.json().id}`);
    assert.equal(
      (await getChecker(otherNode)).run(text).findings.filter((f) => f.category === 'advertising').length,
      0,
    );
  } finally {
    await other.close();
  }
});

test('重复条目返回 409，台账不记录', async () => {
  const before = (await ledgerOf('dictionary.add')).length;
  const first = await send(admin, 'POST', '/api/dictionaries/lexicon', {
    word: '内部资料',
    category: 'sensitive',
    severity: 'serious',
  });
  assert.equal(first.statusCode, 201);
  const again = await send(admin, 'POST', '/api/dictionaries/lexicon', {
    word: ' 内部资料 ',
    category: 'banned',
    severity: 'error',
  });
  assert.equal(again.statusCode, 409);
  assert.deepEqual(again.json(), {
    code: 'DUPLICATE_ENTRY',
    message: '词语「内部资料」已在自定义词库中',
    field: 'word',
  });
  const other = await send(admin, 'POST', '/api/dictionaries/lexicon', {
    word: '内部文件',
    category: 'sensitive',
    severity: 'serious',
  });
  const renamed = await send(admin, 'PATCH', `/api/dictionaries/lexicon/${other.json().id}`, { word: '内部资料' });
  assert.equal(renamed.statusCode, 409);
  await send(admin, 'POST', '/api/dictionaries/leaders', { name: '綦明远', titles: ['区长'] });
  assert.equal(
    (await send(admin, 'POST', '/api/dictionaries/leaders', { name: '綦明远', titles: ['区委书记'] })).statusCode,
    409,
  );
  assert.equal((await ledgerOf('dictionary.add')).length, before + 3);
});

test('输入不正确：中文提示并指出字段', async () => {
  const cases: [string, object, string, RegExp][] = [
    ['leaders', { name: '  ', titles: ['区长'] }, 'name', /请填写领导人姓名/],
    ['leaders', { name: '王 五', titles: ['区长'] }, 'name', /领导人姓名中不能有空格/],
    ['leaders', { name: '王五', titles: [] }, 'titles', /请填写至少一个职务/],
    ['leaders', { name: '王五', titles: ['区长'], unitId: 'no-such-unit' }, 'unitId', /所属单位不在本区单位词典中/],
    ['lexicon', { word: '', category: 'banned', severity: 'error' }, 'word', /请填写词语/],
    ['lexicon', { word: '某词', category: 'rude', severity: 'error' }, 'category', /category/],
    ['units', { name: '', shortNames: [] }, 'name', /请填写单位全称/],
  ];
  for (const [kind, body, field, message] of cases) {
    const res = await send(admin, 'POST', `/api/dictionaries/${kind}`, body);
    assert.equal(res.statusCode, 400, `${kind} ${JSON.stringify(body)} → ${res.body}`);
    assert.equal(res.json().field, field);
    assert.match(res.json().message, message);
  }
});

test('有领导人的单位词条不能删除；不存在的条目 404', async () => {
  const unit = (await send(admin, 'POST', '/api/dictionaries/units', { name: '重庆市綦江区古南街道办事处' })).json();
  await send(admin, 'POST', '/api/dictionaries/leaders', { name: '古南甲', titles: ['党工委书记'], unitId: unit.id });
  const res = await send(admin, 'DELETE', `/api/dictionaries/units/${unit.id}`);
  assert.equal(res.statusCode, 409);
  assert.equal(res.json().code, 'UNIT_HAS_LEADERS');
  assert.equal(
    (await send(admin, 'DELETE', '/api/dictionaries/units/00000000-0000-4000-8000-000000000000')).statusCode,
    404,
  );
});

test('区电子政务中心可以查看词典，但不能修改', async () => {
  const res = await send(egov, 'GET', '/api/dictionaries');
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().abilities.canEdit, false);
  assert.ok(res.json().leaders.some((l: { name: string }) => l.name === '綦明远'));
  // The shipped 规范表述 and 固定提法 are listed read-only, each with its source and date.
  const { formulations, series } = res.json().builtin;
  const belt = formulations.find((f: { wrong: string }) => f.wrong === '一带一路战略');
  assert.equal(belt.right, '“一带一路”倡议');
  assert.match(belt.source, /一带一路/);
  assert.ok(
    series.some((s: { label: string; items: string[] }) => s.label === '四个意识' && s.items[0] === '政治意识'),
  );
  const denied = await send(egov, 'POST', '/api/dictionaries/lexicon', {
    word: '某词',
    category: 'banned',
    severity: 'error',
  });
  assert.equal(denied.statusCode, 403);
  assert.match(denied.json().message, /管理员/);
});
