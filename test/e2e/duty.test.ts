// 值班 in a real browser, on the demo duty data (src/duty/demo.ts) and the real clock: a roster keeper generates a
// roster, is refused publication while a 重大活动 day has shifts without a 带班领导, fixes them by dragging a leader onto a
// shift and through the edit dialog, sees the findings go and publishes; the officer on duty now asks to leave naming a
// replacement, the duty leader approves, and the officer stays on duty until the replacement checks in.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { exportRoster } from '../../src/duty/roster-excel.ts';
import { getRoster, listChanges, listRosters, markSpecialDay, whoIsOnDuty } from '../../src/duty/service.ts';
import type { Actor } from '../../src/org/model.ts';
import { listUnits, listUsers, loadActor } from '../../src/org/service.ts';
import { findShifts } from '../../src/duty/store.ts';
import { openE2E, pickOption, screenshot, type E2E } from './browser.ts';

const DAY_MS = 86_400_000;

/** The demo's shifts change at 08:30 and 17:30 Shanghai (00:30 and 09:30 UTC, src/duty/demo.ts), and an officer may
 *  check out from 30 minutes before the end (CHECK_OUT_EARLY_MINUTES). The 离岗 story needs a shift that is not ending
 *  yet: within 45 minutes of a change, the server's clock runs ahead to 15 minutes into the next shift. */
function clockOffset(realNow: number): number {
  const day = Math.floor(realNow / DAY_MS) * DAY_MS;
  const changes = [-1, 0, 1].flatMap((d) => [30, 9 * 60 + 30].map((m) => day + d * DAY_MS + m * 60_000));
  const next = Math.min(...changes.filter((t) => t > realNow));
  return next - realNow < 45 * 60_000 ? next - realNow + 15 * 60_000 : 0;
}

let e2e: E2E;
before(async () => {
  e2e = await openE2E({ clockOffsetMs: clockOffset(Date.now()) });
});
/** The server's now. */
const serverNow = () => e2e.deps.clock.now();
after(async () => {
  await e2e?.close();
});

/** A Shanghai date `n` days from today. */
const shanghaiDay = (n: number) =>
  new Date(serverNow().getTime() + 8 * 3600_000 + n * DAY_MS).toISOString().slice(0, 10);

async function unitId(name: string): Promise<string> {
  return (await listUnits(e2e.deps.db)).find((u) => u.name === name)!.id;
}

async function actor(username: string): Promise<Actor> {
  const user = (await listUsers(e2e.deps.db)).find((u) => u.username === username);
  assert.ok(user, `没有演示账号 ${username}`);
  return (await loadActor(e2e.deps.db, user.id))!;
}

/** Drags with the mouse in small steps, as a person does (a single jump does not always start an HTML5 drag). */
async function drag(page: Page, source: Locator, target: Locator): Promise<void> {
  await source.scrollIntoViewIfNeeded();
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2 + 8, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + Math.min(b.height / 2, 40), { steps: 10 });
  await page.mouse.up();
}

/** Pages the week calendar forward until the day's cell is shown. */
async function showDay(page: Page, day: string): Promise<void> {
  for (let i = 0; i < 3 && !(await page.getByTestId(`day-${day}`).count()); i++)
    await page.getByRole('button', { name: '下一周' }).click();
  await page.getByTestId(`day-${day}`).waitFor();
}

