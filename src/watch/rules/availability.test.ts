import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProbeRecord, SiteSpec } from '../spec.ts';
import { failureShare, judgeAvailability } from './availability.ts';

const spec: SiteSpec = { id: 's1', name: '綦江区政府网', url: 'https://www.cqqj.gov.cn/', columns: [] };
const now = new Date('2026-11-29T02:00:00Z');
/** n probes spread over the last week, the first `failed` of them failed. */
function history(n: number, failed: number, span = 6.9 * 86_400_000): ProbeRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    at: new Date(now.getTime() - span + (i * span) / n),
    ok: i >= failed,
    ms: 200,
  }));
}
const ok: ProbeRecord = { at: now, ok: true, ms: 180, status: 200 };
const down: ProbeRecord = { at: now, ok: false, ms: 15000, error: '超时（15 秒内未完成）' };

test('失败率：3% 预警，5% 达到否决线；只算近 7 天', () => {
  assert.equal(judgeAvailability(spec, ok, history(199, 3), now)[0].level, 'ok'); // 1.5%
  assert.equal(judgeAvailability(spec, ok, history(199, 7), now)[0].level, 'warning'); // 3.5%
  const veto = judgeAvailability(spec, ok, history(199, 10), now)[0];
  assert.equal(veto.level, 'veto'); // 5.0%
  assert.equal(veto.incident, false);
  assert.match(veto.summary, /近 7 天探测 200 次，失败 10 次（5.0%）/);
  const old = history(199, 100, 30 * 86_400_000).filter((p) => p.at < new Date(now.getTime() - 8 * 86_400_000));
  assert.equal(failureShare(ok, old, now).total, 1);
});

test('当前探测失败：立即成为事件；成功：ok 观测（用于自动恢复）', () => {
  const o = judgeAvailability(spec, down, history(199, 0), now)[0];
  assert.deepEqual([o.incident, o.level, o.rule], [true, 'warning', 'homepage-unreachable']);
  assert.match(o.summary, /首页无法访问：超时/);
  const back = judgeAvailability(spec, ok, history(199, 1), now)[0];
  assert.deepEqual([back.incident, back.level], [false, 'ok']);
});

test('探测次数不足一天（少于 20 次）时，失败率只预警不否决', () => {
  assert.equal(judgeAvailability(spec, down, [], now)[0].level, 'warning');
  assert.equal(judgeAvailability(spec, down, history(19, 19), now)[0].level, 'veto');
});
