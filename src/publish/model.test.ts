// The 三审三校 state machine: examples of each rule, then random decision sequences (fast-check).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AppError } from '../platform/errors.ts';
import { decideSecrecy } from '../secrecy/model.ts';
import {
  attestationProblem,
  bodyProblem,
  channelProblem,
  type Decided,
  decide,
  edit,
  type ItemState,
  itemTypeProblem,
  type Level,
  levelOf,
  nextLevel,
  publishIfDue,
  STAGE_AFTER_SECRECY,
  submit,
  titleFromImport,
  toBody,
} from './model.ts';

const NOW = new Date('2026-03-02T01:00:00.000Z');
const at = (stage: ItemState['stage'], over: Partial<ItemState> = {}): ItemState => ({
  stage,
  major: false,
  revision: 1,
  publishAt: null,
  ...over,
});
const ok = <T>(r: T | AppError): T => {
  if (r instanceof AppError) throw new Error(`unexpected ${r.code}: ${r.message}`);
  return r;
};
const codeOf = (r: unknown) => (r instanceof AppError ? r.code : 'ok');
/** The secrecy office's 公开 opinion on a clean revision (src/secrecy/model.ts decides, the chain maps the outcome). */
const secrecyNext = (item: ItemState): ItemState['stage'] => {
  const r = decideSecrecy({ ...item, findings: [], declassification: null }, item.revision, 'disclose', []);
  if (r instanceof AppError) throw r;
  return STAGE_AFTER_SECRECY[r];
};

test('保密审查的结论由审核链决定去向：放行进三审，免于公开终结，报审等待，退回修改，报审答复后重新审查', () => {
  assert.deepEqual(STAGE_AFTER_SECRECY, {
    cleared: 'level3',
    withheld: 'withheld',
    referred: 'referred',
    returned: 'returned',
    reopened: 'secrecy',
  });
});

test('一般稿件：一审 → 二审 → 保密审查 → 三审 → 无定时则审定即发布', () => {
  let item = at('level1');
  item = ok(decide(item, { kind: 'approve', level: 1, revision: 1 }, NOW)).next;
  assert.equal(item.stage, 'level2');
  item = ok(decide(item, { kind: 'approve', level: 2, revision: 1 }, NOW)).next;
  assert.equal(item.stage, 'secrecy');
  assert.equal(codeOf(decide(item, { kind: 'approve', level: 3, revision: 1 }, NOW)), 'NOT_AT_LEVEL');
  item = { ...item, stage: secrecyNext(item) };
  assert.equal(item.stage, 'level3');
  const last = ok(decide(item, { kind: 'approve', level: 3, revision: 1 }, NOW));
  assert.equal(last.next.stage, 'published');
  assert.deepEqual(last.effects, [{ kind: 'publish' }]);
});

test('重大事项：三审后须主要领导审定', () => {
  const major = at('level3', { major: true });
  assert.equal(ok(decide(major, { kind: 'approve', level: 3, revision: 1 }, NOW)).next.stage, 'level4');
  assert.equal(
    ok(decide(at('level4', { major: true }), { kind: 'approve', level: 4, revision: 1 }, NOW)).next.stage,
    'published',
  );
  assert.equal(nextLevel({ major: false }, 3), null);
  assert.equal(nextLevel({ major: true }, 3), 4);
});

test('定时发布：发布时间未到，审定后待发布；时间到后才发布', () => {
  const later = '2026-03-02T02:00:00.000Z';
  const d = ok(decide(at('level3', { publishAt: later }), { kind: 'approve', level: 3, revision: 1 }, NOW));
  assert.equal(d.next.stage, 'approved');
  assert.deepEqual(d.effects, [{ kind: 'awaitPublishAt', at: later }]);
  assert.equal(publishIfDue(d.next, NOW), null);
  assert.equal(publishIfDue(d.next, new Date(later))?.next.stage, 'published');
  assert.equal(publishIfDue(at('level2'), new Date(later)), null);
});

