// 值班设置 and 突发事件处置 in a real browser, on the demo duty data (src/duty/demo.ts) and the real clock: 区科技局's 分管领导
// adds a 班次, changes the rules, marks and unmarks an important date, records a duty officer's leave, changes a duty
// phone, and takes out calendar subscriptions that a calendar app can fetch without a session (and that stop once
// revoked); the duty leader starts an emergency adding a person, sees it on 今日值班, and closes it. Each step is
// checked through the services and the ledger. A duty officer sees the setup read-only and subscribes to
// their own shifts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import {
  getSetup,
  listEmergencyViews,
  listFeedTokens,
  listSpecialDays,
  listUnavailability,
  saveSettings,
  whoIsOnDuty,
} from '../../src/duty/service.ts';
import type { Actor } from '../../src/org/model.ts';
import { listUnits, listUsers, loadActor } from '../../src/org/service.ts';
import { listLedger } from '../../src/platform/ledger/service.ts';
import { openE2E, pickOption, screenshot, type E2E } from './browser.ts';

let e2e: E2E;
before(async () => {
  e2e = await openE2E();
});
after(async () => {
  await e2e?.close();
});

const DAY_MS = 86_400_000;
/** A Shanghai date `n` days from today. */
const shanghaiDay = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * DAY_MS).toISOString().slice(0, 10);

async function actor(username: string): Promise<Actor> {
  const user = (await listUsers(e2e.deps.db)).find((u) => u.username === username);
  assert.ok(user, `没有演示账号 ${username}`);
  return (await loadActor(e2e.deps.db, user.id))!;
}

const kjjId = async () => (await listUnits(e2e.deps.db)).find((u) => u.name === '区科技局')!.id;

/** Confirms the open Popconfirm with its button `name`. */
const confirm = (page: Page, name: RegExp) =>
  page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons').getByRole('button', { name }).click();

/** Types a date into the date picker(s) of a dialog form and leaves the picker (Enter would submit the form). */
async function fillDates(page: Page, form: string, ...days: string[]): Promise<void> {
  const inputs = page.getByTestId(form).locator('.ant-picker input');
  for (const [i, day] of days.entries()) await inputs.nth(i).fill(day);
  await page
    .locator('.ant-modal', { has: page.getByTestId(form) })
    .locator('.ant-modal-title')
    .click();
}

/** Fetches a calendar subscription without a session, as a calendar app does. */
async function fetchFeed(url: string): Promise<{ status: number; cal: ICAL.Component | null }> {
  const res = await fetch(url);
  if (res.status !== 200) return { status: res.status, cal: null };
  assert.match(res.headers.get('content-type') ?? '', /^text\/calendar/);
  return { status: res.status, cal: new ICAL.Component(ICAL.parse(await res.text()) as unknown[]) };
}

