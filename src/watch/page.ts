// Reading a fetched HTML page: its links (pages, pictures, 附件), what is site chrome (导航, 页头, 页脚, 翻页) and
// what is content, and its text. cheerio on htmlparser2 (about 4× faster than parse5 on portal pages).
import * as cheerio from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

export type LinkKind = 'page' | 'image' | 'attachment';

export interface PageLink {
  url: string;
  kind: LinkKind;
  text: string;
}

const ATTACHMENT = /\.(pdf|docx?|xlsx?|pptx?|wps|et|ofd|zip|rar|7z|csv|txt)$/i;
const CHROME = new RegExp(
  String.raw`(^|[\s_-])(nav|navbar|menu|header|head|top|footer|foot|bottom|crumb|breadcrumb|`
    + String.raw`position|location|pager|pagination)([\s_-]|$)`,
  'i',
);
const PAGER_TEXT = /^(上一页|下一页|首页|尾页|末页|更多|more|>>|<<|»|«|\d{1,4}|\[\d+\])$/i;

export function loadHtml(html: string): CheerioAPI {
  return cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
}

/** An absolute http(s) URL without its #fragment, or undefined for mailto:, javascript:, bad URLs. */
export function resolveLink(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data|about):/i.test(h)) return undefined;
  // The same site-absolute links ("/col/ywdt/") stand on every page of a portal: their resolution depends only
  // on the origin, so it is parsed once.
  const key = h.startsWith('/') && !h.startsWith('//') ? `${originOf(base)} ${h}` : undefined;
  if (key) {
    const hit = resolved.get(key);
    if (hit !== undefined) return hit || undefined;
  }
  let out = '';
  try {
    const u = new URL(h, base);
    if (u.protocol === 'http:' || u.protocol === 'https:') {
      u.hash = '';
      out = u.href;
    }
  } catch {
    // not a URL: no link
  }
  if (key) {
    if (resolved.size > 50_000) resolved.clear();
    resolved.set(key, out);
  }
  return out || undefined;
}

const resolved = new Map<string, string>();

function originOf(base: string): string {
  const slash = base.indexOf('/', base.indexOf('//') + 2);
  return slash < 0 ? base : base.slice(0, slash);
}

/** Calls fn for every element below node, in document order (a plain walk: far cheaper than selector queries). */
export function eachElement(node: AnyNode, fn: (el: Element) => void): void {
  const children = (node as { children?: AnyNode[] }).children;
  if (!children) return;
  for (const child of children) {
    if (child.type === 'tag' || child.type === 'script' || child.type === 'style') {
      fn(child as Element);
      eachElement(child, fn);
    }
  }
}

/** The text inside an element (what cheerio's .text() gives). */
export function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  const children = (node as { children?: AnyNode[] }).children;
  let out = '';
  if (children) for (const c of children) out += textOf(c);
  return out;
}

export function hasClass(el: Element, name: string): boolean {
  const c = el.attribs.class;
  return !!c && ` ${c.replace(/\s+/g, ' ')} `.includes(` ${name} `);
}

/** Every link, picture and attachment of the page, each URL once (the first occurrence's text). */
export function pageLinks($: CheerioAPI, base: string): PageLink[] {
  const seen = new Map<string, PageLink>();
  const add = (raw: string | undefined, kind: LinkKind, el: Element | undefined) => {
    const url = resolveLink(raw, base);
    if (!url || seen.has(url)) return;
    const path = url.slice(url.indexOf('/', url.indexOf('//') + 2)).split('?')[0];
    const text = el ? textOf(el).trim().slice(0, 80) : '';
    seen.set(url, { url, kind: kind === 'page' && ATTACHMENT.test(path) ? 'attachment' : kind, text });
  };
  eachElement($.root()[0], (el) => {
    const a = el.attribs;
    if ((el.name === 'a' || el.name === 'area') && a.href !== undefined) add(a.href, 'page', el);
    else if (el.name === 'img' && a.src !== undefined) add(a.src, 'image', undefined);
    else if ((el.name === 'iframe' || el.name === 'frame') && a.src !== undefined) add(a.src, 'page', undefined);
  });
  return [...seen.values()];
}

