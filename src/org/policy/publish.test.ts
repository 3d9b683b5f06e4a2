// Who may review, view, edit and submit an item: separation of duties (65号 三审三校) as pure verdicts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Role } from '../model.ts';
import {
  abilitiesOf,
  canDecideDismissal,
  canDraft,
  canEdit,
  canReview,
  canView,
  findingStanding,
  type ItemView,
  itemListScope,
  reviewScopes,
} from './publish.ts';

const person = (id: string, ...roles: [Role, string, string?][]): Actor => ({
  id,
  username: id,
  name: id,
  unitId: roles[0]?.[1] ?? 'u1',
  roles: roles.map(([role, unitId, sectionId]) => ({ role, unitId, sectionId: sectionId ?? null })),
});
const item = (over: Partial<ItemView> = {}): ItemView => ({
  unitId: 'u1',
  sectionId: 's1',
  authorId: 'author',
  stage: 'level1',
  approverIds: [],
  authorMayLevel1: true,
  ...over,
});
const codeOf = (v: ReturnType<typeof canReview>) => (v.allowed ? 'ALLOW' : v.code);

const author = person('author', ['staff', 'u1'], ['sectionHead', 'u1', 's1']);
const staff = person('staff', ['staff', 'u1']);
const head = person('head', ['sectionHead', 'u1', 's1'], ['staff', 'u1']);
const otherHead = person('otherHead', ['sectionHead', 'u1', 's2']);
const leader = person('leader', ['leader', 'u1']);
const principal = person('principal', ['principal', 'u1']);
const foreignLeader = person('foreignLeader', ['leader', 'u2']);
const inspector = person('inspector', ['inspector', 'u0']);
const duty = person('duty', ['dutyOfficer', 'u1']);

test('每一级由相应角色审核：一审工作人员、二审本科室负责人、三审分管领导、审定主要领导', () => {
  assert.equal(codeOf(canReview(staff, item(), 1)), 'ALLOW');
  assert.equal(codeOf(canReview(head, item(), 2)), 'ALLOW');
  assert.equal(codeOf(canReview(leader, item(), 3)), 'ALLOW');
  assert.equal(codeOf(canReview(principal, item(), 4)), 'ALLOW');
  assert.equal(codeOf(canReview(staff, item(), 2)), 'NO_ROLE');
  assert.equal(codeOf(canReview(leader, item(), 4)), 'NO_ROLE');
  assert.equal(codeOf(canReview(foreignLeader, item(), 3)), 'NO_ROLE');
  assert.equal(codeOf(canReview(otherHead, item(), 2)), 'OTHER_SECTION');
});

test('同一人不得审核同一版本的两个级别；新版本重新计算', () => {
  assert.equal(codeOf(canReview(head, item({ approverIds: ['head'] }), 2)), 'SAME_PERSON');
  assert.equal(codeOf(canReview(head, item({ approverIds: [] }), 2)), 'ALLOW');
});

test('起草人只能做一审（且须本单位允许），不能做二审及以上', () => {
  assert.equal(codeOf(canReview(author, item(), 1)), 'ALLOW');
  assert.equal(codeOf(canReview(author, item({ authorMayLevel1: false }), 1)), 'AUTHOR_LEVEL1');
  assert.equal(codeOf(canReview(author, item(), 2)), 'AUTHOR_REVIEW');
  const denied = canReview(author, item(), 2);
  assert.ok(!denied.allowed && /起草人/.test(denied.reason));
});

test('查看：起草人、本单位审核人员、区级督查；值班人员等其他角色不能查看', () => {
  assert.ok(canView(author, item()).allowed);
  assert.ok(canView(leader, item()).allowed);
  assert.ok(canView(inspector, item()).allowed);
  assert.equal(canView(foreignLeader, item()).allowed, false);
  assert.equal(canView(duty, item()).allowed, false);
  assert.deepEqual(itemListScope(duty), []);
  assert.equal(itemListScope(inspector), 'all');
  assert.deepEqual(itemListScope(head), ['u1']);
});

test('只有起草人可以修改和提交；起草须为承办单位工作人员', () => {
  assert.ok(canEdit(author, item()).allowed);
  assert.equal(canEdit(head, item()).allowed, false);
  assert.ok(canDraft(staff, 'u1').allowed);
  assert.equal(canDraft(leader, 'u1').allowed, false);
  assert.equal(canDraft(staff, 'u2').allowed, false);
});

test('abilities 与服务端的判断一致', () => {
  assert.deepEqual(abilitiesOf(author, item({ stage: 'returned' })), {
    canApprove: false,
    canReturn: false,
    canEdit: true,
    canSubmit: true,
  });
  assert.deepEqual(abilitiesOf(head, item({ stage: 'level2' })), {
    canApprove: true,
    canReturn: true,
    canEdit: false,
    canSubmit: false,
  });
  assert.deepEqual(abilitiesOf(head, item({ stage: 'level3' })), {
    canApprove: false,
    canReturn: false,
    canEdit: false,
    canSubmit: false,
  });
  assert.deepEqual(abilitiesOf(author, item({ stage: 'level2' })).canApprove, false);
});

test('待审队列：每个角色打开一个队列，二审按科室，重复授权不重复', () => {
  const many = person(
    'many',
    ['staff', 'u1'],
    ['staff', 'u1', 's1'],
    ['sectionHead', 'u1', 's1'],
    ['leader', 'u2'],
    ['sysAdmin', 'u0'],
  );
  assert.deepEqual(reviewScopes(many), [
    { level: 1, unitId: 'u1', sectionId: null },
    { level: 2, unitId: 'u1', sectionId: 's1' },
    { level: 3, unitId: 'u2', sectionId: null },
  ]);
});

test('智能校对发现：起草人（起草时）和一审只能建议忽略；二审及以上确认，提出建议的人不能确认（DOMAIN §2.5）', () => {
  const standing = (a: Actor, over: Partial<ItemView>) => findingStanding(a, item(over));
  assert.equal(standing(author, { stage: 'draft' }).as, 'author');
  assert.equal(codeOf(standing(staff, { stage: 'draft' })), 'NOT_AUTHOR');
  assert.equal(standing(staff, { stage: 'level1' }).as, 'level1');
  assert.equal(standing(head, { stage: 'level2' }).as, 'level2');
  assert.equal(standing(leader, { stage: 'level3' }).as, 'level3');
  assert.equal(codeOf(standing(author, { stage: 'level2' })), 'AUTHOR_REVIEW');
  assert.equal(codeOf(standing(head, { stage: 'secrecy' })), 'NOT_AT_LEVEL');

  assert.equal(codeOf(canDecideDismissal(head, item({ stage: 'level2' }), 'author')), 'ALLOW');
  assert.equal(codeOf(canDecideDismissal(leader, item({ stage: 'level3' }), 'staff')), 'ALLOW');
  assert.equal(codeOf(canDecideDismissal(head, item({ stage: 'level2' }), 'head')), 'SAME_PERSON');
  assert.equal(codeOf(canDecideDismissal(staff, item({ stage: 'level1' }), 'author')), 'NOT_LEVEL2');
  assert.equal(codeOf(canDecideDismissal(author, item({ stage: 'draft' }), 'author')), 'NOT_LEVEL2');
  assert.equal(codeOf(canDecideDismissal(otherHead, item({ stage: 'level2' }), 'author')), 'OTHER_SECTION');
  assert.equal(
    codeOf(canDecideDismissal(head, item({ stage: 'level2', approverIds: ['head'] }), 'author')),
    'SAME_PERSON',
  );
});
