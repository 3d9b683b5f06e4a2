// 通报 as files: .docx in 公文 layout (GB/T 9704-2012: A4, margins 37/35/28/26 mm, red 发文机关标志 and 红色分隔线,
// 二号小标宋 title, 三号仿宋 body at a fixed 28-point line, 一、 in 黑体 and （一） in 楷体, first lines indented two
// characters) built by gongwenDocx; and a .pdf (pdfkit with the embedded CJK font, cjk-fonts.ts, which has
// no 仿宋 — the layout is the same, the face is not). Both loaded on first use.
import { cjkPdf } from '../platform/documents/cjk-fonts.ts';
import { gongwenDocx } from '../platform/documents/gongwen-docx.ts';
import type { Notice } from './notice-model.ts';

/** The 通报 in 公文 layout (platform/documents/gongwen-docx.ts). */
export const noticeDocx = (n: Notice): Promise<Buffer> => gongwenDocx(n);

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
