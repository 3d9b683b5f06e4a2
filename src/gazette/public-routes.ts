// 网上公报 (/gongbao), no login: years → issues → 目录 → each document with its metadata, the issue's PDF, and
// full-text search. Server-rendered HTML that works without JavaScript; every value escaped; released issues only
// (service.ts `releasedIssue`). Rate-limited per client address like the other public routes; query strings bounded.
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { escapeHtml as e } from '../platform/documents/html.ts';
import { AppError } from '../platform/errors.ts';
import { CSS, documentHtml } from './html.ts';
import * as gazette from './service.ts';

const PAGE_CSS = `${CSS}
nav.crumbs{font-size:.9em;margin:1em 0}form.search{display:flex;flex-wrap:wrap;gap:.5em;margin:1em 0}
form.search label{display:flex;flex-direction:column;font-size:.9em}input,select,button{font:inherit;padding:.2em .4em}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;border:1px solid #999;padding:.5em 1em}
dl.meta dt{font-weight:bold}a{color:#0645ad}`;
/** What paper keeps: the document, not the navigation, search or links (also the whole of the 打印版 view). */
const PRINT_CSS = `form.search,nav.crumbs,.noprint,footer{display:none}body{max-width:none;margin:0;color:#000}
a{color:#000;text-decoration:none}dl.meta{border-color:#000}`;

/** What every page of the edition names: the 刊名 and the edition's title (the deployment's settings). */
type Site = Pick<gazette.GazetteSettings, 'masthead' | 'siteTitle'>;

/** `print`: the 打印版 (?view=print) — the print stylesheet applied on screen too, so it reads as the paper will. */
function page(site: Site, title: string, body: string, crumbs: [string, string][] = [], print = false): string {
  const trail = [['/gongbao', '网上公报'], ...crumbs]
    .map(([href, label], i, all) => (i === all.length - 1 ? e(label) : `<a href="${e(href)}">${e(label)}</a>`))
    .join(' › ');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} - ${e(site.siteTitle)}</title><style>${PAGE_CSS}</style>
<style media="${print ? 'all' : 'print'}">${PRINT_CSS}</style></head>
<body><header><p class="masthead">${e(site.masthead)}</p></header>
<nav class="crumbs" aria-label="当前位置">${trail}</nav><main>${body}</main>
<footer><p>本网上公报所载公文均经三审三校和保密审查后发布。</p></footer></body></html>
`;
}

const printLinks = (href: string) =>
  `<p class="noprint"><a href="${e(href)}?view=print">打印版</a>（浏览器“打印”亦只印正文）</p>`;

/** The 404 page: a page of the edition like the others, in Chinese, with the way back and the search form. */
const notFoundPage = (site: Site, message: string) =>
  page(
    site,
    '页面不存在',
    `<h1>页面不存在</h1><p role="alert">${e(message)}</p>${searchForm()}
<p><a href="/gongbao">返回网上公报首页</a></p>`,
  );

function searchForm(q: gazette.SearchQuery = {}): string {
  const v = (x: string | number | undefined) => (x === undefined ? '' : e(String(x)));
  return `<form class="search" method="get" action="/gongbao/search" role="search">