test('审核须针对当前版本、当前环节', () => {
  assert.equal(
    codeOf(decide(at('level2', { revision: 2 }), { kind: 'approve', level: 2, revision: 1 }, NOW)),
    'STALE_REVISION',
  );
  assert.equal(codeOf(decide(at('level2'), { kind: 'approve', level: 3, revision: 1 }, NOW)), 'NOT_AT_LEVEL');
  assert.equal(codeOf(decide(at('level2'), { kind: 'approve', level: 1, revision: 1 }, NOW)), 'NOT_AT_LEVEL');
  assert.equal(codeOf(decide(at('published'), { kind: 'return', level: 3, revision: 1 }, NOW)), 'NOT_AT_LEVEL');
  assert.equal(ok(decide(at('level2'), { kind: 'return', level: 2, revision: 1 }, NOW)).next.stage, 'returned');
});

test('退回的稿件须修改（新版本）后才能再次提交，提交后从一审重新开始', () => {
  const returned = at('returned', { revision: 1 });
  assert.equal(codeOf(submit(returned, 1, 1)), 'NOT_REVISED');
  const revised = ok(edit(returned, 1));
  assert.equal(revised.revision, 2);
  assert.equal(ok(submit(revised, 2, 1)).stage, 'level1');
  assert.equal(codeOf(submit(revised, 1, 1)), 'STALE_REVISION');
  assert.equal(codeOf(submit(at('level2'), 1, null)), 'NOT_SUBMITTABLE');
  assert.equal(ok(submit(at('draft'), 1, null)).stage, 'level1');
});

test('只有草稿或退回的稿件可以修改，且须基于最新版本', () => {
  for (const stage of ['level1', 'level2', 'level3', 'level4', 'approved', 'published'] as const) {
    assert.equal(codeOf(edit(at(stage), 1)), 'NOT_EDITABLE', stage);
  }
  assert.equal(codeOf(edit(at('draft', { revision: 3 }), 2)), 'STALE_REVISION');
});

test('审核标准须确认；转载须注明来源', () => {
  assert.equal(attestationProblem(true), null);
  assert.equal(attestationProblem(false)?.field, 'standardsAttested');
  assert.equal(attestationProblem(undefined)?.status, 400);
  assert.equal(itemTypeProblem('repost', '  ')?.field, 'source');
  assert.equal(itemTypeProblem('repost', '新华社'), null);
  assert.equal(itemTypeProblem('original', null), null);
});

test('发布渠道须属于承办单位，网站须选栏目，栏目须属于该网站', () => {
  const site = { id: 'c1', unitId: 'u1', kind: 'website' };
  const wechat = { id: 'c2', unitId: 'u1', kind: 'wechat' };
  const col = { id: 'k1', channelId: 'c1' };
  const check = (
    pick: { channelId: string; columnId?: string | null },
    channel: typeof site | null,
    column: typeof col | null,
    seen = new Set<string>(),
  ) => channelProblem('u1', 0, pick, { channel, column }, seen)?.field ?? null;
  assert.equal(check({ channelId: 'c1', columnId: 'k1' }, site, col), null);
  assert.equal(check({ channelId: 'c2' }, wechat, null), null);
  assert.equal(check({ channelId: 'x' }, null, null), 'channels.0.channelId');
  assert.equal(check({ channelId: 'c1', columnId: 'k1' }, { ...site, unitId: 'u2' }, col), 'channels.0.channelId');
  assert.equal(check({ channelId: 'c1' }, site, null), 'channels.0.columnId');
  assert.equal(check({ channelId: 'c2', columnId: 'k1' }, wechat, col), 'channels.0.columnId');
  assert.equal(check({ channelId: 'c1', columnId: 'k1' }, site, col, new Set(['c1'])), 'channels.0.channelId');
});

test('正文：纯文本转段落并转义，HTML 经过清洗，空正文不可提交', () => {
  const text = toBody('text', '第一段 <b>\n\n第二段');
  assert.equal(text.html, '<p>第一段 &lt;b&gt;</p><p>第二段</p>');
  assert.equal(text.text, '第一段 <b>\n第二段');
  const html = toBody('html', '<p onclick="x()">通知</p><script>alert(1)</script>');
  assert.equal(html.html, '<p>通知</p>');
  assert.equal(bodyProblem(toBody('html', '<script>x</script>'), 'body.content')?.field, 'body.content');
  assert.equal(bodyProblem(html, 'body.content'), null);
  assert.equal(titleFromImport('\n  关于做好春节值班的通知\n正文', 'a.docx'), '关于做好春节值班的通知');
  assert.equal(titleFromImport('', '值班安排.docx'), '值班安排');
});

