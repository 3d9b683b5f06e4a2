// 预公开 (/yijian), no login: the open consultations on draft 重大行政决策, each draft as published through 三审三校,
// a comment form, and the 意见收集和采纳情况 once the unit publishes it. Server-rendered HTML that works without
// JavaScript, every value escaped, rate-limited per client address (reading 120 a minute, commenting 5 in 10 minutes).
//
// The form carries a simple self-hosted challenge (a sum to work out, no third-party CAPTCHA): a token signed with
// this server's random key, bound to the consultation, valid 30 minutes and accepted once. It is also what makes the
// form CSRF-safe: a comment needs a token fetched from this page, and a browser posting from another site is refused
// by its Origin / Sec-Fetch-Site. The POST never reads a session: a comment carries no account's authority.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { escapeHtml as e } from '../platform/documents/html.ts';
import { AppError, forbidden, invalid } from '../platform/errors.ts';
import {
  COMMENT_LIMITS,
  type PublicConsultation,
  publicConsultation,
  publicConsultations,
  submitComment,
} from './consultation.ts';
import { monthLabel } from './catalog.ts';
import { publicCatalogs } from './dynamic.ts';
import { windowDays } from './model.ts';

const CSS = `body{font-family:"SimSun","Songti SC",serif;max-width:52em;margin:0 auto;padding:1em;line-height:1.7}
label{display:block;margin:.6em 0}input,textarea,button{font:inherit;padding:.2em .4em}textarea{width:100%}
.note{color:#555;font-size:.9em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} - 重大行政决策公开征求意见</title><style>${CSS}</style></head>
<body><nav><a href="/yijian">重大行政决策公开征求意见</a></nav><main>${body}</main>
<footer><p class="note">征求意见稿均经三审三校和保密审查后发布。您提交的意见经智能校对筛查个人信息后，由承办单位逐条答复采纳情况并公布；
姓名和联系方式不公开。</p></footer></body></html>
`;
}

