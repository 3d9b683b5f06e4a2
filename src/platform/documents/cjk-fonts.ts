// The CJK fonts printed documents embed: Noto Sans SC (Noto Sans Hans, SIL OFL 1.1) from the @embedpdf/fonts-sc
// package, read once from node_modules — nothing is downloaded at run time. pdfkit embeds a subset of the
// characters used. (No free 仿宋 / 小标宋 ships on npm under a licence that allows embedding; the regular weight takes
// the body's role, the bold one the titles'.)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const FONT_DIR = path.join(path.dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
let fonts: { regular: Buffer; bold: Buffer } | undefined;

export const cjkFonts = () =>
  (fonts ??= {
    regular: fs.readFileSync(path.join(FONT_DIR, 'NotoSansHans-Regular.otf')),
    bold: fs.readFileSync(path.join(FONT_DIR, 'NotoSansHans-Bold.otf')),
  });

/**
 * A pdfkit document (pdfkit loaded on first use, not at the server's start) with the CJK fonts registered as 'body'
 * and 'bold', and its bytes once `doc.end()` is called.
 */
export async function cjkPdf(
  options: PDFKit.PDFDocumentOptions,
): Promise<{ doc: PDFKit.PDFDocument; bytes: Promise<Buffer> }> {
  const { regular, bold } = cjkFonts();
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument(options);
  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);
  const bytes = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, bytes };
}
