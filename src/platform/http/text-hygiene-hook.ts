// Applies the input hygiene rules (text-hygiene.ts) at the one place every request passes: JSON and plain-text bodies
// are decoded as strict UTF-8 (Fastify's own parser would turn invalid bytes into U+FFFD without a word), and every
// string in the body, query string and path parameters is checked before any route's schema sees it. (A path with
// an invalid escape never gets here: Fastify answers it 400 itself.)
// Multipart fields and file names are read inside the routes, so src/platform/http/upload.ts checks those.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { findTextProblem } from './text-hygiene.ts';

const notUtf8 = () => new AppError(400, 'BODY_NOT_UTF8', '提交的内容不是有效的 UTF-8 文字，请检查编码后重新提交');

/** The bytes as text, or the 400 when they are not valid UTF-8 (a leading BOM is dropped, as JSON allows). */
export function decodeUtf8Strict(bytes: Buffer): string | AppError {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return notUtf8();
  }
}

const WHERE = { querystring: '查询参数', params: '路径参数' } as const;

/** The query string's percent-escapes must spell UTF-8 (the parser would keep "%ED%A0%80" as it stands). */
function checkQueryEncoding(url: string): void {
  const q = url.indexOf('?');
  if (q < 0) return;
  try {
    decodeURIComponent(url.slice(q + 1));
  } catch {
    throw new AppError(400, 'QUERY_NOT_UTF8', '查询参数的编码不正确（不是有效的 UTF-8），请检查网址');
  }
}

function checkRequest(req: FastifyRequest): void {
  checkQueryEncoding(req.url);
  for (const [part, where] of [
    ['params', WHERE.params],
    ['query', WHERE.querystring],
  ] as const) {
    const found = findTextProblem(req[part]);
    if (found) throw new AppError(found.status, found.code, `${where}${found.message}`, found.field);
  }
  const found = findTextProblem(req.body);
  if (found) throw found;
}

/**
 * Adds the strict-UTF-8 JSON parser to `app`'s scope: for the root, and for a plugin that removes the inherited
 * parsers (src/secrecy/challenge-routes.ts).
 */
export function addStrictJsonParser(app: FastifyInstance): void {
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const text = decodeUtf8Strict(body as Buffer);
    if (text instanceof AppError) return done(text, undefined);
    return defaultJson(req, text, done);
  });
}

export function registerTextHygiene(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  addStrictJsonParser(app);
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (_req, body, done) => {
    const text = decodeUtf8Strict(body as Buffer);
    return text instanceof AppError ? done(text, undefined) : done(null, text);
  });
  app.addHook('preValidation', async (req) => checkRequest(req));
}
