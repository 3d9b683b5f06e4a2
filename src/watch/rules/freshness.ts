// 更新情况 (freshness): the homepage, each column (栏目) and each 政务新媒体 account against the clocks of
// INSPECTION.md — homepage warn day 10 / veto 14; stale columns 动态要闻 14 days + 通知公告/政策文件 6 months ≥ 5
// together, or any ≥ 10 (warn > 2 / > 6); blank columns veto 5 (warn > 2); an account with no post for 14 days.
// An item with no visible date counts as not updated. Pure: the readings come in, observations go out.
import type { CheerioAPI } from 'cheerio';
import { daysSince, findDates, newestDate, shanghaiDay } from '../dates.ts';
import type { Observation, WatchLevel } from '../observation.ts';
import { itemLinks } from '../page.ts';
import { COLUMN_KIND_NAME, maxAgeOf, thresholdsOf, type AccountSpec, type ColumnSpec, type SiteSpec } from '../spec.ts';
import { blankColumnsVerdict, staleColumnsVerdict, tallyColumns } from '../verdict.ts';

/** What a list page (or the homepage) shows: how many items, how many with a date, the newest date. */
export interface ListReading {
  url: string;
  items: number;
  dated: number;
  newest?: string;
  /** The page could not be read (zh-CN reason). */
  error?: string;
}

/** Reads item dates: from the configured selector, or from the text around each item link. Dates after today do
 *  not count (a typo or a forged date is no proof of an update). */
export function readList($: CheerioAPI, url: string, now: Date, dateSelector?: string): ListReading {
  const links = itemLinks($, url);
  const dates: string[] = [];
  let dated = 0;
  if (dateSelector) {
    $(dateSelector).each((_, el) => {
      const d = findDates($(el).text())[0];
      if (d) {
        dates.push(d);
        dated++;
      }
    });
    return { url, items: Math.max(links.length, dated), dated, newest: newestDate(dates, now) };
  }
  links.each((_, a) => {
    const box = $(a).closest('li, tr, dd, dt, p, div');
    let d = findDates(box.text())[0];
    // A date in a sibling cell or element of a container that holds only this one item.
    if (!d && box.parent().find('a[href]').length === 1) d = findDates(box.parent().text())[0];
    if (d) {
      dates.push(d);
      dated++;
    }
  });
  return { url, items: links.length, dated, newest: newestDate(dates, now) };
}

/** The newest post date in a feed (RSS pubDate, Atom updated/published) or in any dated page. */
export function feedNewest(body: string, now: Date): string | undefined {
  const stamps = [...body.matchAll(/<(?:pubDate|updated|published|dc:date)>([^<]+)</gi)]
    .map((m) => Date.parse(m[1].trim()))
    .filter((t) => !Number.isNaN(t))
    .map((t) => shanghaiDay(new Date(t)));
  return newestDate(stamps.length ? stamps : findDates(body), now);
}

export interface FreshnessInput {
  spec: SiteSpec;
  now: Date;
  homepage?: ListReading;
  /** By column id. */
  columns: Map<string, ListReading>;
  /** Newest post date by account id, from its feed; the entered lastPostDate is used otherwise. */
  accounts: Map<string, { newest?: string; error?: string }>;
}

