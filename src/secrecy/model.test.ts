// The pure rules of 保密审查: opinions need basis and reason (400 naming the field), spans, redaction, what blocks
// “公开”, declassification, consent; and the deadline arithmetic across 春节 and 国庆 with 调休 make-up days.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildCalendar } from '../platform/calendar/model.ts';
import { SHIPPED_YEARS } from '../platform/calendar/service.ts';
import { addWorkingDays } from '../platform/calendar/model.ts';
import { AppError } from '../platform/errors.ts';
import { BASES } from './bases.ts';
import {
  ART13_OPINION_WORKING_DAYS,
  checkLevel1Marks,
  checkOpinion,
  checkSpans,
  consentProblem,
  decideSecrecy,
  PLACEHOLDER,
  redact,
  unresolved,
} from './model.ts';
import { reminderFor } from './reminders.ts';

const fieldOf = (r: unknown) => (r instanceof AppError ? `${r.status} ${r.field}` : 'ok');
const codeOf = (r: unknown) => (r instanceof AppError ? r.code : r);
const cal = buildCalendar(SHIPPED_YEARS);

test('审查意见须有意见、依据和理由：缺哪项 400 指明哪项', () => {
  assert.equal(fieldOf(checkOpinion(undefined, 'disclosure')), '400 disclosure');
  assert.equal(fieldOf(checkOpinion({ basisIds: ['ogi-14'], reason: '理由' }, '')), '400 opinion');
  assert.equal(fieldOf(checkOpinion({ opinion: 'exempt', reason: '理由' }, '')), '400 basisIds');
  assert.equal(
    fieldOf(checkOpinion({ opinion: 'exempt', basisIds: ['ogi-14', 'nope'], reason: '理由' }, 'decision')),
    '400 decision.basisIds.1',
  );
  assert.equal(
    fieldOf(checkOpinion({ opinion: 'exempt', basisIds: ['ogi-14'], reason: '  ' }, 'disclosure')),
    '400 disclosure.reason',
  );
  // free text alone
  assert.equal(fieldOf(checkOpinion({ opinion: 'exempt', basisText: '本机关内部规定', reason: '理由' }, '')), 'ok');
  assert.equal(new Set(BASES.map((b) => b.id)).size, BASES.length, '依据编号唯一');
  assert.ok(['ogi-14', 'ogi-15', 'ogi-16-1', 'bmf-13'].every((id) => BASES.some((b) => b.id === id)));
});

test('一审标明是否属于保密事项；解密事项须选择解密后的处理意见', () => {
  assert.equal(fieldOf(checkLevel1Marks({}, 'disclosure')), '400 disclosure.secrecyMatter');
  assert.equal(
    fieldOf(checkLevel1Marks({ secrecyMatter: true, declassified: true }, 'disclosure')),
    '400 disclosure.declassification',
  );
  assert.equal(
    fieldOf(checkLevel1Marks({ secrecyMatter: false, declassification: 'disclose' }, 'disclosure')),
    '400 disclosure.declassification',
  );
  assert.deepEqual(checkLevel1Marks({ secrecyMatter: true, declassified: true, declassification: 'workSecret' }, 'd'), {
    secrecyMatter: true,
    declassified: true,
    declassification: 'workSecret',
  });
});

test('脱密处理：范围须在正文内且不重叠；每处替换为“（此处不予公开）”', () => {
  const text = '会议地点：某某基地三号楼。参会人员：张三。';
  assert.equal(fieldOf(checkSpans(text, [], 'spans')), '400 spans');
  assert.equal(fieldOf(checkSpans(text, [{ start: 5, end: 99 }], 'spans')), '400 spans.0');
  assert.equal(fieldOf(checkSpans(text, [{ start: 3, end: 3 }], 'spans')), '400 spans.0');
  assert.equal(
    fieldOf(
      checkSpans(
        text,
        [
          { start: 5, end: 10 },
          { start: 8, end: 12 },
        ],
        'spans',
      ),
    ),
    '400 spans',
  );
  assert.equal(fieldOf(checkSpans(text, [{ start: 0, end: text.length }], 'spans')), '400 spans'); // that is 免于公开
  const spans = checkSpans(
    text,
    [
      { start: 18, end: 20 },
      { start: 5, end: 12 },
    ],
    'spans',
  );
  assert.deepEqual(spans, [
    { start: 5, end: 12 },
    { start: 18, end: 20 },
  ]);
  assert.equal(redact(text, spans as never), `会议地点：${PLACEHOLDER}。参会人员：${PLACEHOLDER}。`);
});

test('脱密后的文本不含任何被标出的内容（随机范围）', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 2, maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
      const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      const spans = [];
      for (let i = 0; i + 1 < points.length; i += 2) spans.push({ start: points[i], end: points[i + 1] });
      const checked = checkSpans(text, spans, 'spans');
      if (checked instanceof AppError) return;
      const out = redact(text, checked);
      assert.equal(out.split(PLACEHOLDER).length - 1, checked.length);
      let rest = out;
      for (const _s of checked) rest = rest.replace(PLACEHOLDER, '');
      assert.equal(
        rest,
        checked.reduceRight((t, s) => t.slice(0, s.start) + t.slice(s.end), text),
      );
    }),
  );
});

