// Alerts without noise and with an all-clear, on the fixture site and a robot receiver on loopback, with a fixed
// clock: one bad probe confirmed by re-checks before anything opens; flapping grouped into one incident with one
// 恢复 notice; nothing sent for an incident already over; absolute links and Chinese names in every message.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { startGovSite, type GovSite } from '../../test/fixtures/gov-site/server.ts';
import { backUp, outage, watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import { listMyNotifications } from '../platform/notify/service.ts';
import { createFetcher } from './fetch.ts';
import { runAvailabilityJob } from './jobs.ts';
import { recheck } from './rules/availability.ts';
import {
  addSite,
  deliverPending,
  getIncidentDetail,
  listIncidentViews,
  moveIncident,
  recordObservations,
  removeSite,
  saveWebhook,
  type Site,
} from './service.ts';

let w: WatchWorld;
let gov: GovSite;
let site: Site;
let robot: http.Server;
let received: { event: string; title: string; text: string; link: string }[];

before(async () => {
  received = [];
  robot = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.end('{}');
    });
  });
  await new Promise<void>((r) => robot.listen(0, '127.0.0.1', r));
  w = await watchWorld({ watchAllowPrivate: '1', publicUrl: 'https://gongkai.qj.gov.cn/' });
  gov = await startGovSite({ today: '2026-03-02' });
  const egov = await w.org.actor('egov');
  await removeSite(w.deps, egov, w.site.id); // only the fixture site is probed here
  site = await addSite(w.deps, egov, {
    unitId: w.org.unitId,
    name: '綦江区人民政府网（测试站）',
    url: gov.url,
    kind: 'portal',
  });
  const port = (robot.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/hook`;
  await saveWebhook(w.deps, egov, { unitId: w.org.unitId }, { kind: 'json', name: '值班群', url });
});
after(async () => {
  robot.closeAllConnections();
  await new Promise((r) => robot.close(r));
  await gov?.close();
  await w?.deps.close();
});

const incidentsOf = async (siteId: string) => listIncidentViews(w.deps, await w.org.actor('egov'), { siteId });
const tick = async (minutes: number) => {
  w.deps.clock.advance(minutes * 60_000);
  await deliverPending(w.deps, w.deps.clock.now());
};
/** One scheduled availability probe of the fixture site, the homepage answering 503 to the next `failing` requests. */
const probe = async (failing: number) => {
  gov.set({ failNext: failing });
  await runAvailabilityJob(w.deps);
  gov.set({ failNext: 0 });
  await deliverPending(w.deps, w.deps.clock.now());
};

test('一次失败不开启事件：失败后立即复核 2 次，复核恢复即不开启；3 次都失败才开启并通知', async () => {
  gov.resetCounters();
  await probe(1);
  assert.equal(gov.hits.get('/'), 2, '失败后立即复核，复核成功即停止');
  assert.deepEqual(await incidentsOf(site.id), []);
  assert.equal(received.length, 0);
  await tick(5);
  await probe(2);
  assert.equal(gov.hits.get('/'), 5);
  assert.deepEqual(await incidentsOf(site.id), []);
  await tick(5);
  await probe(3);
  assert.equal(gov.hits.get('/'), 8);
  const [incident] = await incidentsOf(site.id);
  assert.equal(incident.state, 'notified');
  assert.match(incident.summary, /复核 2 次仍无法访问/);
  assert.deepEqual(
    received.map((r) => r.event),
    ['watch.incident.open'],
  );
});

test('抖动：恢复后反复失败并入同一事件，只发一次恢复通知，恢复后不再发送任何消息', async () => {
  const [incident] = await incidentsOf(site.id);
  for (let i = 0; i < 3; i++) {
    await tick(5);
    await probe(0); // back up: recovered, the 恢复 notice held for 15 minutes
    assert.equal((await incidentsOf(site.id))[0].state, 'recovered');
    await tick(5);
    await probe(3); // down again, confirmed: the same incident
  }
  await tick(5);
  await probe(0);
  const list = await incidentsOf(site.id);
  assert.deepEqual(
    list.map((i) => [i.id, i.state]),
    [[incident.id, 'recovered']],
    '抖动只有一个事件',
  );
  assert.deepEqual(
    received.map((r) => r.event),
    ['watch.incident.open'],
    '恢复通知等待抖动期满',
  );
  for (let i = 0; i < 6; i++) {
    await tick(5);
    await probe(0);
  }
  assert.deepEqual(
    received.map((r) => r.event),
    ['watch.incident.open', 'watch.incident.recover'],
  );
  const [, recovery] = received;
  assert.match(recovery.title, /^【恢复】区科技局「綦江区人民政府网（测试站）」首页无法访问已恢复$/);
  assert.equal(recovery.link, `https://gongkai.qj.gov.cn/watch/incidents/${incident.id}`);
  assert.match(recovery.text, new RegExp(`查看：https://gongkai\\.qj\\.gov\\.cn/watch/incidents/${incident.id}`));
  const texts = `${received[0].title}${received[0].text}${recovery.title}${recovery.text}`;
  const words = texts.replace(/https?:\/\/[^\s）]+/g, '');
  assert.doesNotMatch(words, /availability|[a-z]+-[a-z]+/, '消息只用中文名称（不含 homepage-unreachable 之类的代码）');
  const zhao = (await listMyNotifications(w.deps.db, w.org.ids.zhao)).items.filter(
    (n) => n.subject === `watchIncident:${incident.id}`,
  );
  assert.deepEqual(
    zhao.map((n) => n.title.slice(0, 4)).sort(),
    ['【恢复】', '【读网值'].sort(),
    '站内通知：一次发现、一次恢复',
  );
  const detail = await getIncidentDetail(w.deps, await w.org.actor('egov'), incident.id);
  assert.equal(detail.steps.filter((s) => s.kind === 'found').length, 4, '每次再次发生都记入处理过程');
});