test('值班设置：新增班次、修改值班规则、标记和取消重要日期、登记不可值班、修改值班电话、生成和停用日历订阅', async () => {
  const started = new Date().toISOString();
  const kjj = await kjjId();
  const keeper = await actor('kjj.leader');
  const officer = await actor('kjj.duty');
  const page = await e2e.as('kjj.leader');
  await page.getByTestId('menu-setup').click();
  const templates = page.getByTestId('template-table');
  await templates.getByText('工作日白班').waitFor();

  // 班次模板: the form checks the time as the server does; the new 班次 is listed.
  await page.getByTestId('template-add').click();
  await page.getByTestId('template-name').fill('午间值守');
  await page.getByTestId('template-start').fill('12:00');
  await page.getByTestId('template-end').fill('25:00');
  await page.getByTestId('template-form-submit').click();
  await page.getByTestId('template-form').getByText('结束时间须为 HH:MM（如 17:30）').waitFor();
  await page.getByTestId('template-end').fill('13:30');
  await page.getByTestId('template-hard').check();
  await page.getByTestId('template-form-submit').click();
  await templates.locator('tr', { hasText: '午间值守' }).getByText('12:00–13:30').waitFor();
  await page.getByTestId('template-form').waitFor({ state: 'detached' });
  await screenshot(page, '18-值班设置');
  const added = (await getSetup(e2e.deps, keeper, kjj)).templates.find((t) => t.name === '午间值守');
  assert.deepEqual(added && [added.start, added.end, added.dayKinds, added.hard, added.leaderRequired, added.active], [
    '12:00',
    '13:30',
    ['working'],
    true,
    false,
    true,
  ]);

  // 值班规则
  await page.getByTestId('setup-tab-settings').click();
  await page.getByLabel('两班之间最短休息（分钟）').fill('600');
  await page.getByTestId('settings-submit').click();
  await page.getByText('值班规则已保存').waitFor();
  assert.equal((await getSetup(e2e.deps, keeper, kjj)).settings.minRestMinutes, 600);

  // 重要日期: marked, listed, unmarked.
  const eventDay = shanghaiDay(10);
  await page.getByTestId('setup-tab-special').click();
  await page.getByTestId('special-table').getByText('今天及以后没有标记重大活动或重要节点').waitFor();
  await page.getByTestId('special-add').click();
  await fillDates(page, 'special-form', eventDay);
  await pickOption(page, 'special-kind', '重要节点');
  await page.getByTestId('special-name').fill('科技活动周');
  await page.getByTestId('special-form-submit').click();
  const marked = page.getByTestId('special-table').locator('tr', { hasText: '科技活动周' });
  await marked.getByText(eventDay).waitFor();
  assert.deepEqual(
    (await listSpecialDays(e2e.deps, keeper, kjj)).days.map((d) => [d.day, d.kind, d.name, d.district]),
    [[eventDay, 'importantDate', '科技活动周', false]],
  );
  await marked.getByTestId('special-remove').click();
  await confirm(page, /取消标记/);
  await marked.waitFor({ state: 'detached' });
  assert.deepEqual((await listSpecialDays(e2e.deps, keeper, kjj)).days, []);

  // 不可值班
  await page.getByTestId('setup-tab-unavailable').click();
  await page.getByTestId('unavailable-add').click();
  await pickOption(page, 'unavailable-person', officer.name);
  await fillDates(page, 'unavailable-form', shanghaiDay(3), shanghaiDay(5));
  await page.getByTestId('unavailable-reason').fill('年休假');
  await page.getByTestId('unavailable-form-submit').click();
  await page
    .getByTestId('unavailable-table')
    .locator('tr', { hasText: officer.name })
    .getByText(`${shanghaiDay(3)} 至 ${shanghaiDay(5)}`)
    .waitFor();
  assert.deepEqual(
    (await listUnavailability(e2e.deps, keeper, kjj)).map((u) => [u.userId, u.from, u.to, u.reason]),
    [[officer.id, shanghaiDay(3), shanghaiDay(5), '年休假']],
  );

  // 值班电话
  await page.getByTestId('setup-tab-phones').click();
  await page.getByTestId('phone-table').locator('tr', { hasText: officer.name }).getByTestId('phone-edit').click();
  await page.getByTestId('phone-input').fill('023-4860 1234');
  await page.getByTestId('phone-form-submit').click();
  await page.getByTestId('phone-table').locator('tr', { hasText: officer.name }).getByText('023-4860 1234').waitFor();
  assert.equal(
    (await getSetup(e2e.deps, keeper, kjj)).pool.officers.find((p) => p.id === officer.id)?.phone,
    '023-4860 1234',
  );

  // 日历订阅: my own (personal, no shifts of mine) and the unit's roster; fetched without a session; 停用 ends one.
  await page.getByTestId('setup-tab-feeds').click();
  await page.getByTestId('feed-table').getByText('还没有在用的日历订阅').waitFor();
  await page.getByTestId('feed-create-user').click();
  await page.getByTestId('feed-created').getByText('这是您个人的订阅地址').waitFor();
  const mine = await page.getByTestId('feed-url').innerText();
  const personal = await fetchFeed(mine);
  assert.equal(personal.cal?.name, 'vcalendar');
  assert.equal(personal.cal?.getFirstPropertyValue('x-wr-calname'), `${keeper.name}的值班安排`);
  await page.getByTestId('feed-create-unit').click();
  await page.getByTestId('feed-url').filter({ hasNotText: mine }).waitFor();
  const unitFeed = await fetchFeed(await page.getByTestId('feed-url').innerText());
  assert.equal(unitFeed.cal?.name, 'vcalendar');
  assert.ok(unitFeed.cal!.getAllSubcomponents('vevent').length > 0, '本单位值班表订阅应有已发布的班次');
  await screenshot(page, '19-日历订阅');
  await page.getByTestId('feed-table').locator('tr', { hasText: '我的值班安排' }).getByTestId('feed-revoke').click();
  await confirm(page, /停\s*用/);
  await page.getByTestId('feed-table').locator('tr', { hasText: '我的值班安排' }).waitFor({ state: 'detached' });
  assert.equal((await fetchFeed(mine)).status, 404);
  assert.deepEqual(
    (await listFeedTokens(e2e.deps, keeper)).map((f) => [f.kind, f.ownerId]),
    [['unit', kjj]],
  );

  assert.deepEqual(
    (await listLedger(e2e.deps.db, { actor: keeper.id, from: started, actionPrefix: 'duty.' })).map((r) => r.action),
    [
      'duty.template_add',
      'duty.settings',
      'duty.special_day_add',
      'duty.special_day_remove',
      'duty.unavailable_add',
      'duty.phone',
      'duty.feed_create',
      'duty.feed_create',
      'duty.feed_revoke',
    ],
  );
  assert.deepEqual(e2e.consoleErrors, []);
});

