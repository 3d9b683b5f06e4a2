// The crawler: pages of the site's own host, breadth first, within a depth and a page limit, robots.txt respected,
// a fixed number of requests in flight (politeness, default 4). Every other link target it meets — pictures, 附件,
// pages of other sites, pages beyond the limits — is checked once in the same queue: other sites by HEAD, then
// GET when HEAD is refused; the site's own pictures and 附件 by a first-byte GET (see check()). Each crawled page
// is handed to `visit` and then dropped: memory grows with URLs, not with pages.
import type { CheerioAPI } from 'cheerio';
import { createRequire } from 'node:module';
import type { Fetcher, FetchResult, RequestOptions } from './fetch.ts';
import { loadHtml, pageLinks, type LinkKind } from './page.ts';

export interface CrawlOptions {
  maxDepth: number;
  maxPages: number;
  concurrency: number;
  timeoutMs?: number;
  /** More pages to start from (column lists, watched pages), so that a homepage that is down hides nothing else. */
  seeds?: string[];
  /** Pages already fetched (the homepage from the availability probe). */
  prefetched?: Map<string, FetchResult>;
  /** Looks at the start of an external page's body (first link per host) and names a problem, e.g. a parked domain. */
  sniffExternal?: (body: string) => string | undefined;
  onProgress?: (p: CrawlProgress) => void;
  /** Requests in flight to one host (default 4); the site's robots.txt Crawl-delay also spaces its requests. */
  hostConcurrency?: number;
  /** The longest Retry-After honoured before the one retry of a 429/503 (default 10 s). */
  retryCapMs?: number;
  /** The wait before retrying a 503 or a timeout without Retry-After (default 1 s). */
  retryBackoffMs?: number;
}

export interface CrawlProgress {
  pages: number;
  checked: number;
  queued: number;
}

/** A link target: how it answered, and the pages it is on (the first few, and how many). */
export interface LinkTarget {
  url: string;
  kind: LinkKind;
  text: string;
  external: boolean;
  on: string[];
  onCount: number;
  result?: Pick<FetchResult, 'ok' | 'status' | 'errorCode' | 'error' | 'finalUrl'>;
  /** Why the target was not requested: robots.txt, or an address the SSRF rules refuse. */
  skipped?: string;
  /** 无法确认: still 429, 503 or a timeout after one retry — not judged dead (see rules/links.ts). */
  unconfirmed?: string;
  sniffed?: string;
}

export interface CrawlResult {
  pages: number;
  targets: Map<string, LinkTarget>;
  robotsDisallowed: number;
  ms: number;
  /** Internal errors (bugs) caught while visiting pages; empty in a healthy run. */
  errors: string[];
}

export type Visit = (page: { url: string; depth: number; $: CheerioAPI; html: string; result: FetchResult }) => void;

const KEEP_PAGES_PER_TARGET = 5;
const SNIFF_BYTES = 256 * 1024;

