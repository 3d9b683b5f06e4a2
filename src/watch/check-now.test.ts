// 立即检测 end to end on the fixture government site (loopback): the unit's duty officer runs every monitor of the
// site now — the site, 未检测 before, is judged when the check is done; a second check while one runs, or within a
// minute, is refused in Chinese; people outside the unit's duty and the e-gov center are refused. SQLite and
// PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startGovSite, type GovSite } from '../../test/fixtures/gov-site/server.ts';
import { watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import { startSiteCheck } from './check-now.ts';
import { addSite, getSiteDetail, type Site } from './service.ts';

let w: WatchWorld;
let gov: GovSite;
let site: Site;
before(async () => {
  w = await watchWorld({ watchAllowPrivate: '1' });
  gov = await startGovSite({ today: '2026-03-02' });
  site = await addSite(w.deps, await w.org.actor('egov'), {
    unitId: w.org.unitId,
    name: '綦江区人民政府网（测试站）',
    url: gov.url,
    kind: 'portal',
  });
});
after(async () => {
  await gov?.close();
  await w?.deps.close();
});

test('立即检测：值班人员发起，检测中再次发起被拒绝；完成后网站详情显示结果，不再是“未检测”', async () => {
  const zhao = await w.org.actor('zhao');
  assert.equal((await getSiteDetail(w.deps, zhao, site.id)).level, 'unchecked');
  assert.equal((await getSiteDetail(w.deps, zhao, site.id)).abilities.canCheck, true);
  gov.resetCounters();
  const { check, done } = await startSiteCheck(w.deps, zhao, site.id);
  assert.deepEqual([check.state, check.requestedByName], ['running', '赵值班']);
  await assert.rejects(startSiteCheck(w.deps, await w.org.actor('egov'), site.id), {
    status: 409,
    code: 'CHECK_RUNNING',
    message: /该网站正在检测（赵值班发起）/,
  });
  const finished = await done;
  assert.equal(finished?.state, 'done', finished?.error ?? '');
  assert.ok((finished?.observations ?? 0) > 0);
  assert.ok((gov.hits.get('/') ?? 0) >= 1, '应真的访问了网站首页');
  const detail = await getSiteDetail(w.deps, zhao, site.id);
  assert.equal(detail.check?.state, 'done');
  assert.notEqual(detail.level, 'unchecked');
  assert.notEqual(detail.lines.find((l) => l.line === 'availability')?.level, 'unchecked');
  assert.ok(detail.runs.length > 0);

  await assert.rejects(startSiteCheck(w.deps, zhao, site.id), { status: 409, code: 'CHECK_TOO_SOON' });
  w.deps.clock.advance(61_000);
  const again = await startSiteCheck(w.deps, zhao, site.id);
  assert.equal((await again.done)?.state, 'done');
});

test('立即检测：不在本单位值班的人被拒绝，说明原因', async () => {
  for (const who of ['staff', 'dang']) {
    await assert.rejects(startSiteCheck(w.deps, await w.org.actor(who), site.id), {
      status: 403,
      code: 'NOT_CHECKER',
      message: /只有本单位值班人员、带班领导、区电子政务中心或系统管理员可以立即检测网站/,
    });
  }
});
