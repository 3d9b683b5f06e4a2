// Safe fetching for the monitors: http(s) only, SSRF-checked and pinned addresses (address.ts), a cap on the
// response size and on the total time, redirects followed by hand and each hop checked again, no credentials in
// any URL it reports. It never throws on what a site sends: every outcome is a FetchResult with a zh-CN error.
import type { LookupAddress } from 'node:dns';
import { Agent, request } from 'undici';
import { AddressBook, systemResolve, type Resolve } from './address.ts';

export type FetchErrorCode =
  | 'bad-url'
  | 'blocked-address'
  | 'dns-not-found'
  | 'dns-failed'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'host-not-allowed'
  | 'network'
  | 'http';

export interface FetchResult {
  /** A 2xx answer after redirects, with no error. */
  ok: boolean;
  /** 0 when no HTTP answer came. */
  status: number;
  /** The URL asked for, without credentials. */
  url: string;
  /** The URL of the last hop, without credentials. */
  finalUrl: string;
  ms: number;
  contentType?: string;
  body?: string;
  errorCode?: FetchErrorCode;
  error?: string;
  /** A 429 or 503 answer's Retry-After, in milliseconds (seconds or an HTTP date). */
  retryAfterMs?: number;
}

export interface RequestOptions {
  method?: 'GET' | 'HEAD';
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** When given, every hop must stay on one of these hosts (a crawl of one site). */
  allowedHosts?: string[];
  /** Ask for the first byte only (Range: bytes=0-0): a liveness check that keeps the connection (see crawl.ts). */
  firstByte?: boolean;
  /** Another User-Agent for this request (暗链 cloaking: the page a search engine's spider is served). */
  userAgent?: string;
}

export interface FetcherOptions extends RequestOptions {
  /** Allow loopback and private addresses: intranet sites and tests only. Off by default. */
  allowPrivate?: boolean;
  resolve?: Resolve;
  /** Sockets per origin (keep-alive). */
  connections?: number;
}

export interface Fetcher {
  fetch(url: string, options?: RequestOptions): Promise<FetchResult>;
  /** Whether a host resolves to an allowed address (for the expired-domain check), without a request. */
  checkHost(host: string): ReturnType<AddressBook['check']>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** Retry-After as milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or bad. */
export function retryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A URL with user:password removed, as text; the input itself when it is no URL. */
export function withoutCredentials(url: string | URL): string {
  if (typeof url === 'string' && !url.includes('@')) return url;
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return String(url).replace(/\/\/[^/@\s]*@/, '//');
  }
}

export function createFetcher(defaults: FetcherOptions = {}): Fetcher {
  const book = new AddressBook(defaults.resolve ?? systemResolve, defaults.allowPrivate === true);
  const agent = new Agent({
    connections: defaults.connections ?? 8,
    keepAliveTimeout: 10_000,
    connect: { lookup: (host, opts, cb) => pinnedLookup(book, host, opts, cb) },
  });
  // The one retry of a request whose kept-alive connection the server closed under it goes out on a new connection:
  // this agent keeps none (pipelining 0), so it never hands out a socket the server may already have dropped.
  let fresh: Agent | undefined;
  const agents: Agents = {
    pooled: agent,
    fresh: () =>
      (fresh ??= new Agent({
        pipelining: 0,
        connect: { lookup: (host, opts, cb) => pinnedLookup(book, host, opts, cb) },
      })),
  };
  const userAgent = defaults.userAgent ?? 'gongkai-watch/0.1 (+https://github.com/gongkai)';
  return {
    fetch: (url, options) => fetchSafely(agents, book, userAgent, url, { ...defaults, ...options }),
    checkHost: (host) => book.check(host),
    close: async () => {
      await Promise.all([agent.close(), fresh?.close()]);
    },
  };
}

interface Agents {
  pooled: Agent;
  fresh: () => Agent;
}

/** A connection the server closed or reset while the request was being sent or answered: with keep-alive, the
 *  server dropping an idle connection just as it is reused (a short keep-alive under load). */
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The connect-time lookup: only the address checked for this host, never a second DNS answer. */
function pinnedLookup(book: AddressBook, host: string, opts: { all?: boolean }, cb: LookupCallback): void {
  const answer = (v: Awaited<ReturnType<AddressBook['check']>>) => {
    if (!v.ok) return cb(Object.assign(new Error(v.error), { code: 'EBLOCKED' }), '');
    const family = v.address.includes(':') ? 6 : 4;
    if (opts.all) cb(null, [{ address: v.address, family }]);
    else cb(null, v.address, family);
  };
  const pinned = book.pinned(host);
  if (pinned) answer(pinned);
  else book.check(host).then(answer, (e: Error) => cb(e, ''));
}

