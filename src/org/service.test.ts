// Org use cases: what the 系统管理员 and 安全管理员 rely on (validation, uniqueness, role rules, ledger), and that a
// refused change writes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { loadDemo } from './demo.ts';
import type { Actor } from './model.ts';
import {
  createChannel,
  createColumn,
  createSection,
  createUnit,
  createUser,
  decideRoleRequest,
  getUsersByIds,
  grantRole,
  listChannels,
  listSections,
  listUnits,
  listUsers,
  loadActor,
  revokeRole,
  setUnitSettings,
  usersHoldingRole,
} from './service.ts';

let deps: TestDeps;
let admin: Actor; // 系统管理员
let sec: Actor; // 安全管理员
let staff: Actor;
let kjjPrincipal: Actor;
before(async () => {
  deps = await createTestDeps();
  await loadDemo(deps);
  const all = await listUsers(deps.db);
  const actor = async (username: string) => (await loadActor(deps.db, all.find((u) => u.username === username)!.id))!;
  admin = await actor('sysadmin');
  sec = await actor('secadmin');
  staff = await actor('kjj.staff');
  kjjPrincipal = await actor('kjj.principal');
});
after(() => deps.close());

const ledgerCount = async () => (await listLedger(deps.db, {})).length;
const unitNamed = async (name: string) => (await listUnits(deps.db)).find((u) => u.name === name)!;

test('管理员新建单位、科室、网站和栏目，每步一条台账', async () => {
  const before = await ledgerCount();
  const unit = await createUnit(deps, admin, {
    name: '区政务服务办',
    fullName: '重庆市綦江区政务服务管理办公室',
    kind: 'department',
  });
  assert.equal(unit.authorMayLevel1, true);
  const section = await createSection(deps, admin, { unitId: unit.id, name: '办公室' });
  const site = await createChannel(deps, admin, {
    unitId: unit.id,
    kind: 'website',
    name: '区政务服务办网站',
    url: 'http://www.cqqj.gov.cn/bm/zwfw/',
  });
  const column = await createColumn(deps, admin, { channelId: site.id, name: '办事指南', kind: '其他' });
  assert.deepEqual(
    (await listSections(deps.db, unit.id)).map((s) => s.id),
    [section.id],
  );
  assert.equal((await listChannels(deps.db, unit.id))[0].id, site.id);
  assert.equal(column.channelId, site.id);
  const actions = (await listLedger(deps.db, {})).slice(before).map((e) => e.action);
  assert.deepEqual(actions, ['org.unit_create', 'org.section_create', 'org.channel_create', 'org.column_create']);
});

test('非系统管理员不能改组织，理由明确，且不写任何记录', async () => {
  const before = await ledgerCount();
  await assert.rejects(createUnit(deps, staff, { name: '某单位', fullName: '某单位全称', kind: 'other' }), {
    status: 403,
    code: 'NOT_SYS_ADMIN',
    message: /系统管理员/,
  });
  await assert.rejects(createUnit(deps, sec, { name: '某单位', fullName: '某单位全称', kind: 'other' }), {
    status: 403,
    code: 'NOT_SYS_ADMIN',
  });
  await assert.rejects(
    createUser(deps, admin, {
      username: 'kjj.x',
      displayName: '某人',
      unitId: staff.unitId,
      email: 'x@example.gov.cn',
    }),
    { status: 403, code: 'NOT_SECURITY_ADMIN', message: /安全管理员/ },
  );
  assert.equal(await ledgerCount(), before);
});

