// HTML that reaches a page or the database passes through here: sanitized to the tags a notice needs.
import { createRequire } from 'node:module';
import type SanitizeHtml from 'sanitize-html';

// sanitize-html (and its HTML parser) loads on first use, not at the server's start.
const require = createRequire(import.meta.url);
let sanitizer: typeof SanitizeHtml | undefined;
const sanitize = (html: string, options: SanitizeHtml.IOptions) =>
  (sanitizer ??= require('sanitize-html') as typeof SanitizeHtml)(html, options);

const ALLOWED: SanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'blockquote',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'a',
    'img',
    'span',
    'div',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

export function sanitizeHtml(html: string): string {
  return sanitize(html, ALLOWED);
}

const BLOCK_END = /<\/(p|h[1-6]|li|tr|blockquote|div|table)>|<br\s*\/?>/gi;

/** Plain text of an HTML fragment, one block per line; used for diffs and proofreading. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(BLOCK_END, (m) => `${m}\n`);
  const text = sanitize(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text to HTML paragraphs, escaped. */
export function textToHtml(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('');
}

export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function decodeEntities(s: string): string {
  return s.replace(
    /&(amp|lt|gt|quot|#39|nbsp);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' })[e] ?? _,
  );
}
