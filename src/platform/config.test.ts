// Configuration: validated once at start, with a Chinese message naming the bad variable; no secret in the summary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig, summarizeConfig } from './config.ts';

test('默认配置：SQLite、8080 端口、载入演示数据', () => {
  const c = loadConfig({});
  assert.equal(c.port, 8080);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.demo, '1');
  assert.match(summarizeConfig(c), /port=8080 db=sqlite .*gongkai\.sqlite demo=1/);
});

test('配置有误时报出具体变量，不带默认值糊过去', () => {
  assert.throws(() => loadConfig({ PORT: '99999' }), /配置有误：[\s\S]*port/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL 必须以 postgres:\/\/ 开头/);
  assert.throws(() => loadConfig({ GONGKAI_DEMO: 'yes' }), /demo/);
});

test('启动摘要中不出现数据库密码', () => {
  const c = loadConfig({ DATABASE_URL: 'postgres://gongkai:s3cret-pw@db.example:5432/gk' });
  const line = summarizeConfig(c);
  assert.ok(!line.includes('s3cret-pw'));
  assert.match(line, /postgres postgres:\/\/gongkai:\*\*\*@db\.example:5432\/gk/);
});