test('事件在消息发出前已恢复：不再发送“发现”消息，也不发恢复通知；人工登记恢复立即发恢复通知', async () => {
  const before = received.length;
  const { deps } = w;
  const other = await addSite(deps, await w.org.actor('egov'), {
    unitId: w.org.unitId,
    name: '区科技局网站',
    url: 'https://kjj2.example.gov.cn/',
    kind: 'subsite',
  });
  const [id] = (await recordObservations(deps, { siteId: other.id }, [outage(deps, other.id)])).opened;
  deps.clock.advance(60_000);
  await recordObservations(deps, { siteId: other.id }, [backUp(deps, other.id)]); // before the delivery job ran
  await tick(30);
  await tick(30);
  assert.equal(received.length, before, '已结束的事件不发任何机器人消息');
  const detail = await getIncidentDetail(deps, await w.org.actor('egov'), id);
  const robots = detail.deliveries.filter((d) => d.channel === 'json');
  assert.deepEqual(robots.map((d) => `${d.reason}:${d.state}`).sort(), ['open:skipped', 'recover:skipped']);
  const mails = detail.deliveries.filter((d) => d.channel === 'email');
  assert.deepEqual(
    mails.map((d) => d.state),
    Array(6).fill('skipped'),
    '三封发现邮件和三封恢复邮件都未发送',
  );

  deps.clock.advance(60 * 60_000);
  const [next] = (await recordObservations(deps, { siteId: other.id }, [outage(deps, other.id)])).opened;
  await tick(0);
  assert.equal(received.length, before + 1);
  const zhou = await w.org.actor('zhou');
  await moveIncident(deps, zhou, next, 'handle', '已联系平台运维');
  await moveIncident(deps, zhou, next, 'recover', '运维重启后恢复');
  await tick(0);
  assert.deepEqual(
    received.slice(before).map((r) => r.event),
    ['watch.incident.open', 'watch.incident.recover'],
  );
});

test('复核的等待走时钟：固定时钟下 30 秒的间隔不真的等待，复核时间是时钟上的 +30 秒、+60 秒', async () => {
  const fetcher = createFetcher({ allowPrivate: true });
  try {
    const start = w.deps.clock.now().getTime();
    gov.set({ failNext: 3 });
    const spec = { id: site.id, name: site.name, url: site.url, columns: [] };
    const rechecks = await recheck(fetcher, spec, { checks: 2, intervalMs: 30_000 }, w.deps.clock, 2000);
    gov.set({ failNext: 0 });
    assert.deepEqual(
      rechecks.map((r) => [r.ok, r.at.getTime() - start]),
      [
        [false, 30_000],
        [false, 60_000],
      ],
    );
  } finally {
    await fetcher.close();
  }
});
