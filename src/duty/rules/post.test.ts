// §4.6 到岗、离岗 as pure rules, with random instants and people (fast-check): the windows hold for every shift, and a
// 换班 / 离岗 never hands a shift to someone outside the pool, already on it, or after it has begun or ended.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Shift } from '../model.ts';
import {
  CHECK_IN_EARLY_MINUTES,
  CHECK_OUT_EARLY_MINUTES,
  changeShape,
  checkInAllowed,
  checkOutAllowed,
  onShift,
  swapIn,
} from './post.ts';

const MIN = 60000;
const BASE = Date.parse('2026-03-02T00:30:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const PEOPLE = ['a', 'b', 'c', 'd', 'e'];

const shiftArb = fc
  .record({
    start: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    length: fc.integer({ min: 30, max: 24 * 60 }),
    officers: fc.uniqueArray(fc.constantFrom(...PEOPLE), { minLength: 1, maxLength: 3 }),
    leader: fc.option(fc.constantFrom(...PEOPLE), { nil: null }),
  })
  .map(
    ({ start, length, officers, leader }): Shift => ({
      id: 's1',
      rosterId: 'r',
      unitId: 'u',
      templateId: null,
      name: '白班',
      day: '2026-03-02',
      hard: false,
      leaderRequired: false,
      startsAt: iso(BASE + start * MIN),
      endsAt: iso(BASE + (start + length) * MIN),
      leaderId: leader && !officers.includes(leader) ? leader : null,
      officerIds: officers,
      version: 1,
    }),
  );
const nowArb = fc.integer({ min: -2 * 24 * 60, max: 5 * 24 * 60 }).map((m) => new Date(BASE + m * MIN));

test('§4.6 到岗：只在班次开始前 60 分钟至结束前，且只登记一次', () => {
  fc.assert(
    fc.property(shiftArb, nowArb, fc.boolean(), (shift, now, alreadyIn) => {
      const v = checkInAllowed(shift, now, alreadyIn);
      const opens = Date.parse(shift.startsAt) - CHECK_IN_EARLY_MINUTES * MIN;
      const inWindow = now.getTime() >= opens && iso(now.getTime()) < shift.endsAt;
      if (!inWindow) assert.equal(v?.code, 'NOT_NOW');
      else assert.equal(v?.code ?? null, alreadyIn ? 'ALREADY_CHECKED_IN' : null);
      if (v) assert.match(v.message, /[\u4e00-\u9fff]/);
    }),
  );
});

test('§4.6 离岗：结束前 30 分钟之前须经批准并待接替人员到岗', () => {
  fc.assert(
    fc.property(shiftArb, nowArb, (shift, now) => {
      const early = now.getTime() < Date.parse(shift.endsAt) - CHECK_OUT_EARLY_MINUTES * MIN;
      assert.equal(checkOutAllowed(shift, now)?.code ?? null, early ? 'NOT_RELEASED' : null);
    }),
  );
});

test('§4.6 换班与离岗：接替人员在本单位值班名单内、不在该班次上；换班在开班前，离岗在下班前', () => {
  const input = fc.record({
    shift: shiftArb,
    now: nowArb,
    kind: fc.constantFrom('swap' as const, 'leave' as const),
    leaving: fc.constantFrom(...PEOPLE),
    replacement: fc.constantFrom(...PEOPLE),
    leaders: fc.uniqueArray(fc.constantFrom(...PEOPLE)),
    officers: fc.uniqueArray(fc.constantFrom(...PEOPLE)),
  });
  fc.assert(
    fc.property(input, ({ shift, now, kind, leaving, replacement, leaders, officers }) => {
      const people = [...shift.officerIds, ...(shift.leaderId ? [shift.leaderId] : [])];
      const v = changeShape(
        { kind, leavingId: leaving, replacementId: replacement },
        { shift, people, leaders, officers, counter: null, now: now.toISOString() },
      );
      if (v) return; // refused: nothing changes
      const after = swapIn(shift, leaving, replacement);
      assert.ok(onShift(shift, leaving) && !onShift(shift, replacement));
      assert.ok(onShift(after, replacement) && !onShift(after, leaving));
      assert.ok((shift.leaderId === leaving ? leaders : officers).includes(replacement));
      assert.ok(kind === 'swap' ? shift.startsAt > now.toISOString() : shift.endsAt > now.toISOString());
      assert.equal(after.officerIds.length, shift.officerIds.length);
    }),
  );
});
