// 暗链 (hidden links): links to other hosts that a reader cannot see but a search engine's spider reads. The page's
// styles are resolved as a browser would (css-cascade.ts: <style> blocks and external stylesheets, specificity,
// !important, inheritance) for every element on a link's ancestor chain, and the link is hidden when any of them is
// display:none / hidden, fully transparent, scaled to zero, clipped away, a box of 1 px or less with its overflow
// hidden (a zero-size <marquee> too), pushed far off screen (positioned, negative margin or text-indent), or when the
// link's own computed visibility is hidden, its font size is 2 px or less, or its colour is that of the background
// behind it. Links written by an inline <script> (document.write, innerHTML) and links only a spider is served
// (cloaking, hidden-scan.ts) are 暗链 too. Gambling and pornography words weigh more (a veto item). Visible links to
// other sites, and hidden links to the site itself (a skip link, a collapsed menu), are not 暗链.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Observation } from '../observation.ts';
import { eachElement, loadHtml, resolveLink, textOf } from '../page.ts';
import type { SiteSpec } from '../spec.ts';
import {
  backgroundColor,
  contrast,
  type Declared,
  lengthPx,
  PageStyles,
  parseColor,
  readSheet,
  revealedBy,
  type Rgba,
  type SheetText,
} from './css-cascade.ts';
import { GAMBLING_PORN } from './links.ts';

export interface HiddenLink {
  url: string;
  text: string;
  /** The technique and its evidence in one line (zh-CN), as the incident shows it. */
  reason: string;
  /** The hiding technique in Chinese, e.g. 'visibility:hidden（不可见）'. */
  technique: string;
  /** The CSS rule, attribute or script that hides it. */
  rule?: string;
  /** Where that rule is: 内联 style 属性, <style> 块, a stylesheet's URL, 内联脚本, … */
  source?: string;
  weight: 'high' | 'normal';
}

/** How an element is hidden: the technique (zh-CN) and the declaration that does it. */
export interface Hiding {
  technique: string;
  rule?: string;
  source?: string;
}

/** Farther than this off screen counts as hidden (a dropdown tucked 100 px up does not). */
const OFF_SCREEN_PX = -500;
const LINK_BLUE: Rgba = { r: 0, g: 0, b: 0xee, a: 1 };
const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

const from = (technique: string, d: Declared | undefined): Hiding => ({ technique, rule: d?.rule, source: d?.source });

/** What hides an element itself (not through inheritance), given its own cascaded values; not what an opened
 *  menu shows (a :hover or :focus rule that undoes it). */
function hidesItself(styles: PageStyles, el: Element, fontPx: number): Hiding | undefined {
  const own = styles.declared(el);
  const v = (p: string) => own.get(p)?.value.toLowerCase();
  const opens = (p: string, shows: (value: string) => boolean) => revealedBy(styles, el, p, shows) !== undefined;
  if (v('display') === 'none' && !opens('display', (x) => x !== 'none'))
    return from('display:none（元素不显示）', own.get('display'));
  if (el.attribs.hidden !== undefined && !own.has('display'))
    return { technique: 'hidden 属性（元素不显示）', rule: `<${el.name} hidden>`, source: 'HTML 属性' };
  const opacity = v('opacity');
  if (opacity !== undefined) {
    const o = opacity.endsWith('%') ? Number(opacity.slice(0, -1)) / 100 : Number(opacity);
    if (o <= 0.01 && !opens('opacity', (x) => Number(x) > 0.01))
      return from('opacity:0（完全透明）', own.get('opacity'));
  }
  if (/(^|\s)scale[xy]?\(\s*0(\.0+)?\s*[,)]/.test(v('transform') ?? ''))
    return from('transform:scale(0)（缩放为零）', own.get('transform'));
  const position = v('position');
  if (position === 'absolute' || position === 'fixed' || position === 'relative') {
    for (const side of ['left', 'top', 'right', 'bottom']) {
      const px = lengthPx(v(side), fontPx);
      if (px !== undefined && px <= OFF_SCREEN_PX)
        return from(`position:${position} 移出屏幕（${side}:${v(side)}）`, own.get(side));
    }
  }
  for (const side of ['margin-left', 'margin-top']) {
    const px = lengthPx(v(side), fontPx);
    if (px !== undefined && px <= OFF_SCREEN_PX) return from(`负外边距移出屏幕（${side}:${v(side)}）`, own.get(side));
  }
  if ((position === 'absolute' || position === 'fixed') && clippedAway(v('clip')))
    return from(`clip:${v('clip')}（裁剪为零）`, own.get('clip'));
  if (clipPathAway(v('clip-path'))) return from(`clip-path:${v('clip-path')}（裁去全部）`, own.get('clip-path'));
  const box = tinyBox(el, own, fontPx);
  const grows = (x: string) => x === 'auto' || x === 'none' || (lengthPx(x, fontPx) ?? 2) > 1;
  if (box && ['width', 'height', 'max-width', 'max-height'].some((p) => opens(p, grows))) return undefined;
  return box;
}

