// 台账 and 管理 in a real browser: the inspector exports the ledger to Excel; each administrator's screens open; the
// 主要领导 confirms a role the 安全管理员 asked for on the 工作台.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { createUser, loadActor } from '../../src/org/service.ts';
import { ARTIFACTS, openE2E, pickOption, screenshot, type E2E } from './browser.ts';

let e2e: E2E;
before(async () => {
  e2e = await openE2E();
});
after(async () => {
  await e2e?.close();
});

test('台账：督查人员导出 Excel，文件含中文表头与刚才的登录记录', async () => {
  await e2e.as('kjj.staff'); // a login of 区科技局 that the ledger must show
  const inspector = await e2e.as('inspector');
  await inspector.goto('/ledger');
  await inspector.getByTestId('ledger-table').waitFor();
  // The export is one unit's ledger: a district-wide inspector picks the unit first.
  await pickOption(inspector, 'ledger-unit', '区科技局');
  await inspector.getByTestId('ledger-search').click();
  await inspector.getByRole('cell', { name: '登录', exact: true }).first().waitFor();
  await screenshot(inspector, '08-台账');
  const [download] = await Promise.all([
    inspector.waitForEvent('download'),
    inspector.getByTestId('ledger-export').click(),
  ]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const file = path.join(ARTIFACTS, 'ledger-export.xlsx');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  const cells = sheet.getSheetValues().flat().map(String).join('\n');
  assert.match(cells, /操作人/);
  assert.match(cells, /登录/);
  assert.ok(sheet.rowCount >= 3, `导出的台账只有 ${sheet.rowCount} 行`);
  assert.deepEqual(e2e.consoleErrors, []);
});

test('管理：系统管理员打开单位、词典与节假日；安全管理员只见用户与角色；主要领导在工作台看到待确认的角色', async () => {
  const admin = await e2e.as('sysadmin');
  await admin.goto('/admin');
  await admin.getByText('区科技局').first().waitFor();
  await screenshot(admin, '09-管理');
  // Each tab loads its own data: the district's unit dictionary, the shipped holiday years.
  const expected: Array<[string, string]> = [
    ['dictionaries', '本区单位'],
    ['calendar', '2026'],
  ];
  for (const [tab, text] of expected) {
    await admin.getByTestId(`admin-tab-${tab}`).click();
    await admin.getByText(text).first().waitFor();
    assert.match(admin.url(), new RegExp(`/admin/${tab}$`));
  }
  assert.equal(await admin.getByTestId('admin-tab-users').count(), 0, '系统管理员不管账号（三员分立）');

  // The 安全管理员 asks 工作人员 for a newcomer of 区科技局: it shows as pending until the 主要领导 confirms it.
  const actorOf = async (username: string) =>
    (await loadActor(
      e2e.deps.db,
      (
        await e2e.deps.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
      ).id,
    ))!;
  const kjj = await e2e.deps.db
    .selectFrom('units')
    .select('id')
    .where('name', '=', '区科技局')
    .executeTakeFirstOrThrow();
  await createUser(e2e.deps, await actorOf('secadmin'), {
    username: 'kjj.newcomer',
    displayName: '新同事',
    unitId: kjj.id,
    email: 'newcomer@example.gov.cn',
    roles: ['staff'],
  });
  const sec = await e2e.as('secadmin');
  await sec.goto('/admin');
  assert.equal(await sec.getByTestId('admin-tab-units').count(), 0);
  await pickOption(sec, 'user-unit-filter', '区科技局');
  const row = sec.getByRole('row').filter({ hasText: 'kjj.newcomer' });
  await row.getByTestId('user-role-pending').waitFor();
  await row.getByTestId('user-one-time').waitFor();
  await screenshot(sec, '09b-用户与角色-待确认');
  // 重置密码: no password field; the server mails a one-time one and the screen names only the masked address.
  await row.getByTestId('password-reset').click();
  await sec.getByTestId('password-reset-form-submit').click();
  await sec.getByTestId('one-time-sent').getByText('一次性密码已发送至 n***@example.gov.cn').waitFor();

  const principal = await e2e.as('kjj.principal');
  await principal.goto('/');
  const card = principal.getByTestId('role-requests');
  await card.getByText('新同事').waitFor();
  await card.getByTestId('role-request-confirm').click();
  await principal
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s?认/ })
    .click();
  await card.waitFor({ state: 'detached' });
  assert.deepEqual(
    (await actorOf('kjj.newcomer')).roles.map((r) => r.role),
    ['staff'],
  );
  assert.deepEqual(e2e.consoleErrors, []);
});
