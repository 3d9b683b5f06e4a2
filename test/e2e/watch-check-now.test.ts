// 立即检测 in a real browser: the e-gov center registers a fixture site (on 127.0.0.1, a hidden link planted on its
// homepage) through 监测总览. Before any check the site and every one of its lines say 未检测, never 正常; the
// center presses 立即检测 on the site page, the page follows the check until it is done, and then shows what every
// monitor found — the hidden link as 否决风险 — and the overview no longer counts the site as 未检测.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startGovSite, type GovSite } from '../fixtures/gov-site/server.ts';
import { VETO_LINES } from '../../src/watch/levels.ts';
import { openE2E, pickOption, screenshot, type E2E } from './browser.ts';

let e2e: E2E;
let gov: GovSite;
before(async () => {
  e2e = await openE2E({ env: { GONGKAI_WATCH_ALLOW_PRIVATE: '1' } }); // the fixture site is on 127.0.0.1
  gov = await startGovSite({ articles: 3 });
  gov.set({ hiddenLink: true });
});
after(async () => {
  await gov?.close();
  await e2e?.close();
});

test('立即检测：新登记的网站各项显示未检测，点击立即检测后页面等到检测完成并显示结果（暗链为否决风险）', async () => {
  const name = `测试站点${Math.random().toString(36).slice(2, 8)}`; // the test's own site among the demo's
  const page = await e2e.as('egov');
  await page.getByTestId('menu-watch-overview').click();
  await page.getByTestId('site-add').click();
  await pickOption(page, 'site-unit', '区科技局');
  await page.getByTestId('site-name').fill(name);
  await page.getByTestId('site-url').fill(gov.url);
  await page.getByTestId('site-form-submit').click();
  await page.getByTestId('site-form').waitFor({ state: 'detached' });

  // Registered a moment ago, nothing has judged it: 未检测 for the site and for every line, not 正常 — on its page
  // (where registering leads) and on the overview.
  await page.getByTestId('site-title').getByText(name).waitFor();
  assert.match(await page.getByTestId('site-title').innerText(), /未检测/);
  assert.doesNotMatch(await page.getByTestId('site-lines').innerText(), /正常|预警|否决风险/);
  await page.getByTestId('menu-watch-overview').click();
  const row = page.getByTestId(`site-row-${name}`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-level'), 'unchecked');
  for (const line of VETO_LINES) assert.equal(await row.getByTestId(`line-${line}`).innerText(), '未检测', line);
  await screenshot(page, '18-新登记网站未检测');
  await row.getByTestId('site-link').click();
  await page.getByTestId('site-title').getByText(name).waitFor();

  // 立即检测: the page says it is under way and follows it (no reload by hand) until the result is shown.
  await page.getByTestId('site-check').click();
  const result = page.locator('[data-testid="site-check-result"][data-state="done"]');
  await result.waitFor({ timeout: 120_000 });
  assert.match(await result.innerText(), /立即检测已完成（[^）]*发起[^）]*完成）：\d+ 项检查，\d+ 项预警或否决风险/);
  const lines = page.getByTestId('site-lines');
  await lines.getByText(/暗链/).first().waitFor();
  assert.match(await lines.innerText(), /防篡改与暗链\s+否决风险/);
  // Every line was judged by the check — a clean 智能校对 too — none is left at 未检测.
  assert.doesNotMatch(await lines.innerText(), /未检测/);
  assert.match(await page.getByTestId('site-title').innerText(), /否决风险/);
  assert.ok(gov.hits.get('/'), '立即检测没有访问该网站首页');
  await screenshot(page, '19-立即检测完成');

  // The overview judges the site from the check: the site is at 否决风险, and its homepage line has been judged.
  await page.getByTestId('menu-watch-overview').click();
  await row.waitFor();
  assert.equal(await row.getAttribute('data-level'), 'veto');
  assert.equal(await row.getByTestId('line-integrity').innerText(), '否决风险');
  for (const line of VETO_LINES) assert.notEqual(await row.getByTestId(`line-${line}`).innerText(), '未检测', line);
  assert.deepEqual(e2e.consoleErrors, []);
});