test('排班：生成值班表，重大活动日缺带班领导不能发布；拖拽和对话框安排带班领导后问题消失，发布', async () => {
  const cgj = await unitId('区城市管理局');
  const keeper = await actor('cgj.leader');
  const from = shanghaiDay(1);
  const last = shanghaiDay(4);
  const event = shanghaiDay(2);
  await markSpecialDay(e2e.deps, keeper, { unitId: cgj, day: event, kind: 'majorEvent', name: '城市管理宣传周启动' });

  const page = await e2e.as('cgj.leader');
  await page.getByTestId('menu-roster').click();
  await page.getByText('本单位还没有值班表').waitFor();
  await page.getByTestId('roster-generate').click();
  const range = page.getByTestId('generate-form').locator('.ant-picker-range input');
  await range.nth(0).fill(from);
  await range.nth(1).fill(last);
  await page.locator('.ant-modal-title').click(); // leaves the picker (Enter would submit the form)
  // The rotation without leaders: the officers only.
  const leaders = page.getByTestId('generate-leaders');
  await leaders.click();
  for (let n = await leaders.locator('.ant-select-selection-item').count(); n > 0; n--)
    await page.keyboard.press('Backspace');
  await page.keyboard.press('Escape');
  assert.equal(await leaders.locator('.ant-select-selection-item').count(), 0);
  await page.getByTestId('generate-form-submit').click();
  await page.locator('[data-testid="roster-state"][data-state="draft"]').waitFor();

  const missing = page.locator('[data-testid="roster-finding"][data-code="LEADER_MISSING"]');
  await missing.first().waitFor();
  assert.match(await missing.first().innerText(), /没有带班领导.*重大活动（城市管理宣传周启动）/);
  await page.getByTestId('roster-publish').click();
  await page.getByTestId('publish-refused').waitFor();
  assert.match(await page.getByTestId('publish-refused').innerText(), /不能发布[\s\S]*值班表有 \d+ 个问题，不能发布/);
  await page.getByTestId('roster-view').getByText('周').click();
  await showDay(page, event);
  await screenshot(page, '10-排班');

  const rosters = await listRosters(e2e.deps, keeper, cgj);
  assert.deepEqual(
    rosters.map((r) => [r.from, r.to, r.state]),
    [[from, shanghaiDay(5), 'draft']],
  );
  const detail = () => getRoster(e2e.deps, keeper, rosters[0].id);

  // 公平性 on the roster page: each officer's shifts, hours, nights and weekend/holiday shifts on this roster, and the
  // spread (most minus fewest) of each — the numbers the service counts.
  const fairness = page.getByTestId('roster-fairness');
  await fairness.waitFor();
  const officers = (await detail()).counts.filter((c) => c.hard + c.normal > 0);
  const loads = officers.map((c) => [c.hard + c.normal, Math.round((c.minutes / 60) * 10) / 10, c.nights, c.offDays]);
  assert.equal(await fairness.getByTestId('fairness-row').count(), officers.length);
  for (const [i, c] of officers.entries())
    assert.deepEqual(
      await fairness.locator(`[data-testid="fairness-row"][data-person-id="${c.person.id}"] td`).allInnerTexts(),
      [c.person.name, ...loads[i].map(String)],
    );
  const spreadOf = (k: number) =>
    Math.round((Math.max(...loads.map((l) => l[k])) - Math.min(...loads.map((l) => l[k]))) * 10) / 10;
  assert.deepEqual(
    (await fairness.getByTestId('fairness-spread').locator('td').allInnerTexts()).map((t) => t.trim()),
    ['最多与最少之差', ...[0, 1, 2, 3].map((k) => String(spreadOf(k)))],
  );

  // 导入 Excel: the table as exported, with an officer's new duty phone written in — the preview lists it, nothing is
  // saved before 确认导入 (the changes of shifts, times and 班次 are in src/duty/routes.test.ts).
  const table = new ExcelJS.Workbook();
  await table.xlsx.load((await exportRoster(e2e.deps, keeper, rosters[0].id)).buffer as unknown as ArrayBuffer);
  const sheet = table.worksheets[0];
  const officer = sheet.getCell('F3').value; // their new phone, in every row of theirs
  for (let r = 3; r <= sheet.rowCount; r++)
    if (sheet.getCell(`F${r}`).value === officer) sheet.getCell(`G${r}`).value = '023-48661234';
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'duty-import-')), '值班表.xlsx');
  fs.writeFileSync(file, Buffer.from(await table.xlsx.writeBuffer()));
  const version = (await detail()).roster.version;
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByTestId('import-preview').waitFor();
  assert.match(await page.getByTestId('import-preview').innerText(), /将更新值班电话：.+ 023-48661234/);
  assert.equal((await detail()).roster.version, version);
  await page.getByTestId('import-confirm').click();
  await page.getByText('已从 Excel 导入值班表').waitFor();
  assert.equal((await detail()).roster.version, version + 1);
  const before = await detail();
  const lacking = before.shifts
    .filter((s) => before.findings.some((f) => f.code === 'LEADER_MISSING' && f.shiftIds.includes(s.id)))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  assert.ok(lacking.length >= 2, `重大活动日前后应有至少两个班次缺带班领导，实际 ${lacking.length}`);
  const names = (await Promise.all(['cgj.dutyleader', 'cgj.dutyleader2'].map(actor))).map((a) => a.name);

  // A shift dragged to another day of the same week leaves a gap (a finding); dragged back, the gap is gone.
  const byTime = [...before.shifts].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const lastIsMonday = new Date(`${last}T00:00:00Z`).getUTCDay() === 1;
  const moving = lastIsMonday ? byTime[0] : byTime[byTime.length - 1];
  const target = lastIsMonday ? shanghaiDay(2) : shanghaiDay(3);
  const uncovered = page.locator('[data-testid="roster-finding"][data-code="UNCOVERED"]');
  await showDay(page, moving.day);
  await drag(
    page,
    page.locator(`[data-testid="shift-card"][data-shift-id="${moving.id}"]`),
    page.getByTestId(`day-${target}`),
  );
  await page.getByTestId(`day-${target}`).locator(`[data-shift-id="${moving.id}"]`).waitFor();
  await uncovered.first().waitFor();
  await drag(
    page,
    page.locator(`[data-testid="shift-card"][data-shift-id="${moving.id}"]`),
    page.getByTestId(`day-${moving.day}`),
  );
  await page.getByTestId(`day-${moving.day}`).locator(`[data-shift-id="${moving.id}"]`).waitFor();
  await uncovered.first().waitFor({ state: 'detached' });

  // Alternate the two leaders so that each rests between shifts. All but the last by drag and drop…
  for (const [i, s] of lacking.slice(0, -1).entries()) {
    const count = await missing.count();
    await showDay(page, s.day);
    await drag(
      page,
      page.locator('[data-testid="person-chip"][data-as="leader"]', { hasText: names[i % 2] }),
      page.locator(`[data-testid="shift-card"][data-shift-id="${s.id}"]`),
    );
    await page
      .locator(`[data-testid="shift-card"][data-shift-id="${s.id}"] [data-testid="shift-leader"]`, {
        hasText: names[i % 2],
      })
      .waitFor();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="roster-finding"][data-code="LEADER_MISSING"]').length === n,
      count - 1,
    );
  }
  // …and the last from the findings list, through the edit dialog.
  await missing.first().locator('a').click();
  await page.getByTestId('shift-form').waitFor();
  await pickOption(page, 'shift-leader-select', names[(lacking.length - 1) % 2]);
  await page.getByTestId('shift-form-submit').click();
  await page.getByTestId('no-findings').waitFor();

  await page.getByTestId('roster-publish').click();
  await page.locator('[data-testid="roster-state"][data-state="published"]').waitFor();
  const published = await detail();
  assert.equal(published.roster.state, 'published');
  assert.deepEqual(published.findings, []);
  assert.ok(
    lacking.every((s) => published.shifts.find((x) => x.id === s.id)!.leader),
    '缺带班领导的班次都已安排带班领导',
  );
  assert.deepEqual(e2e.consoleErrors, []);
});

