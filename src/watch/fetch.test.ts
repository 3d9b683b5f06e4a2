// Safe fetching against the fixture site on loopback: the SSRF rules, the caps and every hostile answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { startGovSite, type GovSite } from '../../test/fixtures/gov-site/server.ts';
import { isPublicAddress } from './address.ts';
import { createFetcher, withoutCredentials } from './fetch.ts';

let site: GovSite;
before(async () => {
  site = await startGovSite();
});
after(() => site.close());
const local = () =>
  createFetcher({ allowPrivate: true, resolve: async (h) => (h === 'localhost' ? ['127.0.0.1'] : []) });

test('公网单播地址可访问；本机、内网、链路本地、组播、运营商 NAT 地址不可', () => {
  for (const a of ['8.8.8.8', '2400:3200::1', '::ffff:8.8.8.8']) assert.ok(isPublicAddress(a), a);
  for (const a of [
    '127.0.0.1',
    '10.1.2.3',
    '192.168.0.1',
    '172.16.5.5',
    '169.254.169.254',
    '224.0.0.1',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fc00::1',
    '::ffff:127.0.0.1',
    'not-an-ip',
  ])
    assert.ok(!isPublicAddress(a), a);
});

test('默认拒绝本机地址，包括解析到本机的域名（不发出请求）', async () => {
  const f = createFetcher({ resolve: async () => ['127.0.0.1'] });
  const before = site.hits.get('/') ?? 0;
  const direct = await f.fetch(site.url);
  assert.equal(direct.ok, false);
  assert.equal(direct.errorCode, 'blocked-address');
  assert.match(direct.error!, /内网、本机或保留地址/);
  const named = await f.fetch(`http://gov.example:${site.port}/`);
  assert.equal(named.errorCode, 'blocked-address');
  assert.equal(site.hits.get('/') ?? 0, before);
  await f.close();
});

test('DNS 重绑定：检查时是公网地址、连接时改为本机，也连不到本机', async () => {
  let calls = 0;
  const f = createFetcher({
    resolve: async () => (calls++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']),
    timeoutMs: 1500,
  });
  const r = await f.fetch(`http://rebind.example:${site.port}/`);
  assert.equal(r.ok, false);
  assert.notEqual(r.status, 200);
  assert.equal(calls, 1, 'the connect-time lookup reuses the checked answer');
  await f.close();
});

test('只允许 http(s)；域名不存在时给出中文原因；网址中的账号密码不出现在结果里', async () => {
  const f = local();
  assert.equal((await f.fetch('file:///etc/passwd')).errorCode, 'bad-url');
  assert.equal((await f.fetch('not a url')).errorCode, 'bad-url');
  const nx = await f.fetch('http://expired.example/');
  assert.equal(nx.errorCode, 'dns-not-found');
  assert.match(nx.error!, /不存在/);
  const r = await f.fetch(`http://admin:s3cret@127.0.0.1:${site.port}/about.html`);
  assert.equal(r.ok, true);
  assert.doesNotMatch(JSON.stringify({ ...r, body: '' }), /s3cret|admin:/);
  assert.equal(withoutCredentials('http://u:p@host/x'), 'http://host/x');
  await f.close();
});

test('正常页面：状态、最终网址、正文；HEAD 不读正文', async () => {
  const f = local();
  const r = await f.fetch(site.url);
  assert.equal(r.ok, true);
  assert.equal(r.status, 200);
  assert.match(r.body!, /重庆市綦江区人民政府/);
  const head = await f.fetch(`${site.url}files/5.pdf`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.body, undefined);
  const missing = await f.fetch(`${site.url}nothing.html`);
  assert.deepEqual([missing.ok, missing.status, missing.errorCode], [false, 404, 'http']);
  await f.close();
});

test('故障：500、超时、循环重定向、超大响应都返回结果而不抛出，且有时间上限', async () => {
  const f = local();
  site.set({ status500: true });
  assert.deepEqual([(await f.fetch(site.url)).status, (await f.fetch(site.url)).ok], [500, false]);
  site.reset();
  site.set({ redirectLoop: true });
  const loop = await f.fetch(site.url);
  assert.equal(loop.errorCode, 'too-many-redirects');
  assert.match(loop.error!, /重定向超过 5 次/);
  site.reset();
  site.set({ hugeBody: true });
  const huge = await f.fetch(site.url, { maxBytes: 1024 * 1024 });
  assert.equal(huge.errorCode, 'too-large');
  assert.equal(huge.body, undefined);
  site.reset();
  site.set({ timeout: true });
  const t0 = Date.now();
  const slow = await f.fetch(site.url, { timeoutMs: 400 });
  assert.equal(slow.errorCode, 'timeout');
  assert.ok(Date.now() - t0 < 2000);
  site.reset();
  await f.close();
});

test('重定向的每一跳都重新检查：跳到不允许的主机即停止', async () => {
  const f = local();
  site.set({ redirectLoop: true });
  const r = await f.fetch(site.url, { allowedHosts: ['127.0.0.1'], maxRedirects: 1 });
  assert.equal(r.errorCode, 'too-many-redirects');
  site.reset();
  const other = await f.fetch(`${site.otherHost}/r1`, { allowedHosts: ['127.0.0.1'] });
  assert.equal(other.errorCode, 'host-not-allowed');
  await f.close();
});

test('服务器关闭空闲长连接：复用的连接被重置时，GET 和 HEAD 在新连接上重试一次，不报无法访问', async () => {
  // Like a site with a very short keep-alive under load: each connection answers its first request and is reset
  // when a second request arrives on it. `always` resets every request, to show that the retry happens once.
  let always = false;
  const served: string[] = [];
  const connections = new Set<string>();
  const server = http.createServer((req, res) => {
    const socket = req.socket as Socket & { requests?: number };
    socket.requests = (socket.requests ?? 0) + 1;
    connections.add(`${socket.remotePort}`);
    if (always || socket.requests > 1) {
      served.push(`reset ${req.method}`);
      socket.resetAndDestroy();
      return;
    }
    served.push(`ok ${req.method}`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': '6' }).end('<p>好');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/page.html`;
  const f = createFetcher({ allowPrivate: true, connections: 1 });
  try {
    const first = await f.fetch(url);
    const second = await f.fetch(url);
    const head = await f.fetch(url, { method: 'HEAD' });
    assert.deepEqual(
      [first, second, head].map((r) => [r.ok, r.status, r.errorCode]),
      [
        [true, 200, undefined],
        [true, 200, undefined],
        [true, 200, undefined],
      ],
    );
    assert.equal(second.body, '<p>好');
    assert.ok(served.includes('reset GET'), 'the second GET met a connection the server reset');
    assert.ok(connections.size >= 3, 'each retry went out on a new connection');
    always = true;
    served.length = 0;
    const down = await f.fetch(url);
    assert.equal(down.errorCode, 'network');
    assert.match(down.error!, /连接失败/);
    assert.deepEqual(served, ['reset GET', 'reset GET'], 'one retry, not more');
  } finally {
    await f.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
