// The cascade as a browser resolves it, for the properties that can hide a link (暗链): stylesheets parsed with postcss
// (<style> blocks and the page's external stylesheets, in document order; @media for a 1366×768 screen), selectors
// matched with css-select on the cheerio DOM, specificity from css-what, !important, inline styles, inheritance of
// visibility, colour, font-size and text-indent. Only the elements on a link's ancestor chain are ever resolved, and
// rules are indexed by the id, class or tag of their rightmost compound (as browsers do), so a portal's
// 2,000-rule stylesheet costs little per page; a sheet's text is parsed once per process.
import { compile } from 'css-select';
import { parse as parseSelector, type Selector } from 'css-what';
import type { Element } from 'domhandler';
import postcss, { type AtRule, type Container, type Root } from 'postcss';

/** The properties that can hide a link; all others are dropped when a sheet is read. */
const RELEVANT = new Set([
  'display',
  'visibility',
  'opacity',
  'width',
  'height',
  'max-width',
  'max-height',
  'overflow',
  'overflow-x',
  'overflow-y',
  'text-indent',
  'position',
  'left',
  'top',
  'right',
  'bottom',
  'margin-left',
  'margin-top',
  'clip',
  'clip-path',
  'font-size',
  'color',
  'background-color',
  'background',
  'background-image',
  'transform',
]);

/** A declaration that won the cascade, with where it came from (for the evidence). */
export interface Declared {
  value: string;
  /** `selector{prop:value}` or `style="…"`. */
  rule: string;
  /** 内联 style 属性, <style> 块, or the stylesheet's URL. */
  source: string;
}

interface Decl {
  prop: string;
  value: string;
  important: boolean;
}

interface Rule {
  selector: string;
  specificity: number;
  /** Position in its sheet. */
  order: number;
  decls: Decl[];
  /** `selector{decls}`, the evidence. */
  text: string;
  source: string;
  test: (el: Element) => boolean;
  /** Applies in a user-driven state only (tested with the state pseudo-classes removed). */
  dynamic?: boolean;
}

/** One stylesheet's rules with the relevant declarations, indexed by the key of each selector's subject (built
 *  once per sheet text, not per page). */
export interface Sheet {
  byId: Map<string, Rule[]>;
  byClass: Map<string, Rule[]>;
  byTag: Map<string, Rule[]>;
  universal: Rule[];
  /** Rules under :hover, :focus, :focus-within, :active or :target, matched as if the state held: what an
   *  interactive menu shows when it is opened. */
  revealers: Rule[];
}

export interface SheetText {
  css: string;
  /** Where it came from: '<style> 块' or the stylesheet URL. */
  source: string;
}

const VIEWPORT = { width: 1366, height: 768 };

/** Whether a media query list applies to a desktop screen (1366×768); unknown conditions count as applying. */
export function screenMedia(media: string | undefined): boolean {
  if (!media?.trim()) return true;
  return media.split(',').some((q) => {
    const query = q.trim().toLowerCase();
    if (/^(only\s+)?(print|speech|aural|braille|embossed|handheld|projection|tty|tv)\b/.test(query)) return false;
    if (/^not\s/.test(query)) return false;
    for (const m of query.matchAll(/\((min|max)-(width|height)\s*:\s*([\d.]+)(px|em|rem)?\s*\)/g)) {
      const px = Number(m[3]) * (m[4] === 'em' || m[4] === 'rem' ? 16 : 1);
      const size = VIEWPORT[m[2] as 'width' | 'height'];
      if (m[1] === 'min' ? size < px : size > px) return false;
    }
    return true;
  });
}

const sheetCache = new Map<string, Sheet>();

/** A stylesheet's relevant rules (cached by text: a portal's pages share one template). Bad CSS yields what a
 *  browser would recover; text postcss cannot parse at all yields no rules. */
