// One run of every monitor on one site (读网值班): probe the homepage, crawl the site (checking every link, picture and
// 附件, and judging each page for 暗链 and — when new or changed — 智能校对 on the way), then read the column lists,
// the should-not-change pages, the approved items and the new-media feeds. Returns observations and what the caller
// may keep (new baselines, the probe, page hashes); touches no database.
import type { CheerioAPI } from 'cheerio';
import type { Checker } from '../checks/index.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import type { Resolve } from './address.ts';
import { crawlSite } from './crawl.ts';
import { createFetcher, withoutCredentials, type Fetcher, type FetchResult } from './fetch.ts';
import type { MonitorKind, Observation } from './observation.ts';
import { loadHtml, mainText } from './page.ts';
import { judgeApprovedText } from './rules/approved-text.ts';
import { type Confirmation, judgeAvailability, probeHomepage, recheck } from './rules/availability.ts';
import {
  contentHash,
  contentJudgement,
  judgeContent,
  judgeContentRun,
  unchanged,
  type ContentJudgement,
  type TextReport,
} from './rules/content.ts';
import { leaseContentPool } from './content-pool.ts';
import { judgeDefacement } from './rules/defacement.ts';
import { feedNewest, judgeFreshness, readList, type ListReading } from './rules/freshness.ts';
import { collectHiddenLinks, type HiddenLink, judgeHiddenLinks, type HiddenLinksFound } from './rules/hidden-links.ts';
import { judgeLinks, sniffDomainPage } from './rules/links.ts';
import { DEFAULTS, type ColumnSpec, type ProbeRecord, type SiteSpec } from './spec.ts';
import { guessColumns } from './columns.ts';
import { HiddenLinkScan } from './hidden-scan.ts';

export interface RunOptions {
  /** Allow loopback and private addresses (intranet sites, tests). Off by default. */
  allowPrivate?: boolean;
  resolve?: Resolve;
  /** A fetcher of the caller's (it is not closed here); otherwise one is made for the run. */
  fetcher?: Fetcher;
  clock?: Clock;
  /** The homepage probes of the last 7 days. */
  probeHistory?: ProbeRecord[];
  maxDepth?: number;
  maxPages?: number;
  concurrency?: number;
  /** Per request of the crawl and link checks (default 15 s). */
  timeoutMs?: number;
  /** The homepage probe's limit: 15 s by the inspection rule; tests shorten it. */
  probeTimeoutMs?: number;
  /** false: no 智能校对 on pages. */
  content?: boolean;
  /** A checker to proofread with on this thread; without one, pages are proofread on a worker thread. */
  checker?: Checker;
  /** When the spec names no columns, take them from the homepage's navigation (`gongkai watch URL`). */
  discoverColumns?: boolean;
  /** Re-check a failed homepage probe before it counts as an outage (the scheduler's runs); none: judged at once. */
  confirm?: Confirmation;
  /** Requests in flight to one host (default 4); a robots.txt Crawl-delay spaces them further. */
  hostConcurrency?: number;
  /** The longest Retry-After honoured before retrying a 429/503 link (default 10 s). */
  retryCapMs?: number;
}

export interface RunProgress {
  phase: MonitorKind | 'crawl';
  pages: number;
  checked: number;
  queued: number;
}

export interface RunStats {
  ms: number;
  pages: number;
  links: number;
  dead: number;
  robotsDisallowed: number;
  contentChecked: number;
  findings: Record<'serious' | 'error' | 'warning' | 'info', number>;
  /** Internal errors caught while visiting pages (bugs, not site faults); empty in a healthy run. */
  errors: string[];
}

export interface RunResult {
  observations: Observation[];
  stats: RunStats;
  /** Baselines of should-not-change pages seen for the first time, by URL. */
  baselines: Record<string, string>;
  probe: ProbeRecord;
  /** Text hashes of the pages proofread in this run, by URL (feed them back as spec.pageHashes). */
  pageHashes: Record<string, string>;
  /** The columns judged (the spec's, or those found on the homepage). */
  columns: ColumnSpec[];
}

