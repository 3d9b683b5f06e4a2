// 台账 and 管理 in a real browser: the inspector exports the ledger to Excel; the admin's screens open.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { ARTIFACTS, openE2E, pickOption, screenshot, type E2E } from './browser.ts';

let e2e: E2E;
before(async () => { e2e = await openE2E(); });
after(async () => { await e2e?.close(); });

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
  const [download] = await Promise.all([inspector.waitForEvent('download'), inspector.getByTestId('ledger-export').click()]);
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

test('管理：管理员打开单位、用户、词典与节假日', async () => {
  const admin = await e2e.as('admin');
  await admin.goto('/admin');
  await admin.getByText('区科技局').first().waitFor();
  await screenshot(admin, '09-管理');
  // Each tab loads its own data: the demo users, the district's unit dictionary, the shipped holiday years.
  const expected: Array<[string, string]> = [['users', 'kjj.staff'], ['dictionaries', '本区单位'], ['calendar', '2026']];
  for (const [tab, text] of expected) {
    await admin.getByTestId(`admin-tab-${tab}`).click();
    await admin.getByText(text).first().waitFor();
    assert.match(admin.url(), new RegExp(`/admin/${tab}$`));
  }
  assert.deepEqual(e2e.consoleErrors, []);
});
