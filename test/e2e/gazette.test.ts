// 政府公报 in a real browser: the 公报室 compiles an issue on its screens (new issue, a published 公文 found by title
// and placed in its section, the 索引号 added to its elements, the 目录 page number from the typeset pages), submits
// it; the reviewers act through the services (their screens are review-chain.test.ts's); the released issue is read
// on /gongbao without login, and the /gongbao pages pass axe-core's WCAG 2.1 AA checks (no serious or critical).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/org/demo.ts';
import { createUser, listChannels, listColumns, listSections, loadActor } from '../../src/org/service.ts';
import { giveOpinion } from '../../src/publish/secrecy-step.ts';
import { approveItem, draftItem, submitItem } from '../../src/publish/service.ts';
import { fixtureText, proofread } from '../support/gazette-fixtures.ts';
import { DISCLOSE, disclosureAt } from '../support/publish-fixtures.ts';
import { clickAndSee, openE2E, pickOption, screenshot, type E2E } from './browser.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TITLE = '重庆市綦江区人民政府办公室关于印发政府网站和政务新媒体信息发布';
const INDEX_NUMBER = '11500222009300383T/2022-00065';

let e2e: E2E;
before(async () => {
  e2e = await openE2E();
});
after(async () => {
  await e2e?.close();
});

const actor = async (username: string) => {
  const { id } = await e2e.deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return (await loadActor(e2e.deps.db, id))!;
};

/** 一审 a 工作人员, 二审 the 秘书科科长, 保密审查, 三审 the 分管领导 of 区政府办公室, each through the service. */
async function reviewChain(itemId: string): Promise<void> {
  const r = { opinion: '同意', proofreading: '已校对', standardsAttested: true, revision: 1, itemId };
  await approveItem(e2e.deps, await actor('ban.staff'), { ...r, level: 1, disclosure: disclosureAt(1) });
  await approveItem(e2e.deps, await actor('ban.section'), { ...r, level: 2, disclosure: disclosureAt(2) });
  await giveOpinion(e2e.deps, await actor('ban.secrecy'), { itemId, revision: 1, ...DISCLOSE, basisIds: ['ogi-19'] });
  const done = await approveItem(e2e.deps, await actor('ban.leader'), { ...r, level: 3 });
  assert.equal(done.stage, 'published');
}

/** The 公文 the issue will carry: 綦江府办〔2022〕65号, drafted by a second 工作人员 of the office and published. */
async function publishedDocument(): Promise<void> {
  const unitId = (await actor('ban.staff')).unitId;
  await createUser(e2e.deps, 'system', {
    username: 'ban.drafter',
    displayName: '起草人',
    unitId,
    password: DEMO_PASSWORD,
    roles: ['staff'],
  });
  const staff = await actor('ban.drafter');
  const [section] = await listSections(e2e.deps.db, staff.unitId);
  const site = (await listChannels(e2e.deps.db, staff.unitId)).find((c) => c.kind === 'website')!;
  const [column] = await listColumns(e2e.deps.db, site.id);
  const item = await draftItem(e2e.deps, staff, {
    title: '关于印发政府网站和政务新媒体信息发布“三审三校”工作制度等的通知',
    body: { format: 'text', content: proofread(fixtureText('3-fuban-65')) },
    sectionId: section.id,
    channels: [{ channelId: site.id, columnId: column.id }],
    itemType: 'original',
    major: false,
  });
  await submitItem(e2e.deps, staff, { itemId: item.id, revision: 1 });
  await reviewChain(item.id);
}

