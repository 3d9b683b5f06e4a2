// A district being watched: the duty org of duty-fixtures (区科技局 with its roster for 3-02 to 3-04: 白班 赵 / 夜班 钱,
// no leader on the shifts), 区科技局's website registered by the e-gov center with two columns, and its WeChat account
// without a feed. The clock stands at Monday 2026-03-02 10:00 in Shanghai (赵值班 on 白班). People with e-mail: 赵, 周, 陈.
import type { Account, Column, Site } from '../../src/watch/service.ts';
import { addColumn, addSite, saveAccount } from '../../src/watch/service.ts';
import type { Observation, WatchTarget } from '../../src/watch/observation.ts';
import { dutyWeek, type DutyOrg } from './duty-fixtures.ts';
import type { TestDeps } from './testdb.ts';

export interface WatchWorld {
  deps: TestDeps;
  org: DutyOrg;
  site: Site;
  news: Column; // 动态要闻
  notices: Column; // 通知公告
  account: Account;
}

export const MONDAY_10 = '2026-03-02T02:00:00.000Z';

/** `config` overrides, e.g. { watchAllowPrivate: '1', smtpHost: '127.0.0.1' } for receivers on loopback. */
export async function watchWorld(config: Partial<TestDeps['config']> = {}): Promise<WatchWorld> {
  const { deps, org } = await dutyWeek();
  deps.config = { ...deps.config, watchConfirmSeconds: 0, ...config }; // re-checks at once: tests never sleep
  for (const [who, email] of [
    ['zhao', 'zhao@kjj.test'],
    ['zhou', 'zhou@kjj.test'],
    ['egov', 'egov@office.test'],
  ]) {
    await deps.db.updateTable('users').set({ email }).where('id', '=', org.ids[who]).execute();
  }
  const egov = await org.actor('egov');
  const site = await addSite(deps, egov, {
    unitId: org.unitId,
    name: '区科技局网站',
    url: 'https://kjj.example.gov.cn/',
    kind: 'subsite',
  });
  const news = await addColumn(deps, egov, site.id, {
    name: '科技动态',
    url: 'https://kjj.example.gov.cn/kjdt/',
    kind: '动态要闻',
  });
  const notices = await addColumn(deps, egov, site.id, {
    name: '通知公告',
    url: 'https://kjj.example.gov.cn/tzgg/',
    kind: '通知公告',
  });
  const account = await saveAccount(deps, egov, null, { unitId: org.unitId, platform: 'wechat', name: '綦江科技' });
  deps.clock.set(MONDAY_10);
  return { deps, org, site, news, notices, account };
}

/** An observation at the clock's time. */
export function observation(deps: TestDeps, target: WatchTarget, o: Partial<Observation> = {}): Observation {
  return {
    monitor: 'availability',
    target,
    rule: 'homepage-unreachable',
    level: 'warning',
    incident: true,
    summary: '首页连续 3 次无法访问（超时 15 秒）',
    details: { url: 'https://kjj.example.gov.cn/' },
    observedAt: deps.clock.now(),
    ...o,
  };
}

export const outage = (deps: TestDeps, siteId: string, o: Partial<Observation> = {}) =>
  observation(deps, { kind: 'site', siteId }, o);
export const backUp = (deps: TestDeps, siteId: string) =>
  observation(
    deps,
    { kind: 'site', siteId },
    { level: 'ok', incident: false, summary: '首页恢复访问（耗时 320 毫秒）' },
  );

/** Statuses' details of every shape the freshness rule writes and some it does not (the property tests of what the
 *  overview reads). */
export const STATUS_DETAILS: Record<string, unknown>[] = [
  {},
  { state: 'ok', items: 3 },
  { state: 'stale', items: 5, days: 40 },
  { state: 'blank', items: 0, blank: true },
  { state: 'unreadable', url: 'https://x.example/' },
  { state: 'weird', items: 2 },
  { state: 7 },
  { blank: true },
  { blank: 'true', items: 1 },
  { items: null },
  { ok: true },
  { ok: false },
];