export function readSheet(text: SheetText): Sheet {
  const key = `${text.source}\n${text.css}`;
  const cached = sheetCache.get(key);
  if (cached) return cached;
  const rules: Rule[] = [];
  let root: Root | undefined;
  try {
    root = postcss.parse(text.css);
  } catch {
    root = undefined;
  }
  if (root) collectRules(root, text.source, rules);
  const sheet: Sheet = { byId: new Map(), byClass: new Map(), byTag: new Map(), universal: [], revealers: [] };
  rules.forEach((rule, i) => {
    rule.order = i;
    if (rule.dynamic) {
      sheet.revealers.push(rule);
      return;
    }
    const subject = subjectKey(rule.selector);
    const add = (map: Map<string, Rule[]>, k: string) => {
      const list = map.get(k);
      if (list) list.push(rule);
      else map.set(k, [rule]);
    };
    if (!subject) sheet.universal.push(rule);
    else if (subject[0] === '#') add(sheet.byId, subject.slice(1));
    else if (subject[0] === '.') add(sheet.byClass, subject.slice(1));
    else add(sheet.byTag, subject);
  });
  if (sheetCache.size > 200) sheetCache.clear();
  sheetCache.set(key, sheet);
  return sheet;
}

function collectRules(container: Container, source: string, out: Rule[]): void {
  container.each((node) => {
    if (node.type === 'atrule') {
      const at = node as AtRule;
      if ((at.name === 'media' && screenMedia(at.params)) || at.name === 'supports' || at.name === 'layer')
        collectRules(at, source, out);
      return;
    }
    if (node.type !== 'rule') return;
    const decls: Decl[] = [];
    node.each((d) => {
      if (d.type === 'decl' && RELEVANT.has(d.prop.toLowerCase()))
        decls.push({ prop: d.prop.toLowerCase(), value: d.value.trim(), important: d.important === true });
    });
    if (decls.length === 0) return;
    for (const selector of splitSelectors(node.selector)) {
      const compiled = compileSelector(selector);
      const text = `${selector}{${decls.map(showDecl).join(';')}}`;
      if (compiled) out.push({ selector, decls, text, source, order: 0, ...compiled });
      const stateless = selector.replace(DYNAMIC, '').replace(/(^|[\s>+~])(?=[\s>+~]|$)/g, '$1*');
      const revealer = stateless !== selector ? compileSelector(stateless) : undefined;
      if (revealer) out.push({ selector, decls, text, source, order: 0, ...revealer, dynamic: true });
    }
  });
}

const DYNAMIC = /:(hover|focus-within|focus-visible|focus|active|target)(?![\w-])/g;

/** Selectors of a rule, split on top-level commas (not those inside :is(…) or [attr="a,b"]). */
function splitSelectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out.filter(Boolean);
}

const compiledCache = new Map<string, { specificity: number; test: (el: Element) => boolean } | null>();

/** A selector's matcher and specificity; undefined for a pseudo-element (never the link itself) or a selector
 *  css-select cannot read. */
function compileSelector(selector: string): { specificity: number; test: (el: Element) => boolean } | undefined {
  let c = compiledCache.get(selector);
  if (c === undefined) {
    try {
      const tokens = parseSelector(selector)[0];
      if (tokens.some((t) => t.type === 'pseudo-element')) c = null;
      else c = { specificity: specificity(tokens), test: compile<Element, Element>(selector) };
    } catch {
      c = null;
    }
    if (compiledCache.size > 20_000) compiledCache.clear();
    compiledCache.set(selector, c);
  }
  return c ?? undefined;
}

/** (ids, classes/attributes/pseudo-classes, types) as one number; :is/:not/:has count their most specific
 *  argument, :where counts nothing. */
function specificity(tokens: Selector[]): number {
  let s = 0;
  for (const t of tokens) {
    if (t.type === 'attribute') s += t.name === 'id' && t.action === 'equals' ? 1_000_000 : 1_000;
    else if (t.type === 'tag') s += 1;
    else if (t.type === 'pseudo') {
      if (t.name === 'where') continue;
      if (Array.isArray(t.data)) s += Math.max(0, ...t.data.map(specificity));
      else s += 1_000;
    }
  }
  return s;
}

