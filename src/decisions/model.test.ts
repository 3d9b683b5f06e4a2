// The statutory procedure of a 重大行政决策 as pure rules, checked over random sequences of actions: the gate opens
// only when the 条例's mandatory steps are done and the 合法性审查 opinion allows it, whatever the order of attempts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addWorkingDays, buildCalendar } from '../platform/calendar/model.ts';
import { SHIPPED_YEARS } from '../platform/calendar/service.ts';
import { AppError } from '../platform/errors.ts';
import {
  type Action,
  apply,
  BEFORE_GATE,
  consultationRefusal,
  gateMissing,
  isMandatory,
  legalityTimeWarning,
  newProcedure,
  type Procedure,
  STEPS,
  windowDays,
} from './model.ts';

const cal = buildCalendar(SHIPPED_YEARS);
const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const dateArb = fc.integer({ min: 0, max: 700 }).map(day);
const stepArb = fc.constantFrom(...STEPS);
const textArb = fc.constantFrom('', ' ', '已完成', '不涉及社会稳定风险');

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('complete' as const), step: stepArb, on: dateArb, outcome: textArb }),
  fc.record({ kind: fc.constant('notApplicable' as const), step: stepArb, reason: textArb }),
  fc.record({
    kind: fc.constant('openConsultation' as const),
    opensOn: dateArb,
    closesOn: dateArb,
    shortReason: fc.constantFrom(null, '', '涉及紧急事项'),
  }),
  fc.record({ kind: fc.constant('comment' as const), on: dateArb }),
  fc.constant({ kind: 'answer' as const }),
  fc.record({ kind: fc.constant('publishReport' as const), on: dateArb }),
  fc.record({ kind: fc.constant('requestLegality' as const), on: dateArb }),
  fc.record({
    kind: fc.constant('opinion' as const),
    opinion: fc.constantFrom('lawful' as const, 'riskStated' as const, 'unlawful' as const),
    on: dateArb,
    risk: fc.constantFrom(null, '', '改革探索事项，存在一定法律风险'),
  }),
  fc.record({ kind: fc.constant('submit' as const), on: dateArb }),
);

const procedureArb = fc.constantFrom(null, '涉及国家秘密，依法不予公开').map((r) => newProcedure(r));

function run(p0: Procedure, actions: Action[], check: (before: Procedure, a: Action, after: Procedure) => void) {
  let p = p0;
  for (const a of actions) {
    const frozen = structuredClone(p);
    const r = apply(p, a, cal);
    assert.deepEqual(p, frozen, 'apply never changes its input');
    if (r instanceof AppError) {
      assert.match(r.message, /[\u4e00-\u9fff]/, 'a refusal has a Chinese reason');
      continue;
    }
    check(p, a, r.next);
    p = r.next;
  }
  return p;
}

test('任意操作顺序：提请常务会议审议时，必经程序均已办结、合法性审查意见为合法或明示法律风险、采纳情况已公布', () => {
  fc.assert(
    fc.property(procedureArb, fc.array(actionArb, { maxLength: 60 }), (p0, actions) => {
      run(p0, actions, (before, a, after) => {
        if (a.kind === 'submit') assert.deepEqual(gateMissing(before), [], 'the gate opened with nothing missing');
        if (!after.submittedOn) return;
        for (const k of BEFORE_GATE) assert.notEqual(after.steps[k].status, 'pending');
        for (const k of STEPS)
          if (isMandatory(after, k) && BEFORE_GATE.includes(k)) {
            assert.equal(after.steps[k].status, 'done');
          }
        assert.ok(after.legalityOpinion === 'lawful' || after.legalityOpinion === 'riskStated');
        if (after.notDisclosedReason === null) assert.ok(after.consultation?.reportPublishedOn);
      });
    }),
    { numRuns: 400 },
  );
});

test('任意操作顺序：步骤按条例顺序办结；合法性审查、集体讨论决定、公众参与（依法不公开的除外）从不“不适用”', () => {
  fc.assert(
    fc.property(procedureArb, fc.array(actionArb, { maxLength: 60 }), (p0, actions) => {
      run(p0, actions, (_before, _a, after) => {
        const statuses = STEPS.map((k) => after.steps[k].status);
        const firstPending = statuses.indexOf('pending');
        if (firstPending >= 0)
          assert.ok(
            statuses.slice(firstPending).every((s) => s === 'pending'),
            statuses.join(),
          );
        for (const k of STEPS) {
          if (isMandatory(after, k)) assert.notEqual(after.steps[k].status, 'notApplicable', k);
          if (after.steps[k].status === 'notApplicable') assert.ok(after.steps[k].outcome?.trim(), 'reason given');
        }
        if (after.steps.collective.status === 'done') assert.ok(after.submittedOn, '常务会议 only after the gate');
      });
    }),
    { numRuns: 400 },
  );
});