<label>检索词<input name="q" value="${v(q.q)}" maxlength="100"></label>
<label>年份<input name="year" value="${v(q.year)}" inputmode="numeric" maxlength="4" size="6"></label>
<label>发文机关<input name="issuer" value="${v(q.issuer)}" maxlength="50"></label>
<label>发文字号<input name="docNumber" value="${v(q.docNumber)}" maxlength="50"></label>
<button type="submit">检索</button></form>`;
}

const dateZh = (iso: string | null) => {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const Total = z.coerce.number().int().min(1).max(99999);
const ViewQs = z.object({ view: z.literal('print').optional() });
const SearchQs = z.object({
  q: z.string().max(100).optional(),
  year: z.union([z.literal(''), z.coerce.number().int().min(1949).max(2100)]).optional(),
  issuer: z.string().max(50).optional(),
  docNumber: z.string().max(50).optional(),
});

export interface GazettePublicOptions {
  deps: Deps;
  /** Requests per client address per minute (pages; a PDF counts for ten). Default 120. */
  perMinute?: number;
}

export const gazettePublicRoutes: FastifyPluginAsyncZod<GazettePublicOptions> = async (app, { deps, perMinute }) => {
  const max = perMinute ?? 120;
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new AppError(429, 'RATE_LIMITED', `访问过于频繁，请在 ${ctx.after} 后再试`),
  });
  const limited = { rateLimit: { max, timeWindow: '1 minute' } };
  // A missing issue or document, or a path that names none (/gongbao/abc), answers the edition's own HTML 404 page;
  // other errors (a 429, a 500) go on to the application's handler.
  const site = () => gazette.gazetteSettings(deps.db);
  app.setErrorHandler(async (err, _req, reply) => {
    const missing =
      (err instanceof AppError && err.status === 404)
      || (hasZodFastifySchemaValidationErrors(err) && err.validationContext === 'params');
    if (hasZodFastifySchemaValidationErrors(err) && err.validationContext === 'querystring') {
      const body = `<h1>请求不正确</h1><p role="alert">检索条件或查看方式不正确，请修改后重试。</p>${searchForm()}`;
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(page(await site(), '请求不正确', body));
    }
    if (!missing) throw err;
    const message = err instanceof AppError ? err.message : '没有这一期或这一篇公报';
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(notFoundPage(await site(), message));
  });
  app.get('/gongbao/*', { config: limited, schema: { hide: true } }, async () => {
    throw new AppError(404, 'NOT_FOUND', '没有这一页，请从网上公报首页查找或检索');
  });
  const html = (reply: { type: (t: string) => unknown }, s: string) => {
    reply.type('text/html; charset=utf-8');
    return s;
  };
  // Released issues never change: each PDF is typeset once and kept (a few issues a year), per version of the settings.
  const pdfs = new Map<string, Buffer>();

  app.get('/gongbao', { config: limited, schema: { hide: true } }, async (_req, reply) => {
    const issues = await gazette.releasedIssues(deps);
    const years = [...new Set(issues.map((i) => i.year))];
    const body = years.map(
      (y) =>
        `<section><h2>${y}年</h2><ul>${issues
          .filter((i) => i.year === y)
          .map((i) => `<li><a href="/gongbao/${i.totalNumber}">${e(i.label)}</a>（${dateZh(i.publishDate)}出版）</li>`)
          .join('')}</ul></section>`,
    );
    return html(
      reply,
      page(await site(), '网上公报', `<h1>网上公报</h1>${searchForm()}${body.join('') || '<p>尚无已发布的公报。</p>'}`),
    );
  });

  app.get('/gongbao/search', { config: limited, schema: { querystring: SearchQs, hide: true } }, async (req, reply) => {
    const { q, year, issuer, docNumber } = req.query;
    const query = { q, year: year === '' ? undefined : year, issuer, docNumber };
    let result: string;
    try {
      const hits = await gazette.searchGazette(deps, query);
      result = hits.length
        ? `<p>共 ${hits.length} 条${hits.length >= 50 ? '（仅列前 50 条）' : ''}</p><ol>${hits
            .map(
              (h) =>
                `<li><a href="/gongbao/${h.totalNumber}/${h.n}">${e(h.title)}</a><br>${e(h.docNumber ?? '')}　${e(
                  h.issuers,
                )}　${e(h.label)}</li>`,
            )
            .join('')}</ol>`
        : '<p>没有找到符合条件的公文。</p>';
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      reply.code(400);
      result = `<p role="alert">${e(err.message)}</p>`;
    }
    return html(
      reply,
      page(await site(), '检索结果', `<h1>公报检索</h1>${searchForm(query)}${result}`, [['', '检索']]),
    );
  });

  app.get(
    '/gongbao/:total',
    { config: limited, schema: { params: z.object({ total: Total }), querystring: ViewQs, hide: true } },
    async (req, reply) => {
      const issue = await gazette.releasedIssue(deps, req.params.total);
      const toc = issue.sections
        .map((s) => {
          const docs = issue.entries
            .map((en, i) => ({ en, n: i + 1 }))
            .filter((x) => x.en.section === s)
            .map((x) => `<li><a href="/gongbao/${issue.totalNumber}/${x.n}">${e(x.en.title)}</a></li>`);
          return docs.length ? `<h3>${e(s)}</h3><ul>${docs.join('')}</ul>` : '';
        })
        .join('');
      const body = `<h1>${e(issue.label)}</h1><p>${dateZh(issue.publishDate)}出版　发布日期：${dateZh(
        issue.publishedAt,
      )}</p><p class="noprint"><a href="/gongbao/${issue.totalNumber}/pdf">下载本期 PDF</a></p>
