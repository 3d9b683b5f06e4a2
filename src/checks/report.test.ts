import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MatchBuffer } from './dictionary-scan.ts';
import { finding, type RawFinding, type Severity } from './model.ts';
import { compareFindings, inReportOrder, locate, severityRank } from './report.ts';

const severity = fc.constantFrom<Severity>('serious', 'error', 'warning', 'info');
const raw = fc
  .record({ start: fc.nat(30), length: fc.nat(6), severity })
  .map(({ start, length, severity: s }) => finding('test', 'format', s, start, start + length, ''));
/** A detector's output: in any order, or already in report order like a lexicon's. */
const list = fc
  .tuple(fc.array(raw, { maxLength: 40 }), fc.boolean())
  .map(([l, sorted]) => (sorted ? l.sort(compareFindings) : l));

test('合并后的顺序与拼接后稳定排序完全相同（同位置同级别时保持检测项顺序）', () => {
  fc.assert(
    fc.property(fc.array(list, { maxLength: 8 }), (lists) => {
      const expected = lists.flat().sort(compareFindings); // Array.prototype.sort is stable
      const got = inReportOrder(lists.map((l) => [...l]));
      assert.equal(got.length, expected.length);
      got.forEach((f, i) => {
        assert.equal(f, expected[i], `position ${i}`);
      });
    }),
    { numRuns: 1000 },
  );
});

test('行列号与逐行数出的一致', () => {
  const text = fc.string({ unit: fc.constantFrom('a', '政', '\n', '\r'), maxLength: 40 });
  fc.assert(
    fc.property(text, fc.array(fc.nat(40), { maxLength: 10 }), (t, offsets) => {
      const sorted = offsets
        .map((o) => Math.min(o, t.length))
        .sort((a, b) => a - b)
        .map((o) => finding('test', 'format', 'info', o, o, ''));
      for (const f of locate(t, sorted)) {
        const before = t.slice(0, f.start).split('\n');
        assert.equal(f.line, before.length);
        assert.equal(f.column, before[before.length - 1].length + 1);
      }
    }),
    { numRuns: 500 },
  );
});

test('词库匹配按报告顺序排好，与稳定排序一致', () => {
  const match = fc.record({ pattern: fc.nat(5), start: fc.nat(30), length: fc.integer({ min: 1, max: 6 }) });
  fc.assert(
    fc.property(
      fc.array(match, { maxLength: 60 }),
      fc.array(severity, { minLength: 6, maxLength: 6 }),
      (matches, severities) => {
        const ranks = Uint8Array.from(severities, severityRank);
        const buffer = new MatchBuffer();
        for (const m of matches) buffer.add(m.pattern, m.start, m.start + m.length);
        buffer.sortForReport(ranks);
        const asFinding = (p: number, s: number, e: number): RawFinding =>
          finding(`p${p}`, 'format', severities[p], s, e, '');
        const expected = matches.map((m) => asFinding(m.pattern, m.start, m.start + m.length)).sort(compareFindings);
        assert.deepEqual(buffer.map(asFinding), expected);
      },
    ),
    { numRuns: 1000 },
  );
});
