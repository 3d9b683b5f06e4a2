// 三审三校 and 保密审查 in a real browser: people sign in as themselves and do their step on the screens they use.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Page } from 'playwright-core';
import { clickAndSee, openE2E, pickColumn, pickOption, screenshot, type E2E } from './browser.ts';
import { test } from '../support/shard.ts';

let e2e: E2E;
before(async () => {
  e2e = await openE2E();
});
after(async () => {
  await e2e?.close();
});

const CLEAN_BODY = '区科技局组织开展科技活动周，面向中小学生开放实验室，展示科技创新成果。活动为期三天，欢迎市民参加。';

/** The staff member drafts an item on the editor screen and saves it; returns the item's path. */
async function draft(page: Page, title: string, body: string, opts: { major?: boolean } = {}): Promise<string> {
  await page.goto('/items/new');
  await page.getByTestId('title').fill(title);
  await pickOption(page, 'section', '办公室');
  await pickColumn(page, 'channels', '区科技局网站', '工作动态');
  if (opts.major) await page.getByTestId('major').click();
  await page.getByTestId('body-editor').fill(body);
  await page.getByTestId('save').click();
  await page.waitForURL(/\/items\/[^/]+\/edit$/);
  await page.getByTestId('proof-text').waitFor();
  return new URL(page.url()).pathname.replace(/\/edit$/, '');
}

async function stageOf(page: Page): Promise<string | null> {
  return page.getByTestId('stage').first().getAttribute('data-stage');
}

const stageShown = (page: Page, stage: string) => page.locator(`[data-testid="stage"][data-stage="${stage}"]`).first();

async function expectStage(page: Page, stage: string): Promise<void> {
  await stageShown(page, stage).waitFor();
}

/** Approves the awaiting level on the item page; levels 1 and 2 also give the disclosure opinion 公开. */
async function approve(page: Page, itemPath: string, opts: { disclosure?: boolean; then: string }): Promise<void> {
  await page.goto(itemPath);
  const form = page.getByTestId('review-form');
  await form.waitFor();
  await page.getByTestId('review-opinion').fill('同意发布。');
  await page.getByTestId('review-proofreading').fill('已核对文字、数据与日期。');
  if (opts.disclosure) {
    await pickOption(page, 'opinion-select', /^公开$/);
    await pickOption(page, 'basis-select', '政府信息公开条例');
    await page.getByTestId('opinion-reason').fill('属于主动公开的工作动态，不涉及国家秘密和个人信息。');
  }
  await page.getByTestId('attest').check();
  await clickAndSee(page, page.getByTestId('approve'), stageShown(page, opts.then));
}

async function secrecyOpinion(page: Page, itemPath: string, then: string): Promise<void> {
  await page.goto(itemPath);
  await page.getByTestId('secrecy-form').waitFor();
  await pickOption(page, 'opinion-select', /^公开$/);
  await pickOption(page, 'basis-select', '政府信息公开条例');
  await page.getByTestId('opinion-reason').fill('经审查不涉及国家秘密、工作秘密和个人隐私。');
  await clickAndSee(page, page.getByTestId('secrecy-submit'), stageShown(page, then));
}

test('一般稿件：起草人、科室负责人、保密工作机构、分管领导四人在浏览器中走完全程并发布', async () => {
  const login = await e2e.browser.newPage({ viewport: { width: 1366, height: 768 } });
  await login.goto(e2e.baseUrl);
  await login.getByLabel('用户名').waitFor();
  await screenshot(login, '01-登录');
  await login.close();

  const staff = await e2e.as('kjj.staff');
  const item = await draft(staff, '区科技局举办2026年科技活动周', CLEAN_BODY);
  await screenshot(staff, '03-稿件编辑');
  await staff.getByTestId('submit').click();
  await staff.waitForURL(new RegExp(`${item}$`));
  await expectStage(staff, 'level1');
  await approve(staff, item, { disclosure: true, then: 'level2' }); // 本单位允许起草人做一审一校

  const section = await e2e.as('kjj.section');
  await section.getByTestId('task-link').filter({ hasText: '科技活动周' }).waitFor();
  await screenshot(section, '02-工作台');
  await section.getByTestId('task-link').filter({ hasText: '科技活动周' }).click();
  await section.getByTestId('review-form').waitFor();
  await screenshot(section, '04-审核');
  await approve(section, item, { disclosure: true, then: 'secrecy' });

  const secrecy = await e2e.as('kjj.secrecy');
  await secrecy.goto(item);
  await secrecy.getByTestId('secrecy-form').waitFor();
  await screenshot(secrecy, '05-保密审查');
  await secrecyOpinion(secrecy, item, 'level3');

  const leader = await e2e.as('kjj.leader');
  await approve(leader, item, { then: 'published' });
  await leader.getByRole('tab', { name: /审核记录/ }).click();
  assert.equal(await leader.getByTestId('step').count(), 3);
  await leader.goto(`${item}/signoff`);
  await leader.getByText('信息发布审签单').first().waitFor();
  await screenshot(leader, '07-审签单');

  // Online now: the author records where, for 读网值班 to compare the live page with the approved text.
  const live = 'https://kjj.example.gov.cn/art/2026/kjhdz.html';
  await staff.goto(item);
  await staff.getByTestId('live-url-input').fill(live);
  await staff.getByTestId('live-url-save').click();
  await staff.getByText('已登记发布网址').waitFor();
  const history = await e2e.deps.db
    .selectFrom('publications')
    .select('live_url')
    .where('item_id', '=', item.split('/').pop()!)
    .execute();
  assert.ok(
    history.some((p) => p.live_url === live),
    JSON.stringify(history),
  );
  assert.deepEqual(e2e.consoleErrors, []);
});