export async function runSiteChecks(
  given: SiteSpec,
  options: RunOptions = {},
  onProgress?: (p: RunProgress) => void,
): Promise<RunResult> {
  const t0 = performance.now();
  const now = (options.clock ?? systemClock).now();
  // A URL with user:password would carry them into every observation: the monitors never send them anyway.
  let spec: SiteSpec = { ...given, url: withoutCredentials(given.url) };
  const fetcher =
    options.fetcher
    ?? createFetcher({
      allowPrivate: options.allowPrivate,
      resolve: options.resolve,
      connections: options.concurrency,
    });
  const content = options.content !== false;
  const checker = content ? options.checker : undefined;
  // Pages are proofread on the process's shared worker thread (started once, kept warm between runs).
  const lease = content && !checker ? leaseContentPool() : undefined;
  const pool = lease?.pool;
  const proofreading: Promise<void>[] = [];
  const reports = new Map<string, Promise<TextReport>>();
  const observations: Observation[] = [];
  const baselines: Record<string, string> = {};
  const pageHashes: Record<string, string> = {};
  const findings = { serious: 0, error: 0, warning: 0, info: 0 };
  let contentChecked = 0;
  try {
    onProgress?.({ phase: 'availability', pages: 0, checked: 0, queued: 1 });
    const home = new URL(spec.url).href;
    const { probe, page: homePage } = await probeHomepage(fetcher, spec, now, options.probeTimeoutMs);
    const confirm = !probe.ok && options.confirm;
    const rechecks = confirm
      ? await recheck(fetcher, spec, confirm, options.clock ?? systemClock, options.probeTimeoutMs)
      : [];
    observations.push(...judgeAvailability(spec, probe, options.probeHistory ?? [], now, rechecks));
    if (options.discoverColumns && spec.columns.length === 0 && homePage.ok && homePage.body) {
      spec = { ...spec, columns: guessColumns(loadHtml(homePage.body), homePage.finalUrl) };
    }

    const columnsByUrl = new Map(spec.columns.map((c) => [new URL(c.listUrl).href, c]));
    const stable = new Set((spec.stablePages ?? []).map((u) => new URL(u).href));
    const approved = new Map(Object.entries(spec.approvedTexts ?? {}).map(([u, t]) => [new URL(u).href, t]));
    const readings = new Map<string, ListReading>();
    let homeReading: ListReading | undefined;
    const seen = new Set<string>();
    const hidden: HiddenLinksFound = new Map();
    const siteHosts = [new URL(spec.url).hostname, ...(spec.relatedHosts ?? [])];
    // 暗链: pages wait for their stylesheets (fetched once per run); the homepage is fetched as a spider once.
    const scan = new HiddenLinkScan(fetcher, siteHosts, options.timeoutMs);
    const scanErrors: string[] = [];
    const scanned = (url: string, links: Promise<HiddenLink[]>) =>
      links.then(
        (found) => collectHiddenLinks(hidden, url, found),
        (e: Error) => void scanErrors.push(`暗链检查 ${url}：${e.message}`),
      );
    const scans: Promise<void>[] = homePage.ok ? [scanned(home, scan.cloaking(home, homePage.body))] : [];

    /** Everything judged from one page; the crawl calls it for every page, the rest below for pages it did
     *  not reach. */
    const judgePage = (url: string, result: FetchResult, $: CheerioAPI | undefined) => {
      seen.add(url);
      if (url === home && $) homeReading = readList($, url, now);
      const column = columnsByUrl.get(url);
      if (column)
        readings.set(
          column.id,
          $
            ? readList($, url, now, column.dateSelector)
            : { url, items: 0, dated: 0, error: result.error ?? `HTTP ${result.status}` },
        );
      if (stable.has(url)) {
        const d = judgeDefacement(spec, url, result, $, now);
        observations.push(d.observation);
        if (d.newBaseline) baselines[url] = d.newBaseline;
      }
      if (!$) {
        if (approved.has(url))
          observations.push(
            judgeApprovedText(spec, url, approved.get(url)!, undefined, result.error ?? `HTTP ${result.status}`, now),
          );
        return;
      }
      scans.push(scanned(url, scan.page($, url)));
      const text = content || approved.has(url) ? mainText($) : '';
      if (approved.has(url)) observations.push(judgeApprovedText(spec, url, approved.get(url)!, text, undefined, now));
      if (checker) record(judgeContent(spec, checker, url, text, now), url);
      else if (pool) {
        const hash = contentHash(text);
        pageHashes[url] = hash;
        if (unchanged(spec, url, hash)) return;
        // Two addresses of one text (index.html and /, a list page under two paths) are proofread once.
        let report = reports.get(hash);
        if (!report) reports.set(hash, (report = pool.check(text)));
        proofreading.push(report.then((r) => record(contentJudgement(spec, url, hash, r, now), url)));
      }
    };
    const record = (c: ContentJudgement, url: string) => {
      pageHashes[url] = c.hash;
      if (c.checked) contentChecked++;
      for (const k of Object.keys(findings) as (keyof typeof findings)[]) findings[k] += c.counts[k];
      if (c.observation) observations.push(c.observation);
    };

    const crawl = await crawlSite(
      fetcher,
      home,
      {
        maxDepth: options.maxDepth ?? DEFAULTS.maxDepth,
        maxPages: options.maxPages ?? DEFAULTS.maxPages,
        concurrency: options.concurrency ?? DEFAULTS.concurrency,
        timeoutMs: options.timeoutMs,
        hostConcurrency: options.hostConcurrency,
        retryCapMs: options.retryCapMs,
        retryBackoffMs: options.retryCapMs,
        prefetched: new Map([[home, homePage]]),
        sniffExternal: sniffDomainPage,
        seeds: [...columnsByUrl.keys(), ...stable, ...approved.keys()],
        onProgress: (p) => onProgress?.({ phase: 'crawl', ...p }),
      },
      ({ url, $, result }) => judgePage(url, result, $),
    );
    observations.push(...judgeLinks(spec, crawl, now));

    // Pages the monitors need that the crawl did not reach (beyond its limits, or on another host).
    onProgress?.({ phase: 'integrity', pages: crawl.pages, checked: crawl.targets.size, queued: 0 });
    const missing = [...new Set([...columnsByUrl.keys(), ...stable, ...approved.keys()])].filter((u) => !seen.has(u));
    await mapLimit(missing, options.concurrency ?? DEFAULTS.concurrency, async (url) => {
      const r = await fetcher.fetch(url, { timeoutMs: options.timeoutMs });
      judgePage(url, r, r.ok && r.body ? loadHtml(r.body) : undefined);
    });
    pool?.flush(); // every page is handed over
    await Promise.all(scans);
    observations.push(judgeHiddenLinks(spec, hidden, now));
    onProgress?.({ phase: 'content', pages: crawl.pages, checked: crawl.targets.size, queued: proofreading.length });
    await Promise.all(proofreading);
    if (content) observations.push(judgeContentRun(spec, contentChecked, findings, now));
    if (homePage.ok && !homeReading && homePage.body) homeReading = readList(loadHtml(homePage.body), home, now);

    const accounts = new Map<string, { newest?: string; error?: string }>();
    await mapLimit(
      (spec.accounts ?? []).filter((a) => a.feedUrl),
      2,
      async (a) => {
        const r = await fetcher.fetch(a.feedUrl!, { timeoutMs: options.timeoutMs, maxBytes: 2 * 1024 * 1024 });
        accounts.set(a.id, r.ok && r.body ? { newest: feedNewest(r.body, now) } : { error: r.error });
      },
    );
    observations.push(...judgeFreshness({ spec, now, homepage: homeReading, columns: readings, accounts }));

    const dead = observations.filter((o) => o.rule === 'dead-link').length;
    return {
      observations,
      baselines,
      probe,
      pageHashes,
      columns: spec.columns,
      stats: {
        ms: Math.round(performance.now() - t0),
        pages: crawl.pages,
        links: crawl.targets.size,
        dead,
        robotsDisallowed: crawl.robotsDisallowed,
        contentChecked,
        findings,
        errors: [...crawl.errors, ...scanErrors],
      },
    };
  } finally {
    if (!options.fetcher) await fetcher.close();
    lease?.release();
  }
}

/** Runs `fn` over the items, at most `limit` at a time (the monitors' one concurrency helper). */
export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}