test('输入有误：400 并指明字段，不写任何记录', async () => {
  const before = await ledgerCount();
  const unitsBefore = (await listUnits(deps.db)).length;
  await assert.rejects(createUnit(deps, admin, { name: ' ', fullName: 'x', kind: 'office' }), {
    status: 400,
    field: 'name',
    message: '请填写单位简称',
  });
  await assert.rejects(createUnit(deps, admin, { name: 'x', fullName: 'x', kind: 'bureau' as never }), {
    status: 400,
    field: 'kind',
  });
  const kjj = await unitNamed('区科技局');
  await assert.rejects(createChannel(deps, admin, { unitId: kjj.id, kind: 'website', name: '站', url: 'ftp://x' }), {
    status: 400,
    field: 'url',
  });
  const person = { username: 'kjj.new', displayName: '某人', unitId: kjj.id };
  await assert.rejects(createUser(deps, sec, { ...person, username: 'Bad Name', email: 'new@example.gov.cn' }), {
    status: 400,
    field: 'username',
  });
  await assert.rejects(createUser(deps, sec, person), { status: 400, field: 'email', message: /电子邮箱/ });
  await assert.rejects(createUser(deps, sec, { ...person, email: 'not-an-address' }), {
    status: 400,
    field: 'email',
    message: /电子邮箱/,
  });
  await assert.rejects(createUser(deps, sec, { ...person, email: 'new@example.gov.cn', password: 'Chosen2026pw' }), {
    status: 400,
    code: 'PASSWORD_NOT_ACCEPTED',
    message: /一次性密码由系统生成/,
  });
  await assert.rejects(createUser(deps, 'system', { ...person, password: 'short' }), {
    status: 400,
    field: 'password',
  });
  assert.equal(await ledgerCount(), before);
  assert.equal((await listUnits(deps.db)).length, unitsBefore);
});

test('重复的单位名、用户名得到 409', async () => {
  await assert.rejects(createUnit(deps, admin, { name: '区科技局', fullName: '重复', kind: 'department' }), {
    status: 409,
    code: 'DUPLICATE_UNIT',
  });
  const kjj = await unitNamed('区科技局');
  await assert.rejects(
    createUser(deps, sec, { username: 'kjj.staff', displayName: '重名', unitId: kjj.id, email: 'dup@example.gov.cn' }),
    { status: 409, code: 'DUPLICATE_USERNAME' },
  );
});

test('只有网站可以设栏目', async () => {
  const kjj = await unitNamed('区科技局');
  const wechat = (await listChannels(deps.db, kjj.id)).find((c) => c.kind === 'wechat')!;
  await assert.rejects(createColumn(deps, admin, { channelId: wechat.id, name: '菜单', kind: '其他' }), {
    status: 422,
    code: 'NOT_WEBSITE',
  });
});

test('授予与撤销角色：科室负责人须指定本单位科室；申请经主要领导确认才生效；每步写台账', async () => {
  const kjj = await unitNamed('区科技局');
  const cgj = await unitNamed('区城市管理局');
  const user = await createUser(deps, sec, {
    username: 'kjj.wang',
    displayName: '王演示',
    unitId: kjj.id,
    email: 'wang@example.gov.cn',
    roles: ['staff'],
  });
  assert.deepEqual([user.roles.length, user.pendingRoles.length, user.mustChangePassword], [0, 1, true]);
  await assert.rejects(grantRole(deps, sec, { userId: user.id, role: 'sectionHead', unitId: kjj.id }), {
    status: 400,
    field: 'sectionId',
  });
  const otherSection = (await listSections(deps.db, cgj.id))[0];
  await assert.rejects(
    grantRole(deps, sec, { userId: user.id, role: 'sectionHead', unitId: kjj.id, sectionId: otherSection.id }),
    { status: 400, field: 'sectionId', message: /不属于区科技局/ },
  );
  await assert.rejects(grantRole(deps, sec, { userId: user.id, role: 'inspector', unitId: kjj.id }), {
    status: 400,
    field: 'unitId',
  });

  const section = (await listSections(deps.db, kjj.id))[1];
  const asked = await grantRole(deps, sec, {
    userId: user.id,
    role: 'sectionHead',
    unitId: kjj.id,
    sectionId: section.id,
  });
  assert.equal(asked.status, 'pending');
  await assert.rejects(
    grantRole(deps, sec, { userId: user.id, role: 'sectionHead', unitId: kjj.id, sectionId: section.id }),
    { status: 409, code: 'DUPLICATE_REQUEST' },
  );
  assert.deepEqual(await usersHoldingRole(deps.db, 'sectionHead', kjj.id, section.id), [], '待确认的角色不生效');
  const request = (await listLedger(deps.db, { action: 'org.role_request' })).at(-1)!;
  assert.equal(JSON.parse(request.payload).role, 'sectionHead');
  assert.equal(request.actor_id, sec.id);

  assert.ok(asked.status === 'pending');
  await decideRoleRequest(deps, kjjPrincipal, { requestId: asked.request.id, confirm: true });
  assert.deepEqual(
    (await usersHoldingRole(deps.db, 'sectionHead', kjj.id, section.id)).map((u) => u.username),
    ['kjj.wang'],
  );
  const confirmed = (await listLedger(deps.db, { action: 'org.role_confirm' })).at(-1)!;
  assert.equal(confirmed.actor_id, kjjPrincipal.id);
  await assert.rejects(decideRoleRequest(deps, kjjPrincipal, { requestId: asked.request.id, confirm: true }), {
    status: 409,
  });

  const grant = (await listUsers(deps.db)).find((u) => u.id === user.id)!.roles.find((r) => r.role === 'sectionHead')!;
  await revokeRole(deps, sec, { userId: user.id, roleId: grant.id });
  assert.deepEqual(await usersHoldingRole(deps.db, 'sectionHead', kjj.id, section.id), []);
  const revoked = (await listLedger(deps.db, { action: 'org.role_revoke' })).at(-1)!;
  assert.equal(JSON.parse(revoked.payload).roleId, grant.id);
  await assert.rejects(revokeRole(deps, sec, { userId: user.id, roleId: grant.id }), { status: 404 });
});

