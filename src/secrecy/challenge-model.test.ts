// 质疑申请 rules without a database: the 20-working-day clock across 国庆 and its 调休, one extension, the answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildCalendar, workingDaysBetween } from '../platform/calendar/model.ts';
import { SHIPPED_YEARS } from '../platform/calendar/service.ts';
import { AppError } from '../platform/errors.ts';
import {
  answerMail,
  caseNumber,
  type Challenge,
  decideAnswer,
  decideExtend,
  firstDeadline,
  isOverdue,
  PHONE_RE,
} from './challenge-model.ts';

const cal = buildCalendar(SHIPPED_YEARS);

const open = (over: Partial<Challenge> = {}): Challenge => ({
  id: 'c1',
  caseNo: caseNumber(2025, 17),
  unitId: 'u1',
  itemId: null,
  subject: '某项目审批结果',
  question: '为何未公开？',
  asker: { name: '王某', org: null, phone: null, email: 'wang@example.cn' },
  state: 'open',
  receivedAt: '2025-09-26T02:00:00.000Z',
  receivedOn: '2025-09-26',
  firstDueOn: '2025-10-30',
  dueOn: '2025-10-30',
  dueProvisional: false,
  extension: null,
  answer: null,
  ...over,
});

test('案件编号按发文字号格式：綦公开答〔2025〕17号', () => {
  assert.equal(caseNumber(2025, 17), '綦公开答〔2025〕17号');
});

test('答复期限：9月26日收到，跨国庆假期并计入9月28日、10月11日调休上班日，第20个工作日为10月30日', () => {
  assert.equal(firstDeadline(cal, '2025-09-26'), '2025-10-30');
  assert.equal(workingDaysBetween(cal, '2025-09-26', '2025-10-30'), 20);
});

test('期限当日仍未逾期，次日起逾期；已答复的不算逾期', () => {
  assert.equal(isOverdue(open(), '2025-10-30'), false);
  assert.equal(isOverdue(open(), '2025-10-31'), true);
  assert.equal(isOverdue(open({ state: 'answered' }), '2025-12-31'), false);
});

test('延长一次，最多20个工作日，从原期限起算', () => {
  const r = decideExtend(open(), { days: 20, reason: '需征求第三方意见' }, '2025-10-20', cal);
  assert.deepEqual(r, { date: '2025-11-27', provisional: false });
});

test('延长须有理由、天数在1–20之间、只能一次、期限已过或已答复不能延长', () => {
  const code = (r: unknown) => (r instanceof AppError ? `${r.status} ${r.code} ${r.field ?? ''}`.trim() : 'ok');
  assert.equal(code(decideExtend(open(), { days: 20, reason: '  ' }, '2025-10-20', cal)), '400 INVALID_INPUT reason');
  assert.equal(code(decideExtend(open(), { days: 21, reason: '理由' }, '2025-10-20', cal)), '400 INVALID_INPUT days');
  assert.equal(code(decideExtend(open(), { days: 0, reason: '理由' }, '2025-10-20', cal)), '400 INVALID_INPUT days');
  const extended = open({ extension: { at: '2025-10-20T02:00:00.000Z', by: 'u', days: 5, reason: '理由' } });
  assert.equal(code(decideExtend(extended, { days: 5, reason: '再延' }, '2025-10-21', cal)), '409 ALREADY_EXTENDED');
  assert.equal(code(decideExtend(open(), { days: 5, reason: '理由' }, '2025-10-31', cal)), '422 DEADLINE_PASSED');
  assert.equal(
    code(decideExtend(open({ state: 'answered' }), { days: 5, reason: '理由' }, '2025-10-20', cal)),
    '409 ALREADY_ANSWERED',
  );
});

test('性质：延长后的期限恰好比原期限多出所延长的工作日数', () => {
  const days2025 = Array.from({ length: 300 }, (_, i) =>
    new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
  );
  fc.assert(
    fc.property(fc.constantFrom(...days2025), fc.integer({ min: 1, max: 20 }), (receivedOn, days) => {
      const first = firstDeadline(cal, receivedOn);
      const c = open({ receivedOn, firstDueOn: first, dueOn: first });
      const r = decideExtend(c, { days, reason: '理由' }, receivedOn, cal);
      assert.ok(!(r instanceof AppError));
      assert.equal(workingDaysBetween(cal, first, r.date), days);
      assert.equal(workingDaysBetween(cal, receivedOn, first), 20);
    }),
  );
});

test('逾期后仍可答复，并记为逾期答复；重复答复被拒绝', () => {
  assert.deepEqual(decideAnswer(open(), { basis: '条例第十四条', reason: '涉及国家秘密' }, '2025-11-03'), {
    late: true,
  });
  assert.deepEqual(decideAnswer(open(), { basis: '条例第十四条', reason: '涉及国家秘密' }, '2025-10-30'), {
    late: false,
  });
  const again = decideAnswer(open({ state: 'answered' }), { basis: 'x', reason: 'y' }, '2025-10-01');
  assert.ok(again instanceof AppError && again.code === 'ALREADY_ANSWERED');
});

test('答复邮件写明编号、依据和理由；未留邮箱则不发', () => {
  const m = answerMail(
    open(),
    '重庆市綦江区科学技术局',
    { basis: '条例第十四条', reason: '涉及国家秘密' },
    '2025-10-28',
  );
  assert.ok(m);
  assert.deepEqual(m.to, ['wang@example.cn']);
  assert.match(m.subject, /綦公开答〔2025〕17号/);
  assert.match(m.text, /依据：条例第十四条/);
  assert.match(m.text, /理由：涉及国家秘密/);
  assert.equal(
    answerMail(
      open({ asker: { name: '王某', org: null, phone: '13800001234', email: null } }),
      '单位',
      { basis: 'a', reason: 'b' },
      '2025-10-28',
    ),
    null,
  );
});

test('电话：手机11位或带区号的座机', () => {
  for (const ok of ['13800001234', '023-48661234', '02348661234', '023-48661234-801']) assert.match(ok, PHONE_RE);
  for (const bad of ['1380000123', '12800001234', '48661234', 'abc', '023-486612345678'])
    assert.doesNotMatch(bad, PHONE_RE);
});