export async function crawlSite(
  fetcher: Fetcher,
  start: string,
  options: CrawlOptions,
  visit: Visit,
): Promise<CrawlResult> {
  const t0 = performance.now();
  const origin = new URL(start);
  const robots = await loadRobots(fetcher, origin, options.timeoutMs);
  const targets = new Map<string, LinkTarget>();
  const sniffedHosts = new Set<string>();
  const queue = new WorkQueue(options.concurrency);
  const gate = new HostGate(options.hostConcurrency ?? 4, { [origin.host]: robots.crawlDelayMs });
  /** One request through the per-host gate; a 429, 503 or timeout is retried once, after Retry-After (capped). */
  const get = async (url: string, o: RequestOptions): Promise<FetchResult> => {
    const host = new URL(url).host;
    const first = await gate.run(host, () => fetcher.fetch(url, o));
    if (!unsure(first)) return first;
    await sleep(Math.min(first.retryAfterMs ?? options.retryBackoffMs ?? 1000, options.retryCapMs ?? 10_000));
    return gate.run(host, () => fetcher.fetch(url, o));
  };
  let pages = 0;
  let checked = 0;
  let robotsDisallowed = 0;
  let scheduled = 0;
  const progress = () => options.onProgress?.({ pages, checked, queued: queue.pending });

  const crawl = (url: string, depth: number) =>
    queue.push(async () => {
      const own = { timeoutMs: options.timeoutMs, allowedHosts: [origin.hostname] };
      const result = options.prefetched?.get(url) ?? (await get(url, own));
      const target = targets.get(url);
      if (target) target.result = pick(result);
      if (target && unsure(result)) target.unconfirmed = result.error ?? `HTTP ${result.status}`;
      pages++;
      progress();
      if (!result.ok || !result.body || !/html|xml/i.test(result.contentType ?? 'text/html')) return;
      const $ = loadHtml(result.body);
      visit({ url, depth, $, html: result.body, result });
      for (const link of pageLinks($, result.finalUrl)) discover(link.url, link.kind, link.text, url, depth + 1);
    });

  const check = (t: LinkTarget) =>
    queue.push(async () => {
      const host = new URL(t.url).host;
      let result: FetchResult;
      if (t.external && t.kind === 'page' && options.sniffExternal && !sniffedHosts.has(host)) {
        sniffedHosts.add(host);
        result = await get(t.url, { timeoutMs: options.timeoutMs, maxBytes: SNIFF_BYTES });
        if (result.body) t.sniffed = options.sniffExternal(result.body);
      } else if (!t.external) {
        // On the site's own host: a GET of the first byte instead of HEAD. undici closes the connection after every
        // HEAD (nodejs/undici#258), which on a large site means thousands of new connections to the government
        // server; a ranged GET keeps the connection (a server that ignores Range is cut off at the cap).
        result = await get(t.url, { firstByte: true, timeoutMs: options.timeoutMs, maxBytes: SNIFF_BYTES });
      } else {
        result = await get(t.url, { method: 'HEAD', timeoutMs: options.timeoutMs });
        if (
          !result.ok
          && (result.status === 405 || result.status === 403 || result.status === 501 || result.errorCode === 'network')
        ) {
          result = await get(t.url, { timeoutMs: options.timeoutMs, maxBytes: SNIFF_BYTES });
        }
      }
      // A body over the cap still proves the target is alive.
      if (result.errorCode === 'too-large' && result.status >= 200 && result.status < 300)
        result = { ...result, ok: true };
      if (result.errorCode === 'blocked-address') t.skipped = result.error;
      else t.result = pick(result);
      if (unsure(result)) t.unconfirmed = result.error ?? `HTTP ${result.status}`;
      checked++;
      progress();
    });

  function discover(url: string, kind: LinkKind, text: string, from: string | undefined, depth: number): void {
    const existing = targets.get(url);
    if (existing) {
      existing.onCount++;
      if (from && existing.on.length < KEEP_PAGES_PER_TARGET && !existing.on.includes(from)) existing.on.push(from);
      return;
    }
    const u = new URL(url);
    const external = u.host !== origin.host;
    const t: LinkTarget = { url, kind, text, external, on: from ? [from] : [], onCount: from ? 1 : 0 };
    targets.set(url, t);
    if (!external && !robots.allows(url)) {
      robotsDisallowed++;
      t.skipped = 'robots.txt 不允许抓取';
      return;
    }
    if (!external && kind === 'page' && depth <= options.maxDepth && scheduled < options.maxPages) {
      scheduled++;
      crawl(url, depth);
    } else {
      check(t);
    }
  }

  discover(new URL(start).href, 'page', '首页', undefined, 0);
  for (const seed of options.seeds ?? []) if (!targets.has(seed)) discover(seed, 'page', '', undefined, 1);
  await queue.drain();
  return { pages, targets, robotsDisallowed, ms: Math.round(performance.now() - t0), errors: queue.errors };
}