test('未处理的密级标志或个人信息：阻止“公开”；部分公开须覆盖；排除后放行', () => {
  const ctx = {
    stage: 'secrecy' as const,
    revision: 2,
    declassification: null,
    findings: [{ id: 'f1', start: 10, end: 28, status: 'open' as const }],
  };
  assert.equal(codeOf(decideSecrecy(ctx, 2, 'disclose', [])), 'UNRESOLVED_FINDINGS');
  assert.match((decideSecrecy(ctx, 2, 'disclose', []) as AppError).message, /不能提出"公开"意见/);
  // covers only part
  assert.equal(codeOf(decideSecrecy(ctx, 2, 'partial', [{ start: 12, end: 28 }])), 'UNRESOLVED_FINDINGS');
  assert.equal(decideSecrecy(ctx, 2, 'partial', [{ start: 8, end: 30 }]), 'cleared');
  const dismissed = { ...ctx, findings: [{ ...ctx.findings[0], status: 'dismissed' as const }] };
  assert.equal(decideSecrecy(dismissed, 2, 'disclose', []), 'cleared');
  assert.equal(decideSecrecy(ctx, 2, 'exempt', []), 'withheld');
  assert.equal(decideSecrecy(ctx, 2, 'refer', []), 'referred');
  assert.equal(codeOf(decideSecrecy(ctx, 1, 'exempt', [])), 'STALE_REVISION');
  assert.equal(codeOf(decideSecrecy({ ...ctx, stage: 'level3' }, 2, 'exempt', [])), 'NOT_AT_SECRECY');
  assert.deepEqual(unresolved(ctx.findings, [{ start: 0, end: 40 }]), []);
});

test('解密后不公开、解密后作为工作秘密：不能提出公开或部分公开意见', () => {
  const base = { stage: 'secrecy' as const, revision: 1, findings: [] };
  assert.equal(
    codeOf(decideSecrecy({ ...base, declassification: 'withhold' }, 1, 'disclose', [])),
    'DECLASSIFIED_NOT_PUBLIC',
  );
  assert.equal(
    codeOf(decideSecrecy({ ...base, declassification: 'workSecret' }, 1, 'partial', [{ start: 0, end: 1 }])),
    'DECLASSIFIED_NOT_PUBLIC',
  );
  assert.equal(decideSecrecy({ ...base, declassification: 'workSecret' }, 1, 'exempt', []), 'withheld');
  assert.equal(decideSecrecy({ ...base, declassification: 'disclose' }, 1, 'disclose', []), 'cleared');
});

test('共同形成的信息：每个共同发文单位都同意后才放行', () => {
  const names = new Map([
    ['u2', '区民政局'],
    ['u3', '区发展改革委'],
  ]);
  assert.equal(consentProblem([], [], names), null);
  assert.match(consentProblem(['u2', 'u3'], ['u2'], names)?.message ?? '', /区发展改革委书面同意/);
  assert.equal(consentProblem(['u2', 'u3'], ['u3', 'u2'], names), null);
});

test('10 个工作日：收到当日为第 0 天；跨春节、国庆，调休上班日计入', () => {
  assert.equal(ART13_OPINION_WORKING_DAYS, 10);
  // 2026-02-11 (Wed): 12, 13, 14 (Sat, 调休上班), 24, 25, 26, 27, 28 (Sat, 调休上班), 3-02, 3-03.
  assert.equal(addWorkingDays(cal, '2026-02-11', 10), '2026-03-03');
  // 2026-09-24 (Thu): 中秋 9-25…27, then 9-28, 29, 30, 国庆 10-01…07, then 10-08, 09, 10 (Sat, 调休上班), 12, 13, 14, 15.
  assert.equal(addWorkingDays(cal, '2026-09-24', 10), '2026-10-15');
  // 2025-09-26 (Fri): 9-28 (Sun, 调休上班), 29, 30, 国庆中秋 10-01…08, then 10-09, 10, 11 (Sat, 调休上班), 13, 14, 15, 16.
  assert.equal(addWorkingDays(cal, '2025-09-26', 10), '2025-10-16');
  // received on a holiday: counting still starts the next day — 10-08, 09, 10 (调休), 12…16, 19, 20.
  assert.equal(addWorkingDays(cal, '2026-10-03', 10), '2026-10-20');
});

test('提醒：剩余 3 个工作日时提醒（调休上班日计入），超期后再提醒', () => {
  // due 2026-03-03 (Tue). After 02-26: 02-27, 02-28 (Sat, 调休上班), 03-02, 03-03 → 4 left.
  assert.equal(reminderFor(cal, '2026-02-26', '2026-03-03'), null);
  assert.equal(reminderFor(cal, '2026-02-27', '2026-03-03'), 'dueSoon'); // 3 left
  assert.equal(reminderFor(cal, '2026-03-01', '2026-03-03'), 'dueSoon');
  assert.equal(reminderFor(cal, '2026-03-03', '2026-03-03'), 'dueSoon'); // the last day
  assert.equal(reminderFor(cal, '2026-03-04', '2026-03-03'), 'overdue');
});
