// §4.1–4.2 the keeper's actions on a roster as pure rules (fast-check): a published roster never gains a finding, a
// shift that has begun is never edited there, publishing needs the version seen and no finding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { inPool, noNewFindings, notStarted, publishable, shiftFields } from './roster.ts';

const finding = fc
  .constantFrom('甲休息不足', '3月2日 无人值班', '乙同时担任两个班次', '缺带班领导')
  .map((message) => ({ message }));

test('§4.1–4.2 已发布的值班表只会变好：新增的问题一律拒绝并逐条列出', () => {
  fc.assert(
    fc.property(fc.array(finding), fc.array(finding), (before, after) => {
      const v = noNewFindings(before, after, '不能这样调整');
      const added = after.filter((a) => !before.some((b) => b.message === a.message));
      assert.equal(v === null, added.length === 0);
      for (const a of added) assert.ok(v?.message.includes(a.message));
      if (v) assert.equal(v.status, 422);
    }),
  );
});

test('发布：须为最新版本且没有问题', () => {
  fc.assert(
    fc.property(fc.nat(5), fc.nat(5), fc.array(finding, { maxLength: 15 }), (current, seen, findings) => {
      const v = publishable({ version: current }, seen, findings);
      if (current !== seen) assert.equal(v?.code, 'STALE_ROSTER');
      else assert.equal(v?.code ?? null, findings.length ? 'ROSTER_FINDINGS' : null);
    }),
  );
});

test('已开始的班次在已发布的值班表上不能调整；草稿随时可改', () => {
  const day = Date.UTC(2026, 2, 2);
  const at = fc.integer({ min: 0, max: 1000 }).map((n) => new Date(day + n * 60000).toISOString());
  fc.assert(
    fc.property(
      fc.constantFrom('draft', 'published'),
      fc.array(at.map((startsAt) => ({ startsAt }))),
      at,
      (state, shifts, now) => {
        const begun = shifts.some((s) => s.startsAt <= now);
        const expected = state === 'published' && begun ? 'SHIFT_STARTED' : null;
        assert.equal(notStarted(state, shifts, now)?.code ?? null, expected);
      },
    ),
  );
});

test('班次字段：日期在值班表期间内，名称和时间齐全，人员不超过上限', () => {
  const roster = { from: '2026-03-02', to: '2026-03-09' };
  assert.equal(
    shiftFields(roster, { day: '2026-03-09', name: 'x', start: '08:30', end: '17:30', leaderId: null, officerIds: [] })
      ?.field,
    'day',
  );
  assert.equal(
    shiftFields(roster, { day: '2026-03-02', name: 'x', start: '8:30', end: '17:30', leaderId: null, officerIds: [] })
      ?.field,
    'start',
  );
  assert.equal(
    shiftFields(roster, {
      day: '2026-03-02',
      name: 'x',
      start: '08:30',
      end: '17:30',
      leaderId: null,
      officerIds: ['a'],
    }),
    null,
  );
  const v = inPool(['a', 'b'], ['a', 'c'], 'officer', 'officerIds', new Map([['c', '丙']]));
  assert.deepEqual([v?.field, v?.message], ['officerIds.1', '「丙」不是本单位的值班人员或带班领导']);
  assert.equal(inPool(['a', 'b'], ['a', 'b', 'a'], 'officer', 'officerIds', new Map())?.field, 'officerIds.2');
});