async function fetchSafely(
  agents: Agents,
  book: AddressBook,
  userAgent: string,
  input: string,
  o: RequestOptions,
): Promise<FetchResult> {
  const t0 = performance.now();
  const shown = withoutCredentials(input);
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const done = (r: Omit<FetchResult, 'url' | 'ms' | 'ok'> & { ok?: boolean }): FetchResult => ({
    ok: false,
    ...r,
    url: shown,
    ms: Math.round(performance.now() - t0),
  });
  const fail = (finalUrl: string, errorCode: FetchErrorCode, error: string, status = 0) =>
    done({ status, finalUrl, errorCode, error });
  const signal = AbortSignal.timeout(timeoutMs);
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return fail(shown, 'bad-url', '网址格式无效');
  }
  const maxRedirects = o.maxRedirects ?? 5;
  // GET and HEAD are idempotent: one retry on a new connection when the connection was dropped under the request.
  let retried = false;
  for (let hop = 0; ; hop++) {
    const here = withoutCredentials(url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return fail(here, 'bad-url', `只支持 http 和 https 网址（${url.protocol}）`);
    if (o.allowedHosts && !o.allowedHosts.includes(url.hostname))
      return fail(here, 'host-not-allowed', `重定向到了本站以外的主机 ${url.hostname}，已停止`);
    const verdict = await book.check(url.hostname);
    if (!verdict.ok) return fail(here, verdict.code, verdict.error);
    url.username = '';
    url.password = '';
    try {
      const res = await request(url, {
        dispatcher: retried ? agents.fresh() : agents.pooled,
        method: o.method ?? 'GET',
        signal,
        headers: {
          'user-agent': o.userAgent ?? userAgent,
          accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
          ...(o.firstByte ? { range: 'bytes=0-0' } : {}),
        },
      });
      const location = res.headers.location;
      if (REDIRECT.has(res.statusCode) && typeof location === 'string') {
        await res.body.dump().catch(() => {});
        if (hop >= maxRedirects)
          return fail(here, 'too-many-redirects', `重定向超过 ${maxRedirects} 次（可能是循环重定向）`, res.statusCode);
        url = new URL(location, url);
        continue;
      }
      const contentType = String(res.headers['content-type'] ?? '');
      const status = res.statusCode;
      let body: string | undefined;
      if ((o.method ?? 'GET') === 'GET') {
        const read = await readCapped(res.body, o.maxBytes ?? DEFAULT_MAX_BYTES);
        if (read === undefined)
          return fail(here, 'too-large', `响应超过 ${formatSize(o.maxBytes ?? DEFAULT_MAX_BYTES)}，已中断读取`, status);
        body = decode(read, contentType);
      } else {
        await res.body.dump().catch(() => {});
      }
      const ok = status >= 200 && status < 300;
      const retryAfterMs = status === 429 || status === 503 ? retryAfter(res.headers['retry-after']) : undefined;
      const later = retryAfterMs ? { retryAfterMs } : {};
      const failed = ok ? {} : { errorCode: 'http' as const, error: `HTTP ${status}`, ...later };
      return done({ ok, status, finalUrl: here, contentType, body, ...failed });
    } catch (e) {
      if (signal.aborted) return fail(here, 'timeout', `超时（${Math.round(timeoutMs / 100) / 10} 秒内未完成）`);
      const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
      const code = err.cause?.code ?? err.code ?? err.name;
      if (DROPPED.has(code) && !retried) {
        retried = true;
        hop--;
        continue;
      }
      if (code === 'EBLOCKED')
        return fail(here, 'blocked-address', withoutCredentials(err.cause?.message ?? err.message));
      return fail(here, 'network', `连接失败（${code}）`);
    }
  }
}

/** The whole body, or undefined as soon as it passes the cap (the stream is destroyed then). */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): void },
  maxBytes: number,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** Chinese government sites still serve GBK; the charset comes from the header or a <meta>, UTF-8 otherwise. */
function decode(buf: Buffer, contentType: string): string {
  let charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  if (!charset && /html/i.test(contentType))
    charset = /<meta[^>]+charset=["']?([\w-]+)/i.exec(buf.subarray(0, 2048).toString('latin1'))?.[1];
  try {
    return new TextDecoder(charset?.toLowerCase() === 'gb2312' ? 'gb18030' : (charset ?? 'utf-8')).decode(buf);
  } catch {
    return new TextDecoder('utf-8').decode(buf);
  }
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}
