// `npm run bench:gazette`: typesetting a gazette issue of more than 60 pages (the seed's 2022年第11期 plus three of its
// documents again in a fourth section) — cover, 目录 with page numbers written back, documents, colophon, headers —
// side by side with a baseline in the same run: the same paragraphs poured into pdfkit with the same embedded font
// and nothing else (no 目录, no headers, no second pass). Each figure is the median of RUNS runs.
import { demoIssue } from '../src/gazette/demo.ts';
import { typesetIssue, type TypesetIssue } from '../src/gazette/typeset.ts';
import { cjkFonts } from '../src/platform/documents/cjk-fonts.ts';

const RUNS = 3;

function sixtyPages(): TypesetIssue {
  const issue = demoIssue();
  const again = issue.sections.flatMap((s) => s.documents).slice(1, 4);
  return { ...issue, sections: [...issue.sections, { name: '部门文件（续）', documents: again }] };
}

async function baseline(issue: TypesetIssue): Promise<number> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 71 });
  doc.registerFont('body', cjkFonts().regular);
  doc.font('body').fontSize(11);
  const done = new Promise<number>((resolve) => {
    let bytes = 0;
    doc.on('data', (c: Buffer) => {
      bytes += c.length;
    });
    doc.on('end', () => resolve(bytes));
  });
  for (const s of issue.sections) {
    for (const d of s.documents) {
      doc.text(d.title);
      for (const p of [...d.body.map((b) => b.text), ...d.attachments.flatMap((a) => a.paragraphs)]) doc.text(p);
    }
  }
  doc.end();
  return done;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    runs.push(performance.now() - t0);
  }
  return median(runs) / 1000;
}

const issue = sixtyPages();
await typesetIssue(issue); // warm-up: pdfkit, fontkit and the font files load once
const { pages } = await typesetIssue(issue);
const gazette = await time(() => typesetIssue(issue));
const plain = await time(() => baseline(issue));
console.log(`排版一期 ${pages} 页：${gazette.toFixed(2)} 秒，${(pages / gazette).toFixed(1)} 页/秒`);
console.log(`基线（同样的段落和字体直接写入 pdfkit）：${plain.toFixed(2)} 秒；比值 ${(gazette / plain).toFixed(2)}`);
