// The role written into the ledger: one rule (`actingRole`) for watch, duty, 质疑申请 and 发布网址, checked on random
// people. The two rules it replaced (watch's and duty's) are kept here as oracles: every random person is signed as
// before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type Actor, DISTRICT_WIDE_ROLES, holdsDistrictRole, holdsRole, type Role, ROLES } from '../model.ts';
import { actingRole } from './acting.ts';
import { CHALLENGE_ROLES, challengeRole } from './challenge.ts';
import { DUTY_ROLES, dutyRole, ROSTER_ROLES } from './duty.ts';
import { liveUrlRole } from './publish.ts';
import { WATCH_ROLES, watchRole } from './watch.ts';

const UNITS = ['u1', 'u2', 'office'];
const arbRole = fc.constantFrom(...ROLES);
const arbHeld = fc.record({ role: arbRole, unitId: fc.constantFrom(...UNITS), sectionId: fc.constant(null) });
const arbActor: fc.Arbitrary<Actor> = fc
  .array(arbHeld, { maxLength: 6 })
  .map((roles) => ({ id: 'p', username: 'p', name: 'p', unitId: roles[0]?.unitId ?? 'u1', roles }));
const arbUnit = fc.constantFrom<string | null>(...UNITS, null);
const arbPreference = fc.shuffledSubarray([...ROLES]);
/** Whether the actor may act in `role` for the unit: held there, or held anywhere for a district-wide role. */
const qualifies = (a: Actor, r: Role, unitId: string | null) =>
  DISTRICT_WIDE_ROLES.includes(r) ? holdsDistrictRole(a, r) : unitId !== null && holdsRole(a, r, unitId);

test('签署角色：系统为空；有角色的人总以本人确实担任的角色签署，无角色的人为空', () => {
  fc.assert(
    fc.property(arbActor, arbUnit, arbPreference, (a, unitId, roles) => {
      assert.equal(actingRole(null, unitId, roles), '');
      const role = actingRole(a, unitId, roles);
      assert.equal(role === '', a.roles.length === 0);
      if (role) assert.ok(a.roles.some((r) => r.role === role));
    }),
  );
});

test('签署角色：本单位担任的首选角色优先（单位角色只算本单位的，区级角色在各单位都算），都不担任时为本人第一个角色', () => {
  fc.assert(
    fc.property(arbActor, arbUnit, arbPreference, (a, unitId, roles) => {
      const role = actingRole(a, unitId, roles);
      const first = roles.find((r) => qualifies(a, r, unitId));
      assert.equal(role, first ?? a.roles[0]?.role ?? '', "none qualifies: the person's first role");
    }),
  );
});

test('签署角色：与角色授予的先后无关，也不受在其他单位所担任的单位角色影响', () => {
  const arbUnitRole = arbRole.filter((r) => !DISTRICT_WIDE_ROLES.includes(r));
  const arbOther = fc.array(fc.record({ role: arbUnitRole, unitId: fc.constant('u9'), sectionId: fc.constant(null) }));
  const arbReordered = arbActor.chain((a) =>
    fc.tuple(fc.constant(a), fc.shuffledSubarray(a.roles, { minLength: a.roles.length, maxLength: a.roles.length })),
  );
  fc.assert(
    fc.property(arbReordered, arbUnit, arbPreference, arbOther, ([a, reordered], unitId, roles, other) => {
      if (!roles.some((r) => qualifies(a, r, unitId))) return;
      const moved = { ...a, roles: [...other, ...reordered] };
      assert.equal(actingRole(moved, unitId, roles), actingRole(a, unitId, roles));
    }),
  );
});

// The rules watch/context.ts and duty/context.ts had before they were one (commit history: roleOf, roleIn).
const WATCH_DISTRICT: Role[] = ['egovCenter', 'sysAdmin', 'inspector', 'auditAdmin'];
const DUTY_DISTRICT: Role[] = ['sysAdmin', 'egovCenter', 'inspector', 'auditAdmin'];
const oldWatchRole = (a: Actor | null, unitId: string): string => {
  if (!a) return '';
  const held = WATCH_ROLES.find((r) => holdsRole(a, r, unitId));
  if (held) return held;
  const district = WATCH_DISTRICT.find((r) => holdsDistrictRole(a, r));
  return district ?? a.roles[0]?.role ?? '';
};
const oldDutyRole = (a: Actor, unitId: string | null, roles: readonly Role[]): string => {
  const held = roles.find((r) => a.roles.some((x) => x.role === r && x.unitId === unitId));
  if (held) return held;
  const district = DUTY_DISTRICT.find((r) => holdsDistrictRole(a, r));
  return district ?? a.roles[0]?.role ?? '';
};

test('读网值班和值班排班的台账角色与合并前逐一相同', () => {
  const arbDutyRoles = fc.constantFrom(ROSTER_ROLES, DUTY_ROLES, [...DUTY_ROLES, 'leader', 'principal'] as Role[]);
  const arbCase = fc.tuple(fc.option(arbActor), fc.constantFrom(...UNITS), arbUnit, arbDutyRoles);
  fc.assert(
    fc.property(arbCase, ([a, unitId, dutyUnit, roles]) => {
      assert.equal(watchRole(a, unitId), oldWatchRole(a, unitId));
      if (a) assert.equal(dutyRole(a, dutyUnit, roles), oldDutyRole(a, dutyUnit, roles));
    }),
    { numRuns: 500 },
  );
});

test('质疑申请以承办单位的保密工作机构、分管领导或主要领导身份签署（兼任时依此顺序）；发布网址以本单位身份优先', () => {
  const p = (...roles: [Role, string][]): Actor => ({
    id: 'p',
    username: 'p',
    name: 'p',
    unitId: 'u1',
    roles: roles.map(([role, unitId]) => ({ role, unitId, sectionId: null })),
  });
  assert.deepEqual(CHALLENGE_ROLES, ['secrecy', 'leader', 'principal']);
  assert.equal(challengeRole(p(['leader', 'u1'], ['secrecy', 'u1']), 'u1'), 'secrecy');
  assert.equal(challengeRole(p(['secrecy', 'u2'], ['principal', 'u1']), 'u1'), 'principal');
  assert.equal(liveUrlRole(p(['staff', 'u1']), { unitId: 'u1' }), 'staff');
  assert.equal(liveUrlRole(p(['egovCenter', 'office']), { unitId: 'u1' }), 'egovCenter');
  assert.equal(liveUrlRole(p(['egovCenter', 'office'], ['sectionHead', 'u1']), { unitId: 'u1' }), 'sectionHead');
});