test('重大事项：分管领导通过后还须主要领导审定才发布', async () => {
  const staff = await e2e.as('kjj.staff');
  const item = await draft(staff, '关于调整区级科技专项资金管理办法的通知', CLEAN_BODY, { major: true });
  await clickAndSee(staff, staff.getByTestId('submit'), stageShown(staff, 'level1'));
  await approve(staff, item, { disclosure: true, then: 'level2' });
  await approve(await e2e.as('kjj.section'), item, { disclosure: true, then: 'secrecy' });
  await secrecyOpinion(await e2e.as('kjj.secrecy'), item, 'level3');
  const leader = await e2e.as('kjj.leader');
  await approve(leader, item, { then: 'level4' });
  assert.equal(await stageOf(leader), 'level4');
  await approve(await e2e.as('kjj.principal'), item, { then: 'published' });
  assert.deepEqual(e2e.consoleErrors, []);
});

test('退回与重新提交：科室负责人退回，起草人修改形成新版本，从一审重新开始，修改对比可见', async () => {
  const staff = await e2e.as('kjj.staff');
  const item = await draft(staff, '区科技局开展科技特派员下乡服务', CLEAN_BODY);
  await clickAndSee(staff, staff.getByTestId('submit'), stageShown(staff, 'level1'));
  await approve(staff, item, { disclosure: true, then: 'level2' });

  const section = await e2e.as('kjj.section');
  await section.goto(item);
  await section.getByTestId('review-opinion').fill('请补充服务的镇街名单。');
  await clickAndSee(section, section.getByTestId('return'), stageShown(section, 'returned'));

  await staff.goto('/');
  await staff.getByTestId('my-items').getByText('区科技局开展科技特派员下乡服务').click();
  await expectStage(staff, 'returned');
  await staff.getByTestId('edit').click();
  await staff.getByTestId('body-editor').fill(`${CLEAN_BODY}服务覆盖东溪镇、打通镇。`);
  await staff.getByTestId('save').click();
  await staff.getByText('已保存为第 2 版').waitFor();
  await clickAndSee(staff, staff.getByTestId('submit'), stageShown(staff, 'level1')); // the chain restarts at level 1
  await staff.getByRole('tab', { name: '修改对比' }).click();
  assert.match(
    await staff
      .getByTestId('diff')
      .locator('.diff-insert')
      .allInnerTexts()
      .then((t) => t.join('')),
    /东溪镇、打通镇/,
  );
  await staff.getByRole('tab', { name: /审核记录/ }).click();
  await staff.getByText('请补充服务的镇街名单。').waitFor();
  assert.deepEqual(e2e.consoleErrors, []);
});

test('严重表述错误阻止提交：校对结果在正文中标出，修改后才能提交', async () => {
  const staff = await e2e.as('kjj.staff');
  await draft(staff, '学习贯彻宪法精神', '全区干部认真学习中华人民共合国宪法，增强法治意识。');
  const serious = staff.locator('[data-testid="finding"][data-severity="serious"]');
  await serious.first().waitFor();
  assert.match(await serious.first().innerText(), /中华人民共合国[\s\S]*中华人民共和国/);
  assert.equal(await staff.locator('[data-testid="proof-text"] mark.sev-serious').innerText(), '中华人民共合国');
  await staff.getByTestId('blocking').waitFor();
  assert.equal(await staff.getByTestId('submit').isDisabled(), true);
  await screenshot(staff, '06-智能校对');

  await staff.getByTestId('body-editor').fill('全区干部认真学习中华人民共和国宪法，增强法治意识。');
  await staff.getByTestId('save').click();
  await staff.getByText('已保存为第 2 版').waitFor();
  assert.equal(await serious.count(), 0);
  await clickAndSee(staff, staff.getByTestId('submit'), stageShown(staff, 'level1'));
  assert.deepEqual(e2e.consoleErrors, []);
});

