// The incident lifecycle 发现 → 已通知 → 处理中 → 已恢复 → 已关闭, what an observation does, the veto lines of the
// overview and the masking of webhook addresses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AppError } from '../platform/errors.ts';
import { accountLevel, siteLines, type StatusFact } from './levels.ts';
import { shownWorst } from './verdict.ts';
import {
  checkHttpUrl,
  checkThresholds,
  DEFAULT_THRESHOLDS,
  effectOf,
  INCIDENT_STATES,
  type IncidentEvent,
  type IncidentState,
  isOverdue,
  maskUrl,
  transition,
} from './model.ts';

const EVENTS: IncidentEvent[] = ['notify', 'handle', 'recover', 'close', 'escalate'];
const ORDER: Record<IncidentState, number> = { found: 0, notified: 1, handling: 2, recovered: 3, closed: 4 };

test('生命周期：发现 → 已通知 → 处理中 → 已恢复 → 已关闭', () => {
  let s: IncidentState = 'found';
  for (const [e, next] of [
    ['notify', 'notified'],
    ['handle', 'handling'],
    ['recover', 'recovered'],
    ['close', 'closed'],
  ] as const) {
    s = transition(s, e) as IncidentState;
    assert.equal(s, next);
  }
});

test('未恢复不能关闭；已关闭的事件不再变化；处理中不再升级', () => {
  for (const s of ['found', 'notified', 'handling'] as const)
    assert.equal((transition(s, 'close') as AppError).code, 'NOT_RECOVERED');
  for (const e of EVENTS) assert.equal((transition('closed', e) as AppError).code, 'INCIDENT_CLOSED');
  assert.equal((transition('handling', 'escalate') as AppError).code, 'INCIDENT_ACKNOWLEDGED');
  assert.equal(transition('found', 'recover'), 'recovered'); // 可用性异常可在通知前自动恢复
});

test('性质：任意事件序列下状态只进不退，关闭之前必经恢复', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 30 }), (events) => {
      let s: IncidentState = 'found';
      const seen: IncidentState[] = [s];
      for (const e of events) {
        const next = transition(s, e);
        if (next instanceof AppError) continue;
        assert.ok(ORDER[next] >= ORDER[s], `${s} -${e}-> ${next}`);
        if (next === 'closed') assert.equal(s, 'recovered');
        s = next;
        seen.push(s);
      }
      assert.ok(INCIDENT_STATES.includes(s));
    }),
  );
});

test('观测结果的作用：否决或 incident 开启事件，已开启则追加；可用性恢复正常自动恢复', () => {
  assert.equal(effectOf({ monitor: 'content', level: 'warning', incident: true, details: {} }, false), 'open');
  assert.equal(effectOf({ monitor: 'freshness', level: 'veto', incident: false, details: {} }, false), 'open');
  assert.equal(effectOf({ monitor: 'freshness', level: 'veto', incident: false, details: {} }, true), 'append');
  assert.equal(effectOf({ monitor: 'availability', level: 'ok', incident: false, details: {} }, true), 'recover');
  // 篡改须人工确认恢复
  assert.equal(effectOf({ monitor: 'integrity', level: 'ok', incident: false, details: {} }, true), 'none');
  assert.equal(effectOf({ monitor: 'links', level: 'warning', incident: false, details: {} }, false), 'none');
  // 未经复核确认的失败探测：不开启事件，也不使已开启的事件恢复
  const unconfirmed = { monitor: 'availability', level: 'warning', incident: false, details: { ok: false } } as const;
  assert.equal(effectOf(unconfirmed, false), 'none');
  assert.equal(effectOf(unconfirmed, true), 'none');
});

test('升级：超过时限仍未处理的事件升级一次', () => {
  const i = { state: 'notified' as const, openedAt: '2026-03-02T01:00:00.000Z', escalations: 0 };
  assert.equal(isOverdue(i, 30, new Date('2026-03-02T01:29:59.000Z')), false);
  assert.equal(isOverdue(i, 30, new Date('2026-03-02T01:30:00.000Z')), true);
  assert.equal(isOverdue({ ...i, escalations: 1 }, 30, new Date('2026-03-02T05:00:00.000Z')), false);
  assert.equal(isOverdue({ ...i, state: 'handling' }, 30, new Date('2026-03-02T05:00:00.000Z')), false);
});

const fact = (f: Partial<StatusFact>): StatusFact => ({
  monitor: 'freshness',
  rule: 'column-stale',
  level: 'warning',
  summary: '栏目超期未更新',
  ...f,
});
const line = (facts: Parameters<typeof siteLines>[0], name: string) => siteLines(facts).find((l) => l.line === name)!;

