// What the people on duty rely on: an outage opens one incident, tells the officer on shift, the duty leader and the
// e-gov center, recovers by itself, and closes only after recovery with each step's person and notes in the ledger;
// nobody taking it up escalates once; the 7-day failure share; two monitor runs at once open one incident.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { backUp, observation, outage, watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { listMyNotifications, listPendingMail } from '../platform/notify/service.ts';
import {
  availabilityShare,
  checkAccounts,
  deliverPending,
  escalateOverdue,
  getIncidentDetail,
  listIncidentViews,
  moveIncident,
  overview,
  recordObservations,
  recordProbe,
  reportLastPost,
  saveUnitWatchSettings,
} from './service.ts';

let w: WatchWorld;
before(async () => {
  w = await watchWorld();
});
after(() => w.deps.close());

const ledgerActions = async (incidentId: string) =>
  (await listLedger(w.deps.db, { subject: `watchIncident:${incidentId}` })).map((e) => e.action);

test('首页无法访问：开启一个事件，通知当班值班人员、带班领导和区电子政务中心；再次失败只追加；恢复访问自动恢复', async () => {
  const { deps, site, org } = w;
  const first = await recordObservations(deps, { siteId: site.id }, [outage(deps, site.id)], { durationMs: 15000 });
  assert.equal(first.opened.length, 1);
  const id = first.opened[0];
  const admin = await org.actor('admin');
  let detail = await getIncidentDetail(deps, admin, id);
  assert.equal(detail.incident.state, 'notified');
  assert.deepEqual(
    detail.steps.map((s) => [s.kind, s.actorName]),
    [
      ['found', '系统'],
      ['notified', '系统'],
    ],
  );
  const told = detail.deliveries
    .filter((d) => d.channel === 'inapp')
    .map((d) => d.label)
    .sort();
  assert.deepEqual(told, ['吴带班', '周带班', '赵值班', '陈中心'].sort()); // no leader on the shift: the unit's duty leaders
  assert.deepEqual(
    detail.deliveries.filter((d) => d.channel === 'email').map((d) => d.state),
    ['pending', 'pending', 'pending'],
  );
  const zhao = await listMyNotifications(deps.db, org.ids.zhao);
  assert.match(zhao.items[0].title, /【读网值班】区科技局「区科技局网站」首页连续 3 次无法访问/);
  assert.equal(zhao.items[0].subject, `watchIncident:${id}`);
  await deliverPending(deps, deps.clock.now()); // e-mails go to the outbox after commit, while the incident is open
  assert.deepEqual((await listPendingMail(deps.db)).map((m) => m.mail.to[0]).sort(), [
    'egov@office.test',
    'zhao@kjj.test',
    'zhou@kjj.test',
  ]);

  deps.clock.advance(60000);
  const again = await recordObservations(deps, { siteId: site.id }, [
    outage(deps, site.id, { level: 'veto', summary: '首页已中断 1 分钟' }),
  ]);
  assert.deepEqual([again.opened, again.appended], [[], [id]]);
  detail = await getIncidentDetail(deps, admin, id);
  assert.deepEqual(
    [detail.incident.observations, detail.incident.level, detail.incident.summary],
    [2, 'veto', '首页已中断 1 分钟'],
  );

  deps.clock.advance(60000);
  const up = await recordObservations(deps, { siteId: site.id }, [backUp(deps, site.id)]);
  assert.deepEqual(up.recovered, [id]);
  detail = await getIncidentDetail(deps, admin, id);
  assert.equal(detail.incident.state, 'recovered');
  assert.match(detail.steps.at(-1)!.note, /自动恢复：首页恢复访问/);
  assert.deepEqual(await ledgerActions(id), ['watch.incident_open', 'watch.incident_notify', 'watch.incident_recover']);

  // Down again after the 抖动 window (15 minutes): a new incident (the recovered one waits to be closed by a person).
  deps.clock.advance(16 * 60000);
  const down = await recordObservations(deps, { siteId: site.id }, [outage(deps, site.id)]);
  assert.equal(down.opened.length, 1);
  assert.notEqual(down.opened[0], id);
});