test('突发事件：带班领导启动本单位突发事件处置，增加处置力量；今日值班可见；填写处置情况后结束', async () => {
  const kjj = await kjjId();
  const leader = await actor('kjj.dutyleader');
  // The person added must not stand a shift now: an emergency never puts anyone on two duties at once.
  const onDuty = (await whoIsOnDuty(e2e.deps, kjj, new Date())).officers.map((o) => o.id);
  const officers = await Promise.all(['kjj.duty3', 'kjj.duty4', 'kjj.duty2'].map(actor));
  const [leader2, extra] = [await actor('kjj.dutyleader2'), officers.find((o) => !onDuty.includes(o.id))!];
  const title = '区科技局网站首页被篡改';
  // This test's own rule: no minimum rest, so at whatever hour it runs (and whatever the first test set) the named
  // leaders may lead the window's shifts; the rest rule for emergency leaders is tested in src/duty/emergency.test.ts.
  const keeper = await actor('kjj.leader');
  const { settings } = await getSetup(e2e.deps, keeper, kjj);
  await saveSettings(e2e.deps, keeper, kjj, { ...settings, minRestMinutes: 0 });
  const page = await e2e.as('kjj.dutyleader');
  await page.getByTestId('menu-emergencies').click();
  await page.getByTestId('emergency-none').waitFor();

  await page.getByTestId('emergency-declare').click();
  await page.getByTestId('emergency-title').fill(title);
  await page.getByTestId('emergency-description').fill('首页出现不明链接，已断开外网。');
  await pickOption(page, 'emergency-leaders', leader.name);
  await pickOption(page, 'emergency-leaders', leader2.name);
  await pickOption(page, 'emergency-extras', extra.name);
  await page.getByTestId('emergency-form-submit').click();
  const open = page.locator(`[data-testid="emergency-open"][data-title="${title}"]`);
  await open.getByTestId('emergency-extras-list').getByText(extra.name).waitFor();
  await screenshot(page, '20-突发事件');
  const [declared] = await listEmergencyViews(e2e.deps, leader, { unitId: kjj });
  assert.deepEqual(
    [declared.title, declared.state, declared.district, declared.extras.map((p) => p.id)],
    [title, 'open', false, [extra.id]],
  );

  await page.getByTestId('menu-now').click();
  await page
    .locator('[data-testid="now-unit"][data-unit="区科技局"]')
    .getByTestId('now-emergency')
    .getByText(`突发事件处置中：${title}`)
    .waitFor();

  await page.getByTestId('menu-emergencies').click();
  await open.getByTestId('emergency-close').click();
  await page.getByTestId('emergency-summary').fill('已恢复网站首页，厂商已修补漏洞。');
  await page.getByTestId('emergency-close-form-submit').click();
  await page.getByTestId('emergency-closed').getByText(title).waitFor();
  await page.getByTestId('emergency-none').waitFor();
  const [closed] = await listEmergencyViews(e2e.deps, leader, { unitId: kjj });
  assert.deepEqual(
    [closed.id, closed.state, closed.summary],
    [declared.id, 'closed', '已恢复网站首页，厂商已修补漏洞。'],
  );
  assert.deepEqual(
    (await listLedger(e2e.deps.db, { subject: `duty-emergency:${declared.id}` })).map((r) => r.action),
    ['duty.emergency_declare', 'duty.emergency_close'],
  );
  assert.deepEqual(e2e.consoleErrors, []);
});

test('值班人员：值班设置只能查看，但可以生成自己的值班日历订阅', async () => {
  const officer = await actor('kjj.duty2');
  const page = await e2e.as('kjj.duty2');
  await page.getByTestId('menu-setup').click();
  await page.getByTestId('setup-readonly').waitFor();
  await page.getByTestId('setup-tab-feeds').click();
  assert.equal(await page.getByTestId('feed-create-unit').count(), 0);
  await page.getByTestId('feed-create-user').click();
  const feed = await fetchFeed(await page.getByTestId('feed-url').innerText());
  assert.equal(feed.cal?.getFirstPropertyValue('x-wr-calname'), `${officer.name}的值班安排`);
  assert.deepEqual(
    (await listFeedTokens(e2e.deps, officer)).map((f) => [f.kind, f.ownerId]),
    [['user', officer.id]],
  );
  assert.deepEqual(e2e.consoleErrors, []);
});
