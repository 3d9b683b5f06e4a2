// 链接可用性 (links): dead links, pictures and 附件 with the pages they are on (deductions: −0.1 each on inner pages,
// more on the homepage), and links to expired or hijacked domains — the host does not resolve (NXDOMAIN), the page
// is a parked/for-sale or gambling page, or the host is on the configured bad-domain list. Such a link can turn
// into a link to pornographic or gambling content, which is a veto item. Pure: judges a finished crawl.
import type { CrawlResult, LinkTarget } from '../crawl.ts';
import type { Observation, WatchLevel } from '../observation.ts';
import type { SiteSpec } from '../spec.ts';

const PARKED = new RegExp(
  '域名(正在)?(出售|转让|停放)|该域名.{0,10}(出售|转让)|this domain (is|may be) for sale|'
    + String.raw`buy this domain|domain (is )?parked|parkingcrew|sedoparking|bodis\.com|afternic|hugedomains|`
    + String.raw`dan\.com\/buy`,
  'i',
);
/** Gambling and pornography words: on a linked page they mean a hijacked domain; in a hidden link, a 暗链 of
 *  the worst kind. */
export const GAMBLING_PORN =
  /博彩|娱乐城|六合彩|赌场|百家乐|时时彩|彩票投注|真人视讯|色情|成人视频|av在线|casino|betting|\bbet\d*\b|poker|porn|\bsex\b/i;

/** What an external page's body says about its domain, if anything bad. */
export function sniffDomainPage(body: string): string | undefined {
  const head = body.slice(0, 64 * 1024);
  if (PARKED.test(head)) return '停放或出售中的域名页面';
  const m = GAMBLING_PORN.exec(head);
  return m ? `含赌博或色情内容（“${m[0]}”）` : undefined;
}

const KIND_NAME = { page: '页面', image: '图片', attachment: '附件' };
/** A link 无法确认 on this many runs in a row counts as dead. */
export const UNSURE_RUNS = 3;

export function judgeLinks(spec: SiteSpec, crawl: CrawlResult, now: Date): Observation[] {
  const out: Observation[] = [];
  const obs = (
    url: string | undefined,
    rule: string,
    level: WatchLevel,
    incident: boolean,
    summary: string,
    details: Record<string, unknown>,
  ): Observation => ({
    monitor: 'links',
    target: url ? { kind: 'page', siteId: spec.id, url } : { kind: 'site', siteId: spec.id },
    rule,
    level,
    incident,
    summary,
    details,
    observedAt: now,
  });
  const bad = (spec.badDomains ?? []).map((d) => d.toLowerCase().replace(/^\*?\./, ''));
  const badHosts = new Map<string, { reason: string; veto: boolean; targets: LinkTarget[] }>();
  const flagHost = (t: LinkTarget, reason: string, veto: boolean) => {
    const host = new URL(t.url).hostname;
    const entry = badHosts.get(host) ?? { reason, veto, targets: [] };
    entry.targets.push(t);
    if (veto && !entry.veto) Object.assign(entry, { reason, veto });
    badHosts.set(host, entry);
  };
  const dead: LinkTarget[] = [];
  const unknown: { t: LinkTarget; streak: number }[] = [];
  const streaks: Record<string, number> = {};
  for (const t of crawl.targets.values()) {
    const host = new URL(t.url).hostname.toLowerCase();
    if (bad.some((d) => host === d || host.endsWith(`.${d}`))) flagHost(t, '在已知过期或被劫持域名清单中', true);
    else if (t.sniffed) flagHost(t, t.sniffed, true);
    else if (t.result?.errorCode === 'dns-not-found') flagHost(t, '域名无法解析（NXDOMAIN），可能已过期', false);
    else if (t.unconfirmed) {
      // 无法确认 (429, 503, a timeout, each retried once): dead only when it failed the same way on UNSURE_RUNS runs.
      const streak = (spec.unconfirmedStreaks?.[t.url] ?? 0) + 1;
      streaks[t.url] = streak;
      if (streak >= UNSURE_RUNS) dead.push(t);
      else unknown.push({ t, streak });
    } else if (t.result && !t.result.ok && !t.skipped) dead.push(t);
  }
  const home = new URL(spec.url).href;
  for (const t of dead) {
    const again = streaks[t.url] ? `，连续 ${streaks[t.url]} 次巡检` : '';
    const reason = `${t.result!.error ?? `HTTP ${t.result!.status}`}${again}`;
    out.push(
      obs(
        t.url,
        'dead-link',
        'warning',
        false,
        `${t.external ? '外部' : ''}${KIND_NAME[t.kind]}无法访问（${reason}）：${t.url}，`
          + `出现在 ${t.onCount} 处${t.on[0] ? `，如 ${t.on[0]}` : ''}`,
        {
          url: t.url,
          kind: t.kind,
          text: t.text,
          external: t.external,
          status: t.result!.status,
          error: reason,
          on: t.on,
          onCount: t.onCount,
          onHomepage: t.on.includes(home),
        },
      ),
    );
  }
  for (const [host, b] of badHosts) {
    const first = b.targets[0];
    out.push(
      obs(
        first.url,
        'bad-domain',
        b.veto ? 'veto' : 'warning',
        b.veto,
        `链接到有问题的域名 ${host}：${b.reason}（${b.targets.length} 个链接，如出现在 ${first.on[0] ?? spec.url}）`,
        { host, reason: b.reason, links: b.targets.slice(0, 10).map((t) => ({ url: t.url, text: t.text, on: t.on })) },
      ),
    );
  }
  out.push(
    obs(
      undefined,
      'unconfirmed-links',
      'ok',
      false,
      unknown.length
        ? `无法确认 ${unknown.length} 个链接（限流 429、暂不可用 503 或超时，已重试一次；连续 ${UNSURE_RUNS} 次才计为死链）`
        : '没有无法确认的链接',
      {
        links: unknown.slice(0, 50).map(({ t, streak }) => ({ url: t.url, error: t.unconfirmed, streak, on: t.on })),
        streaks,
      },
    ),
  );
  const onHome = dead.filter((t) => t.on.includes(home)).length;
  out.push(
    obs(
      undefined,
      'dead-links',
      dead.length ? 'warning' : 'ok',
      false,
      `抓取 ${crawl.pages} 个页面、检查 ${crawl.targets.size} 个链接：死链 ${dead.length} 个（首页 ${onHome} 个），`
        + `无法确认 ${unknown.length} 个，问题域名 ${badHosts.size} 个`,
      {
        pages: crawl.pages,
        links: crawl.targets.size,
        dead: dead.length,
        deadOnHomepage: onHome,
        unconfirmed: unknown.length,
        badDomains: badHosts.size,
        robotsDisallowed: crawl.robotsDisallowed,
      },
    ),
  );
  return out;
}
