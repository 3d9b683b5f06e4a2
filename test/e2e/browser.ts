// The browser side of the end-to-end tests: gongkai's real server on loopback over a fresh database with the
// demo organisation, the built UI, and Debian's chromium driven by playwright-core (never a downloaded browser).
// Every page collects console errors; a test ends by asserting there were none.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { buildServer } from '../../src/app/server.ts';
import { ensureWebBuild, ROOT } from '../../src/app/web-build.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { loadDutyDemo } from '../../src/duty/demo.ts';
import { DEMO_PASSWORD, loadDemo } from '../../src/org/demo.ts';
import { createTestDeps, type TestDeps } from '../support/testdb.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

export interface E2E {
  baseUrl: string;
  deps: TestDeps;
  browser: Browser;
  /** A fresh browser context signed in as `username` (a demo user), at 1366×768. */
  as(username: string): Promise<Page>;
  /** Console errors seen on every page so far. */
  consoleErrors: string[];
  close(): Promise<void>;
}

const unsupported = () => {
  throw new Error('端到端测试使用真实时钟，不能调整');
};

/** `clockOffsetMs`: the server's clock runs this far ahead of the real one (still running, never set or moved);
 *  `env`: the server's configuration (e.g. GONGKAI_WATCH_ALLOW_PRIVATE for a fixture site on 127.0.0.1). */
export async function openE2E(options: { clockOffsetMs?: number; env?: Record<string, string> } = {}): Promise<E2E> {
  assert.ok(fs.existsSync(CHROMIUM), `找不到 chromium：${CHROMIUM}（apt-get install -y chromium）`);
  await ensureWebBuild();
  const test = await createTestDeps(options.env);
  // The browser keeps the session cookie only while it has not expired by the real clock.
  const offset = options.clockOffsetMs ?? 0;
  const clock = offset ? { now: () => new Date(Date.now() + offset) } : systemClock;
  const deps: TestDeps = {
    ...test,
    clock: { ...clock, set: unsupported, advance: unsupported } as unknown as TestDeps['clock'],
  };
  await loadDemo(deps);
  await loadDutyDemo(deps); // 班次、值班人员和本月起已发布的值班表
  const app: FastifyInstance = await buildServer(deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--lang=zh-CN'],
  });
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  const watch = (page: Page, who: string) => {
    page.on('pageerror', (err) => consoleErrors.push(`${who}: ${err.message}`));
    page.on('console', (msg) => {
      // A 4xx the UI answers with a Chinese message is expected; the browser's own network line about it is not
      // an app error.
      if (
        msg.type() === 'error'
        && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())
      ) {
        consoleErrors.push(`${who}: ${msg.text()}`);
      }
    });
  };

  return {
    baseUrl,
    deps,
    browser,
    consoleErrors,
    async as(username) {
      const context = await browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'zh-CN',
        acceptDownloads: true,
        baseURL: baseUrl,
        // No animations (the UI honours the system setting): less work for a loaded CI machine, and no click can
        // land on a dialog or list that is still moving.
        reducedMotion: 'reduce',
      });
      // A loaded CI machine has taken over 30 s (Playwright's default) for a screen to answer; a lost step still fails.
      context.setDefaultTimeout(60_000);
      contexts.push(context);
      const page = await context.newPage();
      watch(page, username);
      await page.goto('/');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByTestId('current-user').waitFor();
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await app.close();
      await deps.close();
    },
  };
}

/** Saves a screenshot of the main screens under test-artifacts/ (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** Picks `option` in the Ant Design Select marked data-testid=`testId`; fails, naming the select, if it never takes. */
export async function pickOption(page: Page, testId: string, option: string | RegExp): Promise<void> {
  // On a loaded machine a click during the dropdown's opening animation, or while its options are still loading, can
  // be lost: check that the option took, and pick again if it did not — never clicking an option that is already
  // chosen (in a multiple select that would un-choose it).
  const select = page.getByTestId(testId);
  const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const isChosen = (el: Element) => el.classList.contains('ant-select-item-option-selected');
  const multiple = await select.evaluate(
    (el) => !!el.closest('.ant-select-multiple') || !!el.querySelector('.ant-select-multiple'),
  );
  for (let attempt = 1; attempt <= 3; attempt++) {
    await select.click();
    const item = list.locator('.ant-select-item-option', { hasText: option }).first();
    await item.waitFor();
    // Held by its element, not by the locator: a single select's list closes as soon as the pick takes (at once when
    // the UI runs without motion), after which the locator, which looks only inside an open list, finds nothing.
    const picked = await item.elementHandle();
    if (!(await picked!.evaluate(isChosen))) await item.click();
    const chosen = await picked!
      .evaluate(
        (el) =>
          new Promise<boolean>((resolve) => {
            const started = Date.now();
            const poll = () =>
              el.classList.contains('ant-select-item-option-selected')
                ? resolve(true)
                : !el.isConnected
                  ? resolve(false)
                  : Date.now() - started > 10_000
                    ? resolve(false)
                    : setTimeout(poll, 50);
            poll();
          }),
      )
      .catch(() => false);
    await closeList(page, list, multiple);
    // What the person sees decides: the select shows the chosen label.
    if (chosen || (await select.getByText(option).count())) return;
  }
  assert.fail(`下拉框 ${testId} 选不中「${String(option)}」：已试 3 次`);
}

/**
 * Closes an open option list. Escape only while the list is open: a select stops the key there, but with its list
 * already closed Escape reaches the dialog around the select and closes the whole dialog. A single select closes
 * its list by itself once an option is picked, so it is given the time to do that first.
 */
async function closeList(page: Page, list: Locator, multiple: boolean): Promise<void> {
  if (
    !multiple
    && (await list
      .first()
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .then(
        () => true,
        () => false,
      ))
  )
    return;
  if (await list.count()) await page.keyboard.press('Escape');
  await list.first().waitFor({ state: 'hidden' });
}

/**
 * Clicks `button` and waits for `done` to show. If the screen shows an error or a field message instead, the test
 * fails at once with what the person would read, instead of waiting out the timeout.
 */
export async function clickAndSee(page: Page, button: Locator, done: Locator): Promise<void> {
  const refused = page.locator('.ant-alert-error, .ant-form-item-explain-error, .ant-message-error');
  await button.click();
  await done.or(refused).first().waitFor();
  if (await done.count()) return;
  assert.fail(`点击「${await button.innerText()}」后界面提示：${(await refused.allInnerTexts()).join('；')}`);
}

/** Ticks channel → column in the multiple Cascader marked data-testid=`testId`. */
export async function pickColumn(page: Page, testId: string, channel: string, column: string): Promise<void> {
  await page.getByTestId(testId).click();
  const menus = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden) .ant-cascader-menu');
  await menus.nth(0).locator('.ant-cascader-menu-item', { hasText: channel }).click();
  await menus.nth(1).locator('.ant-cascader-menu-item', { hasText: column }).locator('.ant-cascader-checkbox').click();
  await page.keyboard.press('Escape');
}
