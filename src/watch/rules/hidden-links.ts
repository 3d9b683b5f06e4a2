// 暗链 (hidden links): links to other domains that a reader cannot see — display:none, visibility:hidden, a font of
// 2px or less, pushed off screen (large negative left/top/text-indent/margin), zero size with overflow hidden, the
// hidden attribute — on the link itself, on a container, or through a <style> rule of the page. Gambling and
// pornography words weigh more (a veto item). A visible link to another site is not 暗链; a hidden link to the
// site itself (a collapsed mobile menu) is not either.
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { Observation } from '../observation.ts';
import { eachElement, hasClass, resolveLink, textOf } from '../page.ts';
import type { SiteSpec } from '../spec.ts';
import { GAMBLING_PORN } from './links.ts';

export interface HiddenLink {
  url: string;
  text: string;
  reason: string;
  weight: 'high' | 'normal';
}

/** Why a style hides its element, or undefined. */
export function hidingStyle(style: string): string | undefined {
  const s = style.toLowerCase().replace(/\s+/g, '');
  if (/(^|;)display:none/.test(s)) return 'display:none';
  if (/(^|;)visibility:hidden/.test(s)) return 'visibility:hidden';
  const font = /(^|;)font-size:(\d*\.?\d+)(px|pt|em|rem|%|vw|vh|ex|ch)?(;|!|$)/.exec(s);
  if (font && (Number(font[2]) === 0 || (Number(font[2]) <= 2 && /^(px|pt)?$/.test(font[3] ?? '')))) {
    return `font-size:${font[2]}${font[3] ?? ''}`;
  }
  if (/(^|;)clip:rect\(0(px)?,?0(px)?,?0(px)?,?0(px)?\)/.test(s)) return 'clip:rect(0 0 0 0)';
  if (/(^|;)clip-path:(inset\(50%\)|circle\(0)/.test(s)) return 'clip-path 裁去全部';
  const tiny = (p: string) => new RegExp(`(^|;)${p}:(0|1)(px)?(;|!|$)`).test(s);
  if (tiny('width') && tiny('height') && /overflow:hidden/.test(s)) return '1×1 像素且 overflow:hidden';
  const off = /(^|;)(left|top|text-indent|margin-left|margin-top|right):(-\d{3,}(\.\d+)?)(px|em|pt)?/.exec(s);
  if (off && Number(off[3]) <= -100) return `${off[2]}:${off[3]}${off[5] ?? ''}（移出屏幕）`;
  if (/(^|;)(height|width):0(px)?(;|$)/.test(s) && /overflow:hidden/.test(s)) return '尺寸为 0 且 overflow:hidden';
  if (/(^|;)opacity:0(\.0+)?(;|$)/.test(s)) return 'opacity:0';
  return undefined;
}

type HidingRule = { selector: string; reason: string; match?: (el: Element) => boolean };
/** Hiding rules by stylesheet text: a portal's pages share one template, so its CSS is read once. */
const ruleCache = new Map<string, HidingRule[]>();

function hidingRules(css: string): HidingRule[] {
  let rules = ruleCache.get(css);
  if (rules) return rules;
  rules = [];
  for (const m of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}@]+)\{([^{}]*)\}/g)) {
    const reason = hidingStyle(m[2]);
    if (!reason) continue;
    for (const selector of m[1]
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean))
      rules.push({ selector, reason, match: simpleMatcher(selector) });
  }
  if (ruleCache.size > 100) ruleCache.clear();
  ruleCache.set(css, rules);
  return rules;
}

