// 暗链 over one run: each page judged with its <style> blocks and its external stylesheets (fetched with the run's
// SSRF-safe fetcher, with the page limits, once per run for all pages; @import followed two levels), and once per run
// the homepage fetched as Baiduspider and Googlebot and as a browser to find cloaking: links to other hosts that
// only a spider is served.
import type { CheerioAPI } from 'cheerio';
import postcss from 'postcss';
import type { Fetcher } from './fetch.ts';
import { loadHtml, resolveLink } from './page.ts';
import type { SheetText } from './rules/css-cascade.ts';
import { screenMedia } from './rules/css-cascade.ts';
import { findHiddenLinks, pageParts, type HiddenLink, hiddenLink, stylesheetHref } from './rules/hidden-links.ts';

export const BROWSER_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
export const SPIDERS = [
  { name: 'Baiduspider', ua: 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)' },
  { name: 'Googlebot', ua: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
];
/** Requests of the homepage the cloaking check adds to a full run of a site that does not cloak: as a browser,
 *  then as each spider. */
export const CLOAKING_FETCHES = 1 + SPIDERS.length;

/** At most this many stylesheets are fetched in a run (a page's own count is capped as well). */
const MAX_SHEETS_PER_RUN = 100;
const MAX_SHEETS_PER_PAGE = 30;
const IMPORT_DEPTH = 2;

export class HiddenLinkScan {
  private readonly sheets = new Map<string, Promise<SheetText[]>>();

  constructor(
    private readonly fetcher: Fetcher,
    private readonly siteHosts: string[],
    private readonly timeoutMs?: number,
  ) {}

  /** The page's 暗链; its stylesheets are fetched first when it has links to other hosts. */
  async page($: CheerioAPI, pageUrl: string): Promise<HiddenLink[]> {
    const parts = pageParts($, pageUrl, this.siteHosts);
    const linked = new Map<string, SheetText[]>();
    // Stylesheets matter only to a page with links to other hosts.
    const hrefs = parts.anchors.length === 0 ? [] : parts.sheets.map((el) => stylesheetHref(el, pageUrl));
    for (const href of new Set(hrefs.filter((h) => h !== undefined).slice(0, MAX_SHEETS_PER_PAGE)))
      linked.set(href, await this.sheet(href, 0));
    return findHiddenLinks($, pageUrl, this.siteHosts, linked, parts);
  }

  /** A stylesheet and what it imports (imported rules first, as the cascade orders them), once per run. */
  private sheet(href: string, depth: number): Promise<SheetText[]> {
    let p = this.sheets.get(href);
    if (p) return p;
    if (this.sheets.size >= MAX_SHEETS_PER_RUN) return Promise.resolve([]);
    p = this.load(href, depth);
    this.sheets.set(href, p);
    return p;
  }

  private async load(href: string, depth: number): Promise<SheetText[]> {
    const r = await this.fetcher.fetch(href, { timeoutMs: this.timeoutMs });
    if (!r.ok || r.body === undefined) return [];
    const imported: SheetText[] = [];
    if (depth < IMPORT_DEPTH)
      for (const url of imports(r.body, r.finalUrl)) imported.push(...(await this.sheet(url, depth + 1)));
    return [...imported, { css: r.body, source: r.finalUrl }];
  }

  /** Links to other hosts on the homepage as a spider is served it and not as a browser (nor as the crawl) is:
   *  three extra requests per run, a fourth when a spider saw more. Nothing when a browser's copy cannot be
   *  fetched. */
  async cloaking(home: string, crawled: string | undefined): Promise<HiddenLink[]> {
    const browser = await this.fetcher.fetch(home, { timeoutMs: this.timeoutMs, userAgent: BROWSER_UA });
    if (!browser.ok || !browser.body) return [];
    const seen = new Set([...this.outbound(browser.body, browser.finalUrl).keys()]);
    if (crawled) for (const url of this.outbound(crawled, home).keys()) seen.add(url);
    const out = new Map<string, HiddenLink>();
    for (const spider of SPIDERS) {
      const r = await this.fetcher.fetch(home, { timeoutMs: this.timeoutMs, userAgent: spider.ua });
      if (!r.ok || !r.body) continue;
      for (const [url, text] of this.outbound(r.body, r.finalUrl)) {
        if (seen.has(url) || out.has(url)) continue;
        const hiding = {
          technique: `对搜索引擎伪装（cloaking）：只在 ${spider.name} 看到的首页中出现，浏览器看到的首页没有`,
          rule: `User-Agent: ${spider.ua}`,
          source: r.finalUrl,
        };
        out.set(url, hiddenLink(url, text, hiding));
      }
    }
    if (out.size === 0) return [];
    // A homepage that rotates its links (a banner of other sites) differs between any two requests: one more
    // browser copy must lack the link too.
    const again = await this.fetcher.fetch(home, { timeoutMs: this.timeoutMs, userAgent: BROWSER_UA });
    if (!again.ok || !again.body) return [];
    for (const url of this.outbound(again.body, again.finalUrl).keys()) out.delete(url);
    return [...out.values()];
  }

  private outbound(html: string, pageUrl: string): Map<string, string> {
    const $ = loadHtml(html);
    return new Map(pageParts($, pageUrl, this.siteHosts).anchors.map(({ a, url }) => [url, $(a).text()]));
  }
}

/** The URLs a stylesheet @imports for a screen. */
function imports(css: string, base: string): string[] {
  const out: string[] = [];
  try {
    postcss.parse(css).walkAtRules('import', (at) => {
      const m = /^(?:url\(\s*)?["']?([^"')\s]+)["']?\s*\)?\s*(.*)$/.exec(at.params.trim());
      const url = m && screenMedia(m[2]) ? resolveLink(m[1], base) : undefined;
      if (url) out.push(url);
    });
  } catch {
    // a sheet postcss cannot read imports nothing
  }
  return out;
}
