// 附件 (attachments) of an item: which files are accepted, how a file proves its type (its first bytes, never the name
// or the browser's word alone), the name it is saved and downloaded under, and which revision a change
// belongs to. Pure.
import { AppError, invalid } from '../platform/errors.ts';
import { textError, textProblem } from '../platform/http/text-hygiene.ts';
import type { Stage } from './model.ts';

interface FileType {
  name: string; // for messages
  mediaType: string;
  sniff: (b: Buffer) => boolean;
}

const startsWith = (sig: readonly number[]) => (b: Buffer) => b.length >= sig.length && sig.every((x, i) => b[i] === x);
const OLE = startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]); // Word/Excel 97–2003 and WPS: a compound file
const zip = (b: Buffer) => startsWith([0x50, 0x4b, 0x03, 0x04])(b) || startsWith([0x50, 0x4b, 0x05, 0x06])(b);
/** A ZIP package holding `entry` (names are stored uncompressed in the local headers). */
const zipWith = (entry: string) => (b: Buffer) => zip(b) && b.includes(entry);

const WORD = 'Word 文档';
const EXCEL = 'Excel 工作簿';
const JPEG: FileType = { name: 'JPEG 图片', mediaType: 'image/jpeg', sniff: startsWith([0xff, 0xd8, 0xff]) };

/** The accepted extensions (lower case). */
export const ATTACHMENT_TYPES: Readonly<Record<string, FileType>> = {
  pdf: { name: 'PDF 文档', mediaType: 'application/pdf', sniff: (b) => b.subarray(0, 1024).includes('%PDF-') },
  doc: { name: WORD, mediaType: 'application/msword', sniff: OLE },
  docx: {
    name: WORD,
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    sniff: zipWith('word/'),
  },
  xls: { name: EXCEL, mediaType: 'application/vnd.ms-excel', sniff: OLE },
  xlsx: {
    name: EXCEL,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    sniff: zipWith('xl/'),
  },
  wps: { name: 'WPS 文字文档', mediaType: 'application/octet-stream', sniff: OLE },
  ofd: { name: 'OFD 版式文档', mediaType: 'application/ofd', sniff: zipWith('OFD.xml') }, // GB/T 33190-2016
  jpg: JPEG,
  jpeg: JPEG,
  png: {
    name: 'PNG 图片',
    mediaType: 'image/png',
    sniff: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  zip: { name: 'ZIP 压缩包', mediaType: 'application/zip', sniff: zip },
};

/**
 * Programs, by their first bytes: Windows (MZ), Linux (ELF), macOS (Mach-O 32/64-bit either byte order, and the
 * universal binary CAFEBABE) and scripts (#!). Such a file is refused whatever else it contains: a PDF reader finds
 * `%PDF-` anywhere in the first kilobyte, so `MZ…%PDF-` would pass as a PDF and run as a program.
 */
const EXECUTABLE_HEADERS: readonly (readonly number[])[] = [
  [0x4d, 0x5a],
  [0x7f, 0x45, 0x4c, 0x46],
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe],
  [0x23, 0x21],
];
export const isExecutable = (b: Buffer): boolean => EXECUTABLE_HEADERS.some((sig) => startsWith(sig)(b));

export const FILE_NAME_MAX = 200;
const ALLOWED = 'PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）、WPS、OFD、JPG/PNG 图片或 ZIP 压缩包';

/** The name without any folder a browser sent along, without control characters and those Windows forbids, capped
 *  in length. */
export function cleanFileName(raw: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const base = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim();
  const chars = [...base];
  if (chars.length <= FILE_NAME_MAX) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? [...base.slice(dot)] : [];
  return chars.slice(0, FILE_NAME_MAX - ext.length).join('') + ext.join('');
}

export interface CheckedFile {
  fileName: string;
  mediaType: string;
}

/** The file's cleaned name and its media type, or a 400 naming what is wrong. */
export function checkAttachment(rawName: string, content: Buffer): CheckedFile | AppError {
  const nameProblem = textProblem(rawName);
  if (nameProblem) return textError(['fileName'], nameProblem, '附件');
  const fileName = cleanFileName(rawName);
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const type = Object.hasOwn(ATTACHMENT_TYPES, ext) ? ATTACHMENT_TYPES[ext] : undefined;
  if (!type) return invalid('file', `不支持该类型的附件${ext ? `（.${ext}）` : ''}：只能上传${ALLOWED}`);
  if (content.length === 0) return invalid('file', '附件是空文件，请重新选择');
  if (isExecutable(content)) {
    return new AppError(400, 'EXECUTABLE_FILE', `附件「${fileName}」是可执行程序或脚本，不能作为附件上传`, 'file');
  }
  if (!type.sniff(content))
    return invalid('file', `附件「${fileName}」的内容与扩展名不符：不是有效的${type.name}，请检查文件后重新上传`);
  return { fileName, mediaType: type.mediaType };
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266, RFC 5987 filename*). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/**
 * The revision an attachment change belongs to (approvals bind to a revision, DOMAIN §2.3): the current one while it
 * has not been submitted; after a return, the next one — the returned revision was reviewed with the files it had.
 */
export function attachmentRevision(item: { stage: Stage; revision: number }, returnedRevision: number | null): number {
  const reviewed = item.stage === 'returned' && returnedRevision !== null && returnedRevision >= item.revision;
  return reviewed ? item.revision + 1 : item.revision;
}

/** A file no reviewer has seen (added to a revision not yet submitted) is deleted outright; any other is kept for
 *  the record. */
export const neverReviewed = (stage: Stage, revisionAdded: number, changeRevision: number): boolean =>
  stage === 'draft' || revisionAdded >= changeRevision;
