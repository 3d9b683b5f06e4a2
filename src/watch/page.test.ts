import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runChecks } from '../checks/index.ts';
import { loadHtml, mainText } from './page.ts';

const NOTICE = `<html><body><div class="content"><p>2022年高龄津贴发放对象名单公示</p>
<table><tr><th>姓名</th><th>身份证号</th><th>联系电话</th></tr>
<tr><td>张三</td><td>500222195001011239</td><td>13812345678</td></tr></table></div></body></html>`;

test('内容校对读到表格单元格：同一行的身份证号和手机号是两个号码，都被发现', () => {
  const text = mainText(loadHtml(NOTICE));
  assert.match(text, /张三 500222195001011239 13812345678/);
  const rules = runChecks(text).findings.map((f) => `${f.rule}:${f.text}`);
  assert.ok(rules.includes('pii.id-card:500222195001011239'), rules.join());
  assert.ok(rules.includes('pii.mobile:13812345678'), rules.join());
});
