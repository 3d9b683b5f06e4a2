import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { demoIssue } from './demo.ts';
import { typesetIssue } from './typeset.ts';

interface Item {
  str: string;
  x: number;
  y: number;
}

/** Each page's text items with their positions, read back from the PDF by pdf.js (unpdf). */
async function readBack(pdf: Buffer): Promise<Item[][]> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const pages: Item[][] = [];
  for (let i = 1; i <= proxy.numPages; i++) {
    const content = await (await proxy.getPage(i)).getTextContent();
    pages.push(
      content.items.flatMap((it) =>
        'str' in it && it.str.trim() ? [{ str: it.str, x: it.transform[4], y: it.transform[5] }] : [],
      ),
    );
  }
  return pages;
}

const SEED_TOC = [
  ['卷首语', '用实干“拼”出太空家园(人民论坛)'],
  ['重庆市綦江区人民政府文件', '重庆市綦江区人民政府关于做好第三次全国土壤普查的通知'],
  ['重庆市綦江区人民政府文件', '重庆市綦江区人民政府关于印发重庆市綦江区科技创新发展“十四五”规划的通知'],
  ['重庆市綦江区人民政府办公室文件', '重庆市綦江区人民政府办公室关于印发政府网站和政务新媒体信息发布“三审三校”'],
  ['重庆市綦江区人民政府办公室文件', '重庆市綦江区人民政府办公室关于印发2022年度重庆市綦江区人民政府重大行政决策'],
  ['重庆市綦江区人民政府部门文件', '重庆市綦江区城市管理局 重庆市綦江区机关事务管理中心关于进一步加强全区公共'],
  ['重庆市綦江区人民政府部门文件', '重庆市綦江区人力资源和社会保障局关于征集创业导师志愿者的通知'],
];

for (const paper of ['A4', '16K'] as const) {
  test(`2022年第11期排版（${paper}）：目录与种子相同，目录页码与文中页码一致（从 PDF 读回）`, async () => {
    const issue = demoIssue();
    const { pdf, toc, pages } = await typesetIssue(issue, paper);
    assert.deepEqual(
      toc.map((t) => [t.section, t.title.slice(0, SEED_TOC[toc.indexOf(t)][1].length)]),
      SEED_TOC,
    );
    const read = await readBack(pdf);
    assert.equal(read.length, pages);
    const proxy = await getDocumentProxy(new Uint8Array(pdf));
    const size = (await proxy.getPage(1)).view;
    assert.deepEqual(size.map(Math.round), paper === 'A4' ? [0, 0, 595, 842] : [0, 0, 524, 737]);
    const all = await extractText(new Uint8Array(pdf), { mergePages: false });
    assert.match(all.text[0], /重庆市綦江区人民政府公报/);
    assert.match(all.text[0], /第11期（总第129期）/);
    assert.match(all.text[1], /目\s*录/);
    assert.match(all.text.at(-1) ?? '', /编辑出版：重庆市綦江区人民政府公报室/);

    // The 目录: each title's first characters, and the number printed on the same line.
    // The 目录 runs from the second page to the last one before page 1 (numbers sit at the foot, below y = 60).
    const pageOne = read.findIndex((p) => p.some((i) => i.str === '1' && i.y < 60));
    const tocItems = read.slice(1, pageOne).flat();
    for (const t of toc) {
      const line = tocItems.find((i) => i.str.length >= 10 && t.title.startsWith(i.str));
      assert.ok(line, `目录中没有“${t.title}”`);
      const number = tocItems.find((i) => /^\d+$/.test(i.str) && Math.abs(i.y - line.y) < 2);
      assert.ok(number, `目录中“${t.title}”没有页码`);
      assert.equal(Number(number.str), t.page, t.title);
      // That page, found by the number printed at its foot, starts with the document's title.
      const at = read.findIndex((p) => p.some((i) => i.str === number.str && i.y < 60));
      assert.ok(at > 0, `找不到第 ${number.str} 页`);
      const body = read[at].filter((i) => i.y > 60).sort((a, b) => b.y - a.y);
      const header = body.filter((i) => Math.abs(i.y - body[0].y) < 2);
      assert.match(header.map((i) => i.str).join(''), /^重庆市綦江区人民政府公报\s*2022年第11期$/);
      const first = body[header.length].str;
      assert.ok(first.startsWith(t.title.slice(0, 6)), `第 ${number.str} 页首行是“${first}”`);
    }
  });
}