test('起草人对严重问题只能建议忽略：二审同意忽略前不能通过二审；审签单列出建议人和同意人', async () => {
  const staff = await e2e.as('kjj.staff');
  const item = await draft(staff, '学习宪法精神座谈会', '全区干部认真学习中华人民共合国宪法，增强法治意识。');
  const serious = staff.locator('[data-testid="finding"][data-severity="serious"]');
  await serious.getByTestId('finding-dismiss').click();
  await staff.getByTestId('dismiss-reason').fill('我认为没问题');
  await staff.getByTestId('dismiss-confirm').click();
  await staff.locator('[data-testid="finding"][data-status="proposed"]').waitFor();
  assert.match(await serious.getByTestId('finding-status').innerText(), /待二审确认/);
  await staff.getByTestId('pending-proposals').waitFor();
  await staff.getByTestId('submit').click();
  await expectStage(staff, 'level1');
  await approve(staff, item, { disclosure: true, then: 'level2' });

  const section = await e2e.as('kjj.section');
  await section.goto(item);
  await section.getByTestId('review-blocking').waitFor();
  assert.equal(await section.getByTestId('approve').isDisabled(), true);
  await section.getByRole('tab', { name: /智能校对/ }).click();
  await section.getByTestId('finding-accept').click();
  await section.locator('[data-testid="finding"][data-severity="serious"][data-status="dismissed"]').waitFor();
  await approve(section, item, { disclosure: true, then: 'secrecy' });
  await section.goto(`${item}/signoff`);
  const row = section.getByTestId('signoff-dismissal');
  await row.waitFor();
  assert.match(
    await row.innerText(),
    /中华人民共合国[\s\S]*我认为没问题[\s\S]*建议：.*起草人[\s\S]*同意：.*二审（科室负责人）/,
  );
  await screenshot(section, '08-审签单-校对忽略');
  assert.deepEqual(e2e.consoleErrors, []);
});

test('部分公开：保密工作机构在正文中选出不予公开的内容，分管领导审定并发布脱密文本', async () => {
  const staff = await e2e.as('kjj.staff');
  const secret = '项目评审专家为张某某、李某某';
  const item = await draft(
    staff,
    '区级科技项目立项结果公示',
    `经评审，区级科技项目共立项12个。${secret}。公示期为5个工作日。`,
  );
  await clickAndSee(staff, staff.getByTestId('submit'), stageShown(staff, 'level1'));
  await approve(staff, item, { disclosure: true, then: 'level2' });
  await approve(await e2e.as('kjj.section'), item, { disclosure: true, then: 'secrecy' });

  const secrecy = await e2e.as('kjj.secrecy');
  await secrecy.goto(item);
  await pickOption(secrecy, 'opinion-select', '部分公开');
  await pickOption(secrecy, 'basis-select', '政府信息公开条例');
  await secrecy.getByTestId('opinion-reason').fill('评审专家名单属于个人信息，不予公开。');
  // Select the passage as a person would with the mouse: a DOM selection over the text.
  await secrecy.getByTestId('span-text').evaluate((el, words) => {
    const node = [...el.childNodes].find((n) => n.textContent?.includes(words))!;
    const at = node.textContent!.indexOf(words);
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + words.length);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  }, secret);
  await secrecy.getByTestId('span-add').click();
  await secrecy.getByTestId('spans').getByText(secret).waitFor();
  await screenshot(secrecy, '05-部分公开');
  await secrecy.getByTestId('secrecy-submit').click();
  await expectStage(secrecy, 'level3');

  const leader = await e2e.as('kjj.leader');
  await leader.goto(item);
  const redacted = await leader.getByTestId('redacted-text').innerText();
  assert.match(redacted, /（此处不予公开）/);
  assert.doesNotMatch(redacted, /张某某/);
  await approve(leader, item, { then: 'published' });
  const published = (await leader.evaluate(async (p) => (await fetch(`/api${p}/published`)).json(), item)) as {
    bodyText: string;
    text: string;
  };
  assert.equal(published.text, 'redacted');
  assert.doesNotMatch(published.bodyText, /张某某/);
  assert.deepEqual(e2e.consoleErrors, []);
});