test('值班等非审核角色由安全管理员授予即生效，写 org.role_grant', async () => {
  const kjj = await unitNamed('区科技局');
  const user = await createUser(deps, sec, {
    username: 'kjj.zhao',
    displayName: '赵演示',
    unitId: kjj.id,
    email: 'zhao@example.gov.cn',
  });
  const grant = await grantRole(deps, sec, { userId: user.id, role: 'dutyOfficer', unitId: kjj.id });
  assert.equal(grant.status, 'active');
  assert.ok((await usersHoldingRole(deps.db, 'dutyOfficer', kjj.id)).some((u) => u.id === user.id));
  assert.equal((await listLedger(deps.db, { action: 'org.role_grant' })).at(-1)!.actor_id, sec.id);
});

test('不能撤销最后一名安全管理员', async () => {
  const role = (await listUsers(deps.db)).find((u) => u.id === sec.id)!.roles.find((r) => r.role === 'securityAdmin')!;
  await assert.rejects(revokeRole(deps, sec, { userId: sec.id, roleId: role.id }), {
    status: 409,
    code: 'LAST_SECURITY_ADMIN',
  });
});

test('读取：按 id 取用户摘要；全区性角色在任何单位都能找到', async () => {
  const kjj = await unitNamed('区科技局');
  const map = await getUsersByIds(deps.db, [staff.id, admin.id, 'missing']);
  assert.equal(map.get(staff.id)?.username, 'kjj.staff');
  assert.equal(map.size, 2);
  assert.deepEqual(
    (await usersHoldingRole(deps.db, 'egovCenter', kjj.id)).map((u) => u.username),
    ['egov'],
  );
  assert.deepEqual(
    (await usersHoldingRole(deps.db, 'leader', kjj.id)).map((u) => u.username),
    ['kjj.leader'],
  );
  assert.equal(await loadActor(deps.db, 'missing'), null);
});

test('单位设置：起草人可否一审，写 org.unit_settings 台账', async () => {
  const dxz = await unitNamed('东溪镇');
  const updated = await setUnitSettings(deps, admin, { unitId: dxz.id, authorMayLevel1: false });
  assert.equal(updated.authorMayLevel1, false);
  assert.equal((await unitNamed('东溪镇')).authorMayLevel1, false);
  const entry = (await listLedger(deps.db, { action: 'org.unit_settings' })).at(-1)!;
  assert.deepEqual(JSON.parse(entry.payload), { authorMayLevel1: { from: true, to: false } });
});
