// 公文 in from a .docx (through the project's Word reading, platform/documents) or from plain text: parsed into
// its GB/T 9704 elements, refused when it carries a 密级, and proofread by the 公文格式 rules.
import { docxToHtml } from '../platform/documents/docx.ts';
import { htmlToText } from '../platform/documents/html.ts';
import { invalid } from '../platform/errors.ts';
import { formatFindings, gazetteRefusal, type ImportedDocument, parseOfficialDocument } from './model.ts';

/** Plain text of a Word file, one paragraph a line. */
export async function docxText(buf: Buffer): Promise<string> {
  return htmlToText((await docxToHtml(buf)).html);
}

/** Parses one 公文; throws 422 CLASSIFIED for a document carrying a 密级, 400 for an empty one. */
export function importOfficialText(text: string): ImportedDocument {
  const document = parseOfficialDocument(text);
  if (!document.title) throw invalid('file', '未能识别公文标题：文档为空或不是公文');
  const refusal = gazetteRefusal(document, text);
  if (refusal) throw refusal;
  return { document, formatFindings: formatFindings(text) };
}

export async function importOfficialDocx(buf: Buffer): Promise<ImportedDocument> {
  return importOfficialText(await docxText(buf));
}
