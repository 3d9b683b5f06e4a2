// 智能校对 findings on revisions: what is kept, what blocks (65号 三审三校制度 第五条(四), DOMAIN.md §2.5), how a dismissal
// is proposed, accepted or refused. Pure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { runChecks } from '../checks/index.ts';
import { AppError } from '../platform/errors.ts';
import {
  actOnFinding,
  dismissReason,
  type FindingAction,
  keptFindings,
  openCounts,
  proofreadingProblem,
  type RevisionFinding,
  STANDINGS,
} from './findings-model.ts';

const EMPTY = {
  resolvedBy: null,
  resolvedAs: null,
  reason: null,
  resolvedAt: null,
  proposedBy: null,
  proposedAs: null,
  proposalReason: null,
  proposedAt: null,
  rejectedBy: null,
  rejectionReason: null,
  rejectedAt: null,
  createdAt: '',
} as const;
const stored = (text: string): RevisionFinding[] =>
  keptFindings(runChecks(text).findings).map((f, i) => ({ ...f, ...EMPTY, id: `f${i}`, itemId: 'i', revision: 1 }));
const codeOf = (r: unknown) => (r instanceof AppError ? r.code : 'ok');
const bySeverity = (found: RevisionFinding[]) =>
  Object.fromEntries(found.map((f) => [f.severity, f])) as Record<RevisionFinding['severity'], RevisionFinding>;
const AT = '2026-03-02T01:00:00.000Z';
const act = (f: RevisionFinding, a: FindingAction, current = 1) => {
  const next = actOnFinding(f, current, a);
  if (next instanceof AppError) throw next;
  return next;
};

test('保留严重、错误和警告；密级标志和个人信息交保密审查，不计入未处理数量', () => {
  const found = stored('机密★1年\n联系人身份证号：110101199003074258。\n会议号召再接再励,全力推进。');
  assert.deepEqual(
    found.map((f) => [f.category, f.kind, f.status]),
    [
      ['secrecy', 'secrecy', 'open'],
      ['pii', 'secrecy', 'open'],
      ['misspelling', 'proofreading', 'open'],
      ['punctuation', 'proofreading', 'open'],
    ],
  );
  assert.deepEqual(openCounts(found), { serious: 0, error: 1, warning: 1 });
});

test('提交和一审：严重或错误未处理时不能通过，指明数量和第一处；忽略建议待二审确认的不阻止', () => {
  const found = stored('中华人民共合国成立以来,\n我们再接再励。');
  const problem = proofreadingProblem(found, 'entry');
  assert.equal(codeOf(problem), 'UNRESOLVED_PROOFREADING');
  assert.equal(problem?.status, 422);
  assert.equal(
    problem?.message,
    '智能校对发现 2 处未处理的严重/错误问题（第 1 行：中华人民共合国 → 中华人民共和国），请修改，或说明理由后建议忽略（由二审确认）',
  );
  const proposed = found.map((f) => (f.severity === 'serious' ? { ...f, status: 'proposed' as const } : f));
  assert.match(proofreadingProblem(proposed, 'entry')?.message ?? '', /发现 1 处.*第 2 行：再接再励 → 再接再厉/);
  assert.equal(
    proofreadingProblem(
      found.filter((f) => f.severity === 'warning'),
      'entry',
    ),
    null,
  );
  const long = {
    ...found[0],
    text: '一二三四五六七八九十一二三四五六七八九十一二三',
    suggestion: '',
    message: '疑似表述错误',
  };
  assert.match(
    proofreadingProblem([long], 'entry')?.message ?? '',
    /第 1 行：一二三四五六七八九十一二三四五六七八九十…，疑似表述错误/,
  );
});

test('二审及以上：只有修改或经二审及以上确认的忽略才算处理；待确认的建议照样阻止，并分别列出数量', () => {
  const { serious, error, warning } = bySeverity(stored('中华人民共合国成立以来,\n我们再接再励。'));
  const proposed = { ...serious, status: 'proposed' as const };
  assert.equal(
    proofreadingProblem([proposed, error, warning], 'decided')?.message,
    '智能校对还有 2 处严重/错误问题未处理：1 处未修改也未忽略，1 处忽略建议待二审确认（第 1 行：中华人民共合国 → 中华人民共和国）。'
      + '须修改，或由二审及以上审核人同意忽略后才能通过',
  );
  assert.match(
    proofreadingProblem([proposed, warning], 'decided')?.message ?? '',
    /还有 1 处.*：1 处忽略建议待二审确认（/,
  );
  const dismissed = { ...serious, status: 'dismissed' as const };
  assert.equal(proofreadingProblem([dismissed, { ...error, status: 'dismissed' }, warning], 'decided'), null);
});

