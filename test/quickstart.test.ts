// The README's quick start on a machine where gongkai has never run: `npm start` (bin/gongkai.js serve, the compiled
// dist/ that `npm ci` builds) on an empty database migrates it, loads the demo data — including files the code reads
// beside itself, which the compiler does not copy — and serves the UI, the API and the public pages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SEED_CATALOG_2022 } from '../src/decisions/demo.ts';
import { DEMO_PASSWORD } from '../src/org/demo-data.ts';
import { type Served, serveUntilReady } from './support/serve.ts';
import { createTestDeps, type TestDeps } from './support/testdb.ts';

let empty: TestDeps;
let server: Served;
before(async () => {
  empty = await createTestDeps({}, { migrate: false });
  server = await serveUntilReady({ ...empty.cliEnv, GONGKAI_DEMO: '1', LOG_LEVEL: 'warn' });
});
after(async () => {
  await server?.stop();
  await empty?.close();
});

test('npm start 在空数据库上：迁移、载入演示数据，演示账号可以登录', { timeout: 180_000 }, async () => {
  const login = await fetch(`${server.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'egov', password: DEMO_PASSWORD }),
  });
  assert.equal(login.status, 200, `${await login.clone().text()}\n${server.stderr()}`);
  const home = await fetch(`${server.base}/`);
  assert.equal(home.status, 200);
  assert.match(await home.text(), /<div id="root">/);
});

test('npm start 在空数据库上：演示的 2022 年重大行政决策事项目录在公开页面上', { timeout: 180_000 }, async () => {
  const page = await fetch(`${server.base}/yijian/mulu`);
  assert.equal(page.status, 200);
  const html = await page.text();
  // Every decision of the seed's table (序号 \t 类别 \t 决策事项 \t …) is listed.
  const titles = SEED_CATALOG_2022.split('\n')
    .filter((line) => /^\d+\t/.test(line))
    .map((line) => line.split('\t')[2]);
  assert.equal(titles.length, 15);
  for (const title of titles) assert.ok(html.includes(title), `目录页应列出“${title}”`);
});