test('总览：首页可用性按近 7 天失败比例，3% 预警、5% 否决，实时中断立即预警；不足 20 次探测不判否决', () => {
  const at = (failures: number, statuses: StatusFact[] = [], total = 140) =>
    line({ thresholds: DEFAULT_THRESHOLDS, probes: { total, failures }, statuses }, 'availability');
  assert.equal(at(4).level, 'ok'); // 2.86%
  assert.equal(at(5).level, 'warning'); // 3.57%
  assert.equal(at(7).level, 'veto'); // 5%
  assert.match(at(7).summary, /近 7 天探测 140 次，失败 7 次（5.0%）/);
  // 10 probes, 1 failed: 10 % but under one day's probes — 预警, as the run says, not 否决风险.
  assert.equal(at(1, [], 10).level, 'warning');
  assert.match(at(1, [], 10).summary, /不足 20 次，暂不判定否决/);
  const live = at(0, [
    fact({
      monitor: 'availability',
      rule: 'homepage-unreachable',
      level: 'warning',
      summary: '首页连续 3 次无法访问',
      details: { ok: false },
    }),
  ]);
  assert.deepEqual([live.level, live.summary], ['warning', '首页连续 3 次无法访问']);
  // A line the admin set is reached exactly, with no rounding on the way (29/100 × 100 is 28.999… in floating point).
  const custom = { ...DEFAULT_THRESHOLDS, availabilityWarnPct: 20, availabilityVetoPct: 29 };
  assert.deepEqual(
    [28, 29].map(
      (failures) => line({ thresholds: custom, probes: { total: 100, failures }, statuses: [] }, 'availability').level,
    ),
    ['warning', 'veto'],
  );
});

test('总览：栏目不更新按类别计数（要闻/公告/政策 >2 预警、≥5 否决；全部 >6、≥10），空白栏目 >2 / ≥5', () => {
  const stale = (n: number, kind: '动态要闻' | '专题') =>
    Array.from({ length: n }, () => fact({ columnKind: kind, details: { state: 'stale' } }));
  const facts = (statuses: StatusFact[]) => ({
    thresholds: DEFAULT_THRESHOLDS,
    probes: { total: 0, failures: 0 },
    statuses,
  });
  assert.equal(line(facts(stale(2, '动态要闻')), 'staleColumns').level, 'ok');
  assert.equal(line(facts(stale(3, '动态要闻')), 'staleColumns').level, 'warning');
  assert.equal(line(facts(stale(5, '动态要闻')), 'staleColumns').level, 'veto');
  assert.equal(line(facts(stale(7, '专题')), 'staleColumns').level, 'warning');
  assert.equal(line(facts(stale(10, '专题')), 'staleColumns').level, 'veto');
  const blank = (n: number) =>
    Array.from({ length: n }, () => fact({ columnKind: '动态要闻', details: { blank: true, items: 0 } }));
  assert.equal(line(facts(blank(3)), 'blankColumns').level, 'warning');
  assert.equal(line(facts(blank(5)), 'blankColumns').level, 'veto');
  // A blank column is blank, not stale; an unreadable list is neither: 3 个（2 个）, as the run counts.
  const mixed = facts([
    ...stale(2, '动态要闻'),
    ...stale(1, '专题'),
    ...blank(1),
    fact({ columnKind: '专题', details: { url: 'https://x.gov.cn/c/' } }),
  ]);
  assert.match(line(mixed, 'staleColumns').summary, /^不更新栏目 3 个（其中动态要闻、通知公告、政策文件类 2 个）/);
  assert.match(line(mixed, 'blankColumns').summary, /^空白栏目 1 个/);
  // A column no longer registered (columnKind undefined) is not counted.
  assert.equal(line(facts([fact({ details: { state: 'stale' } })]), 'staleColumns').level, 'unchecked');
});

test('总览：尚未检测的网站每条线都是“未检测”，不是“正常”', () => {
  const lines = siteLines({ thresholds: DEFAULT_THRESHOLDS, probes: { total: 0, failures: 0 }, statuses: [] });
  assert.deepEqual(new Set(lines.map((l) => l.level)), new Set(['unchecked']));
  assert.equal(shownWorst(lines.map((l) => l.level)), 'unchecked');
  assert.equal(shownWorst(['unchecked', 'ok']), 'ok');
  assert.equal(shownWorst(['unchecked', 'warning', 'ok']), 'warning');
});

test('新媒体：两周未更新即否决，第 10 天预警，未登记日期提示预警', () => {
  assert.deepEqual(accountLevel('2026-02-20', '2026-03-02'), { level: 'warning', days: 10 });
  assert.deepEqual(accountLevel('2026-02-16', '2026-03-02'), { level: 'veto', days: 14 });
  assert.deepEqual(accountLevel('2026-02-25', '2026-03-02'), { level: 'ok', days: 5 });
  assert.deepEqual(accountLevel(null, '2026-03-02'), { level: 'warning', days: null });
});

test('网址只接受 http(s)；预警线须低于否决线；机器人地址只显示掩码', () => {
  assert.equal(checkHttpUrl('url', 'https://www.cqqj.gov.cn', '网址'), 'https://www.cqqj.gov.cn/');
  assert.throws(() => checkHttpUrl('url', 'ftp://x.gov.cn', '网站首页地址'), {
    status: 400,
    field: 'url',
    message: '网站首页地址必须以 http:// 或 https:// 开头',
  });
  assert.throws(() => checkHttpUrl('url', 'javascript:alert(1)', '网址'), { status: 400 });
  assert.throws(() => checkThresholds({ ...DEFAULT_THRESHOLDS, blankWarnAbove: 5 }), {
    status: 400,
    field: 'blankWarnAbove',
    message: '空白栏目数的预警线应低于否决线（当前 5，否决线 5）',
  });
  const masked = maskUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa');
  assert.equal(masked, 'https://qyapi.weixin.qq.com/…5aaa');
  assert.ok(!masked.includes('693a91f6'));
});