/** tag, .class, #id and their combinations, tested on the element itself; other selectors go through cheerio. */
function simpleMatcher(selector: string): ((el: Element) => boolean) | undefined {
  const m = /^([a-z][a-z0-9]*)?((?:[.#][\w-]+)*)$/i.exec(selector);
  if (!m || (!m[1] && !m[2])) return undefined;
  const tag = m[1]?.toLowerCase();
  const parts = [...m[2].matchAll(/([.#])([\w-]+)/g)].map((p) => [p[1], p[2]] as const);
  return (el) =>
    (!tag || el.name === tag) && parts.every(([k, v]) => (k === '#' ? el.attribs.id === v : hasClass(el, v)));
}

/** Why a stylesheet rule hides this element, if one does. */
function hiddenBySheet(
  _$: CheerioAPI,
  rules: HidingRule[],
  complex: Map<Element, string> | undefined,
  el: Element,
): string | undefined {
  for (const r of rules) if (r.match?.(el)) return `${r.selector}{${r.reason}}`;
  return complex?.get(el);
}

/** Elements hidden by the selectors a simple matcher cannot test (descendant selectors and the like). */
function complexHidden($: CheerioAPI, rules: HidingRule[]): Map<Element, string> | undefined {
  const complex = rules.filter((r) => !r.match);
  if (complex.length === 0) return undefined;
  const hidden = new Map<Element, string>();
  for (const r of complex) {
    try {
      $(r.selector).each((_, el) => {
        hidden.set(el as Element, `${r.selector}{${r.reason}}`);
      });
    } catch {
      // a selector cheerio does not support (pseudo-classes and the like) hides nothing we can judge
    }
  }
  return hidden;
}

export function findHiddenLinks($: CheerioAPI, pageUrl: string, siteHosts: string[]): HiddenLink[] {
  const external: { a: Element; url: string }[] = [];
  const styles: Element[] = [];
  eachElement($.root()[0], (el) => {
    if (el.name === 'style') styles.push(el);
    else if (el.name === 'a' && el.attribs.href !== undefined) {
      const url = resolveLink(el.attribs.href, pageUrl);
      if (url && !siteHosts.includes(new URL(url).hostname)) external.push({ a: el, url });
    }
  });
  if (external.length === 0) return [];
  const rules = hidingRules(styles.map((el) => textOf(el)).join('\n'));
  const complex = complexHidden($, rules);
  const out: HiddenLink[] = [];
  for (const { a, url } of external) {
    let reason: string | undefined;
    for (let el: Element | null = a; el && el.type === 'tag' && !reason; el = el.parent as Element | null) {
      reason =
        (el.attribs.style && hidingStyle(el.attribs.style))
        || (el.attribs.hidden !== undefined ? 'hidden 属性' : undefined)
        || hiddenBySheet($, rules, complex, el);
    }
    if (!reason) continue;
    const text = textOf(a).trim().slice(0, 80);
    out.push({
      url,
      text,
      reason,
      weight: GAMBLING_PORN.test(`${text} ${url} ${a.attribs.title ?? ''}`) ? 'high' : 'normal',
    });
  }
  return out;
}

/** Hidden links found on the site, each URL once with the pages it is on (an injected template puts it on all). */
export type HiddenLinksFound = Map<string, { link: HiddenLink; on: string[]; onCount: number }>;

export function collectHiddenLinks(found: HiddenLinksFound, pageUrl: string, links: HiddenLink[]): void {
  for (const link of links) {
    const entry = found.get(link.url) ?? { link, on: [], onCount: 0 };
    entry.onCount++;
    if (entry.on.length < 5) entry.on.push(pageUrl);
    found.set(link.url, entry);
  }
}

/** One observation for the site: 暗链 are an incident at once, a veto risk when they carry gambling or porn words. */
export function judgeHiddenLinks(spec: SiteSpec, found: HiddenLinksFound, now: Date): Observation {
  const all = [...found.values()];
  const high = all.some((h) => h.link.weight === 'high');
  const hosts = [...new Set(all.map((h) => new URL(h.link.url).hostname))];
  const pages = Math.max(0, ...all.map((h) => h.onCount));
  return {
    monitor: 'integrity',
    target: { kind: 'site', siteId: spec.id },
    rule: 'hidden-link',
    level: all.length === 0 ? 'ok' : high ? 'veto' : 'warning',
    incident: all.length > 0,
    summary:
      all.length === 0
        ? '未发现暗链'
        : `发现 ${all.length} 个暗链（隐藏的外部链接，最多出现在 ${pages} 个页面）${high ? '，含赌博或色情内容' : ''}：${hosts.join('、')}`,
    details: { links: all.map((h) => ({ ...h.link, on: h.on, onCount: h.onCount })) },
    observedAt: now,
  };
}