/** A box of 1 px or less whose overflow is cut off (a <marquee> always cuts it off). */
function tinyBox(el: Element, own: Map<string, Declared>, fontPx: number): Hiding | undefined {
  const v = (p: string) => own.get(p)?.value.toLowerCase();
  const marquee = el.name === 'marquee';
  const cut = (p: string) => v(p) === 'hidden' || v(p) === 'clip';
  if (!marquee && !cut('overflow') && !cut('overflow-x') && !cut('overflow-y')) return undefined;
  const size = (p: 'width' | 'height') => {
    const css = [lengthPx(v(p), fontPx), lengthPx(v(`max-${p}`), fontPx)].filter((x) => x !== undefined);
    const attr = marquee && el.attribs[p] !== undefined ? lengthPx(`${el.attribs[p]}px`) : undefined;
    return Math.min(...css, ...(attr === undefined ? [] : [attr]));
  };
  const [w, h] = [size('width'), size('height')];
  if (w > 1 && h > 1) return undefined;
  const decl = own.get(w <= 1 ? 'width' : 'height') ?? own.get(w <= 1 ? 'max-width' : 'max-height');
  if (marquee) {
    const rule = decl?.rule ?? `<marquee width="${el.attribs.width ?? ''}" height="${el.attribs.height ?? ''}">`;
    return { technique: '零尺寸的 <marquee>（滚动字幕框看不见）', rule, source: decl?.source ?? 'HTML 属性' };
  }
  return from(
    w === 0 || h === 0 ? '尺寸为 0 且 overflow:hidden（内容被裁掉）' : '1×1 像素的盒子且 overflow:hidden（内容被裁掉）',
    decl,
  );
}

/** clip:rect(top, right, bottom, left) with no area left. */
function clippedAway(clip: string | undefined): boolean {
  const m = /^rect\(\s*([^,\s)]+)[\s,]+([^,\s)]+)[\s,]+([^,\s)]+)[\s,]+([^,\s)]+)\s*\)$/.exec(clip ?? '');
  if (!m) return false;
  const [top, right, bottom, left] = m.slice(1).map((x) => (x === 'auto' ? undefined : lengthPx(x)));
  return (
    (top !== undefined && bottom !== undefined && bottom <= top)
    || (left !== undefined && right !== undefined && right <= left)
  );
}

/** clip-path that leaves nothing: inset(50%) or more, a circle or ellipse of radius 0. */
function clipPathAway(path: string | undefined): boolean {
  if (!path) return false;
  const inset = /^inset\(\s*([\d.]+)%(?:\s+([\d.]+)%)?(?:\s+([\d.]+)%)?(?:\s+([\d.]+)%)?\s*\)$/.exec(path);
  if (inset) {
    const [t, r = t, b = t, l = r] = inset
      .slice(1)
      .filter((x) => x !== undefined)
      .map(Number);
    return t + b >= 100 || l + r >= 100;
  }
  return /^(circle|ellipse)\(\s*0(px|%)?(\s+0(px|%)?)?\s*(\)|at\s)/.test(path);
}

const KEYWORD_SIZES: Record<string, number> = {
  'xx-small': 9,
  'x-small': 10,
  small: 13,
  medium: 16,
  large: 18,
  'x-large': 24,
  'xx-large': 32,
};