const dateZh = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const lastDay = (closesOn: string) =>
  new Date(Date.parse(`${closesOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

function windowText(c: PublicConsultation['consultation']): string {
  const days = windowDays(c.opensOn, c.closesOn);
  const short = c.shortReason ? `<p>征求意见期限少于30天的理由：${e(c.shortReason)}</p>` : '';
  return `<p>征求意见期限：${dateZh(c.opensOn)}至${dateZh(lastDay(c.closesOn))}（${days}天）</p>${short}`;
}

/** The challenge: a signed sum, bound to one consultation, for 30 minutes, accepted once. */
class Challenges {
  private readonly key = randomBytes(32);
  private readonly used = new Map<string, number>(); // nonce → expiry (ms)
  constructor(private readonly now: () => number) {}

  issue(itemId: string): { question: string; token: string } {
    const [a, b] = [randomInt(1, 10), randomInt(1, 10)];
    const claim = `${itemId}.${a + b}.${this.now() + 30 * 60_000}.${randomBytes(9).toString('base64url')}`;
    return { question: `${a} + ${b} = ?`, token: `${claim}.${this.sign(claim)}` };
  }

  /** null when the answer is right (and the token is then spent), else the refusal in Chinese. */
  check(itemId: string, token: string, answer: string): string | null {
    const parts = token.split('.');
    if (parts.length !== 5) return '验证信息无效，请刷新页面后重新填写';
    const [item, sum, expires, nonce, mac] = parts;
    const claim = parts.slice(0, 4).join('.');
    const want = Buffer.from(this.sign(claim));
    const got = Buffer.from(mac);
    if (got.length !== want.length || !timingSafeEqual(got, want) || item !== itemId)
      return '验证信息无效，请刷新页面后重新填写';
    const now = this.now();
    for (const [n, exp] of this.used) if (exp < now) this.used.delete(n);
    if (Number(expires) < now || this.used.has(nonce)) return '验证信息已过期或已使用，请刷新页面后重新填写';
    if (answer.trim() !== sum) return '验证题答案不正确';
    this.used.set(nonce, Number(expires));
    return null;
  }

  private sign(claim: string) {
    return createHmac('sha256', this.key).update(claim).digest('base64url');
  }
}

function commentForm(id: string, ch: { question: string; token: string }, values: Record<string, string> = {}) {
  const v = (k: string) => e(values[k] ?? '');
  return `<form method="post" action="/yijian/${e(id)}">
<h2>提交意见</h2>
<label>姓名（选填）<input name="name" maxlength="${COMMENT_LIMITS.name}" value="${v('name')}"></label>
<label>联系方式（选填，不公开）<input name="contact" maxlength="${COMMENT_LIMITS.contact}" value="${v('contact')}"></label>
<label>意见内容（必填）<textarea name="text" rows="8" maxlength="${COMMENT_LIMITS.text}" required>${v('text')}</textarea>
</label>
<label>验证题：<span class="question">${e(ch.question)}</span>
<input name="answer" inputmode="numeric" maxlength="3" size="4" required autocomplete="off"></label>
<input type="hidden" name="token" value="${e(ch.token)}">
<button type="submit">提交意见</button></form>`;
}

function reportTable(report: NonNullable<PublicConsultation['report']>): string {
  if (report.length === 0) return '<h2>意见收集和采纳情况</h2><p>征求意见期间未收到意见。</p>';
  const rows = report
    .map((r) => `<tr><td>${r.seq}</td><td>${e(r.text)}</td><td>${e(r.answer)}</td><td>${e(r.reason)}</td></tr>`)
    .join('');
  return `<h2>意见收集和采纳情况</h2><table><thead><tr><th>序号</th><th>意见</th><th>采纳情况</th><th>理由</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

const Form = z.object({
  name: z.string().max(COMMENT_LIMITS.name, `姓名不超过${COMMENT_LIMITS.name}个字`).optional(),
  contact: z.string().max(COMMENT_LIMITS.contact, `联系方式不超过${COMMENT_LIMITS.contact}个字符`).optional(),
  text: z.string().max(COMMENT_LIMITS.text, `意见内容不超过${COMMENT_LIMITS.text}个字`).default(''),
  answer: z.string().max(3).default(''),
  token: z.string().max(300).default(''),
});

/** A browser posting from another site says so (Origin, Sec-Fetch-Site): refused. */
function crossSite(req: FastifyRequest): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

export interface DecisionPublicOptions {
  deps: Deps;
  /** Comments per client address per 10 minutes; default 5. */
  commentsPer10Minutes?: number;
}

export const decisionPublicRoutes: FastifyPluginAsyncZod<DecisionPublicOptions> = async (app, opts) => {
  const { deps } = opts;
  const challenges = new Challenges(() => deps.clock.now().getTime());
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => new AppError(429, 'RATE_LIMITED', `提交过于频繁，请在 ${ctx.after} 后再试`),
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  const html = (reply: FastifyReply, s: string) => reply.type('text/html; charset=utf-8').send(s);
  const reading = { rateLimit: { max: 120, timeWindow: '1 minute' } };

  app.get('/yijian', { config: reading, schema: { hide: true } }, async (_req, reply) => {
    const all = await publicConsultations(deps);
    const li = (c: PublicConsultation) =>
      `<li><a href="/yijian/${e(c.id)}">${e(c.title)}</a>（${e(c.leadUnit)}）${windowText(c.consultation)}</li>`;
    const open = all.filter((c) => c.open);
    const done = all.filter((c) => !c.open);
    const body = `<h1>重大行政决策公开征求意见</h1><h2>正在征求意见</h2>${
      open.length ? `<ul>${open.map(li).join('')}</ul>` : '<p>目前没有正在征求意见的决策草案。</p>'
    }${done.length ? `<h2>已公布意见采纳情况</h2><ul>${done.map(li).join('')}</ul>` : ''}`;
    return html(reply, page('公开征求意见', body));
  });

  app.get('/yijian/mulu', { config: reading, schema: { hide: true } }, async (_req, reply) => {
    const catalogs = await publicCatalogs(deps);
    const table = (c: (typeof catalogs)[number]) =>
      `<h2>${e(c.title)}（第${c.version}版）</h2><table><thead><tr><th>序号</th><th>类别</th><th>决策事项</th>`
      + `<th>承办单位</th><th>计划决策时间</th><th>备注</th></tr></thead><tbody>${c.entries
        .map(
          (x) =>
            `<tr><td>${x.seq}</td><td>${e(x.category)}</td><td>${e(x.title)}</td><td>${e(x.leadUnit)}</td>`
            + `<td>${e(monthLabel(x.plannedMonth))}</td><td>${e(x.note)}</td></tr>`,
        )
        .join('')}</tbody></table>`;
    const body = `<h1>重大行政决策事项目录</h1>${catalogs.map(table).join('') || '<p>尚无目录。</p>'}`;
    return html(reply, page('重大行政决策事项目录', body));
  });

  const Params = z.object({ id: z.uuid() });
  const render = async (id: string, notice = '', values?: Record<string, string>) => {
    const c = await publicConsultation(deps, id);
    const draft = c.draft
      ? `<article><h2>${e(c.draft.title)}</h2>${c.draft.text
          .split('\n')
          .map((p) => `<p>${e(p)}</p>`)
          .join('')}</article>`
      : '';
    const form = c.open ? commentForm(id, challenges.issue(id), values) : '<p>征求意见期限已届满。</p>';
    const report = c.report ? reportTable(c.report) : '';
    return page(
      c.title,
      `<h1>${e(c.title)}</h1><p>承办单位：${e(c.leadUnit)}</p>${windowText(c.consultation)}${notice}`
        + `${draft}${form}${report}`,
    );
  };

  app.get('/yijian/:id', { config: reading, schema: { params: Params, hide: true } }, async (req, reply) =>
    html(reply, await render(req.params.id)),
  );

  app.post(
    '/yijian/:id',
    {
      config: { rateLimit: { max: opts.commentsPer10Minutes ?? 5, timeWindow: '10 minutes' } },
      bodyLimit: 64 * 1024, // 3000 characters of Chinese, percent-encoded, are 27 KB
      schema: { params: Params, hide: true },
    },
    async (req, reply) => {
      const id = req.params.id;
      const parsed = Form.safeParse(req.body);
      const values = parsed.success ? parsed.data : { name: '', contact: '', text: '', answer: '', token: '' };
      try {
        if (crossSite(req)) throw forbidden('CROSS_SITE', '请在本站页面提交意见');
        if (!parsed.success) throw invalid('text', parsed.error.issues[0].message);
        if (!values.text.trim()) throw invalid('text', '请填写意见内容');
        const refused = challenges.check(id, values.token, values.answer);
        if (refused) throw invalid('answer', refused);
        const { seq } = await submitComment(deps, id, values);
        const body = `<h1>已收到您的意见</h1><p role="status">您的意见已登记（第${seq}条）。承办单位将逐条答复采纳情况，
征求意见期限届满后公布意见收集和采纳情况。</p><p><a href="/yijian/${e(id)}">返回征求意见页面</a></p>`;
        return html(reply.code(201), page('已收到您的意见', body));
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 404) throw err;
        const notice = `<p role="alert">${e(err.message)}</p>`;
        return html(reply.code(err.status), await render(id, notice, { ...values, answer: '', token: '' }));
      }
    },
  );
};