test('离岗：值班人员申请离岗并指定接替人员，带班领导批准；接替人员到岗前原值班人员仍在岗，到岗后由接替人员值班', async () => {
  const kjj = await unitId('区科技局');
  const now = await whoIsOnDuty(e2e.deps, kjj, serverNow());
  assert.equal(now.shifts.length >= 1, true, '演示值班表此刻应有班次');
  const shift = now.shifts[0];
  const users = await listUsers(e2e.deps.db, kjj);
  const username = (id: string) => users.find((u) => u.id === id)!.username;
  const leaving = shift.officers[0];
  // The replacement stands the rest of the shift: someone with no shift within the unit's 8 hours of rest around it
  // (the roster check refuses a replacement left without rest).
  const REST = 8 * 3600000;
  const near = {
    from: new Date(Date.parse(shift.startsAt) - REST).toISOString(),
    to: new Date(Date.parse(shift.endsAt) + REST).toISOString(),
  };
  const free = async (id: string) => (await findShifts(e2e.deps.db, { ...near, userIds: [id] })).length === 0;
  const candidates = users.filter(
    (u) => u.roles.some((r) => r.role === 'dutyOfficer') && !shift.officers.some((o) => o.id === u.id),
  );
  const replacement = (await Promise.all(candidates.map(async (u) => ((await free(u.id)) ? u : null)))).find(
    (u) => u !== null,
  )!;
  assert.ok(replacement, '演示数据中应有此时空闲的值班人员');
  const onDutyNames = async () => (await whoIsOnDuty(e2e.deps, kjj, serverNow())).officers.map((p) => p.name);

  const officer = await e2e.as(username(leaving.id));
  await officer.getByTestId('menu-now').click();
  const myShift = officer.locator(`[data-testid="my-shift"][data-shift-id="${shift.shiftId}"]`);
  await myShift.getByTestId('check-in').click();
  await myShift.getByText('已签到（到岗）').waitFor({ state: 'detached' });
  await officer
    .locator('[data-testid="now-unit"][data-unit="区科技局"] [data-testid="now-officer"]', { hasText: '已到岗' })
    .waitFor();
  await screenshot(officer, '11-今日值班');
  // Leaving at the end of the shift only: now it is refused with the reason.
  await myShift.getByTestId('handover-note').fill('网站首页正常。');
  await myShift.getByTestId('check-out').click();
  assert.match(await myShift.getByTestId('attendance-error').innerText(), /值班尚未结束/);

  await myShift.getByRole('link', { name: '申请离岗或换班' }).click();
  await officer.getByTestId('change-form').waitFor();
  await pickOption(officer, 'change-replacement', replacement.name);
  await officer.getByTestId('change-reason').fill('家中急事');
  await officer.getByTestId('change-submit').click();
  await officer.locator('[data-testid="change-state"][data-state="requested"]').waitFor();

  const leader = await e2e.as('kjj.dutyleader');
  await leader.getByTestId('menu-changes').click();
  await leader.getByTestId('changes-pending').waitFor();
  await leader.getByTestId('change-approve').click();
  await leader
    .locator('[data-testid="change-state"][data-state="approved"]', { hasText: '等待接替人员到岗' })
    .waitFor();
  await screenshot(leader, '12-离岗申请');

  // Approved, but the replacement has not arrived: the officer is still on duty (§4.6).
  await officer.goto('/duty/now');
  const unit = officer.locator('[data-testid="now-unit"][data-unit="区科技局"]');
  await unit
    .getByTestId('awaiting')
    .filter({ hasText: `${leaving.name}离岗，由${replacement.name}接替` })
    .waitFor();
  assert.deepEqual(
    await unit.getByTestId('now-officer').evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))),
    [leaving.name],
  );
  assert.deepEqual(await onDutyNames(), [leaving.name]);

  const standIn = await e2e.as(replacement.username);
  await standIn.getByTestId('menu-now').click();
  await standIn.locator(`[data-testid="my-shift"][data-shift-id="${shift.shiftId}"]`).getByTestId('check-in').click();
  const standInUnit = standIn.locator('[data-testid="now-unit"][data-unit="区科技局"]');
  await standInUnit.locator('[data-testid="now-officer"]', { hasText: replacement.name }).waitFor();
  assert.equal(await standInUnit.getByTestId('awaiting').count(), 0);
  assert.deepEqual(
    await standInUnit.getByTestId('now-officer').evaluateAll((els) => els.map((e) => e.getAttribute('data-name'))),
    [replacement.name],
  );
  assert.deepEqual(await onDutyNames(), [replacement.name]);
  const changes = await listChanges(e2e.deps, await actor('kjj.dutyleader'), { unitId: kjj });
  assert.deepEqual(
    changes.changes.map((c) => [c.kind, c.state, c.leavingId, c.replacementId]),
    [['leave', 'completed', leaving.id, replacement.id]],
  );

  // The 离岗 is in the 交接班记录.
  await leader.getByTestId('menu-handovers').click();
  await leader.getByTestId('handover-table').getByText(`离岗，由${replacement.name}接替`, { exact: false }).waitFor();
  assert.deepEqual(e2e.consoleErrors, []);
});

test('通知登记：值班人员登记上级通知，列表中可见', async () => {
  const page = await e2e.as('kjj.duty');
  await page.getByTestId('menu-notices').click();
  await page.getByTestId('notice-from').fill('区政府办公室值班室');
  await page.getByTestId('notice-content').fill('请于今日 17 时前核查本单位网站首页链接。');
  await page.getByTestId('notice-submit').click();
  await page.getByTestId('notice-table').getByText('请于今日 17 时前核查本单位网站首页链接。').waitFor();
  assert.deepEqual(e2e.consoleErrors, []);
});