test('关闭须先恢复；处理中、已恢复、已关闭各记人员、时间和说明，并写入台账', async () => {
  const { deps, site, org } = w;
  const [id] = (
    await recordObservations(deps, { siteId: site.id }, [
      observation(
        deps,
        { kind: 'page', siteId: site.id, url: 'https://kjj.example.gov.cn/ldxx/' },
        { monitor: 'integrity', rule: 'defaced', level: 'veto', summary: '领导信息页被篡改' },
      ),
    ])
  ).opened;
  const zhao = await org.actor('zhao');
  await assert.rejects(moveIncident(deps, zhao, id, 'close', '误报'), { status: 422, code: 'NOT_RECOVERED' });
  await assert.rejects(moveIncident(deps, await org.actor('staff'), id, 'handle', '看看'), {
    status: 403,
    code: 'NOT_HANDLER',
  });
  await assert.rejects(moveIncident(deps, zhao, id, 'handle', '  '), { status: 400, field: 'note' });
  await moveIncident(deps, zhao, id, 'handle', '已联系区电子政务中心和平台运维，页面已下线');
  await assert.rejects(moveIncident(deps, zhao, id, 'handle', '重复'), { status: 409, code: 'ALREADY_HANDLING' });
  const egov = await org.actor('egov');
  await moveIncident(deps, egov, id, 'recover', '运维已恢复原页面并修补漏洞');
  const closed = await moveIncident(deps, await org.actor('zhou'), id, 'close', '已复核，关闭');
  assert.equal(closed.incident.state, 'closed');
  assert.deepEqual(closed.steps.map((s) => [s.kind, s.actorName]).slice(2), [
    ['handling', '赵值班'],
    ['recovered', '陈中心'],
    ['closed', '周带班'],
  ]);
  assert.deepEqual((await ledgerActions(id)).slice(2), [
    'watch.incident_handle',
    'watch.incident_recover',
    'watch.incident_close',
  ]);
  const again = await recordObservations(deps, { siteId: site.id }, [
    observation(
      deps,
      { kind: 'page', siteId: site.id, url: 'https://kjj.example.gov.cn/ldxx/' },
      { monitor: 'integrity', rule: 'defaced', level: 'veto', summary: '领导信息页再次被篡改' },
    ),
  ]);
  assert.equal(again.opened.length, 1); // closed: a new one
});

test('新媒体异常通知值班人员和带班领导，不通知区电子政务中心；无人值班时通知单位值班联系人', async () => {
  const { deps, account, org } = w;
  const [id] = (
    await recordObservations(deps, { accountId: account.id }, [
      observation(
        deps,
        { kind: 'account', accountId: account.id },
        { monitor: 'content', rule: 'serious-finding', level: 'veto', summary: '推文将“扫黑除恶”误写为“扫黑险恶”' },
      ),
    ])
  ).opened;
  const d = await getIncidentDetail(deps, await org.actor('zhao'), id);
  assert.deepEqual(
    d.deliveries
      .filter((x) => x.channel === 'inapp')
      .map((x) => x.label)
      .sort(),
    ['吴带班', '周带班', '赵值班'].sort(),
  );

  deps.clock.set('2026-03-06T02:00:00.000Z'); // after the roster: nobody on shift
  await saveUnitWatchSettings(deps, await org.actor('zhou'), org.unitId, { contactIds: [org.ids.li], ackMinutes: 30 });
  const [later] = (
    await recordObservations(deps, { siteId: w.site.id }, [
      observation(
        deps,
        { kind: 'column', siteId: w.site.id, columnId: w.news.id },
        { monitor: 'content', rule: 'serious-finding', level: 'veto', summary: '栏目文章出现“中华人民共合国”' },
      ),
    ])
  ).opened;
  const people = (await getIncidentDetail(deps, await org.actor('egov'), later)).deliveries
    .filter((x) => x.channel === 'inapp')
    .map((x) => x.label)
    .sort();
  assert.deepEqual(people, ['吴带班', '周带班', '李值班', '陈中心'].sort());
  deps.clock.set('2026-03-02T03:00:00.000Z');
});

