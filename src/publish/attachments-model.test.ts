// 附件: types proven by their first bytes, file names, the download header, the revision a change belongs to. Pure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../platform/errors.ts';
import {
  attachmentRevision,
  checkAttachment,
  cleanFileName,
  contentDisposition,
  neverReviewed,
} from './attachments-model.ts';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
const zipOf = (entry: string) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(entry)]);
const mediaOf = (name: string, content: Buffer) => {
  const r = checkAttachment(name, content);
  return r instanceof AppError ? r.message : r.mediaType;
};

const codeOf = (name: string, content: Buffer) => {
  const r = checkAttachment(name, content);
  return r instanceof AppError ? r.code : 'ok';
};

test('可执行程序的文件头（MZ、ELF、Mach-O、#!）一律拒绝，即使后面含有 %PDF- 或 ZIP 的特征', () => {
  const headers = [
    [0x4d, 0x5a],
    [0x7f, 0x45, 0x4c, 0x46],
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe],
    [0x23, 0x21],
  ];
  for (const h of headers) {
    const head = Buffer.concat([Buffer.from(h), Buffer.alloc(64 - h.length)]);
    assert.equal(codeOf('方案.pdf', Buffer.concat([head, Buffer.from('%PDF-1.7\n')])), 'EXECUTABLE_FILE', String(h));
    assert.equal(codeOf('名单.zip', Buffer.concat([head, zipOf('a.txt')])), 'EXECUTABLE_FILE', String(h));
  }
  assert.match(mediaOf('方案.pdf', Buffer.from('MZ\x90\x00%PDF-1.7')), /附件「方案\.pdf」是可执行程序或脚本/);
  assert.equal(codeOf('方案.pdf', Buffer.from('%PDF-1.7 MZ #!')), 'ok');
});

test('文件名含双向控制字符、控制字符或只有不可见字符：拒绝，不改写', () => {
  assert.equal(codeOf('report\u202egpj.pdf', Buffer.from('%PDF-1.4')), 'TEXT_BIDI_CONTROL');
  assert.match(
    mediaOf('report\u202egpj.pdf', Buffer.from('%PDF-1.4')),
    /^附件「文件名」含有改变文字显示方向的控制字符（U\+202E）/,
  );
  assert.equal(codeOf('a\u0000.pdf', Buffer.from('%PDF-1.4')), 'TEXT_CONTROL_CHAR');
  assert.equal(codeOf('\u200b', Buffer.from('%PDF-1.4')), 'TEXT_INVISIBLE_ONLY');
});

test('按文件头识别：扩展名与内容一致才接受', () => {
  assert.equal(mediaOf('a.PDF', Buffer.from('%PDF-1.4')), 'application/pdf');
  assert.equal(mediaOf('a.doc', OLE), 'application/msword');
  assert.equal(mediaOf('a.wps', OLE), 'application/octet-stream');
  assert.equal(mediaOf('a.xls', OLE), 'application/vnd.ms-excel');
  assert.equal(
    mediaOf('a.docx', zipOf('word/document.xml')),
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
  assert.equal(
    mediaOf('a.xlsx', zipOf('xl/workbook.xml')),
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  assert.equal(mediaOf('a.ofd', zipOf('OFD.xml')), 'application/ofd');
  assert.equal(mediaOf('a.zip', zipOf('任意.txt')), 'application/zip');
  assert.equal(mediaOf('a.jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
  assert.match(mediaOf('a.docx', zipOf('xl/workbook.xml')), /不是有效的Word 文档/);
  assert.match(mediaOf('a.ofd', zipOf('word/document.xml')), /不是有效的OFD 版式文档/);
  assert.match(mediaOf('a.png', Buffer.from('<svg/>')), /不是有效的PNG 图片/);
  assert.match(mediaOf('a.svg', Buffer.from('<svg/>')), /不支持该类型的附件（\.svg）/);
  assert.match(mediaOf('a.toString', Buffer.from('x')), /不支持该类型的附件/);
  assert.match(mediaOf('a.pdf', Buffer.alloc(0)), /空文件/);
});

test('文件名：去掉路径、控制字符和 Windows 禁用字符，过长时保留扩展名', () => {
  assert.equal(cleanFileName('C:\\Users\\王明\\Desktop\\方案.pdf'), '方案.pdf');
  assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
  assert.equal(cleanFileName('a\u0000b<c>:"d|?*.pdf'), 'abcd.pdf');
  const long = cleanFileName(`${'长'.repeat(300)}.docx`);
  assert.equal([...long].length, 200);
  assert.ok(long.endsWith('长.docx'));
});

test('下载：ASCII 备用名与 RFC 5987 的 UTF-8 文件名', () => {
  assert.equal(
    contentDisposition('通知(2026).pdf'),
    `attachment; filename="__(2026).pdf"; filename*=UTF-8''%E9%80%9A%E7%9F%A5%282026%29.pdf`,
  );
  assert.equal(
    contentDisposition('a"b\\c%.pdf'),
    `attachment; filename="a_b_c_.pdf"; filename*=UTF-8''a%22b%5Cc%25.pdf`,
  );
});

test('改动属于哪个版本：退回且未修改时属于下一版本；未送审过的附件直接删除', () => {
  assert.equal(attachmentRevision({ stage: 'draft', revision: 1 }, null), 1);
  assert.equal(attachmentRevision({ stage: 'returned', revision: 1 }, 1), 2);
  assert.equal(attachmentRevision({ stage: 'returned', revision: 2 }, 1), 2);
  assert.equal(neverReviewed('draft', 1, 3), true);
  assert.equal(neverReviewed('returned', 2, 2), true);
  assert.equal(neverReviewed('returned', 1, 2), false);
});
