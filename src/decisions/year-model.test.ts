// The year board's state and the reminders due, as pure rules on a fixed calendar: working days to the planned month,
// overdue once the month has passed undecided, and over random days at most one planned-month reminder a day, none
// once the item is submitted, a comment reminder only for an open or unreported window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildCalendar } from '../platform/calendar/model.ts';
import { SHIPPED_YEARS } from '../platform/calendar/service.ts';
import { newProcedure, type Procedure } from './model.ts';
import { addDays, boardState, dueReminders, monthBefore, monthEnd } from './year-model.ts';

const cal = buildCalendar(SHIPPED_YEARS);
const withConsultation = (closesOn: string, report: string | null = null): Procedure => ({
  ...newProcedure(),
  consultation: {
    opensOn: addDays(closesOn, -30),
    closesOn,
    shortReason: null,
    comments: 0,
    unanswered: 0,
    reportPublishedOn: report,
  },
});

test('看板：距计划月份的工作日（国庆长假不计）、月份过完未决策即超期、已提请审议后不再列缺项', () => {
  const p = newProcedure();
  // After Friday 2025-09-26 up to 1 October: Sunday 28 Sept (调休), 29 and 30 Sept; 1 October is a holiday.
  assert.equal(boardState({ plannedMonth: '2025-10', procedure: p }, cal, '2025-09-26').daysToPlanned, 3);
  assert.equal(boardState({ plannedMonth: '2025-10', procedure: p }, cal, '2025-10-31').overdue, false);
  assert.equal(boardState({ plannedMonth: '2025-10', procedure: p }, cal, '2025-11-01').overdue, true);
  const decided = {
    ...p,
    steps: { ...p.steps, collective: { status: 'done' as const, on: '2025-10-20', outcome: '通过', reference: null } },
  };
  assert.equal(boardState({ plannedMonth: '2025-10', procedure: decided }, cal, '2025-12-01').overdue, false);
  assert.deepEqual(
    boardState({ plannedMonth: '2025-10', procedure: { ...p, submittedOn: '2025-10-09' } }, cal, '2025-10-10').missing,
    [],
  );
  assert.equal(monthEnd('2025-12'), '2026-01-01');
  assert.equal(monthBefore('2026-01-01'), '2025-12-01');
});

test('提醒：同一天最多一条计划月份提醒；提请审议后不再提醒；采纳情况公布后不再有征求意见提醒', () => {
  const dayArb = fc.integer({ min: 0, max: 500 }).map((n) => addDays('2025-01-01', n));
  const monthArb = fc.integer({ min: 1, max: 12 }).map((m) => `2025-${String(m).padStart(2, '0')}`);
  fc.assert(
    fc.property(dayArb, monthArb, dayArb, fc.boolean(), fc.boolean(), (today, month, closes, submitted, reported) => {
      const p = withConsultation(closes, reported ? closes : null);
      const due = dueReminders(
        { plannedMonth: month, procedure: { ...p, submittedOn: submitted ? today : null } },
        today,
      );
      const planned = due.filter((d) => d.kind === 'plannedMonth' || d.kind === 'plannedWeek');
      assert.ok(planned.length <= 1);
      if (submitted) assert.equal(planned.length, 0);
      if (planned.length) assert.ok(today < `${month}-01` && today >= monthBefore(`${month}-01`));
      const comment = due.filter((d) => d.kind === 'commentSoon' || d.kind === 'commentClosed');
      if (reported) assert.equal(comment.length, 0);
      for (const c of comment) assert.equal(c.basis, closes);
    }),
  );
});
