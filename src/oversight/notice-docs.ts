// 通报 as files: .docx in 公文 layout (GB/T 9704-2012: A4, margins 37/35/28/26 mm, red 发文机关标志 and 红色分隔线,
// 二号小标宋 title, 三号仿宋 body at a fixed 28-point line, 一、 in 黑体 and （一） in 楷体, first lines indented two
// characters) built with the `docx` package; and a .pdf (pdfkit with the embedded CJK font, cjk-fonts.ts, which has
// no 仿宋 — the layout is the same, the face is not). Both loaded on first use.
import { cjkPdf } from '../platform/documents/cjk-fonts.ts';
import type { Notice } from './notice-model.ts';

const MM = 56.7; // twips per millimetre
const BODY = 32; // 三号 16 pt, in half-points
const LINE = { line: 560, lineRule: 'exact' as const }; // 28 pt

export async function noticeDocx(n: Notice): Promise<Buffer> {
  const d = await import('docx');
  const run = (text: string, font: string, size = BODY, extra: Record<string, unknown> = {}) =>
    new d.TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size, ...extra });
  const para = (children: InstanceType<typeof d.TextRun>[], opts: Record<string, unknown> = {}) =>
    new d.Paragraph({ children, spacing: LINE, ...opts });
  const indent = { firstLine: 640 };
  const body = n.blocks.map((b) =>
    b.kind === 'heading1'
      ? para([run(b.text, '黑体')], { indent })
      : b.kind === 'heading2'
        ? para([run(b.text, '楷体_GB2312')], { indent })
        : para([run(b.text, '仿宋_GB2312')], { indent, alignment: d.AlignmentType.JUSTIFIED }),
  );
  const red = { style: d.BorderStyle.SINGLE, size: 18, color: 'FF0000', space: 8 };
  const doc = new d.Document({
    creator: 'gongkai',
    title: n.title,
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM) },
          },
        },
        children: [
          para([run(n.issuer, '方正小标宋简体', 60, { color: 'FF0000' })], {
            alignment: d.AlignmentType.CENTER,
            spacing: { before: 400, after: 400 },
          }),
          para([run(n.docNumber, '仿宋_GB2312')], { alignment: d.AlignmentType.CENTER, border: { bottom: red } }),
          para([run('', '仿宋_GB2312')]),
          para([run(n.title, '方正小标宋简体', 44)], { alignment: d.AlignmentType.CENTER, spacing: { line: 700 } }),
          para([run('', '仿宋_GB2312')]),
          para([run(n.addressee, '仿宋_GB2312')]),
          ...body,
          para([run('', '仿宋_GB2312')]),
          para([run(n.signer, '仿宋_GB2312')], { alignment: d.AlignmentType.RIGHT, indent: { right: 1280 } }),
          para([run(n.date, '仿宋_GB2312')], { alignment: d.AlignmentType.RIGHT, indent: { right: 1280 } }),
        ],
      },
    ],
  });
  return d.Packer.toBuffer(doc);
}

const PT_PER_MM = 72 / 25.4;

export async function noticePdf(n: Notice): Promise<Buffer> {
  const margins = { top: 37 * PT_PER_MM, bottom: 35 * PT_PER_MM, left: 28 * PT_PER_MM, right: 26 * PT_PER_MM };
  const { doc, bytes } = await cjkPdf({ size: 'A4', margins, info: { Title: n.title } });
  const width = doc.page.width - margins.left - margins.right;
  const text = (s: string, size: number, opts: PDFKit.Mixins.TextOptions = {}) =>
    doc.fontSize(size).text(s, { width, lineGap: 28 - size, ...opts });
  doc.font('bold').fillColor('#e00000');
  text(n.issuer, 26, { align: 'center' });
  doc.fillColor('black').font('body').moveDown(0.5);
  text(n.docNumber, 16, { align: 'center' });
  const y = doc.y + 4;
  doc
    .moveTo(margins.left, y)
    .lineTo(margins.left + width, y)
    .lineWidth(1.5)
    .strokeColor('#e00000')
    .stroke();
  doc.moveDown(1.5).font('bold');
  text(n.title, 22, { align: 'center' });
  doc.font('body').moveDown(1);
  text(n.addressee, 16);
  for (const b of n.blocks) {
    doc.font(b.kind === 'para' ? 'body' : 'bold');
    text(b.text, 16, { indent: 32, align: b.kind === 'para' ? 'justify' : 'left' });
  }
  doc.font('body').moveDown(1);
  text(n.signer, 16, { align: 'right' });
  text(n.date, 16, { align: 'right' });
  doc.end();
  return bytes;
}
