// The outbox's retry rule, what an error keeps, which addresses are mailed, and the SMTP settings' start-log line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig, summarizeConfig } from '../config.ts';
import { cleanRecipients, describeFailure, retryDelayMs } from './model.ts';

test('重试间隔：30 秒起每次翻倍，最长每小时一次，永不放弃', () => {
  assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000]);
  assert.equal(retryDelayMs(8), 60 * 60_000);
  assert.equal(retryDelayMs(10_000), 60 * 60_000);
  assert.equal(retryDelayMs(0), 30_000);
});

test('记下的错误：单行、截断、不含口令', () => {
  const err = Object.assign(new Error('Invalid login: 535 pw=hunter2\n  more'), { code: 'EAUTH' });
  assert.equal(describeFailure(err, ['hunter2', '']), 'EAUTH: Invalid login: 535 pw=*** more');
  assert.equal(describeFailure('x'.repeat(2000), []).length, 500);
});

test('收件人：去空白、去重，丢弃不像邮箱的地址', () => {
  assert.deepEqual(cleanRecipients([' a@b.cn ', 'a@b.cn', 'bad', 'x <y@z>', 'c@d.gov.cn']), ['a@b.cn', 'c@d.gov.cn']);
});

test('SMTP 配置：启动摘要只有 主机:端口，不含用户名和口令；未配置时注明', () => {
  const c = loadConfig({
    SMTP_HOST: 'mail.qj.gov.cn',
    SMTP_PORT: '465',
    SMTP_SECURE: '1',
    SMTP_USER: 'gk-sender',
    SMTP_PASS: 'Smtp-s3cret',
    MAIL_FROM: 'gongkai <gk@qj.gov.cn>',
  });
  assert.equal(c.smtpPort, 465);
  assert.equal(c.smtpSecure, '1');
  const line = summarizeConfig(c);
  assert.match(line, / smtp=mail\.qj\.gov\.cn:465$/);
  assert.ok(!line.includes('Smtp-s3cret') && !line.includes('gk-sender'));
  assert.match(summarizeConfig(loadConfig({})), / smtp=未配置$/);
  assert.equal(loadConfig({}).smtpPort, 587);
  assert.throws(() => loadConfig({ SMTP_PORT: '0' }), /smtpPort/);
  assert.throws(() => loadConfig({ SMTP_SECURE: 'yes' }), /smtpSecure/);
});
