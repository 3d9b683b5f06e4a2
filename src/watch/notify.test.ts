// Notification channels against real receivers on loopback: robot webhooks (企业微信, 钉钉, generic JSON) on a node:http
// server that records what arrives, one of them failing to prove the retries and the final 发送失败; e-mail through
// the platform outbox to a real SMTP server. And the SSRF guard with loopback not allowed.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.ts';
import { outage, watchWorld, type WatchWorld } from '../../test/support/watch-fixtures.ts';
import { listLedger } from '../platform/ledger/service.ts';
import { deliverOutbox } from '../platform/notify/service.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './model.ts';
import { isAllowedAddress, postWebhook } from './notify-webhook.ts';
import { deliverPending, getIncidentDetail, recordObservations, saveWebhook } from './service.ts';

interface Received {
  path: string;
  body: unknown;
}
let received: Received[];
let server: http.Server;
let base: string;
let smtp: TestSmtp;
let w: WatchWorld;
const KEY = 'a1b2c3d4-SECRET-robot-key-9f8e7d6c';

before(async () => {
  received = [];
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      if (path.startsWith('/slow')) return; // never answers
      if (path.startsWith('/huge')) return res.end('x'.repeat(200 * 1024));
      received.push({ path, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      if (path.startsWith('/fail')) return res.writeHead(500).end('boom');
      if (path.startsWith('/robot-error'))
        return res.end(JSON.stringify({ errcode: 93000, errmsg: 'invalid webhook url' }));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  smtp = await startSmtp();
  w = await watchWorld({ watchAllowPrivate: '1', smtpHost: '127.0.0.1', smtpPort: smtp.port });
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await smtp.close();
  await w.deps.close();
});

test('网站异常推送到本单位和区电子政务中心的机器人（企业微信、钉钉、通用 JSON），失败的重试后记为发送失败；邮件经 SMTP 发出', async () => {
  const { deps, org, site } = w;
  const zhou = await org.actor('zhou');
  const egov = await org.actor('egov');
  const wecom = await saveWebhook(
    deps,
    zhou,
    { unitId: org.unitId },
    { kind: 'wecom', name: '科技局值班群', url: `${base}/wecom/send?key=${KEY}` },
  );
  assert.equal(wecom.url, `${base.replace('http://', 'http://')}/…${KEY.slice(-4)}`);
  assert.ok(!JSON.stringify(wecom).includes(KEY));
  await saveWebhook(
    deps,
    zhou,
    { unitId: org.unitId },
    { kind: 'dingtalk', name: '科技局钉钉群', url: `${base}/ding?access_token=${KEY}` },
  );
  await saveWebhook(
    deps,
    zhou,
    { unitId: org.unitId },
    { kind: 'json', name: '坏掉的接收端', url: `${base}/fail/${KEY}` },
  );
  await saveWebhook(
    deps,
    egov,
    { unitId: org.officeId },
    { kind: 'json', name: '电子政务中心工单', url: `${base}/json` },
  );
  await assert.rejects(
    saveWebhook(deps, await org.actor('zhao'), { unitId: org.unitId }, { kind: 'json', name: 'x', url: `${base}/x` }),
    { status: 403 },
  );
  await assert.rejects(
    saveWebhook(deps, zhou, { unitId: org.unitId }, { kind: 'json', name: 'x', url: 'file:///etc/passwd' }),
    { status: 400, field: 'url' },
  );

  const [id] = (await recordObservations(deps, { siteId: site.id }, [outage(deps, site.id)])).opened;
  let now = deps.clock.now();
  const first = await deliverPending(deps, now);
  assert.deepEqual([first.sent, first.retrying, first.failed], [3, 1, 0]);
  const byPath = (p: string) => received.find((r) => r.path.startsWith(p))!.body as Record<string, any>;
  assert.equal(byPath('/wecom').msgtype, 'markdown');
  assert.match(byPath('/wecom').markdown.content, /^### 【读网值班】区科技局「区科技局网站」首页连续 3 次无法访问/);
  assert.deepEqual(Object.keys(byPath('/ding').markdown).sort(), ['text', 'title']);
  assert.match(byPath('/ding').markdown.title, /【读网值班】/);
  assert.deepEqual(
    [byPath('/json').event, byPath('/json').incident.id, byPath('/json').incident.target],
    ['watch.incident.open', id, { kind: 'site', siteId: site.id }],
  );

  for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
    assert.equal(
      (await deliverPending(deps, now)).retrying + (await deliverPending(deps, now)).failed,
      0,
      '未到重试时间不发送',
    );
    now = new Date(now.getTime() + retryDelayMs(attempt - 1));
    const r = await deliverPending(deps, now);
    assert.equal(attempt === MAX_ATTEMPTS ? r.failed : r.retrying, 1);
  }
  assert.equal(received.filter((r) => r.path.startsWith('/fail')).length, MAX_ATTEMPTS);
  assert.equal((await deliverPending(deps, new Date(now.getTime() + 3600000))).failed, 0);
  const detail = await getIncidentDetail(deps, egov, id);
  const failed = detail.deliveries.find((d) => d.state === 'failed')!;
  assert.deepEqual([failed.channel, failed.attempts, failed.lastError], ['json', MAX_ATTEMPTS, '机器人返回 HTTP 500']);
  assert.ok(!JSON.stringify(detail).includes(KEY), '事件详情不得泄露机器人地址');
  const ledger = await listLedger(deps.db, { action: 'watch.delivery_failed' });
  assert.equal(ledger.length, 1);
  assert.ok(!ledger[0].payload.includes(KEY));

  const mail = await deliverOutbox(deps);
  assert.equal(mail.sent, 3);
  await smtp.waitFor(3);
  assert.deepEqual(smtp.received.map((m) => m.to[0]).sort(), ['egov@office.test', 'zhao@kjj.test', 'zhou@kjj.test']);
  assert.match(smtp.received[0].subject, /【读网值班】区科技局「区科技局网站」/);
  const link = /请在 gongkai 读网值班「异常事件」中查看：http:\/\/localhost:8080\/watch\/incidents\/[0-9a-f-]{36}$/m;
  assert.match(smtp.received[0].text, link);
  assert.match(smtp.received[0].text, /监测：可用性·首页无法访问/);
  assert.doesNotMatch(smtp.received[0].text, /homepage-unreachable/);
  assert.equal((await deliverPending(deps, now)).mailSent, 3);
  const states = (await getIncidentDetail(deps, egov, id)).deliveries.map((d) => `${d.channel}:${d.state}`).sort();
  assert.deepEqual(
    states.filter((s) => s.startsWith('email')),
    ['email:sent', 'email:sent', 'email:sent'],
  );
});

test('机器人返回 errcode≠0 视为失败；超时和超大响应被截断', async () => {
  await assert.rejects(postWebhook(`${base}/robot-error`, { a: 1 }, { allowPrivate: true }), {
    code: 'ROBOT',
    message: '机器人返回错误 errcode=93000',
  });
  await assert.rejects(postWebhook(`${base}/slow`, { a: 1 }, { allowPrivate: true, timeoutMs: 300 }), {
    code: 'TIMEOUT',
  });
  await assert.rejects(postWebhook(`${base}/huge`, { a: 1 }, { allowPrivate: true }), { code: 'TOO_LARGE' });
});

test('防 SSRF：不允许内网时拒绝本机、内网、链路本地和映射地址，只接受 http(s)', async () => {
  const port = (server.address() as AddressInfo).port;
  const before = received.length;
  for (const url of [
    `${base}/json`,
    `http://localhost:${port}/json`,
    `http://[::ffff:127.0.0.1]:${port}/json`,
    `http://[::1]:${port}/json`,
  ]) {
    await assert.rejects(postWebhook(url, { a: 1 }, { allowPrivate: false }), { code: 'PRIVATE_ADDRESS' }, url);
  }
  await assert.rejects(postWebhook('ftp://example.com/x', {}, { allowPrivate: false }), { code: 'BAD_URL' });
  assert.equal(received.length, before, '被拒绝的请求一个也没有发出');
  for (const a of [
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    'fd00::1',
    'fe80::1',
    '224.0.0.1',
  ]) {
    assert.equal(isAllowedAddress(a, false), false, a);
  }
  assert.equal(isAllowedAddress('202.96.134.133', false), true);
  assert.equal(isAllowedAddress('2400:3200::1', false), true);
});
