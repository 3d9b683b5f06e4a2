// 超时未接手 as the duty officer sees it in the incident list and on the incident: by the unit's own escalation time,
// 15 minutes until the unit sets another; an incident taken up (处理中) is no longer overdue.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { observation, watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import {
  escalateOverdue,
  getIncidentDetail,
  getUnitWatchSettings,
  listIncidentViews,
  moveIncident,
  recordObservations,
  saveUnitWatchSettings,
} from './service.ts';

let w: WatchWorld;
before(async () => {
  w = await watchWorld();
});
after(() => w.deps.close());

test('超时未接手：默认 15 分钟，按本单位设置的升级时限判断；接手处理后不再超时', async () => {
  const { deps, site, org } = w;
  const egov = await org.actor('egov');
  const zhou = await org.actor('zhou');
  assert.equal((await getUnitWatchSettings(deps, zhou, org.unitId)).settings.ackMinutes, 15);

  const opened = deps.clock.now().getTime();
  const at = (min: number) => deps.clock.set(new Date(opened + min * 60000).toISOString());
  const [id] = (
    await recordObservations(deps, { siteId: site.id }, [
      observation(
        deps,
        { kind: 'page', siteId: site.id, url: 'https://kjj.example.gov.cn/ldxx/' },
        { monitor: 'integrity', rule: 'hidden-link', level: 'veto', summary: '领导信息页发现暗链' },
      ),
    ])
  ).opened;
  const overdue = async () => {
    const listed = (await listIncidentViews(deps, egov, { unitId: org.unitId })).find((i) => i.id === id)!;
    const shown = (await getIncidentDetail(deps, egov, id)).incident;
    assert.equal(listed.overdue, shown.overdue, '列表和详情的超时标记应一致');
    return shown.overdue;
  };

  at(14);
  assert.equal(await overdue(), false);
  at(15);
  assert.equal(await overdue(), true);
  assert.deepEqual(await escalateOverdue(deps, deps.clock.now()), [id]);

  await saveUnitWatchSettings(deps, zhou, org.unitId, { contactIds: [], ackMinutes: 60 });
  assert.equal(await overdue(), true, '已升级的事件仍是超时未接手');
  const [second] = (
    await recordObservations(deps, { siteId: site.id }, [
      observation(
        deps,
        { kind: 'page', siteId: site.id, url: 'https://kjj.example.gov.cn/jgzn/' },
        { monitor: 'integrity', rule: 'defaced', level: 'veto', summary: '机构职能页被篡改' },
      ),
    ])
  ).opened;
  const secondOverdue = async () => (await getIncidentDetail(deps, egov, second)).incident.overdue;
  at(15 + 59);
  assert.equal(await secondOverdue(), false);
  at(15 + 60);
  assert.equal(await secondOverdue(), true);

  await moveIncident(deps, await org.actor('zhao'), id, 'handle', '正在清除暗链');
  assert.equal(await overdue(), false);
});
