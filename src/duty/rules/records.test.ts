// §4.5 records and §4.2 emergencies as pure rules (fast-check): a recorded time is never in the future.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AppError } from '../../platform/errors.ts';
import { expectedEnd } from './emergency.ts';
import { FUTURE_SLACK_MS, happenedAt, pagesRead } from './records.ts';

const NOW = new Date('2026-03-02T01:00:00.000Z');

test('§4.5 登记时间不得晚于现在（允许 5 分钟时钟误差），空白为现在', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e9, max: 1e9 }), (offset) => {
      const at = new Date(NOW.getTime() + offset).toISOString();
      const r = happenedAt('readAt', at, NOW);
      if (offset > FUTURE_SLACK_MS) assert.ok(r instanceof AppError && r.field === 'readAt');
      else assert.deepEqual(r, { at });
    }),
  );
  assert.deepEqual(happenedAt('readAt', '', NOW), { at: NOW.toISOString() });
  assert.equal((happenedAt('readAt', '3月2日', NOW) as AppError).status, 400);
  assert.equal(pagesRead(0)?.field, 'pages');
  assert.equal(pagesRead(1), null);
});

test('§4.2 突发事件的预计结束时间须晚于现在', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e9, max: 1e9 }), (offset) => {
      const until = new Date(NOW.getTime() + offset).toISOString();
      const r = expectedEnd(until, NOW);
      assert.deepEqual(r instanceof AppError ? r.field : r, offset > 0 ? { until } : 'until');
    }),
  );
  assert.deepEqual(expectedEnd(null, NOW), { until: null });
});