/** The elements from the link up to <html>. */
function chainOf(a: Element): Element[] {
  const chain: Element[] = [];
  for (let el: AnyNode | null = a; el && el.type === 'tag'; el = el.parent) chain.push(el as Element);
  return chain;
}

/** Computed font sizes (px) down a chain (chain[0] is the link), with the declaration that set each. */
function fontSizes(styles: PageStyles, chain: Element[]): { px: number; decl?: Declared }[] {
  const out: { px: number; decl?: Declared }[] = new Array(chain.length);
  let parent = { px: 16 } as { px: number; decl?: Declared };
  for (let i = chain.length - 1; i >= 0; i--) {
    const d = styles.declared(chain[i]).get('font-size');
    const value = d?.value.toLowerCase();
    let px = parent.px;
    if (value !== undefined && value !== 'inherit') {
      if (value.endsWith('%')) px = (Number(value.slice(0, -1)) / 100) * parent.px;
      else if (value in KEYWORD_SIZES) px = KEYWORD_SIZES[value];
      else if (value === 'smaller' || value === 'larger') px = parent.px * (value === 'smaller' ? 0.83 : 1.2);
      else px = lengthPx(value, parent.px) ?? parent.px;
      if (Number.isNaN(px)) px = parent.px;
    }
    parent = value !== undefined && value !== 'inherit' ? { px, decl: d } : { px, decl: parent.decl };
    out[i] = parent;
  }
  return out;
}

/** The nearest declaration of an inherited property up the chain (skipping `inherit`). */
function inherited(styles: PageStyles, chain: Element[], prop: string): { d: Declared; at: Element } | undefined {
  for (const el of chain) {
    const d = styles.declared(el).get(prop);
    if (d && d.value.toLowerCase() !== 'inherit') return { d, at: el };
  }
  return undefined;
}

/** The colour painted behind the link: the nearest background colour up the chain (white by default);
 *  undefined when a picture is behind it (its colour cannot be judged). */
function backdrop(styles: PageStyles, chain: Element[]): Rgba | undefined {
  for (const el of chain) {
    const own = styles.declared(el);
    const image = own.get('background-image')?.value;
    if (image && image !== 'none') return undefined;
    const shorthand = own.get('background')?.value;
    const color = own.has('background-color')
      ? parseColor(own.get('background-color')!.value)
      : shorthand
        ? backgroundColor(shorthand)
        : undefined;
    if (shorthand && !color && !own.has('background-color')) return undefined;
    if (color && color.a > 0) return color;
  }
  return WHITE;
}

/** The link's text colour versus what is behind it. */
function sameColour(styles: PageStyles, chain: Element[]): Hiding | undefined {
  const a = chain[0];
  const own = styles.declared(a).get('color');
  // A link has the browser's link colour unless the author gives it one (or tells it to inherit).
  const decl = !own ? undefined : own.value.toLowerCase() === 'inherit' ? inherited(styles, chain, 'color')?.d : own;
  const colour = decl ? parseColor(decl.value) : own ? undefined : LINK_BLUE;
  if (!colour) return undefined;
  if (colour.a === 0) return from('color:transparent（文字透明）', decl);
  const behind = backdrop(styles, chain);
  if (!behind || contrast(colour, behind) >= 1.2) return undefined;
  return from(`文字颜色与背景色相同（color:${decl?.value ?? '链接默认色'}，背景 ${hex(behind)}）`, decl);
}

