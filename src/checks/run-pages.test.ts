// Checker.runPages: many texts in one call (the watch's pages), each its own document — the same findings as `run`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { createChecker } from './index.ts';

const ID = '11010519491231002X';
/** Pages whose findings change when they are read as one document with their neighbours: each pair is one page
 *  and the next, and a checker that joined them would find something (or lose something) here. */
const NEIGHBOURS: [string, string][] = [
  // 全文一致: two short names of one organ, one per page.
  ['区发展改革委牵头开展专项检查。', '由区发改委汇总上报。'],
  // 规范表述 by 成文日期: the other page's date must not date this one.
  ['为全面建设小康社会而奋斗。', '綦江区人民政府办公室\n2010年6月1日'],
  // 结构层次序数 across pages.
  ['一、总体要求\n（一）指导思想', '三、保障措施\n（三）认真严谨'],
  // Half-width punctuation "once per document" (copied from a PDF) next to a page in full-width punctuation.
  [
    '请各街镇(部门)认真落实,各部门,各单位要配合,按时上报,不得延误;如有问题,及时联系;材料报送:区政府办,联系人:张三,电话:48661234,地址:文龙街道。',
    '请各街镇（部门）认真落实，各部门、各单位要配合，按时上报，不得延误。',
  ],
  // 个人信息 read in context: a 公示 heading on one page, a name and a mobile number on the next.
  ['2023年度临时救助对象名单公示\n', '刘某某 东溪镇 联系电话 15823457890'],
  // 重复字词 at the boundary: one page ends with what the next begins with.
  ['会议由重庆市綦江区', '重庆市綦江区人民政府主持召开。'],
  ['我们', '我们要抓好落实。'],
  // Quotes and brackets opened on one page and closed on the next.
  ['他说：“要抓紧（落实', '责任）”。'],
  // A 发文字号 split over two pages.
  ['根据綦江府发[2022]', '29号文件精神'],
];

/** Pages of every kind the content monitor meets, findings at their first and last characters. */
const PAGES: string[] = [
  '',
  '重庆市綦江区重庆市綦江区',
  '机密★1年\n关于做好安全保密工作的通知',
  '全区深入开展扫黑险恶专项斗争。',
  `经公示，拟补助对象张三（身份证号${ID}）符合条件。`,
  // A table: cells kept apart by a space (page.ts pageText).
  `序号 姓名 身份证号 联系电话\n1 张三 ${ID} 13812341234\n2 李四 500222198001011234 13996512345\n`,
  '申请人王五，手机13812341234，住古南街道。',
  '咨询电话：13996512345（工作日9:00—17:00）',
  '，我们我们要抓好落实，进一步进一步加强管理。中华人民共合国',
  '綦江府办发〔2022〕第065号\n于2022年2月30日召开\n抄送：区委办公室。',
  '积极参与“一带一路”计划。2022年11月04日',
  '由区财政局、民政局、区教委、区公安局负责。',
  ...NEIGHBOURS.flat(),
];

/** The gazette (with its own real errors) cut into pages of 1 to 9 lines. */
function gazettePages(): string[] {
  const file = new URL('../../test/fixtures/qijiang-gazette-2022-11.txt', import.meta.url);
  const lines = readFileSync(file, 'utf8').split('\n');
  const pages: string[] = [];
  for (let i = 0, n = 1; i < lines.length; i += n, n = ((n * 5) % 9) + 1) pages.push(lines.slice(i, i + n).join('\n'));
  return pages;
}

const checker = createChecker();
const alone = (text: string) => checker.run(text).findings;

test('智能校对成批运行：每页的发现与逐页运行完全相同（表格、个人信息、页首页尾的发现），不跨页', () => {
  const pages = [...PAGES, ...gazettePages()];
  const expected = pages.map(alone);
  const found = checker.runPages(pages).map((r) => r.findings);
  for (let i = 0; i < pages.length; i++) assert.deepEqual(found[i], expected[i], `page ${i}: ${pages[i].slice(0, 40)}`);
  // The pages do exercise the detectors that judge a whole text, and the ones at the page edges.
  const rules = new Set(expected.flat().map((f) => f.rule.split('.')[0]));
  for (const r of ['duplicate', 'pii', 'secrecy', 'expression', 'format', 'punctuation', 'consistency', 'formulation'])
    assert.ok(rules.has(r), `no page has a ${r} finding`);
  const total = expected.reduce((n, f) => n + f.length, 0);
  assert.ok(total > 150, `${total} findings`);
});

test('相邻两页连成一篇时发现会变：成批运行仍按各页单独判断', () => {
  let differ = 0;
  for (const [a, b] of NEIGHBOURS) {
    const joined = checker.run(`${a}\n${b}`).findings;
    const apart = [...alone(a), ...alone(b)];
    if (joined.length !== apart.length || joined.some((f, i) => f.rule !== apart[i].rule)) differ++;
    const [ra, rb] = checker.runPages([a, b]).map((r) => r.findings);
    assert.deepEqual(ra, alone(a), a);
    assert.deepEqual(rb, alone(b), b);
  }
  // Most of these pairs would go wrong in a checker that simply joined the pages.
  assert.ok(differ >= 5, `only ${differ} pairs read differently as one text`);
});

test('任意分批、任意顺序：结果与逐页运行相同', () => {
  const pages = [...PAGES, ...gazettePages().slice(0, 40)];
  const expected = new Map(pages.map((p) => [p, alone(p)]));
  fc.assert(
    fc.property(fc.shuffledSubarray(pages, { minLength: 1 }), (batch) => {
      const found = checker.runPages(batch);
      for (const [i, p] of batch.entries()) assert.deepEqual(found[i].findings, expected.get(p), p.slice(0, 40));
    }),
    { numRuns: 30 },
  );
  assert.deepEqual(checker.runPages([]), []);
});
