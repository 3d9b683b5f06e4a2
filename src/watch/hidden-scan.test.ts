// 暗链 on the fixture site: every planted technique (test/fixtures/gov-site/dark-links.ts) is found on its own page
// with the technique in Chinese and the rule that hides it, cloaking included; a page using the same CSS for
// ordinary UI raises nothing. External stylesheets are fetched once per run, print stylesheets never.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CLOAKED, DARK_TECHNIQUES } from '../../test/fixtures/gov-site/dark-links.ts';
import { startGovSite, type GovSite } from '../../test/fixtures/gov-site/server.ts';
import { fixtureOptions, fixtureSpec } from '../../test/fixtures/gov-site/spec.ts';
import type { HiddenLink } from './rules/hidden-links.ts';
import { runSiteChecks } from './run.ts';

let site: GovSite;
before(async () => {
  site = await startGovSite();
});
after(() => site.close());

async function hiddenLinks(faults: Parameters<GovSite['set']>[0]) {
  site.set(faults);
  site.resetCounters();
  try {
    const r = await runSiteChecks(fixtureSpec(site), fixtureOptions({ content: false }));
    assert.deepEqual(r.stats.errors, []);
    const o = r.observations.find((x) => x.rule === 'hidden-link');
    assert.ok(o);
    return { o, links: o.details.links as (HiddenLink & { on: string[] })[] };
  } finally {
    site.reset();
  }
}

test('暗链：每种隐藏手法各在自己的页面上被发现，并给出中文手法说明和隐藏它的规则', async () => {
  const { o, links } = await hiddenLinks({ darkLinks: true });
  const byHost = new Map(links.map((l) => [new URL(l.url).hostname, l]));
  for (const t of DARK_TECHNIQUES) {
    const link = byHost.get(`${t.slug}.spam.example`);
    assert.ok(link, `${t.slug} 未被发现`);
    assert.deepEqual(link.on, [`${site.url}dark/${t.slug}.html`], t.slug);
    assert.match(link.reason, t.expect, t.slug);
    assert.match(link.technique, /[\u4e00-\u9fff]/, t.slug);
  }
  const cloaked = links.find((l) => l.url === CLOAKED.url);
  assert.ok(cloaked, '伪装（cloaking）未被发现');
  assert.match(cloaked.reason, CLOAKED.expect);
  assert.deepEqual(cloaked.on, [site.url]);
  // nothing else: not the clean page's links, not the visible link to the partner site in every footer
  assert.equal(links.length, DARK_TECHNIQUES.length + 1);
  assert.deepEqual([o.level, o.incident], ['veto', true]);
  for (const t of ['display:none', 'visibility:hidden', '对搜索引擎伪装', '内联脚本 document.write 写入的链接'])
    assert.ok(o.summary.split('手法：')[1].split('、').includes(t), t);
  // two pages share theme.css (which imports imported.css): each fetched once in the run; the print sheet never
  assert.equal(site.hits.get('/dark/theme.css'), 1);
  assert.equal(site.hits.get('/dark/imported.css'), 1);
  assert.equal(site.hits.get('/dark/print.css'), undefined);
});

test('不是暗链：跳转链接、视觉隐藏的标签、悬停菜单、图片替换的标志、零字号图标行、深色栏的白色链接', async () => {
  const { o, links } = await hiddenLinks({ cleanUi: true });
  assert.equal(site.hits.get('/dark/clean.html'), 1);
  assert.equal(site.hits.get('/dark/ui.css'), 1);
  assert.deepEqual(links, []);
  assert.deepEqual([o.level, o.incident, o.summary], ['ok', false, '未发现暗链']);
});
