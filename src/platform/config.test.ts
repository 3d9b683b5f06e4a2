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

test('登录失败节流：默认 5 次、最长等待 15 分钟、每地址每分钟 60 次；旧名 GONGKAI_LOCKOUT_MINUTES 仍读取', () => {
  const c = loadConfig({});
  assert.deepEqual([c.maxLoginFailures, c.loginMaxDelayMinutes, c.loginRatePerMinute], [5, 15, 60]);
  assert.equal(loadConfig({ GONGKAI_LOCKOUT_MINUTES: '30' }).loginMaxDelayMinutes, 30);
  const both = loadConfig({ GONGKAI_LOGIN_MAX_DELAY_MINUTES: '10', GONGKAI_LOCKOUT_MINUTES: '30' });
  assert.equal(both.loginMaxDelayMinutes, 10);
  assert.equal(loadConfig({ GONGKAI_LOGIN_RATE_PER_MINUTE: '120' }).loginRatePerMinute, 120);
  assert.throws(() => loadConfig({ GONGKAI_LOGIN_RATE_PER_MINUTE: '0' }), /loginRatePerMinute/);
  assert.match(summarizeConfig(c), /login=5free\/15min\/60rpm/);
});