${printLinks(`/gongbao/${issue.totalNumber}`)}<nav aria-label="目录"><h2>目　录</h2>${toc}</nav>`;
      return html(reply, page(await site(), issue.label, body, [['', issue.label]], req.query.view === 'print'));
    },
  );

  app.get(
    '/gongbao/:total/pdf',
    {
      config: { rateLimit: { max: Math.max(1, Math.floor(max / 10)), timeWindow: '1 minute' } },
      schema: { params: z.object({ total: Total }), hide: true },
    },
    async (req, reply) => {
      const total = req.params.total;
      // Typeset again once the 公报室 changes the 刊名 or 版权页.
      const key = `${total}@${(await site()).updatedAt ?? ''}`;
      let pdf = pdfs.get(key);
      if (!pdf) {
        pdf = (await gazette.typesetIssue(await gazette.releasedIssueForPrint(deps, total))).pdf;
        pdfs.set(key, pdf);
      }
      reply.type('application/pdf').header('content-disposition', `inline; filename="gongbao-${total}.pdf"`);
      return pdf;
    },
  );

  app.get(
    '/gongbao/:total/:n',
    {
      config: limited,
      schema: {
        params: z.object({ total: Total, n: z.coerce.number().int().min(1).max(500) }),
        querystring: ViewQs,
        hide: true,
      },
    },
    async (req, reply) => {
      const issue = await gazette.releasedIssue(deps, req.params.total);
      const entry = issue.entries[req.params.n - 1];
      if (!entry) throw new AppError(404, 'NOT_FOUND', `${issue.label}没有第${req.params.n}篇公文`);
      const index = entry.document.indexNumber ? `<dt>索引号</dt><dd>${e(entry.document.indexNumber)}</dd>` : '';
      const meta = `<dl class="meta">${index}<dt>发文字号</dt><dd>${e(entry.docNumber ?? '—')}</dd>
<dt>发文机关</dt><dd>${e(entry.issuers.join('、') || '—')}</dd><dt>成文日期</dt><dd>${dateZh(entry.docDate)}</dd>
<dt>发布日期</dt><dd>${dateZh(issue.publishedAt)}</dd><dt>所属期</dt><dd><a href="/gongbao/${issue.totalNumber}">${e(
        issue.label,
      )}</a></dd><dt>栏目</dt><dd>${e(entry.section)}</dd></dl>`;
      const article = documentHtml(entry.document, 'doc').replace('<h2>', '<h1>').replace('</h2>', '</h1>');
      return html(
        reply,
        page(
          await site(),
          entry.title,
          `${meta}${printLinks(`/gongbao/${issue.totalNumber}/${req.params.n}`)}${article}`,
          [
            [`/gongbao/${issue.totalNumber}`, issue.label],
            ['', entry.title],
          ],
          req.query.view === 'print',
        ),
      );
    },
  );
};