/** axe-core's WCAG 2.0/2.1 A and AA rules on the page as shown; fails on serious or critical violations. */
async function axe(page: Page): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(o: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: unknown[] }[] }>;
      };
    };
    const r = await w.axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${page.url()} 未通过 WCAG 2.1 AA：${JSON.stringify(bad)}`);
}

test('公报室在界面上编一期公报并报审；三审通过后在网上公报阅读、检索，页面通过 WCAG 2.1 AA 检查', async () => {
  await publishedDocument();
  const office = await e2e.as('gazette');
  await office.getByTestId('menu-gazette').click();
  await office.getByTestId('issue-table').waitFor();
  await office.getByTestId('issue-new').click();
  await office.getByTestId('issue-year').fill('2022');
  await office.getByTestId('issue-number').fill('11');
  await office.getByTestId('issue-total').fill('129');
  await office.getByTestId('issue-date').fill('2022-12-10');
  await office.getByTestId('issue-create').click();
  await office.getByRole('heading', { name: '2022年第11期（总第129期）' }).waitFor();

  await pickOption(office, 'entry-section', '区政府办公室文件');
  await office.getByPlaceholder('按标题查找已发布的公文').fill('三审三校');
  await office.getByPlaceholder('按标题查找已发布的公文').press('Enter');
  await office
    .getByTestId('published-hits')
    .getByRole('button', { name: /编\s?入/ })
    .click();
  const row = office.getByTestId('issue-toc').getByRole('row').filter({ hasText: TITLE });
  await row.getByText('綦江府办〔2022〕65号').waitFor();
  await row.getByTestId('toc-page').getByText('1', { exact: true }).waitFor(); // from the typeset pages

  await row.getByTestId('entry-edit').click();
  await office.getByTestId('doc-indexNumber').fill(INDEX_NUMBER);
  await clickAndSee(office, office.getByTestId('entry-save'), office.getByText('已保存公文要素'));
  await office.keyboard.press('Escape');
  await screenshot(office, '40-公报室-编辑一期');

  const [pdf] = await Promise.all([office.waitForEvent('download'), office.getByTestId('pdf-a4').click()]);
  assert.match(pdf.suggestedFilename(), /2022年第11期.*A4\.pdf$/);

  await office.getByTestId('issue-submit').click();
  await office
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /报\s?送/ })
    .click();
  await office.getByTestId('issue-status').getByText('审核中').waitFor();
  const { item_id: itemId } = await e2e.deps.db
    .selectFrom('gazette_issues')
    .select('item_id')
    .where('total_number', '=', 129)
    .executeTakeFirstOrThrow();
  await reviewChain(itemId!);
  await office.reload();
  await office.getByTestId('issue-status').getByText('已发布').waitFor();
  await screenshot(office, '41-公报室-已发布');
  const online = await office.getByTestId('issue-online').getAttribute('href');
  assert.equal(online, '/gongbao/129');

  // The online edition, as anyone reads it: a fresh context, no session.
  // bypassCSP: only so that axe-core's source can be injected (the pages allow no inline script).
  const context = await e2e.browser.newContext({ baseURL: e2e.baseUrl, locale: 'zh-CN', bypassCSP: true });
  const reader = await context.newPage();
  await reader.goto('/gongbao');
  await reader.getByRole('link', { name: '2022年第11期（总第129期）' }).click();
  await reader.getByRole('heading', { name: '目　录' }).waitFor();
  await axe(reader);
  await screenshot(reader, '42-网上公报-目录');
  await reader.getByRole('link', { name: new RegExp(TITLE) }).click();
  await reader.getByText(INDEX_NUMBER).waitFor();
  await reader.getByText('綦江府办〔2022〕65号').first().waitFor();
  await axe(reader);
  await screenshot(reader, '43-网上公报-公文');
  await reader.goto('/gongbao');
  await reader.getByRole('textbox', { name: '检索词' }).fill('读网值班');
  await reader.getByRole('button', { name: '检索' }).click();
  await reader.getByRole('link', { name: new RegExp(TITLE) }).waitFor();
  await axe(reader);
  await reader.goto('/gongbao/999');
  await reader.getByRole('heading', { name: '页面不存在' }).waitFor();
  await axe(reader);
  await context.close();
  assert.deepEqual(e2e.consoleErrors, []);
});
