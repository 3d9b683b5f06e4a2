// The crawler's limits: pages, depth, requests in flight, robots.txt; every link target checked once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startGovSite, type GovSite } from '../../test/fixtures/gov-site/server.ts';
import { crawlSite } from './crawl.ts';
import { createFetcher } from './fetch.ts';

let site: GovSite;
before(async () => {
  site = await startGovSite({ articles: 300 });
});
after(() => site.close());
const fetcher = () => createFetcher({ allowPrivate: true, resolve: async () => ['127.0.0.1'] });

test('页面数上限、深度上限；超出上限的本站页面只检查不抓取', async () => {
  const f = fetcher();
  const visited: string[] = [];
  const r = await crawlSite(f, site.url, { maxDepth: 10, maxPages: 25, concurrency: 4 }, ({ url }) => {
    visited.push(url);
  });
  assert.equal(r.pages, 25);
  assert.ok(visited.length <= 25);
  const shallow: number[] = [];
  await crawlSite(f, site.url, { maxDepth: 1, maxPages: 1000, concurrency: 4 }, ({ depth }) => {
    shallow.push(depth);
  });
  assert.equal(Math.max(...shallow), 1);
  assert.ok(shallow.length > 10);
  await f.close();
});

test('同时进行的请求不超过并发数；每个链接只检查一次；robots.txt 禁止的不请求', async () => {
  site.resetCounters();
  site.set({ slow: 2 }); // each answer waits, so that requests overlap at the server
  const f = fetcher();
  const r = await crawlSite(f, site.url, { maxDepth: 1000, maxPages: 10_000, concurrency: 3 }, () => {});
  site.reset();
  assert.equal(site.maxInFlight(), 3);
  assert.ok(r.pages > 300);
  const repeated = [...site.hits].filter(([p, n]) => n > 1 && p !== '/robots.txt');
  assert.deepEqual(repeated, []);
  assert.equal(site.hits.get('/admin/login.html'), undefined);
  assert.equal(r.targets.get(`${site.url}admin/login.html`)?.skipped, 'robots.txt 不允许抓取');
  assert.ok(r.targets.get(`${site.url}art/ywdt/1.html`)!.onCount >= 2);
  await f.close();
});
