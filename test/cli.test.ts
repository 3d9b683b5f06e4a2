// The operator's `gongkai` commands, run as real processes against a real database.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { login } from '../src/org/auth-service.ts';
import { runCli } from './support/cli.ts';
import { createTestDeps, type TestDeps } from './support/testdb.ts';

let deps: TestDeps;
before(async () => {
  deps = await createTestDeps();
});
after(async () => {
  await deps.close();
});

test('gongkai --help 用中文列出所有命令', async () => {
  const r = await runCli(['--help']);
  assert.equal(r.code, 0);
  for (const cmd of ['serve', 'db', 'user', 'demo', 'ledger', 'check'])
    assert.match(r.stdout, new RegExp(`\\b${cmd}\\b`));
  assert.match(r.stdout, /三审三校/);
});

test('gongkai db migrate：已是最新结构时如实说明', async () => {
  const r = await runCli(['db', 'migrate'], deps.cliEnv);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /数据库已是最新结构/);
});

test('gongkai db migrate：空数据库建出全部表（PostgreSQL 上只看自己的 schema，不被其他 schema 的迁移记录误导）', async () => {
  const empty = await createTestDeps({}, { migrate: false });
  try {
    const r = await runCli(['db', 'migrate'], empty.cliEnv);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /001_initial/);
    const rows = await empty.db.selectFrom('ledger').select('seq').execute();
    assert.deepEqual(rows, []);
  } finally {
    await empty.close();
  }
});

test('demo load、user add、user passwd：新用户用标准输入设置的密码登录', async () => {
  const demo = await runCli(['demo', 'load'], deps.cliEnv);
  assert.equal(demo.code, 0, demo.stderr);
  const add = await runCli(
    ['user', 'add', 'kjj.zhang', '--name', '张小明', '--unit', '区科技局', '--role', 'staff', '--section', '办公室'],
    deps.cliEnv,
    'Start2026pw\n',
  );
  assert.equal(add.code, 0, add.stderr);
  const passwd = await runCli(['user', 'passwd', 'kjj.zhang'], deps.cliEnv, 'Renewed2026pw\n');
  assert.equal(passwd.code, 0, passwd.stderr);
  const session = await login(deps, { username: 'kjj.zhang', password: 'Renewed2026pw' });
  assert.equal(session.actor.name, '张小明');
  assert.deepEqual(
    session.actor.roles.map((r) => r.role),
    ['staff'],
  );
  await assert.rejects(login(deps, { username: 'kjj.zhang', password: 'Start2026pw' }), { status: 401 });
  const ledger = await deps.db
    .selectFrom('ledger')
    .select('action')
    .where('action', 'in', ['org.user_create', 'org.password_set'])
    .execute();
  assert.deepEqual(ledger.map((l) => l.action).sort(), ['org.password_set', 'org.user_create']);
});

test('错误输入：未知单位、弱密码、不存在的用户，退出码非 0，说明原因，不写入', async () => {
  const before = await deps.db
    .selectFrom('users')
    .select(({ fn }) => fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const noUnit = await runCli(
    ['user', 'add', 'x.y', '--name', '某人', '--unit', '区不存在局', '--role', 'staff'],
    deps.cliEnv,
    'Start2026pw\n',
  );
  assert.equal(noUnit.code, 2);
  assert.match(noUnit.stderr, /单位「区不存在局」不存在/);
  const weak = await runCli(
    ['user', 'add', 'x.z', '--name', '某人', '--unit', '区科技局', '--role', 'staff'],
    deps.cliEnv,
    'short\n',
  );
  assert.notEqual(weak.code, 0);
  assert.match(weak.stderr, /密码至少 8 位/);
  const nobody = await runCli(['user', 'passwd', 'nobody.here'], deps.cliEnv, 'Renewed2026pw\n');
  assert.notEqual(nobody.code, 0);
  assert.match(nobody.stderr, /nobody\.here|不存在/);
  const after = await deps.db
    .selectFrom('users')
    .select(({ fn }) => fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(after.n), Number(before.n));
});
