// 三员分立 and the four-eyes rule on roles (DOMAIN §1, 等保 2.0) as pure verdicts and the pure model rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  ADMIN_ROLES,
  type Actor,
  NOT_FOR_ADMINS,
  type Role,
  ROLES,
  type RoleRequest,
  separationProblem,
} from '../model.ts';
import {
  canDecideRoleRequest,
  canGrantRole,
  canListUsers,
  canManageAccounts,
  canManageOrg,
  roleRequestScope,
} from './org.ts';
import { canVerifyLedger, ledgerScope } from './oversight.ts';
import { canEditDictionaries } from './dictionaries.ts';
import { canManageCalendar } from './calendar.ts';

const person = (id: string, ...roles: [Role, string][]): Actor => ({
  id,
  username: id,
  name: id,
  unitId: roles[0]?.[1] ?? 'u1',
  roles: roles.map(([role, unitId]) => ({ role, unitId, sectionId: null })),
});
const codeOf = (v: { allowed: boolean; code?: string }) => (v.allowed ? 'ALLOW' : v.code);
const request = (over: Partial<RoleRequest> = {}): RoleRequest => ({
  id: 'r1',
  userId: 'new',
  role: 'staff',
  unitId: 'u1',
  sectionId: null,
  status: 'pending',
  requestedBy: 'sec',
  requestedAt: '2026-03-02T01:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  reason: null,
  ...over,
});

const sys = person('sys', ['sysAdmin', 'office']);
const sec = person('sec', ['securityAdmin', 'office']);
const audit = person('audit', ['auditAdmin', 'office']);
const principal = person('principal', ['principal', 'u1']);
const officePrincipal = person('officePrincipal', ['principal', 'office']);
const leader = person('leader', ['leader', 'u1']);
const DISTRICT = ['office'];

test('三员分立：同一人不得兼任两个管理员角色，管理员不得担任审核、保密或值班角色', () => {
  assert.equal(separationProblem(['sysAdmin']), null);
  assert.equal(separationProblem(['staff', 'leader', 'dutyOfficer', 'egovCenter']), null);
  assert.match(separationProblem(['sysAdmin', 'securityAdmin'])!, /系统管理员与安全管理员须由不同的人担任/);
  assert.match(separationProblem(['securityAdmin', 'leader'])!, /安全管理员不得同时担任分管领导/);
  assert.match(separationProblem(['auditAdmin', 'dutyLeader'])!, /审计管理员/);
  // Property: the rule holds exactly when no two administrator roles and no administrator with a forbidden role.
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...ROLES), { maxLength: 6 }), (roles) => {
      const admins = new Set(roles.filter((r) => ADMIN_ROLES.includes(r)));
      const forbidden = admins.size > 1 || (admins.size === 1 && roles.some((r) => NOT_FOR_ADMINS.includes(r)));
      return (separationProblem(roles) !== null) === forbidden;
    }),
  );
});

test('各管其事：系统管理员管配置，安全管理员管账号，审计管理员只读台账', () => {
  assert.deepEqual(
    [sys, sec, audit, leader].map((a) => codeOf(canManageOrg(a))),
    ['ALLOW', 'NOT_SYS_ADMIN', 'NOT_SYS_ADMIN', 'NOT_SYS_ADMIN'],
  );
  assert.deepEqual(
    [sys, sec, audit].map((a) => codeOf(canManageAccounts(a))),
    ['NOT_SECURITY_ADMIN', 'ALLOW', 'NOT_SECURITY_ADMIN'],
  );
  assert.deepEqual(
    [sys, sec, audit].map((a) => codeOf(canListUsers(a))),
    ['NOT_ACCOUNT_READER', 'ALLOW', 'ALLOW'],
  );
  assert.deepEqual(
    [sys, sec, audit].map((a) => codeOf(canVerifyLedger(a))),
    ['NOT_AUDITOR', 'NOT_AUDITOR', 'ALLOW'],
  );
  assert.deepEqual(
    [sys, sec, audit].map((a) => ledgerScope(a) === 'all'),
    [false, false, true],
  );
  assert.deepEqual(
    [sys, sec, audit].map((a) => codeOf(canEditDictionaries(a))),
    ['ALLOW', 'NOT_SYS_ADMIN', 'NOT_SYS_ADMIN'],
  );
  assert.deepEqual(
    [sys, sec, audit].map((a) => codeOf(canManageCalendar(a))),
    ['ALLOW', 'NOT_SYS_ADMIN', 'NOT_SYS_ADMIN'],
  );
});

test('安全管理员不能为自己申请或授予角色', () => {
  assert.equal(codeOf(canGrantRole(sec, 'someone')), 'ALLOW');
  assert.equal(codeOf(canGrantRole(sec, sec.id)), 'SELF_GRANT');
  assert.equal(codeOf(canGrantRole(sys, 'someone')), 'NOT_SECURITY_ADMIN');
});

test('角色申请由本单位主要领导确认；单位主要领导由区政府办公室主要领导确认；不能确认自己的', () => {
  assert.equal(codeOf(canDecideRoleRequest(principal, request(), DISTRICT)), 'ALLOW');
  assert.equal(codeOf(canDecideRoleRequest(leader, request(), DISTRICT)), 'NOT_UNIT_PRINCIPAL');
  assert.equal(codeOf(canDecideRoleRequest(officePrincipal, request(), DISTRICT)), 'NOT_UNIT_PRINCIPAL');
  assert.equal(codeOf(canDecideRoleRequest(sec, request(), DISTRICT)), 'NOT_UNIT_PRINCIPAL');
  const forPrincipal = request({ role: 'principal' });
  assert.equal(codeOf(canDecideRoleRequest(principal, forPrincipal, DISTRICT)), 'NOT_OFFICE_PRINCIPAL');
  assert.equal(codeOf(canDecideRoleRequest(officePrincipal, forPrincipal, DISTRICT)), 'ALLOW');
  assert.equal(codeOf(canDecideRoleRequest(principal, request({ userId: principal.id }), DISTRICT)), 'SELF_CONFIRM');
});

test('角色申请可见范围：安全管理员、审计管理员、督查看全部；主要领导看本单位（区政府办公室的还看各单位主要领导）', () => {
  assert.deepEqual(
    [sec, audit, person('i', ['inspector', 'office'])].map((a) => 'all' in roleRequestScope(a, DISTRICT)),
    [true, true, true],
  );
  assert.deepEqual(roleRequestScope(principal, DISTRICT), { units: ['u1'], principals: false });
  assert.deepEqual(roleRequestScope(officePrincipal, DISTRICT), { units: ['office'], principals: true });
  assert.deepEqual(roleRequestScope(sys, DISTRICT), { units: [], principals: false });
});
