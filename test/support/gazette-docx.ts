// A Word file made the way an office makes one: each paragraph of a plain-text 公文 becomes a paragraph of the
// .docx (written with the `docx` package), so the gazette's .docx import is tested on real Word XML.
import { Document, Packer, Paragraph, TextRun } from 'docx';

export async function officialDocx(text: string): Promise<Buffer> {
  const paragraphs = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => new Paragraph({ children: [new TextRun({ text: l, font: '仿宋_GB2312', size: 32 })] }));
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}
