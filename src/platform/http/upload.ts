// Reading a multipart/form-data upload (a file plus form fields) for any route that takes one (publish's .docx import,
// secrecy's 书面同意 document). The size limit is @fastify/multipart's (deps.config.maxUploadMb, set in server.ts): past
// it toBuffer() throws a 413. Form fields and the file name follow the input hygiene rules of every other text
// (text-hygiene.ts).
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { invalid } from '../errors.ts';
import { assertCleanText } from './text-hygiene.ts';

/** An uploaded file as the routes hand it to a use case. */
export interface UploadedFile {
  buffer: Buffer;
  fileName: string;
}

/** `what`: the file asked for, as the messages name it (a .docx by default). */
export async function readUpload<S extends z.ZodType>(
  req: FastifyRequest,
  schema: S,
  what = '要导入的 .docx 文件',
): Promise<{ file: UploadedFile; fields: z.output<S> }> {
  if (!req.isMultipart()) throw invalid('file', `请以 multipart/form-data 方式上传${what}`);
  const raw: Record<string, string> = {};
  let file: UploadedFile | null = null;
  for await (const part of req.parts()) {
    assertCleanText([part.fieldname], part.fieldname);
    if (part.type === 'file') {
      assertCleanText(['fileName'], part.filename);
      file = { buffer: await part.toBuffer(), fileName: part.filename };
    } else {
      raw[part.fieldname] = String(part.value);
      assertCleanText([part.fieldname], raw[part.fieldname]);
    }
  }
  if (!file || file.buffer.length === 0) throw invalid('file', `请选择${what}`);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join('.');
    throw invalid(field, `字段「${field || '(整体)'}」不正确：${issue.message}`);
  }
  return { file, fields: parsed.data };
}