function pick(r: FetchResult): LinkTarget['result'] {
  return { ok: r.ok, status: r.status, errorCode: r.errorCode, error: r.error, finalUrl: r.finalUrl };
}

const USER_AGENT = 'gongkai-watch';
// robots-parser is CommonJS whose typings claim an ES default export; require() gives the function itself.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (
  url: string,
  text: string,
) => { isAllowed(url: string, ua?: string): boolean | undefined; getCrawlDelay(ua?: string): number | undefined };

interface Robots {
  allows: (url: string) => boolean;
  crawlDelayMs: number;
}
/** The longest Crawl-delay honoured: a site asking for more is still crawled, at one page every 30 seconds. */
const MAX_CRAWL_DELAY_MS = 30_000;

/** robots.txt of the site's origin; when it cannot be read, everything is allowed (as crawlers do). */
async function loadRobots(fetcher: Fetcher, origin: URL, timeoutMs?: number): Promise<Robots> {
  const robotsUrl = new URL('/robots.txt', origin).href;
  const r = await fetcher.fetch(robotsUrl, { timeoutMs, maxBytes: 512 * 1024 });
  if (!r.ok || !r.body) return { allows: () => true, crawlDelayMs: 0 };
  const robots = robotsParser(robotsUrl, r.body);
  const delay = Math.min((robots.getCrawlDelay(USER_AGENT) ?? 0) * 1000, MAX_CRAWL_DELAY_MS);
  return { allows: (url) => robots.isAllowed(url, USER_AGENT) !== false, crawlDelayMs: delay };
}

/** 429 Too Many Requests, 503 Service Unavailable and timeouts say "not now", not "gone". */
export const unsure = (r: Pick<FetchResult, 'status' | 'errorCode'>): boolean =>
  r.status === 429 || r.status === 503 || r.errorCode === 'timeout';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** At most `limit` requests in flight to one host, and a host's Crawl-delay between the starts of its requests. */
class HostGate {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly nextStart = new Map<string, number>();
  constructor(
    private readonly limit: number,
    private readonly delays: Record<string, number>,
  ) {}

  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const running = this.active.get(host) ?? 0;
    // A full host: wait for a finishing request to hand its slot over (active stays as it is).
    const queued = this.waiting.get(host) ?? [];
    if (running >= this.limit) await new Promise<void>((resolve) => this.waiting.set(host, [...queued, resolve]));
    else this.active.set(host, running + 1);
    try {
      const delay = this.delays[host] ?? 0;
      if (delay > 0) {
        const at = Math.max(Date.now(), this.nextStart.get(host) ?? 0);
        this.nextStart.set(host, at + delay);
        if (at > Date.now()) await sleep(at - Date.now());
      }
      return await fn();
    } finally {
      const next = this.waiting.get(host)?.shift();
      if (next) next();
      else this.active.set(host, (this.active.get(host) ?? 1) - 1);
    }
  }
}

/** At most `limit` tasks at once; drain() resolves when the queue is empty and nothing runs. */
class WorkQueue {
  pending = 0;
  readonly errors: string[] = [];
  private running = 0;
  private next = 0;
  private readonly tasks: (() => Promise<void>)[] = [];
  private idle?: () => void;
  constructor(private readonly limit: number) {}

  push(task: () => Promise<void>): void {
    this.tasks.push(task);
    this.pending++;
    this.pump();
  }

  drain(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle = resolve;
    });
  }

  private pump(): void {
    while (this.running < this.limit && this.next < this.tasks.length) {
      const task = this.tasks[this.next];
      this.tasks[this.next++] = undefined as never;
      this.running++;
      // A task never fails on what a site sends (fetch returns results); this catches our own bugs, kept
      // for the report.
      task()
        .catch((e: Error) => {
          if (this.errors.length < 5) this.errors.push(e.stack ?? String(e));
        })
        .finally(() => {
          this.running--;
          this.pending--;
          this.pump();
          if (this.pending === 0) this.idle?.();
        });
    }
  }
}
