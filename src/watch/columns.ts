// Columns (栏目) found on a homepage, for a site nobody has registered yet (`gongkai watch URL`): links of the
// site's navigation whose names say their kind — 动态/要闻/新闻, 通知/公告, 政策/文件, 人事/规划/计划.
import type { CheerioAPI } from 'cheerio';
import { inChrome, resolveLink } from './page.ts';
import type { ColumnKind, ColumnSpec } from './spec.ts';

const KIND_WORDS: [ColumnKind, RegExp][] = [
  ['notice', /通知|公告|公示/],
  ['policy', /政策|文件|法规|规范性/],
  ['news', /动态|要闻|新闻|工作信息|部门信息|镇街/],
  ['plan', /人事|规划|计划|财政|预决算/],
];

export function kindOfColumnName(name: string): ColumnKind | undefined {
  return KIND_WORDS.find(([, re]) => re.test(name))?.[0];
}

/** Navigation links of the homepage that name a column kind, each URL once (at most 30). */
export function guessColumns($: CheerioAPI, homeUrl: string): ColumnSpec[] {
  const host = new URL(homeUrl).host;
  const home = new URL(homeUrl).href;
  const found = new Map<string, ColumnSpec>();
  $('a[href]').each((_, el) => {
    const name = $(el).text().replace(/\s+/g, '').slice(0, 20);
    const kind = name.length >= 2 && name.length <= 12 ? kindOfColumnName(name) : undefined;
    const url = resolveLink($(el).attr('href'), homeUrl);
    if (!kind || !url || url === home || new URL(url).host !== host || found.has(url) || found.size >= 30) return;
    // Column links live in the navigation or head a block ("更多" lists); article links are long titles.
    if (!inChrome($, el) && !$(el).closest('h1, h2, h3, h4, .title, .tit, .more').length) return;
    found.set(url, { id: `c${found.size + 1}`, name, kind, listUrl: url });
  });
  return [...found.values()];
}