export function judgeFreshness(input: FreshnessInput): Observation[] {
  const { spec, now } = input;
  const t = thresholdsOf(spec);
  const obs = (
    target: Observation['target'],
    rule: string,
    level: WatchLevel,
    summary: string,
    details: Record<string, unknown>,
  ): Observation => ({ monitor: 'freshness', target, rule, level, incident: false, summary, details, observedAt: now });
  const site = { kind: 'site' as const, siteId: spec.id };
  const out: Observation[] = [];

  const home = input.homepage;
  if (home && !home.error) {
    const days = home.newest ? daysSince(home.newest, now) : undefined;
    const level =
      days === undefined || days >= t.homepageVetoDays ? 'veto' : days >= t.homepageWarnDays ? 'warning' : 'ok';
    out.push(
      obs(
        site,
        'homepage-stale',
        level,
        days === undefined
          ? '首页未找到带日期的信息（无日期的信息视为未更新）'
          : level === 'ok'
            ? `首页最新信息发布于 ${home.newest}（${days} 天前）`
            : `首页最新信息发布于 ${home.newest}，已 ${days} 天未更新`,
        { url: home.url, newest: home.newest, days, items: home.items },
      ),
    );
  }

  const stale: ColumnSpec[] = [];
  const blank: ColumnSpec[] = [];
  for (const column of spec.columns) {
    const r = input.columns.get(column.id);
    const target = { kind: 'column' as const, siteId: spec.id, columnId: column.id };
    const name = `栏目「${column.name}」（${COLUMN_KIND_NAME[column.kind]}）`;
    if (!r || r.error) {
      out.push(
        obs(target, 'column-stale', 'warning', `${name}列表页无法读取：${r?.error ?? '未抓取'}`, {
          url: column.listUrl,
          state: 'unreadable',
        }),
      );
      continue;
    }
    const details = { url: r.url, items: r.items, dated: r.dated, newest: r.newest, maxAgeDays: maxAgeOf(column) };
    if (r.items === 0) {
      blank.push(column);
      out.push(
        obs(target, 'column-stale', 'warning', `${name}是空白栏目（没有任何信息）`, {
          ...details,
          blank: true,
          state: 'blank',
        }),
      );
      continue;
    }
    const days = r.newest ? daysSince(r.newest, now) : undefined;
    if (days === undefined || days > maxAgeOf(column)) {
      stale.push(column);
      out.push(
        obs(
          target,
          'column-stale',
          'warning',
          days === undefined
            ? `${name}的 ${r.items} 条信息都没有可见日期，视为未更新`
            : `${name}最新信息发布于 ${r.newest}，已 ${days} 天未更新（要求 ${maxAgeOf(column)} 天内）`,
          { ...details, days, state: 'stale' },
        ),
      );
    } else {
      out.push(
        obs(target, 'column-stale', 'ok', `${name}最新信息发布于 ${r.newest}（${days} 天前）`, {
          ...details,
          days,
          state: 'ok',
        }),
      );
    }
  }

  // The counts and their lines are the one verdict the overview gives too (src/watch/verdict.ts).
  const key = (c: ColumnSpec) => c.kind === 'news' || c.kind === 'notice' || c.kind === 'policy';
  const tally = tallyColumns([
    ...stale.map((c) => ({ state: 'stale' as const, key: key(c) })),
    ...blank.map((c) => ({ state: 'blank' as const, key: key(c) })),
  ]);
  const staleVerdict = staleColumnsVerdict(tally, t);
  out.push(
    obs(site, 'stale-columns', staleVerdict.level, staleVerdict.summary, {
      stale: stale.map((c) => c.name),
      core: tally.key,
      total: tally.stale,
    }),
  );
  const blankVerdict = blankColumnsVerdict(tally, t);
  out.push(
    obs(site, 'blank-columns', blankVerdict.level, blankVerdict.summary, {
      blank: blank.map((c) => c.name),
      total: tally.blank,
    }),
  );

  for (const account of spec.accounts ?? []) out.push(judgeAccount(account, input, obs));
  return out;
}

function judgeAccount(
  account: AccountSpec,
  input: FreshnessInput,
  obs: (
    target: Observation['target'],
    rule: string,
    level: WatchLevel,
    summary: string,
    details: Record<string, unknown>,
  ) => Observation,
): Observation {
  const t = thresholdsOf(input.spec);
  const read = input.accounts.get(account.id);
  const newest = newestDate(
    [read?.newest, account.lastPostDate].filter((d): d is string => !!d),
    input.now,
  );
  const target = { kind: 'account' as const, accountId: account.id };
  const name = `${account.platform}「${account.name}」`;
  if (!newest) {
    return obs(
      target,
      'account-dormant',
      'warning',
      `${name}无法确定最近发布日期${read?.error ? `：${read.error}` : '（请录入最近发布日期）'}`,
      { feedUrl: account.feedUrl },
    );
  }
  const days = daysSince(newest, input.now);
  const level = days >= t.accountVetoDays ? 'veto' : days >= t.accountWarnDays ? 'warning' : 'ok';
  return obs(
    target,
    'account-dormant',
    level,
    `${name}最近发布于 ${newest}，已 ${days} 天未更新${level === 'veto' ? '（僵尸号）' : ''}`,
    { newest, days, feedUrl: account.feedUrl },
  );
}