test('提请审议被拒时，逐项列出所缺内容；依法不予公开的事项不要求预公开', () => {
  const missing = gateMissing(newProcedure());
  assert.ok(missing.includes('公众参与未完成'));
  assert.ok(missing.includes('合法性审查未完成'));
  assert.ok(missing.includes('未向社会公开征求意见（预公开）'));
  assert.ok(missing.includes('合法性审查机构尚未出具合法性审查意见'));
  const r = apply(newProcedure(), { kind: 'submit', on: '2025-03-03' }, cal);
  assert.ok(r instanceof AppError && r.code === 'GATE_CLOSED');
  for (const m of missing) assert.ok(r.message.includes(m), m);
  assert.ok(!gateMissing(newProcedure('涉密')).some((m) => m.includes('预公开')));
});

test('一条完整的程序：启动、预公开 30 天、答复、公布采纳情况、专家论证不适用、风险评估、合法性审查、提请审议', () => {
  let p = newProcedure();
  const steps: Action[] = [
    { kind: 'complete', step: 'launch', on: '2025-03-03', outcome: '区政府同意启动' },
    { kind: 'openConsultation', opensOn: '2025-03-05', closesOn: '2025-04-04' },
    { kind: 'comment', on: '2025-03-10' },
    { kind: 'answer' },
    { kind: 'publishReport', on: '2025-04-07' },
    { kind: 'complete', step: 'participation', on: '2025-04-07', outcome: '收到意见1条，采纳1条' },
    { kind: 'notApplicable', step: 'expert', reason: '专业性不强，不需专家论证' },
    { kind: 'complete', step: 'risk', on: '2025-04-10', outcome: '低风险' },
    { kind: 'requestLegality', on: '2025-04-11' },
    { kind: 'opinion', opinion: 'lawful', on: '2025-04-22' },
    { kind: 'submit', on: '2025-04-23' },
    {
      kind: 'complete',
      step: 'collective',
      on: '2025-04-28',
      outcome: '审议通过',
      reference: '区政府第12次常务会议纪要',
    },
  ];
  for (const a of steps) {
    const r = apply(p, a, cal);
    assert.ok(!(r instanceof AppError), `${a.kind}: ${r instanceof AppError ? r.message : ''}`);
    p = r.next;
  }
  assert.equal(p.steps.collective.reference, '区政府第12次常务会议纪要');
  assert.equal(p.steps.expert.status, 'notApplicable');
});

test('征求意见期限不少于 30 天，较短的须说明理由；合法性审查少于 7 个工作日时提示', () => {
  fc.assert(
    fc.property(dateArb, fc.integer({ min: 1, max: 90 }), fc.boolean(), (opensOn, len, reason) => {
      const closesOn = day((Date.parse(`${opensOn}T00:00:00Z`) - Date.UTC(2025, 0, 1)) / 86_400_000 + len);
      assert.equal(windowDays(opensOn, closesOn), len);
      const refusal = consultationRefusal(opensOn, closesOn, reason ? '紧急情况' : null);
      assert.equal(refusal === null, len >= 30 || reason);
    }),
  );
  fc.assert(
    fc.property(dateArb, fc.integer({ min: 0, max: 30 }), (requestedOn, after) => {
      const opinionOn = day((Date.parse(`${requestedOn}T00:00:00Z`) - Date.UTC(2025, 0, 1)) / 86_400_000 + after);
      const seventh = addWorkingDays(cal, requestedOn, 7);
      assert.equal(legalityTimeWarning(cal, requestedOn, opinionOn) === null, opinionOn >= seventh);
    }),
  );
  // 2025 国庆、中秋: 10月1日—8日放假, 10月11日（周六）上班 — sent on 30 September, 13 October is the 4th working day.
  assert.match(legalityTimeWarning(cal, '2025-09-30', '2025-10-13') ?? '', /为4个工作日/);
});
