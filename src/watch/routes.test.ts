// The /api/watch API as the screens use it: registering a site and its columns (INSPECTION.md clocks by default),
// refusals in Chinese naming the field, the overview, the incident list with filters, and handling an incident.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type DemoApp, type DemoSession, openDemoApp } from '../../test/support/demo-app.ts';
import { recordObservations } from './service.ts';

let demo: DemoApp;
let egov: DemoSession;
let duty: DemoSession;
let unitId: string;
before(async () => {
  demo = await openDemoApp();
  egov = await demo.loginAs('egov');
  duty = await demo.loginAs('kjj.duty');
  unitId = (
    await demo.deps.db.selectFrom('units').select('id').where('name', '=', '区科技局').executeTakeFirstOrThrow()
  ).id;
});
after(() => demo.close());

const call = (as: DemoSession, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  demo.app.inject({ method, url, payload, cookies: as.cookies, headers: as.headers });

test('登记网站和栏目：栏目更新周期按类别默认（动态要闻 14 天、通知公告 183 天、人事 365 天），可改', async () => {
  const site = (
    await call(egov, 'POST', '/api/watch/sites', {
      unitId,
      name: '区科技局网站',
      url: 'https://kjj.example.gov.cn',
      kind: 'subsite',
    })
  ).json();
  assert.equal(site.url, 'https://kjj.example.gov.cn/');
  assert.equal(site.thresholds.availabilityVetoPct, 5);
  const clock = async (kind: string, extra: object = {}) =>
    (
      await call(egov, 'POST', `/api/watch/sites/${site.id}/columns`, {
        name: kind,
        url: 'https://kjj.example.gov.cn/c/',
        kind,
        ...extra,
      })
    ).json().clockDays;
  assert.deepEqual(
    [
      await clock('动态要闻'),
      await clock('通知公告'),
      await clock('人事'),
      await clock('专题'),
      await clock('政策文件', { clockDays: 90 }),
    ],
    [14, 183, 365, null, 90],
  );
  const t = await call(egov, 'PUT', `/api/watch/sites/${site.id}/thresholds`, { homepageWarnDays: 7 });
  assert.deepEqual(
    [t.json().thresholds.homepageWarnDays, t.json().thresholds.homepageVetoDays, t.json().overrides],
    [7, 14, { homepageWarnDays: 7 }],
  );
});

test('输入有误时 400，中文说明指出字段', async () => {
  const bad = await call(egov, 'POST', '/api/watch/sites', {
    unitId,
    name: '网站',
    url: 'ftp://kjj.example.gov.cn',
    kind: 'subsite',
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().field, 'url');
  assert.match(bad.json().message, /字段「url」不正确：网址必须以 http:\/\/ 或 https:\/\/ 开头/);
  const noName = await call(egov, 'POST', '/api/watch/sites', {
    unitId,
    name: ' ',
    url: 'https://a.gov.cn',
    kind: 'portal',
  });
  assert.match(noName.json().message, /请填写网站名称/);
  const noUnit = await call(egov, 'POST', '/api/watch/sites', {
    unitId: 'nope',
    name: '网站',
    url: 'https://a.gov.cn',
    kind: 'portal',
  });
  assert.deepEqual(
    [noUnit.statusCode, noUnit.json().field, noUnit.json().message],
    [400, 'unitId', '所选主办单位不存在'],
  );
  const [site] = (await call(egov, 'GET', '/api/watch/sites')).json();
  const lines = await call(egov, 'PUT', `/api/watch/sites/${site.site.id}/thresholds`, { blankWarnAbove: 6 });
  assert.deepEqual([lines.statusCode, lines.json().field], [400, 'blankWarnAbove']);
  const kind = await call(egov, 'POST', `/api/watch/sites/${site.site.id}/columns`, {
    name: '栏目',
    url: 'https://a.gov.cn/l/',
    kind: '杂项',
  });
  assert.deepEqual([kind.statusCode, kind.json().field], [400, 'kind']);
  const late = await call(egov, 'POST', '/api/watch/accounts', { unitId, platform: 'wechat', name: '綦江科技' });
  const future = await call(duty, 'PUT', `/api/watch/accounts/${late.json().id}/last-post`, {
    lastPostOn: '2099-01-01',
  });
  assert.deepEqual([future.statusCode, future.json().message], [400, '最近发布日期不能晚于今天']);
});

test('总览、异常事件列表筛选、处理中 → 已恢复 → 已关闭', async () => {
  const [site] = (await call(duty, 'GET', '/api/watch/sites')).json();
  const siteId = site.site.id;
  await recordObservations(demo.deps, { siteId }, [
    {
      monitor: 'availability',
      target: { kind: 'site', siteId },
      rule: 'homepage-unreachable',
      level: 'warning',
      incident: true,
      summary: '首页无法访问（连接被拒绝）',
      details: {},
      observedAt: demo.deps.clock.now(),
    },
  ]);
  const view = (await call(duty, 'GET', '/api/watch/overview')).json();
  const mine = view.sites.find((s: { site: { id: string } }) => s.site.id === siteId);
  assert.deepEqual(
    mine.lines.map((l: { line: string }) => l.line),
    ['availability', 'homepage', 'staleColumns', 'blankColumns', 'deadLinks', 'integrity', 'content'],
  );
  assert.equal(mine.lines[0].level, 'warning');
  assert.equal(mine.openIncidents, 1);
  const list = (await call(duty, 'GET', `/api/watch/incidents?unitId=${unitId}&monitor=availability&open=1`)).json();
  assert.equal(list.length, 1);
  assert.equal((await call(duty, 'GET', `/api/watch/incidents?monitor=content`)).json().length, 0);
  const id = list[0].id;
  const close = await call(duty, 'POST', `/api/watch/incidents/${id}/close`, { note: '关闭' });
  assert.deepEqual([close.statusCode, close.json().code], [422, 'NOT_RECOVERED']);
  assert.equal(
    (await call(duty, 'POST', `/api/watch/incidents/${id}/handle`, { note: '已电话联系平台运维' })).json().incident
      .state,
    'handling',
  );
  assert.equal(
    (await call(egov, 'POST', `/api/watch/incidents/${id}/recover`, { note: '运维重启服务后恢复' })).json().incident
      .state,
    'recovered',
  );
  const done = (await call(duty, 'POST', `/api/watch/incidents/${id}/close`, { note: '已复核' })).json();
  assert.equal(done.incident.state, 'closed');
  assert.deepEqual(done.steps.map((s: { kind: string }) => s.kind).slice(-3), ['handling', 'recovered', 'closed']);
  assert.deepEqual(done.abilities, { canHandle: false, canRecover: false, canClose: false });
  const other = await demo.loginAs('fgw.staff');
  const denied = await call(other, 'GET', `/api/watch/incidents/${id}`);
  assert.equal(denied.statusCode, 403);
  assert.match(denied.json().message, /只能查看本单位/);
});

test('修改监测网站、栏目和账号：改主办单位、首页地址、日期选择器和账号地址；主办单位不存在时 400 且不改动', async () => {
  const other = (
    await demo.deps.db.selectFrom('units').select('id').where('name', '=', '区人力社保局').executeTakeFirstOrThrow()
  ).id;
  const site = (
    await call(egov, 'POST', '/api/watch/sites', {
      unitId,
      name: '区科技局网站（旧址）',
      url: 'https://old.example.gov.cn',
      kind: 'subsite',
    })
  ).json();
  const moved = await call(egov, 'PATCH', `/api/watch/sites/${site.id}`, {
    unitId: other,
    name: '区人力社保局网站',
    url: 'https://rsj.example.gov.cn',
    kind: 'subsite',
  });
  assert.equal(moved.statusCode, 200);
  assert.deepEqual(
    [moved.json().unitId, moved.json().name, moved.json().url],
    [other, '区人力社保局网站', 'https://rsj.example.gov.cn/'],
  );
  const refused = await call(egov, 'PATCH', `/api/watch/sites/${site.id}`, { unitId: 'nope', name: '不应保存' });
  assert.deepEqual([refused.statusCode, refused.json().field], [400, 'unitId']);
  const kept = (await call(egov, 'GET', `/api/watch/sites/${site.id}`)).json().site;
  assert.deepEqual([kept.unitId, kept.name], [other, '区人力社保局网站']);

  const column = (
    await call(egov, 'POST', `/api/watch/sites/${site.id}/columns`, {
      name: '通知公告',
      url: 'https://rsj.example.gov.cn/tzgg/',
      kind: '通知公告',
    })
  ).json();
  const edited = (
    await call(egov, 'PATCH', `/api/watch/columns/${column.id}`, {
      clockDays: null,
      dateSelector: '.list li span.date',
    })
  ).json();
  assert.deepEqual([edited.clockDays, edited.dateSelector, edited.kind], [null, '.list li span.date', '通知公告']);

  const account = (
    await call(egov, 'POST', '/api/watch/accounts', { unitId: other, platform: 'wechat', name: '綦江人社' })
  ).json();
  const fed = (
    await call(egov, 'PATCH', `/api/watch/accounts/${account.id}`, {
      url: 'https://rsj.example.gov.cn/feed.xml',
      platform: 'weibo',
    })
  ).json();
  assert.deepEqual([fed.url, fed.platform, fed.name], ['https://rsj.example.gov.cn/feed.xml', 'weibo', '綦江人社']);
});

test('总览告诉界面本人能做什么：区电子政务中心可登记网站和账号；值班人员只能登记本单位账号的最近发布日期', async () => {
  const other = (
    await demo.deps.db.selectFrom('units').select('id').where('name', '=', '区发展改革委').executeTakeFirstOrThrow()
  ).id;
  await call(egov, 'POST', '/api/watch/accounts', { unitId, platform: 'douyin', name: '綦江科技抖音' });
  await call(egov, 'POST', '/api/watch/accounts', { unitId: other, platform: 'weibo', name: '綦江发改微博' });
  const byEgov = (await call(egov, 'GET', '/api/watch/overview')).json();
  const byDuty = (await call(duty, 'GET', '/api/watch/overview')).json();
  assert.deepEqual([byEgov.abilities.canManage, byDuty.abilities.canManage], [true, false]);
  const may = (o: { accounts: { account: { name: string }; canReportLastPost: boolean }[] }, name: string) =>
    o.accounts.find((a) => a.account.name === name)?.canReportLastPost;
  assert.deepEqual(
    [
      may(byEgov, '綦江科技抖音'),
      may(byEgov, '綦江发改微博'),
      may(byDuty, '綦江科技抖音'),
      may(byDuty, '綦江发改微博'),
    ],
    [true, true, true, undefined],
  );
});

test('登记或修改时即拒绝内网、本机和保留地址（与抓取时同一条规则），中文说明，什么都不改', async () => {
  const before = (await call(egov, 'GET', '/api/watch/sites')).json().length;
  for (const url of [
    'http://127.0.0.1:8080/',
    'http://localhost/',
    'http://192.168.1.10/',
    'http://10.2.3.4/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://[::ffff:172.16.0.1]/',
  ]) {
    const res = await call(egov, 'POST', '/api/watch/sites', { unitId, name: '内网网站', url, kind: 'subsite' });
    assert.equal(res.statusCode, 400, `${url} → ${res.statusCode}`);
    assert.equal(res.json().field, 'url');
    assert.match(res.json().message, /网站首页地址不能监测：目标为内网、本机或保留地址/);
  }
  assert.equal((await call(egov, 'GET', '/api/watch/sites')).json().length, before);

  const site = (
    await call(egov, 'POST', '/api/watch/sites', {
      unitId,
      name: '外网网站',
      url: 'https://wai.example.gov.cn/',
      kind: 'subsite',
    })
  ).json();
  const moved = await call(egov, 'PATCH', `/api/watch/sites/${site.id}`, { url: 'http://10.0.0.8/' });
  assert.deepEqual([moved.statusCode, moved.json().field], [400, 'url']);
  const column = await call(egov, 'POST', `/api/watch/sites/${site.id}/columns`, {
    name: '通知公告',
    url: 'http://192.168.0.2/tzgg/',
    kind: '通知公告',
  });
  assert.match(column.json().message, /栏目列表页地址不能监测/);
  const page = await call(egov, 'POST', `/api/watch/sites/${site.id}/pages`, {
    url: 'http://127.0.0.1/about.html',
    label: '机构概况',
  });
  assert.match(page.json().message, /页面地址不能监测/);
  const detail = (await call(egov, 'GET', `/api/watch/sites/${site.id}`)).json();
  assert.deepEqual(
    [detail.site.url, detail.columns.length, detail.pages.length],
    ['https://wai.example.gov.cn/', 0, 0],
  );
});