// —— random decision sequences ——

type Op =
  | { t: 'submit' }
  | { t: 'edit' }
  | { t: 'approve' | 'return'; level: Level; stale: boolean }
  | { t: 'publishDue' }
  | { t: 'secrecy' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ t: 'submit' as const }),
  fc.constant({ t: 'edit' as const }),
  fc.constant({ t: 'publishDue' as const }),
  fc.constant({ t: 'secrecy' as const }),
  fc.record({
    t: fc.constantFrom('approve' as const, 'return' as const),
    level: fc.constantFrom<Level>(1, 2, 3, 4),
    stale: fc.boolean(),
  }),
);

test('随机审核序列：不跳级、一般稿件不进入主要领导审定、新版本从一审重新开始', () => {
  fc.assert(
    fc.property(fc.boolean(), fc.boolean(), fc.array(opArb, { maxLength: 60 }), (major, scheduled, ops) => {
      let item: ItemState = {
        stage: 'draft',
        major,
        revision: 1,
        publishAt: scheduled ? '2026-03-02T03:00:00.000Z' : null,
      };
      let returnedRevision: number | null = null;
      let approvedLevels: Level[] = []; // approvals of the current revision since it was last submitted
      let now = NOW;
      for (const op of ops) {
        if (op.t === 'submit') {
          const r: ItemState | AppError = submit(item, item.revision, returnedRevision);
          if (r instanceof AppError) continue;
          assert.equal(r.stage, 'level1');
          item = r;
          approvedLevels = [];
        } else if (op.t === 'edit') {
          const r: ItemState | AppError = edit(item, item.revision);
          if (r instanceof AppError) continue;
          assert.equal(r.revision, item.revision + 1);
          assert.equal(r.stage, item.stage, 'editing never moves the stage');
          item = r;
          approvedLevels = [];
        } else if (op.t === 'secrecy') {
          if (item.stage !== 'secrecy') continue;
          assert.deepEqual(approvedLevels, [1, 2], 'the secrecy step comes right after 二审');
          item = { ...item, stage: secrecyNext(item) };
        } else if (op.t === 'publishDue') {
          now = new Date(now.getTime() + 3600_000);
          const r = publishIfDue(item, now);
          if (r) item = r.next;
        } else {
          const revision = op.stale ? item.revision - 1 : item.revision;
          const r: Decided<ItemState> | AppError = decide(item, { kind: op.t, level: op.level, revision }, now);
          if (r instanceof AppError) {
            assert.ok(
              op.stale || levelOf(item.stage) !== op.level,
              `refused a valid ${op.t} at ${item.stage}: ${r.code}`,
            );
            continue;
          }
          assert.ok(!op.stale, 'a stale revision is never accepted');
          assert.equal(item.stage, `level${op.level}`, 'a decision is only taken at the level the item waits at');
          if (op.t === 'return') {
            assert.equal(r.next.stage, 'returned');
            returnedRevision = item.revision;
          } else {
            assert.deepEqual(
              approvedLevels,
              [1, 2, 3, 4].slice(0, op.level - 1),
              'levels are approved in order, none skipped',
            );
            approvedLevels.push(op.level);
            if (op.level === 2) assert.equal(r.next.stage, 'secrecy', '二审 leads to 保密审查 (DOMAIN §3.1)');
            const done = r.next.stage === 'approved' || r.next.stage === 'published';
            if (done)
              assert.deepEqual(
                approvedLevels,
                major ? [1, 2, 3, 4] : [1, 2, 3],
                'finished only after every required level',
              );
          }
          item = r.next;
        }
        if (!major) assert.notEqual(item.stage, 'level4', 'a normal item never reaches 主要领导审定');
      }
    }),
    { numRuns: 500 },
  );
});