/** Where a declaration stands in the cascade: !important, then inline, then specificity, then the later one. */
type Rank = [important: number, inline: number, specificity: number, sheet: number, order: number];

function outranks(a: Rank, b: Rank): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** The sheets of one page, in document order, and the memo of what each element's cascade gave. */
export class PageStyles {
  private readonly memo = new Map<Element, Map<string, Declared>>();

  constructor(readonly sheets: Sheet[]) {}

  /** The element's own cascaded values of the relevant properties (shorthands not expanded). */
  declared(el: Element): Map<string, Declared> {
    let d = this.memo.get(el);
    if (d) return d;
    const won = new Map<string, Declared & { rank: Rank }>();
    const offer = (decl: Decl, rank: Rank, rule: string, source: string) => {
      const prev = won.get(decl.prop);
      if (!prev || outranks(rank, prev.rank)) won.set(decl.prop, { value: decl.value, rule, source, rank });
    };
    const classes = (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
    this.sheets.forEach((sheet, n) => {
      const candidates = [
        sheet.universal,
        ...(el.attribs.id ? [sheet.byId.get(el.attribs.id)] : []),
        ...classes.map((c) => sheet.byClass.get(c)),
        sheet.byTag.get(el.name),
      ];
      for (const list of candidates)
        for (const rule of list ?? []) {
          if (!matches(rule, el)) continue;
          for (const decl of rule.decls)
            offer(decl, [decl.important ? 1 : 0, 0, rule.specificity, n, rule.order], rule.text, rule.source);
        }
    });
    const style = el.attribs.style;
    if (style) {
      const rule = `style="${style.trim()}"`;
      for (const decl of inlineDecls(style)) offer(decl, [decl.important ? 1 : 0, 1, 0, 0, 0], rule, '内联 style 属性');
    }
    d = new Map([...won].map(([k, v]) => [k, { value: v.value, rule: v.rule, source: v.source }]));
    this.memo.set(el, d);
    return d;
  }
}

export interface Revealed {
  value: string;
  rule: string;
}

/** A user-driven state's rule (an opened menu: `.menu li:hover ul{display:block}`) that sets the property on
 *  this element to a value `shows` accepts, if there is one. */
export function revealedBy(
  styles: PageStyles,
  el: Element,
  prop: string,
  shows: (value: string) => boolean,
): Revealed | undefined {
  for (const sheet of styles.sheets)
    for (const rule of sheet.revealers) {
      const d = rule.decls.find((x) => x.prop === prop);
      if (d && shows(d.value.toLowerCase()) && matches(rule, el)) return { value: d.value, rule: rule.text };
    }
  return undefined;
}

function matches(rule: Rule, el: Element): boolean {
  try {
    return rule.test(el);
  } catch {
    return false;
  }
}

const showDecl = (d: Decl) => `${d.prop}:${d.value}${d.important ? '!important' : ''}`;

/** The rightmost compound's most selective key: '#id', '.class', 'tag', or undefined (universal). */
function subjectKey(selector: string): string | undefined {
  try {
    const tokens = parseSelector(selector)[0];
    let last = tokens.length;
    for (let i = tokens.length - 1; i >= 0; i--) {
      const t = tokens[i].type;
      if (t === 'descendant' || t === 'child' || t === 'sibling' || t === 'adjacent' || t === 'parent') break;
      last = i;
    }
    const compound = tokens.slice(last);
    const id = compound.find((t) => t.type === 'attribute' && t.name === 'id' && t.action === 'equals');
    if (id && id.type === 'attribute') return `#${id.value}`;
    const cls = compound.find((t) => t.type === 'attribute' && t.name === 'class' && t.action === 'element');
    if (cls && cls.type === 'attribute') return `.${cls.value}`;
    const tag = compound.find((t) => t.type === 'tag');
    if (tag && tag.type === 'tag') return tag.name;
  } catch {
    // not parsed: compileSelector dropped it already
  }
  return undefined;
}

const inlineCache = new Map<string, Decl[]>();

/** The relevant declarations of a style attribute. */
export function inlineDecls(style: string): Decl[] {
  let decls = inlineCache.get(style);
  if (decls) return decls;
  decls = [];
  try {
    postcss.parse(style).each((d) => {
      if (d.type === 'decl' && RELEVANT.has(d.prop.toLowerCase()))
        decls!.push({ prop: d.prop.toLowerCase(), value: d.value.trim(), important: d.important === true });
    });
  } catch {
    // a style attribute a browser would ignore as a whole
  }
  if (inlineCache.size > 5_000) inlineCache.clear();
  inlineCache.set(style, decls);
  return decls;
}

/** A CSS length in px (em relative to the given font size, % and unknown units undefined). */
export function lengthPx(value: string | undefined, fontPx = 16): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(-?\d*\.?\d+)(px|pt|pc|em|rem|ex|ch|vw|vh|vmin|vmax|in|cm|mm|q)?$/i.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  if (n === 0) return 0;
  const per: Record<string, number> = {
    '': Number.NaN,
    px: 1,
    pt: 4 / 3,
    pc: 16,
    em: fontPx,
    rem: 16,
    ex: fontPx / 2,
    ch: fontPx / 2,
    vw: VIEWPORT.width / 100,
    vh: VIEWPORT.height / 100,
    vmin: VIEWPORT.height / 100,
    vmax: VIEWPORT.width / 100,
    in: 96,
    cm: 96 / 2.54,
    mm: 96 / 25.4,
    q: 96 / 101.6,
  };
  const px = n * per[unit];
  return Number.isNaN(px) ? undefined : px;
}

