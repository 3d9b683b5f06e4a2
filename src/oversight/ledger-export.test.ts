// 登记台账导出：一个单位、一段日期内的每一条操作，中文表头，.xlsx 与 .csv，经由 `gongkai ledger export`。
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { runCli } from '../../test/support/cli.ts';
import { createTestDeps, type TestDeps } from '../../test/support/testdb.ts';
import { login } from '../org/auth-service.ts';
import { DEMO_PASSWORD, loadDemo } from '../org/demo.ts';
import { LEDGER_HEADINGS } from './ledger-export.ts';

let deps: TestDeps;
let outDir: string;
before(async () => {
  deps = await createTestDeps();
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-export-'));
  await loadDemo(deps);
  // 2026-03-02 09:00 北京时间：科技局工作人员登录一次、输错一次密码；发改委工作人员登录一次（不属于科技局台账）
  await login(deps, { username: 'kjj.staff', password: DEMO_PASSWORD });
  await assert.rejects(login(deps, { username: 'kjj.staff', password: 'wrong-password-1' }), { status: 401 });
  await login(deps, { username: 'fgw.staff', password: DEMO_PASSWORD });
  deps.clock.advance(3 * 24 * 3600 * 1000); // 2026-03-05：范围之外的一次登录
  await login(deps, { username: 'kjj.section', password: DEMO_PASSWORD });
});
after(async () => {
  await deps.close();
  fs.rmSync(outDir, { recursive: true, force: true });
});

test('导出 .xlsx：只含该单位、该日期范围内的记录，表头为中文', async () => {
  const out = path.join(outDir, 'kjj.xlsx');
  const r = await runCli(
    ['ledger', 'export', '--unit', '区科技局', '--from', '2026-03-01', '--to', '2026-03-02', '--out', out],
    deps.cliEnv,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /已导出 2 条记录/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  const sheet = book.getWorksheet('登记台账')!;
  assert.match(
    String(sheet.getRow(1).getCell(1).value),
    /重庆市綦江区科学技术局 信息发布登记台账（2026-03-01 至 2026-03-02）/,
  );
  assert.deepEqual((sheet.getRow(2).values as unknown[]).slice(1), LEDGER_HEADINGS);
  const rows = [3, 4].map((n) => (sheet.getRow(n).values as unknown[]).slice(1).map(String));
  assert.deepEqual(
    rows.map((r) => r[6]),
    ['登录', '登录失败'],
  );
  assert.deepEqual(
    rows.map((r) => r[1]),
    ['2026-03-02 09:00:00', '2026-03-02 09:00:00'],
  );
  assert.equal(sheet.rowCount, 4);
});

test('导出 .csv：带 BOM，Excel 能正确显示中文；范围扩大后包含后来的记录', async () => {
  const out = path.join(outDir, 'kjj.csv');
  const r = await runCli(
    [
      'ledger',
      'export',
      '--unit',
      '重庆市綦江区科学技术局',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--format',
      'csv',
      '--out',
      out,
    ],
    deps.cliEnv,
  );
  assert.equal(r.code, 0, r.stderr);
  const text = fs.readFileSync(out, 'utf8');
  assert.ok(text.startsWith('\uFEFF序号,时间,操作人'));
  const lines = text.trim().split('\r\n');
  assert.equal(lines.length, 1 + 3);
  assert.match(lines[3], /2026-03-05 09:00:00/);
});

test('日期不正确或单位不存在：中文错误，退出码 2，不写文件', async () => {
  const out = path.join(outDir, 'bad.xlsx');
  const badDate = await runCli(
    ['ledger', 'export', '--unit', '区科技局', '--from', '2026-02-30', '--to', '2026-03-02', '--out', out],
    deps.cliEnv,
  );
  assert.equal(badDate.code, 2);
  assert.match(badDate.stderr, /开始日期「2026-02-30」不正确/);
  const noUnit = await runCli(
    ['ledger', 'export', '--unit', '区不存在局', '--from', '2026-03-01', '--to', '2026-03-02', '--out', out],
    deps.cliEnv,
  );
  assert.equal(noUnit.code, 2);
  assert.match(noUnit.stderr, /单位「区不存在局」不存在/);
  assert.equal(fs.existsSync(out), false);
});