/** True when the element sits in site chrome: nav/header/footer or a container named like one. */
export function inChrome(_$: CheerioAPI, el: Element): boolean {
  for (let node: Element | null = el; node && node.type === 'tag'; node = node.parent as Element | null) {
    if (node.name === 'nav' || node.name === 'header' || node.name === 'footer') return true;
    const a = node.attribs;
    if ((a.class && CHROME.test(a.class)) || (a.id && CHROME.test(a.id))) return true;
  }
  return false;
}

/** Links that look like the items of a list: outside chrome, to a page of the same host, not pager links. */
export function itemLinks($: CheerioAPI, base: string): Cheerio<Element> {
  const host = new URL(base).host;
  const self = resolveLink(base, base);
  return $('a[href]').filter((_, el) => {
    if (inChrome($, el)) return false;
    const url = resolveLink($(el).attr('href'), base);
    if (!url || url === self || new URL(url).host !== host) return false;
    return !PAGER_TEXT.test($(el).text().trim());
  });
}

const BLOCK = new Set([
  'p',
  'div',
  'li',
  'tr',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'ul',
  'ol',
  'dd',
  'dt',
  'section',
  'article',
  'title',
]);

/** The page's readable text, one block per line, without scripts and styles. `cells`: table cells kept apart by a
 *  space (for proofreading; the 篡改 baselines keep the text they were stored with). */
export function pageText($: CheerioAPI, root: Cheerio<AnyNode> = $.root(), cells = false): string {
  const out: string[] = [];
  const walk = (nodes: AnyNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text') out.push((n as unknown as { data: string }).data);
      else if (n.type === 'tag') {
        const el = n as Element;
        if (el.name === 'script' || el.name === 'style' || el.name === 'noscript' || el.name === 'template') continue;
        walk(el.children);
        if (BLOCK.has(el.name)) out.push('\n');
        // A table cell ends with a boundary, so that the ID number and the mobile number of two cells of one row
        // stay two numbers for the content check instead of one run of digits.
        else if (cells && (el.name === 'td' || el.name === 'th')) out.push(' ');
      } else if (n.type === 'root') walk((n as unknown as { children: AnyNode[] }).children);
    }
  };
  walk(root.toArray());
  return out
    .join('')
    .replace(/[ \t\u00a0\u3000]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}

/** Where an article's text lives on common portal templates (TRS, 拓尔思 WCM, …), best first. */
const MAIN: ((el: Element) => boolean)[] = [
  (el) => el.name === 'article',
  (el) => hasClass(el, 'article'),
  (el) => el.attribs.id === 'zoom',
  (el) => hasClass(el, 'TRS_Editor'),
  (el) => hasClass(el, 'content'),
  (el) => el.attribs.id === 'content',
  (el) => hasClass(el, 'main-text'),
  (el) => el.name === 'main',
];

/** The main text of an article page (the first known content container, else the body without chrome), table
 *  cells apart: what the content monitor proofreads. */
export function mainText($: CheerioAPI): string {
  const first: (Element | undefined)[] = new Array(MAIN.length);
  eachElement($.root()[0], (el) => {
    for (let i = 0; i < MAIN.length; i++) if (!first[i] && MAIN[i](el)) first[i] = el;
  });
  for (const el of first) {
    if (el && textOf(el).trim().length > 20) return pageText($, $(el), true);
  }
  const body = $('body').clone();
  body.find('nav, header, footer').remove();
  body
    .find('*')
    .filter((_, el) => CHROME.test(el.attribs.class ?? '') || CHROME.test(el.attribs.id ?? ''))
    .remove();
  return pageText($, body, true);
}