const NAMED: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  navy: '#000080',
  maroon: '#800000',
  purple: '#800080',
  orange: '#ffa500',
  whitesmoke: '#f5f5f5',
  snow: '#fffafa',
  ivory: '#fffff0',
  linen: '#faf0e6',
  beige: '#f5f5dc',
  ghostwhite: '#f8f8ff',
  aliceblue: '#f0f8ff',
  lightgray: '#d3d3d3',
  lightgrey: '#d3d3d3',
  darkgray: '#a9a9a9',
  darkgrey: '#a9a9a9',
};

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** A CSS colour as RGBA; undefined for what cannot be judged here (currentColor, var(), gradients). */
export function parseColor(value: string | undefined): Rgba | undefined {
  if (!value) return undefined;
  const v = value
    .trim()
    .toLowerCase()
    .replace(/\s*!important$/, '');
  if (v === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hex = NAMED[v] ?? v;
  const h = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(hex);
  if (h) {
    const s = h[1].length <= 4 ? [...h[1]].map((c) => c + c).join('') : h[1];
    const n = (i: number) => Number.parseInt(s.slice(i * 2, i * 2 + 2), 16);
    return { r: n(0), g: n(1), b: n(2), a: s.length === 8 ? n(3) / 255 : 1 };
  }
  const f = /^rgba?\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(v);
  if (f) {
    const c = (x: string) => (x.endsWith('%') ? (Number(x.slice(0, -1)) * 255) / 100 : Number(x));
    const a = f[4] === undefined ? 1 : f[4].endsWith('%') ? Number(f[4].slice(0, -1)) / 100 : Number(f[4]);
    return { r: c(f[1]), g: c(f[2]), b: c(f[3]), a };
  }
  return undefined;
}

/** The colour in a `background` shorthand, transparent when it names none; undefined when it has a picture. */
export function backgroundColor(shorthand: string): Rgba | undefined {
  if (/url\(|gradient\(/i.test(shorthand)) return undefined;
  for (const part of shorthand.match(/#[0-9a-f]+|rgba?\([^)]*\)|[a-z]+/gi) ?? []) {
    const c = parseColor(part);
    if (c) return c;
  }
  return { r: 0, g: 0, b: 0, a: 0 };
}

/** WCAG contrast ratio of two opaque colours (1 = the same colour, 21 = black on white). */
export function contrast(x: Rgba, y: Rgba): number {
  const lum = (c: Rgba) => {
    const ch = (v: number) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
  };
  const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
  return (a + 0.05) / (b + 0.05);
}
