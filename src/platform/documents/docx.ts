// Word (.docx) in: converted to HTML by mammoth, after checking that the file is a real, bounded zip.
import type JSZip from 'jszip';
import { AppError } from '../errors.ts';

export interface DocxLimits {
  /** Total bytes the archive may expand to; a zip bomb stops here, not in memory. */
  maxUncompressedBytes: number;
  maxEntries: number;
}

export const DEFAULT_DOCX_LIMITS: DocxLimits = { maxUncompressedBytes: 100 * 1024 * 1024, maxEntries: 2000 };

const badDocx = (message: string) => new AppError(400, 'BAD_DOCX', message, 'file');

export async function docxToHtml(
  buf: Buffer,
  limits: DocxLimits = DEFAULT_DOCX_LIMITS,
): Promise<{ html: string; warnings: string[] }> {
  await assertBoundedDocx(buf, limits);
  const { default: mammoth } = await import('mammoth'); // loaded on the first .docx, not at the server's start
  try {
    const result = await mammoth.convertToHtml({ buffer: buf });
    return { html: result.value, warnings: result.messages.map((m) => m.message) };
  } catch {
    throw badDocx('无法读取该 Word 文档，请确认文件为 .docx 格式且未损坏');
  }
}

/** Streams every entry with a running byte count, so declared sizes in the zip header cannot lie to us. */
export async function assertBoundedDocx(buf: Buffer, limits: DocxLimits): Promise<void> {
  const { default: Zip } = await import('jszip');
  let zip: JSZip;
  try {
    zip = await Zip.loadAsync(buf, { checkCRC32: false });
  } catch {
    throw badDocx('文件不是有效的 .docx（Word）文档');
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > limits.maxEntries) throw badDocx(`文档内部文件过多（超过 ${limits.maxEntries} 个），已拒绝`);
  if (!zip.file('word/document.xml')) throw badDocx('文件不是有效的 .docx（Word）文档：缺少正文');
  let total = 0;
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.maxUncompressedBytes) {
          stream.pause();
          stream.removeAllListeners('data');
          reject(
            badDocx(`文档解压后超过 ${Math.round(limits.maxUncompressedBytes / 1048576)} MB，疑似压缩炸弹，已拒绝`),
          );
        }
      });
      stream.on('error', () => reject(badDocx('文档已损坏，无法解压')));
      stream.on('end', () => resolve());
    });
  }
}
