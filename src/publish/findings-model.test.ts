// 智能校对 findings on revisions: what is kept, what blocks (65号 三审三校制度 第五条(四)), what may be dismissed. Pure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChecks } from '../checks/index.ts';
import { AppError } from '../platform/errors.ts';
import { dismissProblem, dismissReason, keptFindings, openCounts, proofreadingProblem, type RevisionFinding } from './findings-model.ts';

const stored = (text: string): RevisionFinding[] => keptFindings(runChecks(text).findings).map((f, i) => ({ ...f, id: `f${i}`, itemId: 'i',
  revision: 1, resolvedBy: null, reason: null, resolvedAt: null, createdAt: '' }));
const codeOf = (r: unknown) => (r instanceof AppError ? r.code : 'ok');

test('保留严重、错误和警告；密级标志和个人信息交保密审查，不计入未处理数量', () => {
  const found = stored('机密★1年\n联系人身份证号：110101199003074258。\n会议号召再接再励,全力推进。');
  assert.deepEqual(found.map((f) => [f.category, f.status]), [['secrecy', 'secrecy'], ['pii', 'secrecy'], ['misspelling', 'open'],
    ['punctuation', 'open']]);
  assert.deepEqual(openCounts(found), { serious: 0, error: 1, warning: 1 });
});

test('严重或错误未处理时不能提交或审核：指明数量和第一处（按位置）；已忽略的和警告不算', () => {
  const found = stored('中华人民共合国成立以来,\n我们再接再励。');
  const problem = proofreadingProblem(found);
  assert.equal(codeOf(problem), 'UNRESOLVED_PROOFREADING');
  assert.equal(problem?.status, 422);
  assert.equal(problem?.message, '智能校对发现 2 处未处理的严重/错误问题（第 1 行：中华人民共合国 → 中华人民共和国），请修改或说明理由后忽略');
  const dismissed = found.map((f) => (f.severity === 'serious' ? { ...f, status: 'dismissed' as const } : f));
  assert.match(proofreadingProblem(dismissed)?.message ?? '', /发现 1 处.*第 2 行：再接再励 → 再接再厉/);
  assert.equal(proofreadingProblem(found.filter((f) => f.severity === 'warning')), null);
  const long = { ...found[0], text: '一二三四五六七八九十一二三四五六七八九十一二三', suggestion: '', message: '疑似表述错误' };
  assert.match(proofreadingProblem([long])?.message ?? '', /第 1 行：一二三四五六七八九十一二三四五六七八九十…，疑似表述错误/);
});

test('只能忽略当前版本仍未处理的发现，理由 2–500 字', () => {
  assert.equal(codeOf(dismissProblem({ revision: 1, status: 'open' }, 2)), 'STALE_REVISION');
  assert.equal(codeOf(dismissProblem({ revision: 2, status: 'secrecy' }, 2)), 'SECRECY_FINDING');
  assert.equal(codeOf(dismissProblem({ revision: 2, status: 'dismissed' }, 2)), 'ALREADY_RESOLVED');
  assert.equal(dismissProblem({ revision: 2, status: 'open' }, 2), null);
  assert.equal(dismissReason('  引用原文  '), '引用原文');
  for (const bad of [undefined, '', '  是 ', '字'.repeat(501)]) assert.equal(codeOf(dismissReason(bad)), 'INVALID_INPUT');
  assert.equal(dismissReason('字'.repeat(500)), '字'.repeat(500));
});
