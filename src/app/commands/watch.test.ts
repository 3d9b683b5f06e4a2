// `gongkai watch` end to end: a real process against the fixture site in this process (spawned asynchronously, so
// the site keeps answering); assertions on stdout and the exit status.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGovSite, type GovSite } from '../../../test/fixtures/gov-site/server.ts';
import { runCli } from '../../../test/support/cli.ts';
import { shanghaiDay } from '../../watch/dates.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-watch-'));
let site: GovSite;
before(async () => {
  site = await startGovSite({ today: shanghaiDay(new Date()) });
});
after(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

async function gongkai(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const r = await runCli(['watch', ...args], { NO_COLOR: '1' });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

test('正常站点：中文报告按监测项分组，栏目从首页导航识别，退出码 0', async () => {
  const r = await gongkai([site.url, '--allow-private']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  for (const h of [
    '【首页可用性】',
    '【更新情况】',
    '【链接检查】',
    '【页面安全（篡改、暗链、审定稿）】',
    '【内容校对（智能校对）】',
  ])
    assert.ok(r.stdout.includes(h), h);
  assert.match(r.stdout, /栏目：动态要闻、通知公告、政策文件、人事信息/);
  assert.match(r.stdout, /结论：未发现否决风险和事件/);
});

test('有事件或否决风险时退出码 1；--format json 给出观测和统计；--state 保存基线，再次运行发现篡改', async () => {
  const state = path.join(dir, 'state.json');
  const first = await gongkai([
    site.url,
    '--allow-private',
    '--stable',
    `${site.url}about.html`,
    '--state',
    state,
    '--format',
    'json',
    '--no-content',
  ]);
  assert.equal(first.status, 0, first.stdout);
  assert.ok(JSON.parse(readFileSync(state, 'utf8')).baselines[`${site.url}about.html`]);
  site.set({ defaced: true, typo: true, deadLink: true });
  try {
    const r = await gongkai([
      site.url,
      '--allow-private',
      '--stable',
      `${site.url}about.html`,
      '--state',
      state,
      '--format',
      'json',
      '--depth',
      '2',
      '--concurrency',
      '2',
    ]);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    const rules = out.observations
      .filter((o: { incident: boolean }) => o.incident)
      .map((o: { rule: string }) => o.rule)
      .sort();
    assert.deepEqual(rules, ['defaced', 'serious-finding']);
    assert.equal(out.observations.filter((o: { rule: string }) => o.rule === 'dead-link').length, 3);
    assert.ok(out.stats.pages > 10);
    assert.equal(JSON.parse(readFileSync(state, 'utf8')).probes.length, 2);
    const text = await gongkai([site.url, '--allow-private', '--stable', `${site.url}about.html`, '--state', state]);
    assert.match(text.stdout, /否决风险 【事件】不应变化的页面内容被改动（疑似篡改）/);
  } finally {
    site.reset();
  }
});

test('首页无法访问：事件，退出码 1；网址中的账号密码不出现在输出中', async () => {
  site.set({ status500: true });
  try {
    const withPassword = site.url.replace('http://', 'http://admin:s3cret@');
    const r = await gongkai([withPassword, '--allow-private', '--pages', '5']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /【事件】首页无法访问：HTTP 500/);
    assert.doesNotMatch(r.stdout + r.stderr, /s3cret/);
    const json = await gongkai([withPassword, '--allow-private', '--pages', '5', '--format', 'json']);
    assert.doesNotMatch(json.stdout, /s3cret|admin@/);
  } finally {
    site.reset();
  }
});

test('不可用的网址退出码 2：格式错误、非 http(s)、未加 --allow-private 的本机地址', async () => {
  const bad = await gongkai(['http://exa mple.com/']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /网址格式无效/);
  assert.equal((await gongkai(['ftp://example.com/'])).status, 2);
  const local = await gongkai([site.url, '--format', 'json']);
  assert.equal(local.status, 2);
  assert.match(JSON.parse(local.stdout).error.message, /内网、本机或保留地址.*--allow-private/);
  assert.equal((await gongkai([site.url, '--depth', '0'])).status, 1); // commander rejects a bad option value
});

test('注册在 gongkai 命令行中', async () => {
  const r = await gongkai(['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /--allow-private/);
  assert.match(r.stdout, /仅用于内网网站和测试/);
});
