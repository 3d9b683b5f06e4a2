// `gongkai gazette` end to end: a real process on real files and a real database (SQLite and PostgreSQL).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../../test/support/cli.ts';
import { officialDocx } from '../../../test/support/gazette-docx.ts';
import { fixtureText, gazetteOffice, publishText } from '../../../test/support/gazette-fixtures.ts';
import { buildPublishOrg } from '../../../test/support/publish-fixtures.ts';
import { createTestDeps, type TestDeps } from '../../../test/support/testdb.ts';
import { addEntry, createIssue, getIssue } from '../../gazette/service.ts';
import type { Actor } from '../../org/model.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-gazette-'));
let deps: TestDeps;
let office: Actor;
before(async () => {
  deps = await createTestDeps();
});
after(async () => {
  await deps.close();
  rmSync(dir, { recursive: true, force: true });
});

test('gazette import：Word 公文输出各要素；带密级的公文退出码 2 并说明原因', async () => {
  const file = path.join(dir, '63.docx');
  writeFileSync(file, await officialDocx(fixtureText('4-fubanfa-63')));
  const ok = await runCli(['gazette', 'import', file]);
  assert.equal(ok.code, 0, ok.stderr);
  const { document } = JSON.parse(ok.stdout);
  assert.equal(document.docNumber, '綦江府办发〔2022〕63号');
  assert.equal(document.printDateIso, '2022-10-12');
  const secret = path.join(dir, 'secret.docx');
  writeFileSync(secret, await officialDocx(`机密★5年\n${fixtureText('6-renshe-137')}`));
  const refused = await runCli(['gazette', 'import', secret]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /涉密公文不得编入政府公报/);
});

test('gazette build --demo --format html：目录的栏目和顺序与 2022年第11期相同', async () => {
  const r = await runCli(['gazette', 'build', '--demo', '--format', 'html', '--out', dir]);
  assert.equal(r.code, 0, r.stderr);
  const html = readFileSync(path.join(dir, 'gazette-2022-11.html'), 'utf8');
  const nav = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'));
  const order = [...nav.matchAll(/<h3>([^<]+)<\/h3>|<a href="#[^"]+">([^<]+)<\/a>/g)].map((m) =>
    (m[1] ?? m[2]).slice(0, 24),
  );
  assert.deepEqual(order, [
    '卷首语',
    '用实干“拼”出太空家园(人民论坛)',
    '重庆市綦江区人民政府文件',
    '重庆市綦江区人民政府关于做好第三次全国土壤普查的',
    '重庆市綦江区人民政府关于印发重庆市綦江区科技创新',
    '重庆市綦江区人民政府办公室文件',
    '重庆市綦江区人民政府办公室关于印发政府网站和政务',
    '重庆市綦江区人民政府办公室关于印发2022年度重',
    '重庆市綦江区人民政府部门文件',
    '重庆市綦江区城市管理局 重庆市綦江区机关事务管理',
    '重庆市綦江区人力资源和社会保障局关于征集创业导师',
  ]);
});

test('gazette build 总期号：从数据库排版一期；不存在的期次退出码 2', async () => {
  const missing = await runCli(['gazette', 'build', '129', '--format', 'html', '--out', dir], deps.cliEnv);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /公报期次“129”不存在/);
  const org = await buildPublishOrg(deps);
  office = await gazetteOffice(deps, org);
  const itemId = await publishText(deps, org, '关于征集创业导师志愿者的通知', fixtureText('6-renshe-137'));
  const issue = await createIssue(deps, office, {
    year: 2022,
    number: 11,
    totalNumber: 129,
    publishDate: '2022-12-10',
  });
  await addEntry(deps, office, issue.id, { itemId, section: '部门文件' });
  const out = path.join(dir, 'db');
  const r = await runCli(['gazette', 'build', '129', '--format', 'pdf', '--paper', '16k', '--out', out], deps.cliEnv);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /gazette-2022-11\.pdf：\d+ 页/);
  assert.match(r.stdout, /\n\s+1 {2}部门文件｜重庆市綦江区人力资源和社会保障局关于征集创业导师志愿者的通知\n/);
  assert.equal(readFileSync(path.join(out, 'gazette-2022-11.pdf')).subarray(0, 5).toString(), '%PDF-');
});

test('gazette import --issue：Word 公文编入一期的栏目（标明来自 Word，台账记为系统）；无此期次、无此栏目退出码 2', async () => {
  const file = path.join(dir, '137.docx');
  writeFileSync(file, await officialDocx(fixtureText('6-renshe-137')));
  const missing = await runCli(['gazette', 'import', file, '--issue', '777'], deps.cliEnv);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /公报期次“777”不存在/);
  assert.ok(office, 'the 公报室 of the test before');
  const issue = await createIssue(deps, office, { year: 2023, number: 1, totalNumber: 130, publishDate: '2023-01-10' });
  const noSection = await runCli(['gazette', 'import', file, '--issue', '130', '--section', '栏目甲'], deps.cliEnv);
  assert.equal(noSection.code, 2);
  assert.match(noSection.stderr, /本期没有栏目“栏目甲”/);
  const r = await runCli(['gazette', 'import', file, '--issue', '130', '--section', '部门文件'], deps.cliEnv);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).document.docNumber, '綦江人社〔2022〕137号');
  assert.match(r.stderr, /已编入2023年第1期（总第130期）「部门文件」/);
  const placed = await getIssue(deps, office, issue.id);
  assert.deepEqual(
    placed.entries.map((e) => [e.section, e.source, e.sourceFile, e.importedBy]),
    [['部门文件', 'word', '137.docx', 'system']],
  );
});