test('超过升级时限无人处理：升级通知带班领导和区电子政务中心一次；已在处理的不升级', async () => {
  const { deps, site, org } = w;
  deps.clock.set('2026-03-02T04:00:00.000Z');
  await saveUnitWatchSettings(deps, await org.actor('zhou'), org.unitId, { contactIds: [], ackMinutes: 30 });
  const target = { kind: 'page' as const, siteId: site.id, url: 'https://kjj.example.gov.cn/a.html' };
  const [slow] = (
    await recordObservations(deps, { siteId: site.id }, [
      observation(deps, target, { monitor: 'integrity', rule: 'hidden-link', level: 'veto', summary: '发现暗链' }),
    ])
  ).opened;
  const [fast] = (
    await recordObservations(deps, { siteId: site.id }, [
      observation(
        deps,
        { ...target, url: 'https://kjj.example.gov.cn/b.html' },
        { monitor: 'integrity', rule: 'hidden-link', level: 'veto', summary: '发现暗链' },
      ),
    ])
  ).opened;
  await moveIncident(deps, await org.actor('zhao'), fast, 'handle', '正在清除');
  const at = (min: number) => new Date(Date.parse('2026-03-02T04:00:00.000Z') + min * 60000);
  assert.ok(!(await escalateOverdue(deps, at(29))).includes(slow));
  const done = await Promise.all([escalateOverdue(deps, at(30)), escalateOverdue(deps, at(30))]);
  assert.deepEqual(
    done.flat().filter((x) => x === slow || x === fast),
    [slow],
  );
  assert.deepEqual(await escalateOverdue(deps, at(90)), []);
  const d = await getIncidentDetail(deps, await org.actor('egov'), slow);
  const escalated = d.deliveries
    .filter((x) => x.reason === 'escalate' && x.channel === 'inapp')
    .map((x) => x.label)
    .sort();
  assert.deepEqual(escalated, ['吴带班', '周带班', '陈中心'].sort());
  assert.match(d.steps.at(-1)!.note, /30 分钟内无人处理，已升级通知/);
  assert.equal((await ledgerActions(slow)).at(-1), 'watch.incident_escalate');
  assert.ok(
    (await listMyNotifications(deps.db, org.ids.zhou)).items.some(
      (n) => n.kind === 'watch.incident_escalate' && /^【升级提醒】/.test(n.title),
    ),
  );
});

test('近 7 天失败比例：140 次探测失败 7 次为 5%，达到否决线；7 天前的探测不计', async () => {
  const { deps, site } = w;
  const now = new Date('2026-03-09T02:00:00.000Z');
  for (let i = 0; i < 140; i++)
    await recordProbe(deps, site.id, {
      at: new Date(now.getTime() - (i + 1) * 3600000),
      ok: i >= 7,
      ms: 300,
      statusCode: i >= 7 ? 200 : null,
      error: i >= 7 ? null : '超时 15 秒',
    });
  await recordProbe(deps, site.id, { at: new Date(now.getTime() - 8 * 86400000), ok: false, ms: 15000, error: '超时' });
  const share = await availabilityShare(deps, site.id, now);
  assert.deepEqual([share.total, share.failures, share.percent, share.level], [140, 7, 5, 'veto']);
});

test('并发：同一监测对象的两次观测同时到达，只开启一个事件（另一个追加其上）', async () => {
  const { deps, site, notices } = w;
  const target = { kind: 'column' as const, siteId: site.id, columnId: notices.id };
  const o = observation(deps, target, {
    monitor: 'freshness',
    rule: 'column-stale',
    level: 'veto',
    incident: false,
    summary: '通知公告 200 天未更新',
  });
  const results = await Promise.all([
    recordObservations(deps, { siteId: site.id }, [o]),
    recordObservations(deps, { siteId: site.id }, [o]),
  ]);
  assert.equal(results.flatMap((r) => r.opened).length, 1);
  assert.equal(results.flatMap((r) => r.appended).length, 1);
  const open = await listIncidentViews(deps, await w.org.actor('egov'), {
    siteId: site.id,
    monitor: 'freshness',
    states: ['found', 'notified', 'handling'],
  });
  assert.equal(open.length, 1);
  assert.equal(open[0].observations, 2);
  assert.equal(open[0].subject.name, '区科技局网站「通知公告」栏目');
});

test('观测对象须属于本次监测的网站；新媒体两周未更新开启事件；总览按否决线给出级别', async () => {
  const { deps, site, account, org } = w;
  await assert.rejects(
    recordObservations(deps, { siteId: site.id }, [observation(deps, { kind: 'site', siteId: 'other' })]),
    { status: 400, field: 'observations.0.target' },
  );
  deps.clock.set('2026-03-02T05:00:00.000Z');
  await reportLastPost(deps, await org.actor('zhao'), account.id, '2026-02-14');
  await assert.rejects(reportLastPost(deps, await org.actor('zhao'), account.id, '2026-03-03'), {
    status: 400,
    field: 'lastPostOn',
  });
  const r = await checkAccounts(deps, deps.clock.now());
  assert.equal(r.opened.length + r.appended.length, 1);
  const view = await overview(deps, await org.actor('zhao'));
  const acc = view.accounts.find((a) => a.account.id === account.id)!;
  assert.deepEqual([acc.level, acc.daysSincePost], ['veto', 16]);
  const s = view.sites.find((x) => x.site.id === site.id)!;
  assert.equal(s.lines.find((l) => l.line === 'integrity')!.level, 'veto');
  assert.equal(s.level, 'veto');
  await assert.rejects(overview(deps, await org.actor('staff')), { status: 403, code: 'NOT_ON_DUTY_ROLE' });
  assert.deepEqual((await overview(deps, await org.actor('dang'))).sites, []); // 区档案馆's officer sees only their unit
});
