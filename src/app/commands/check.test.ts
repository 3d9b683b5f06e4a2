// `gongkai check` end to end: a real process, real files; assertions on stdout and the exit status.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { GONGKAI_BIN } from '../../../test/support/cli.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const GAZETTE = path.resolve(root, 'test/fixtures/qijiang-gazette-2022-11.txt');
const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-check-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

function gongkai(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [GONGKAI_BIN, 'check', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function docx(bodyXml: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/word/document.xml"'
      + ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?>'
      + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + '<Relationship Id="rId1"'
      + ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
      + ' Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    '<?xml version="1.0" encoding="UTF-8"?>'
      + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
      + `<w:body>${bodyXml}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;

test('公报：按严重程度分组输出行列号、上下文和建议，有错误时退出码为 1', () => {
  const r = gongkai([GAZETTE]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /严重（1）/);
  assert.match(r.stdout, /106:1 {2}发文字号格式不规范/);
  assert.match(r.stdout, /【綦江府发\[2022\]29号】/);
  assert.match(r.stdout, /建议：綦江府发〔2022〕29号/);
  assert.ok(r.stdout.indexOf('严重（') < r.stdout.indexOf('错误（'));
});

test('--format json 输出约定的字段；无错误时退出码为 0', () => {
  const r = gongkai([
    '--format',
    'json',
    file('clean.txt', '重庆市綦江区人民政府关于做好第三次全国土壤普查的通知。\n'),
  ]);
  assert.equal(r.status, 0);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(out).sort(), ['file', 'findings', 'stats']);
  assert.deepEqual(out.findings, []);
  assert.equal(out.stats.chars, 28);
  const bad = JSON.parse(gongkai(['--format', 'json', file('bad.txt', '扫黑险恶')]).stdout);
  assert.deepEqual(Object.keys(bad.findings[0]).sort(), [
    'category',
    'column',
    'end',
    'line',
    'message',
    'rule',
    'severity',
    'start',
    'suggestion',
    'text',
  ]);
});

test('从标准输入读取（-）', () => {
  const r = gongkai(['--format', 'json', '-'], '机密★1年\n关于……的通知');
  assert.equal(r.status, 1);
  assert.equal(JSON.parse(r.stdout).findings[0].rule, 'secrecy.classification');
});

test('.html 和 GB18030 编码的 .txt', () => {
  const html = JSON.parse(
    gongkai(['--format', 'json', file('a.html', '<p>深入开展<b>扫黑险恶</b>专项斗争</p>')]).stdout,
  );
  assert.match(html.findings[0].text, /^扫黑险恶/);
  assert.match(html.findings[0].suggestion, /^扫黑除恶/);
  const gbk = Buffer.from([0xc9, 0xa8, 0xba, 0xda, 0xcf, 0xd5, 0xb6, 0xf1]); // 扫黑险恶 in GB18030
  assert.equal(JSON.parse(gongkai(['--format', 'json', file('gbk.txt', gbk)]).stdout).findings[0].text, '扫黑险恶');
});

test('.docx 文件', async () => {
  const r = gongkai([
    '--format',
    'json',
    file('ok.docx', await docx(para('綦江府发[2022]29号') + para('区长办公会议纪要'))),
  ]);
  assert.equal(r.status, 1);
  assert.equal(JSON.parse(r.stdout).findings[0].suggestion, '綦江府发〔2022〕29号');
});

test('不可用的输入：退出码 2 和清楚的中文说明', async () => {
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  unusable(gongkai([file('junk.txt', junk)]), /不是文本文件/);
  unusable(gongkai([file('fake.docx', '这不是压缩包')]), /不是有效的 \.docx/);
  unusable(gongkai([path.join(dir, 'missing.txt')]), /文件不存在/);
  const bomb = await docx(para('a'.repeat(30 * 1024 * 1024)));
  assert.ok(bomb.length < 1024 * 1024);
  unusable(gongkai(['--max-bytes', '1MB', file('bomb.docx', bomb)]), /压缩炸弹/);
});

test('超过最大输入大小：50 MB 文件和标准输入都被拒绝', () => {
  const big = file('big.txt', Buffer.alloc(50 * 1024 * 1024, '政'));
  unusable(gongkai([big]), /超过允许的最大大小 20 MB/);
  unusable(gongkai(['--max-bytes', '1KB', '-'], '政'.repeat(2000)), /超过允许的最大大小 1 KB/);
  assert.equal(gongkai(['--max-bytes', '100KB', file('small.txt', '政府'.repeat(1000))]).status, 0);
});

test('一批文件中有不可用的输入时退出码为 2，其余文件照常检查', () => {
  const r = gongkai([file('one.txt', '扫黑险恶'), path.join(dir, 'none.txt')]);
  assert.equal(r.status, 2);
  assert.match(r.stdout, /扫黑险恶/);
});

function unusable(r: { status: number | null; stdout: string }, message: RegExp): void {
  assert.equal(r.status, 2);
  assert.match(/无法检查：(.*)/.exec(r.stdout)?.[1] ?? '', message);
}
