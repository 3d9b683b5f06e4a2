// Dead links against the fixture site: 429, 503 and timeouts are retried once and then 无法确认 (listed apart, not
// dead) until they fail the same way on three runs; one host never gets more than the polite number of requests.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startGovSite, type GovSite } from '../../../test/fixtures/gov-site/server.ts';
import { fixtureOptions, fixtureSpec } from '../../../test/fixtures/gov-site/spec.ts';
import { runSiteChecks } from '../run.ts';
import { UNSURE_RUNS } from './links.ts';

let site: GovSite;
before(async () => {
  site = await startGovSite();
});
after(() => site.close());

const options = fixtureOptions({ timeoutMs: 600, retryCapMs: 200, content: false, maxPages: 40 });
type Result = Awaited<ReturnType<typeof runSiteChecks>>;
const ruleOf = (r: Result, rule: string) => r.observations.filter((o) => o.rule === rule);

test('429、503 和超时重试一次后记为“无法确认”，单独列出，连续三次巡检仍如此才计为死链', async () => {
  site.set({ unsureLinks: true, deadLink: true });
  const UNSURE = ['/busy', '/maintenance', '/slow-page'];
  const deadOf = (r: Result) => ruleOf(r, 'dead-link').map((o) => new URL(o.details.url as string).pathname);
  site.resetCounters();
  const first = await runSiteChecks(fixtureSpec(site), options);
  const dead = deadOf(first);
  assert.ok(dead.includes('/files/missing.pdf'), '404 仍是死链');
  assert.deepEqual(
    dead.filter((p) => UNSURE.includes(p) || p === '/busy-once'),
    [],
    '429、503、超时不是死链',
  );
  const [unsure] = ruleOf(first, 'unconfirmed-links');
  const links = unsure.details.links as { url: string; error: string; streak: number }[];
  assert.deepEqual(links.map((l) => new URL(l.url).pathname).sort(), ['/busy', '/maintenance', '/slow-page']);
  assert.ok(links.every((l) => l.streak === 1));
  assert.match(unsure.summary, /无法确认 3 个链接/);
  assert.equal(site.hits.get('/busy'), 2, '重试一次（Retry-After: 120 按上限缩短）');
  assert.equal(site.hits.get('/busy-once'), 2, '按 Retry-After 重试后可访问，不列入');
  assert.match(ruleOf(first, 'dead-links')[0].summary, new RegExp(`死链 ${dead.length} 个.*无法确认 3 个`));

  let streaks = unsure.details.streaks as Record<string, number>;
  for (let run = 2; run <= UNSURE_RUNS; run++) {
    const r = await runSiteChecks(fixtureSpec(site, { unconfirmedStreaks: streaks }), options);
    streaks = ruleOf(r, 'unconfirmed-links')[0].details.streaks as Record<string, number>;
    const deadNow = deadOf(r)
      .filter((p) => UNSURE.includes(p))
      .sort();
    if (run < UNSURE_RUNS) assert.deepEqual(deadNow, []);
    else {
      assert.deepEqual(deadNow, UNSURE);
      assert.match(
        ruleOf(r, 'dead-link').find((o) => String(o.details.url).endsWith('/busy'))!.summary,
        /连续 3 次巡检/,
      );
    }
  }
  site.reset();
});

test('礼貌抓取：同一主机同时不超过设定的请求数', async () => {
  site.set({ slow: 5 });
  site.resetCounters();
  await runSiteChecks(fixtureSpec(site), { ...options, concurrency: 8, hostConcurrency: 1, maxPages: 30 });
  // One request at a time per host name: the fixture answers as 127.0.0.1 and as localhost (its "other site").
  assert.equal(site.maxInFlight(), 2);
  site.reset();
});
