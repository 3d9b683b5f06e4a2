import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { officialDocx } from '../../test/support/gazette-docx.ts';
import { importOfficialDocx, importOfficialText } from './import.ts';
import { headingLevel, type OfficialDocument, parseOfficialDocument, readDate } from './parse.ts';

// The six 公文 reproduced in 重庆市綦江区人民政府公报 2022年第11期, one fixture each; expected.json holds every
// element as read by hand from the gazette.
const dir = path.join(import.meta.dirname, '../../test/fixtures/gazette');
const expected: Record<string, Record<string, unknown>> = JSON.parse(
  readFileSync(path.join(dir, 'expected.json'), 'utf8'),
);
const fixtures = readdirSync(dir).filter((f) => /^\d-.*\.txt$/.test(f));

function elements(d: OfficialDocument): Record<string, unknown> {
  const { body, attachments, ...rest } = d;
  return {
    ...rest,
    bodyParagraphs: body.length,
    headings: body.filter((p) => p.level).map((p) => [p.level, p.text.slice(0, 12)]),
    attachments: attachments.map((a) => ({ title: a.title, paragraphs: a.paragraphs.length })),
  };
}

test('公报的六件公文：从纯文本解析出 GB/T 9704 的每个要素', () => {
  assert.equal(fixtures.length, 6);
  for (const f of fixtures) {
    const got = elements(parseOfficialDocument(readFileSync(path.join(dir, f), 'utf8')));
    assert.deepEqual(got, expected[f.replace('.txt', '')], f);
  }
});

test('公报的六件公文：从 Word (.docx) 导入，要素与纯文本相同', async () => {
  for (const f of fixtures) {
    const imported = await importOfficialDocx(await officialDocx(readFileSync(path.join(dir, f), 'utf8')));
    assert.deepEqual(elements(imported.document), expected[f.replace('.txt', '')], f);
  }
});

test('正文的段落原样保留，层次序数给出级别', () => {
  const d = parseOfficialDocument(readFileSync(path.join(dir, '1-fufa-29.txt'), 'utf8'));
  assert.equal(d.body[1].text, '一、普查对象与内容');
  assert.match(d.body[0].text, /^根据《国务院关于开展第三次全国土壤普查的通知》/);
  assert.deepEqual(
    ['一、总体要求', '（二）工作目标', '(三)分工', '1.任务', '2．时间', '（1）采样', '(2)检测', '2022年底前完成'].map(
      headingLevel,
    ),
    [1, 2, 2, 3, 3, 4, 4, 0],
  );
});

test('版头：份号、密级、紧急程度、签发人；版记在一行的印发机关和日期；汉字成文日期', () => {
  const d = parseOfficialDocument(
    [
      '000123',
      '特急',
      '重庆市綦江区人民政府',
      '綦江府文〔2022〕12号 签发人：张三 李四',
      '重庆市綦江区人民政府关于申请资金的请示',
      '重庆市人民政府：',
      '现将有关事项请示如下。',
      '附件：1．项目清单',
      '2．资金测算表',
      '重庆市綦江区人民政府',
      '二〇二二年十一月四日',
      '（联系人：王五，48659622）',
      '抄送：市财政局。',
      '重庆市綦江区人民政府办公室 2022年11月5日印发',
    ].join('\n'),
  );
  assert.equal(d.copyNumber, '000123');
  assert.equal(d.urgency, '特急');
  assert.equal(d.issuerMark, '重庆市綦江区人民政府');
  assert.equal(d.docNumber, '綦江府文〔2022〕12号');
  assert.deepEqual(d.signers, ['张三', '李四']);
  assert.equal(d.title, '重庆市綦江区人民政府关于申请资金的请示');
  assert.equal(d.addressee, '重庆市人民政府');
  assert.deepEqual(d.body, [{ level: 0, text: '现将有关事项请示如下。' }]);
  assert.deepEqual(d.attachmentNote, ['附件：1．项目清单', '2．资金测算表']);
  assert.equal(d.signature, '重庆市綦江区人民政府');
  assert.equal(d.dateIso, '2022-11-04');
  assert.deepEqual(d.notes, ['（联系人：王五，48659622）']);
  assert.equal(d.cc, '市财政局');
  assert.equal(d.printer, '重庆市綦江区人民政府办公室');
  assert.equal(d.printDateIso, '2022-11-05');
  assert.equal(readDate('2022年2月30日印发'), null);
});

test('标有密级的公文不得编入公报，报 422 并说明原因', () => {
  const text = readFileSync(path.join(dir, '6-renshe-137.txt'), 'utf8');
  assert.throws(
    () => importOfficialText(`秘密★1年\n${text}`),
    (e: Error & { status?: number; code?: string }) =>
      e.status === 422 && e.code === 'CLASSIFIED' && e.message.includes('秘密★1年'),
  );
  assert.throws(() => importOfficialText(text.replace('征集时间', '机密★长期 征集时间')), /密级标志/);
  assert.throws(() => importOfficialText('  \n'), /未能识别公文标题/);
});

test('GB/T 9704 问题由智能校对的公文格式规则报告：发文字号的括号', () => {
  const bad = importOfficialText(readFileSync(path.join(dir, '1-fufa-29.txt'), 'utf8'));
  const rules = bad.formatFindings.map((f) => `${f.rule}:${f.text}`);
  assert.ok(rules.includes('format.doc-number:綦江府发[2022]29号'), rules.join('\n'));
  assert.ok(bad.formatFindings.every((f) => f.category === 'format'));
  const good = importOfficialText(readFileSync(path.join(dir, '6-renshe-137.txt'), 'utf8'));
  assert.ok(!good.formatFindings.some((f) => f.rule === 'format.doc-number'));
});
