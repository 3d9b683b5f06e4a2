// The demo organisation: the gazette's units, each with a website and two new-media accounts, and one
// person for each role in each unit; loading twice changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { verifyPassword } from '../platform/auth/password.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { login } from './auth-service.ts';
import { DEMO_PASSWORD, DEMO_USERS, loadDemo, presetDemoPasswordHashes } from './demo.ts';
import { UNIT_ROLES } from './demo-data.ts';
import { listChannels, listColumns, listSections, listUnits, listUsers } from './service.ts';

let deps: TestDeps;
before(async () => {
  presetDemoPasswordHashes([]); // as `npm start` does: hash afresh, not the hashes `npm test` made once for the run
  deps = await createTestDeps();
});
after(() => deps.close());

test('首次载入创建演示数据，再次载入不做任何事，只写一条 demo.load 台账', async () => {
  assert.deepEqual(await loadDemo(deps), { created: true });
  const users = (await listUsers(deps.db)).length;
  assert.deepEqual(await loadDemo(deps), { created: false });
  assert.equal((await listUsers(deps.db)).length, users);
  const entries = await listLedger(deps.db, {});
  assert.deepEqual(
    entries.map((e) => e.action),
    ['demo.load'],
  );
});

test('单位来自公报：区政府办公室（全区性，綦江府办发）、四个部门、两个镇', async () => {
  const units = await listUnits(deps.db);
  assert.ok(units.length >= 7);
  const names = units.map((u) => u.name);
  for (const n of ['区政府办公室', '区科技局', '区城市管理局', '区人力社保局', '区发展改革委', '东溪镇', '打通镇']) {
    assert.ok(names.includes(n), `缺少 ${n}`);
  }
  const office = units[0];
  assert.equal(office.name, '区政府办公室');
  assert.equal(office.kind, 'office');
  assert.equal(office.districtWide, true);
  assert.equal(office.docCode, '綦江府办发');
  assert.equal(units.find((u) => u.name === '区城市管理局')!.docCode, '綦城管发');
  assert.equal(units.find((u) => u.name === '区人力社保局')!.fullName, '重庆市綦江区人力资源和社会保障局');
  assert.equal(units.filter((u) => u.districtWide).length, 1);
});

test('每个单位：2–3 个科室，一个网站（四类栏目）和两个新媒体账号', async () => {
  for (const unit of await listUnits(deps.db)) {
    const sections = await listSections(deps.db, unit.id);
    assert.ok(sections.length >= 2 && sections.length <= 3, unit.name);
    const channels = await listChannels(deps.db, unit.id);
    const sites = channels.filter((c) => c.kind === 'website');
    assert.equal(sites.length, 1, unit.name);
    assert.equal(channels.filter((c) => c.kind !== 'website').length, 2, unit.name);
    const kinds = (await listColumns(deps.db, sites[0].id)).map((c) => c.kind).sort();
    assert.deepEqual(kinds, ['互动回应', '动态要闻', '政策文件', '通知公告'].sort(), unit.name);
  }
  const kjj = (await listUnits(deps.db)).find((u) => u.name === '区科技局')!;
  assert.ok((await listChannels(deps.db, kjj.id)).some((c) => c.name === '綦江科技' && c.kind === 'wechat'));
});

test('每个单位每种角色各有一名演示用户，科室负责人和工作人员在第一个科室；全区性角色在区政府办公室', async () => {
  const users = await listUsers(deps.db);
  assert.equal(users.length, DEMO_USERS.length);
  for (const unit of await listUnits(deps.db)) {
    const first = (await listSections(deps.db, unit.id))[0];
    for (const { role } of UNIT_ROLES) {
      const holders = users.filter((u) => u.roles.some((r) => r.role === role && r.unitId === unit.id));
      assert.equal(holders.length, 1, `${unit.name} ${role}`);
      if (role === 'staff' || role === 'sectionHead') assert.equal(holders[0].roles[0].sectionId, first.id);
    }
  }
  const office = (await listUnits(deps.db))[0];
  const district = [
    ['egov', 'egovCenter'],
    ['inspector', 'inspector'],
    ['sysadmin', 'sysAdmin'],
    ['secadmin', 'securityAdmin'],
    ['auditor', 'auditAdmin'],
    ['gazette', 'gazette'],
  ];
  for (const [username, role] of district) {
    const u = users.find((x) => x.username === username)!;
    assert.deepEqual(
      u.roles.map((r) => [r.role, r.unitId]),
      [[role, office.id]],
    );
  }
  assert.equal(new Set(users.map((u) => u.name)).size, users.length, '演示姓名不重复');
  assert.ok(
    users.every((u) => u.pendingRoles.length === 0 && !u.mustChangePassword),
    '演示数据由运维人员载入：角色已生效，密码非一次性',
  );
  assert.ok(!users.some((u) => u.username === 'admin'), '不再有一人包揽的 admin 账号');
});

test('演示账号可以用统一密码登录', async () => {
  const s = await login(deps, { username: 'ban.staff', password: DEMO_PASSWORD });
  assert.equal(s.actor.name, DEMO_USERS.find((u) => u.username === 'ban.staff')!.name);
});

test('每个演示账号各有自己的 argon2 哈希和盐，都能用演示密码登录', async () => {
  const rows = await deps.db.selectFrom('users').select(['username', 'password_hash']).execute();
  assert.equal(rows.length, DEMO_USERS.length);
  const salt = (hash: string) => hash.split('$')[4];
  assert.ok(rows.every((r) => r.password_hash.startsWith('$argon2id$') && salt(r.password_hash).length >= 16));
  assert.equal(new Set(rows.map((r) => r.password_hash)).size, rows.length);
  assert.equal(new Set(rows.map((r) => salt(r.password_hash))).size, rows.length);
  const verified = await Promise.all(rows.map((r) => verifyPassword(r.password_hash, DEMO_PASSWORD)));
  assert.ok(verified.every(Boolean));
});