const hex = (c: Rgba) => `#${[c.r, c.g, c.b].map((x) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;

/** Why a link cannot be seen, or undefined when it can. */
export function hiddenBy(styles: PageStyles, a: Element): Hiding | undefined {
  const chain = chainOf(a);
  const fonts = fontSizes(styles, chain);
  for (let i = 0; i < chain.length; i++) {
    const h = hidesItself(styles, chain[i], fonts[i].px);
    if (h) return h;
  }
  const visibility = inherited(styles, chain, 'visibility');
  const shown = visibility && revealedBy(styles, visibility.at, 'visibility', (x) => x === 'visible');
  if (visibility && /^(hidden|collapse)$/i.test(visibility.d.value) && !shown)
    return from(`visibility:${visibility.d.value}（不可见）`, visibility.d);
  // Size and colour hide text, not a picture.
  if (eachTag(a, (el) => el.name === 'img' || el.name === 'svg')) return undefined;
  if (!textOf(a).trim()) return undefined;
  if (fonts[0].px <= 2) return from(`字号为 ${round(fonts[0].px)}px（文字看不见）`, fonts[0].decl);
  const indent = inherited(styles, chain, 'text-indent');
  const indentPx = indent && lengthPx(indent.d.value, fonts[chain.indexOf(indent.at)].px);
  // A negative indent with a picture behind is the classic image replacement of a logo: the picture shows.
  const pictured = indent && /url\(/i.test(backgroundOf(styles, indent.at) + backgroundOf(styles, a));
  if (indentPx !== undefined && indentPx <= OFF_SCREEN_PX && !pictured)
    return from(`text-indent:${indent!.d.value}（文字缩进到屏幕外）`, indent!.d);
  return sameColour(styles, chain);
}

const round = (n: number) => Math.round(n * 100) / 100;
const backgroundOf = (styles: PageStyles, el: Element) =>
  `${styles.declared(el).get('background')?.value ?? ''} ${styles.declared(el).get('background-image')?.value ?? ''}`;

function eachTag(root: Element, test: (el: Element) => boolean): boolean {
  let found = false;
  eachElement(root, (el) => {
    if (!found && el !== root && test(el)) found = true;
  });
  return found;
}

/** Why a declaration block hides a link inside an element that has it (tests and quick checks), or undefined. */
export function hidingStyle(style: string): string | undefined {
  const $ = loadHtml('<div><a href="http://x.example/">链接</a></div>');
  $('div').attr('style', style);
  return hiddenBy(new PageStyles([]), $('a')[0] as Element)?.technique;
}

/** What 暗链 are judged from, in one walk of the page: links to other hosts, inline scripts that write HTML, and the
 *  <style> and <link> elements in document order. */
export interface PageParts {
  anchors: { a: Element; url: string }[];
  scripts: Element[];
  sheets: Element[];
}

export function pageParts($: CheerioAPI, pageUrl: string, siteHosts: string[]): PageParts {
  const parts: PageParts = { anchors: [], scripts: [], sheets: [] };
  eachElement($.root()[0], (el) => {
    if (el.name === 'a') {
      const url = el.attribs.href === undefined ? undefined : resolveLink(el.attribs.href, pageUrl);
      if (url && !siteHosts.includes(new URL(url).hostname)) parts.anchors.push({ a: el, url });
    } else if (el.name === 'style' || el.name === 'link') parts.sheets.push(el);
    else if (el.name === 'script' && el.attribs.src === undefined && WRITES_HTML.test(textOf(el)))
      parts.scripts.push(el);
  });
  return parts;
}

const WRITES_HTML = /document\s*\.\s*write(ln)?\s*\(|\.\s*(innerHTML|outerHTML)\s*\+?=|insertAdjacentHTML\s*\(/;

/** The absolute URL of a <link rel=stylesheet> a screen applies, else undefined. */
export function stylesheetHref(el: Element, pageUrl: string): string | undefined {
  if (el.name !== 'link') return undefined;
  const rel = (el.attribs.rel ?? '').toLowerCase().split(/\s+/);
  if (!rel.includes('stylesheet') || rel.includes('alternate')) return undefined;
  if (/^(print|speech)$/i.test((el.attribs.media ?? '').trim())) return undefined;
  return resolveLink(el.attribs.href, pageUrl);
}

/** The page's stylesheets in document order: <style> blocks, and for each <link rel=stylesheet> the sheets fetched
 *  for it (its @imports first); a link not fetched contributes nothing. */
function pageSheets(parts: PageParts, linked: Map<string, SheetText[]>, pageUrl: string): SheetText[] {
  const sheets: SheetText[] = [];
  for (const el of parts.sheets) {
    if (el.name === 'style') {
      if (!/print|speech/i.test(el.attribs.media ?? '')) sheets.push({ css: textOf(el), source: '<style> 块' });
    } else {
      const href = linked.size > 0 ? stylesheetHref(el, pageUrl) : undefined;
      if (href) sheets.push(...(linked.get(href) ?? []));
    }
  }
  return sheets;
}

export function findHiddenLinks(
  $: CheerioAPI,
  pageUrl: string,
  siteHosts: string[],
  linked: Map<string, SheetText[]> = new Map(),
  parts = pageParts($, pageUrl, siteHosts),
): HiddenLink[] {
  const out: HiddenLink[] = [];
  if (parts.anchors.length > 0) {
    const styles = new PageStyles(pageSheets(parts, linked, pageUrl).map(readSheet));
    for (const { a, url } of parts.anchors) {
      const hiding = hiddenBy(styles, a);
      if (hiding) out.push(hiddenLink(url, textOf(a), hiding, a.attribs.title));
    }
  }
  for (const script of parts.scripts) out.push(...scriptLinks(textOf(script), pageUrl, siteHosts));
  const seen = new Set<string>();
  return out.filter((h) => !seen.has(h.url) && seen.add(h.url));
}

export function hiddenLink(url: string, text: string, hiding: Hiding, title = ''): HiddenLink {
  const shown = text.replace(/\s+/g, ' ').trim().slice(0, 80);
  const evidence = hiding.rule ? `：${hiding.rule.slice(0, 200)}${hiding.source ? `（${hiding.source}）` : ''}` : '';
  return {
    url,
    text: shown,
    technique: hiding.technique,
    ...(hiding.rule ? { rule: hiding.rule.slice(0, 500) } : {}),
    ...(hiding.source ? { source: hiding.source } : {}),
    reason: `${hiding.technique}${evidence}`,
    weight: GAMBLING_PORN.test(`${shown} ${url} ${title}`) ? 'high' : 'normal',
  };
}

/** Links to other hosts in the HTML an inline script writes into the page (document.write, innerHTML, …). The
 *  script's string pieces are joined and the usual escapes (\x3c, \u003c, %3C in unescape(…)) undone first. */
export function scriptLinks(code: string, pageUrl: string, siteHosts: string[]): HiddenLink[] {
  const api =
    WRITES_HTML.exec(code)?.[0]
      .replace(/[\s(=+]/g, '')
      .replace(/^\./, '') ?? 'document.write';
  let text = code
    .replace(/(['"`])\s*\+\s*\1/g, '')
    .replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/\\([/"'])/g, '$1');
  if (/%3C/i.test(text)) text = text.replace(/(%[0-9a-f]{2})+/gi, (m) => safeDecode(m));
  const out: HiddenLink[] = [];
  for (const m of text.matchAll(/<a\b[^>]*?\bhref\s*=\s*["']?([^"'\s>]+)[^>]*>([\s\S]{0,200}?)<\/a>/gi)) {
    const url = resolveLink(m[1], pageUrl);
    if (!url || siteHosts.includes(new URL(url).hostname)) continue;
    const hiding = { technique: `内联脚本 ${api} 写入的链接`, rule: m[0].slice(0, 200), source: '内联 <script>' };
    out.push(hiddenLink(url, m[2].replace(/<[^>]*>/g, ''), hiding));
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
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
  const techniques = [...new Set(all.map((h) => h.link.technique.replace(/（.*$/, '')))];
  return {
    monitor: 'integrity',
    target: { kind: 'site', siteId: spec.id },
    rule: 'hidden-link',
    level: all.length === 0 ? 'ok' : high ? 'veto' : 'warning',
    incident: all.length > 0,
    summary:
      all.length === 0
        ? '未发现暗链'
        : `发现 ${all.length} 个暗链（隐藏的外部链接，最多出现在 ${pages} 个页面）${high ? '，含赌博或色情内容' : ''}：`
          + `${hosts.join('、')}；手法：${techniques.join('、')}`,
    details: { links: all.map((h) => ({ ...h.link, on: h.on, onCount: h.onCount })) },
    observedAt: now,
  };
}
