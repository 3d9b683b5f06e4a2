// The README is what a new district reads first: its quick start and demo accounts must match the code.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/org/demo.ts';

const readme = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8');

test('README 列出每一个演示账号及其密码', () => {
  const missing = DEMO_USERS.filter((u) => !readme.includes(`\`${u.username}\`（${u.name}`)).map((u) => u.username);
  assert.deepEqual(missing, []);
  assert.ok(readme.includes(DEMO_PASSWORD));
});

test('README 的快速开始正好是两条命令', () => {
  assert.match(readme, /npm ci && npm start/);
  assert.match(readme, /npm test/);
});

test('README 中的截图文件都存在', () => {
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(images.length >= 2, 'README 应展示至少两张界面截图');
  const missing = images.filter((p) => !fs.existsSync(path.resolve(import.meta.dirname, '..', p)));
  assert.deepEqual(missing, []);
});
