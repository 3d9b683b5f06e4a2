// 督查考核 menu: the session (/api/auth/me) says which of 统计, 随机抽查, 季度检查 and 年度考核 a person may open, from
// the same policy the routes apply (src/org/policy/oversight.ts), so the screens never offer what the server refuses.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { as, openPublishApp, type Session } from '../../test/support/publish-fixtures.ts';

let app: FastifyInstance;
let s: Record<string, Session>;
let close: () => Promise<void>;

before(async () => {
  ({ app, s, close } = await openPublishApp(['ducha', 'liu', 'zhang', 'duty']));
});
after(() => close());

const abilities = async (who: string) => {
  const res = await as(app, s[who]).get('/api/auth/me');
  assert.equal(res.statusCode, 200, res.body);
  return res.json().user.abilities.oversight;
};

test('督查：统计、抽样、查看和确认清单、年度考核、改方案、季度检查都可以', async () => {
  assert.deepEqual(await abilities('ducha'), {
    stats: true,
    drawSample: true,
    inspection: true,
    confirmCheck: true,
    assessment: true,
    editScheme: true,
    quarterly: true,
  });
});

test('分管领导看本单位统计，不能抽样、看抽查结果或考核；值班人员看本单位季度检查；承办人都不能', async () => {
  const liu = await abilities('liu');
  assert.equal(liu.stats, true);
  assert.equal(liu.drawSample || liu.inspection || liu.assessment || liu.editScheme, false);
  const duty = await abilities('duty');
  assert.equal(duty.quarterly, true);
  assert.equal(duty.stats || duty.inspection, false);
  assert.deepEqual(Object.values(await abilities('zhang')), [false, false, false, false, false, false, false]);
  const refused = await as(app, s.liu).get('/api/oversight/assessment?year=2026');
  assert.equal(refused.statusCode, 403, refused.body);
});
