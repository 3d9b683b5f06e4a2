// 每一种台账动作都有中文名称：扫描写台账的源文件，找出其中每个动作代码，逐一核对 labels.ts 中有名称。新增动作而
// 不加名称，这个测试就失败。未知动作在页面上仍以代码显示（不会被丢掉）。
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { actionName, LABELLED_ACTIONS } from './labels.ts';

const SRC = path.resolve(import.meta.dirname, '..');
const MODULES =
  'auth|org|demo|publish|secrecy|challenge|calendar|notify|dictionary|duty|watch|oversight|gazette|system';
const ACTION_LITERAL = new RegExp(`['\`]((?:${MODULES})\\.[a-z_]+(?:\\.[a-z_]+)?)['\`]`, 'g');
// How the files that write the ledger do it: directly, or through a module's helper.
const WRITES_LEDGER = /appendLedger\(|\brecord\(\s*tx|ledgerForUser\(|ledgerOf\(/;
/** Literals of the same shape that name something else: a job (`name: 'duty.reminders'`), a notice (`kind: …`). */
const OTHER_NAME = /(?:name|kind):\s*$/;
/** Actions built from a template: each expansion the code can produce. */
const TEMPLATED: Record<string, string[]> = {
  'publish.${kind}': ['publish.approve', 'publish.return'],
  'dictionary.${action}': ['dictionary.add', 'dictionary.edit', 'dictionary.remove'],
  'gazette.${action}': [
    'gazette.issue_create',
    'gazette.entry_add',
    'gazette.entry_order',
    'gazette.entry_remove',
    'gazette.entry_edit',
    'gazette.entry_import',
  ],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && d.name !== 'labels.ts' ? [p] : [];
  });
}

function actionsWritten(): { actions: Set<string>; templates: Set<string> } {
  const actions = new Set<string>();
  const templates = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    if (!WRITES_LEDGER.test(text)) continue;
    for (const m of text.matchAll(ACTION_LITERAL))
      if (!OTHER_NAME.test(text.slice(Math.max(0, m.index - 12), m.index))) actions.add(m[1]);
    for (const m of text.matchAll(new RegExp(`action: \`((?:${MODULES})\\.\\$\\{\\w+\\})\``, 'g'))) templates.add(m[1]);
  }
  return { actions, templates };
}

test('写入台账的每一种动作都有中文名称', () => {
  const { actions, templates } = actionsWritten();
  assert.ok(actions.size > 80, `found only ${actions.size} actions: the scan no longer sees the ledger writers`);
  for (const t of templates) {
    assert.ok(TEMPLATED[t], `动作模板 ${t} 未列出其展开，请在 labels.test.ts 的 TEMPLATED 中列出`);
    for (const a of TEMPLATED[t]) actions.add(a);
  }
  const missing = [...actions].filter((a) => !LABELLED_ACTIONS.has(a)).sort();
  assert.deepEqual(missing, [], `这些台账动作没有中文名称，请加到 src/oversight/labels.ts：${missing.join('、')}`);
});

test('未知动作显示其代码，不会被丢掉', () => {
  assert.equal(actionName('publish.approve'), '审核通过');
  assert.equal(actionName('future.kind'), 'future.kind');
});