test('起草人和一审的忽略是建议；二审及以上直接忽略；警告谁都直接忽略', () => {
  const { serious, warning } = bySeverity(stored('中华人民共合国成立以来,\n我们再接再励。'));
  for (const as of ['author', 'level1'] as const) {
    const next = act(serious, { kind: 'dismiss', by: 'zhang', as, reason: '引用原文', at: AT });
    assert.deepEqual(
      [next.status, next.proposedBy, next.proposedAs, next.proposalReason, next.resolvedBy],
      ['proposed', 'zhang', as, '引用原文', null],
    );
    assert.equal(act(warning, { kind: 'dismiss', by: 'zhang', as, reason: '格式如此', at: AT }).status, 'dismissed');
  }
  const direct = act(serious, { kind: 'dismiss', by: 'wang', as: 'level2', reason: '历史文献原文', at: AT });
  assert.deepEqual(
    [direct.status, direct.resolvedBy, direct.resolvedAs, direct.reason, direct.proposedBy],
    ['dismissed', 'wang', 'level2', '历史文献原文', null],
  );
});

test('确认或不同意：只针对待确认的建议；同意后以建议的理由忽略，不同意后回到未处理并记下理由', () => {
  const [serious] = stored('中华人民共合国成立以来。');
  const proposed = act(serious, { kind: 'dismiss', by: 'zhang', as: 'author', reason: '引用原文', at: AT });
  const accepted = act(proposed, { kind: 'accept', by: 'wang', as: 'level2', at: AT });
  assert.deepEqual(
    [accepted.status, accepted.reason, accepted.resolvedBy, accepted.resolvedAs, accepted.proposedBy],
    ['dismissed', '引用原文', 'wang', 'level2', 'zhang'],
  );
  const rejected = act(proposed, { kind: 'reject', by: 'wang', as: 'level2', reason: '应当改正', at: AT });
  assert.deepEqual(
    [rejected.status, rejected.proposedBy, rejected.rejectedBy, rejected.rejectionReason],
    ['open', null, 'wang', '应当改正'],
  );
  assert.equal(codeOf(proofreadingProblem([rejected], 'entry')), 'UNRESOLVED_PROOFREADING');
  assert.equal(codeOf(actOnFinding(serious, 1, { kind: 'accept', by: 'wang', as: 'level2', at: AT })), 'NOT_PROPOSED');
  assert.equal(codeOf(actOnFinding(proposed, 1, { kind: 'accept', by: 'li', as: 'level1', at: AT })), 'NOT_LEVEL2');
  assert.equal(
    codeOf(actOnFinding(proposed, 1, { kind: 'dismiss', by: 'li', as: 'level1', reason: '引用', at: AT })),
    'ALREADY_PROPOSED',
  );
  assert.equal(
    codeOf(actOnFinding(accepted, 1, { kind: 'reject', by: 'liu', as: 'level3', reason: '应当改正', at: AT })),
    'ALREADY_RESOLVED',
  );
});

test('只能处理当前版本的发现，密级标志和个人信息不在此处理，理由 2–500 字', () => {
  const [f] = stored('中华人民共合国成立以来。');
  const dismiss: FindingAction = { kind: 'dismiss', by: 'wang', as: 'level2', reason: '引用原文', at: AT };
  assert.equal(codeOf(actOnFinding(f, 2, dismiss)), 'STALE_REVISION');
  assert.equal(codeOf(actOnFinding({ ...f, kind: 'secrecy' }, 1, dismiss)), 'SECRECY_FINDING');
  assert.equal(dismissReason('  引用原文  '), '引用原文');
  for (const bad of [undefined, '', '  是 ', '字'.repeat(501)])
    assert.equal(codeOf(dismissReason(bad)), 'INVALID_INPUT');
  assert.equal(dismissReason('字'.repeat(500)), '字'.repeat(500));
});

test('任意操作序列：二审关口放行时，每处严重/错误问题都由二审及以上忽略或确认', () => {
  const [serious] = stored('中华人民共合国成立以来。');
  const action = fc.record({ kind: fc.constantFrom('dismiss', 'accept', 'reject'), as: fc.constantFrom(...STANDINGS) });
  fc.assert(
    fc.property(fc.array(action, { maxLength: 12 }), (actions) => {
      let f = serious;
      for (const [i, a] of actions.entries()) {
        const next = actOnFinding(f, 1, { ...a, by: `p${i}`, reason: '理由充分', at: AT } as FindingAction);
        if (!(next instanceof AppError)) f = next;
      }
      if (proofreadingProblem([f], 'decided') !== null) return;
      assert.equal(f.status, 'dismissed');
      assert.ok(f.resolvedAs !== 'author' && f.resolvedAs !== 'level1', `由 ${f.resolvedAs} 忽略`);
    }),
  );
});
