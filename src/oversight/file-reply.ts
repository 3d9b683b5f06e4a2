// One way the oversight routes send a file (台账, 统计表, 审签单, 通报, 考核表, 自查表): its type by format and a
// download name people can read (RFC 6266 with the UTF-8 name).
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../publish/attachments-model.ts';

export const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;
export type FileFormat = keyof typeof MIME;

/** `name` without the extension; the format adds it. */
export function sendFile(reply: FastifyReply, format: FileFormat, name: string, body: Buffer | string) {
  return reply
    .header('content-type', MIME[format])
    .header('content-disposition', contentDisposition(`${name}.${format}`))
    .send(body);
}
