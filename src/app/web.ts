// Serves the built browser UI (dist/web) at `/`: hashed assets with long caching, index.html for every other
// page path so that the UI's own routes (/items/…, /ledger…) survive a reload. Before the UI is built the
// home page says how to build it.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WEB_DIST } from './web-build.ts';

// Ant Design writes its styles at run time (CSS-in-JS), hence style-src 'unsafe-inline'; scripts stay 'self'.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>gongkai 公开</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>gongkai（公开）</h1><p>网页界面尚未构建。请用 <code>npm start</code> 启动（会自动构建），或运行 <code>npm run build:web</code>。</p>
<p>接口文档：<a href="/api/openapi.json">/api/openapi.json</a></p></body></html>`;

const indexFile = path.join(WEB_DIST, 'index.html');

export async function registerWeb(app: FastifyInstance): Promise<void> {
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('content-security-policy', CSP);
      reply.header('x-frame-options', 'DENY');
    }
    return payload;
  });
  if (!fs.existsSync(indexFile)) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(NOT_BUILT),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: '/',
    wildcard: false,
    index: false,
    schemaHide: true,
    setHeaders: (res, file) => {
      res.setHeader(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/', { schema: { hide: true } }, async (_req, reply) => sendIndex(reply));
}

/** A page path of the UI (not /api/…, not a file): answered with index.html so the UI routes it. */
export function isUiPage(req: FastifyRequest): boolean {
  return (
    req.method === 'GET'
    && !req.url.startsWith('/api/')
    && !/\.[a-z0-9]+(\?|$)/i.test(req.url)
    && fs.existsSync(indexFile)
  );
}

export const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
