// 监测登记: sites (门户/子站), their columns (栏目) with freshness clocks, pages that should not change, new-media
// accounts with the last-post date the duty officer enters, per-site thresholds, a unit's duty contacts and robot
// webhooks. One transaction per use case with its ledger entry.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../platform/deps.ts';
import type { Actor } from '../org/model.ts';
import { canManageUnitWatch, canManageWatch, canReportLastPost } from '../org/policy/watch.ts';
import { assertAllowed } from '../org/policy/verdict.ts';
import type { Executor } from '../platform/db/types.ts';
import { conflict, invalid, notFound } from '../platform/errors.ts';
import { checkPeople, checkUnit, loadAccount, loadSite, record, shanghaiDay } from './context.ts';
import {
  checkHttpUrl,
  checkThresholds,
  type ColumnKind,
  DEFAULT_CLOCK_DAYS,
  DEFAULT_THRESHOLDS,
  maskUrl,
  type Platform,
  type SiteKind,
  type Thresholds,
  type WebhookKind,
} from './model.ts';
import * as store from './store.ts';
import { AddressBook, systemResolve } from './address.ts';

type D = Pick<Deps, 'db' | 'clock'>;
/** Use cases that register an address the monitors will fetch: they need the private-address switch. */
type DA = Pick<Deps, 'db' | 'clock' | 'config'>;

/**
 * An address the monitors will fetch, refused at once when it leads to a loopback, private, link-local or reserved
 * address — the fetcher's own SSRF rule (address.ts), here at registration rather than at the first check. A name
 * that does not resolve now is let through (the check then reports it); GONGKAI_WATCH_ALLOW_PRIVATE=1 allows intranet
 * sites (and the tests' fixture sites on 127.0.0.1).
 */
async function checkFetchable(deps: DA, field: string, url: string, what: string): Promise<string> {
  const checked = checkHttpUrl(field, url, what);
  const verdict = await new AddressBook(systemResolve, deps.config.watchAllowPrivate === '1').check(
    new URL(checked).hostname,
  );
  if (!verdict.ok && verdict.code === 'blocked-address')
    throw invalid(field, `${what}不能监测：${verdict.error}。内网网站须由系统管理员开启 GONGKAI_WATCH_ALLOW_PRIVATE`);
  return checked;
}

export interface SiteInput {
  unitId: string;
  name: string;
  url: string;
  kind: SiteKind;
  contactIds?: string[];
}

export async function addSite(deps: DA, actor: Actor, input: SiteInput): Promise<store.Site> {
  assertAllowed(canManageWatch(actor));
  const url = await checkFetchable(deps, 'url', input.url, '网站首页地址');
  return deps.db.transaction().execute(async (tx) => {
    await checkUnit(tx, input.unitId);
    const now = deps.clock.now().toISOString();
    const site: store.Site = {
      id: randomUUID(),
      unitId: input.unitId,
      name: input.name.trim(),
      url,
      kind: input.kind,
      contactIds: await checkPeople(tx, input.contactIds ?? [], 'contactIds'),
      thresholds: DEFAULT_THRESHOLDS,
      overrides: {},
      active: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await store.insertSite(tx, site, actor.id);
    await record(
      tx,
      actor,
      site.unitId,
      'watch.site_add',
      `watchSite:${site.id}`,
      { siteId: site.id, name: site.name, url: site.url, kind: site.kind },
      deps.clock.now(),
    );
    return site;
  });
}

/** `change` reads through `tx` only: on SQLite the one connection is the transaction's until it ends. */
async function changeSite(
  deps: D,
  actor: Actor,
  id: string,
  action: string,
  change: (s: store.Site, tx: Executor) => Promise<store.Site>,
  payload: (s: store.Site) => Record<string, unknown>,
): Promise<store.Site> {
  assertAllowed(canManageWatch(actor));
  return deps.db.transaction().execute(async (tx) => {
    const before = await loadSite(tx, id);
    const next = await change(before, tx);
    const now = deps.clock.now();
    if (!(await store.updateSite(tx, next, now.toISOString())))
      throw conflict('STALE_SITE', '网站登记已被他人修改，请刷新后重试');
    await record(tx, actor, next.unitId, action, `watchSite:${id}`, { siteId: id, ...payload(next) }, now);
    return { ...next, version: before.version + 1, updatedAt: now.toISOString() };
  });
}

export const editSite = async (deps: DA, actor: Actor, id: string, patch: Partial<SiteInput>) => {
  assertAllowed(canManageWatch(actor));
  const url = patch.url !== undefined ? await checkFetchable(deps, 'url', patch.url, '网站首页地址') : undefined;
  return changeSite(
    deps,
    actor,
    id,
    'watch.site_edit',
    async (s, tx) => ({
      ...s,
      unitId: patch.unitId !== undefined ? (await checkUnit(tx, patch.unitId), patch.unitId) : s.unitId,
      name: patch.name?.trim() ?? s.name,
      url: url ?? s.url,
      kind: patch.kind ?? s.kind,
      contactIds: patch.contactIds ? await checkPeople(tx, patch.contactIds, 'contactIds') : s.contactIds,
    }),
    (s) => ({ name: s.name, url: s.url, kind: s.kind, unitId: s.unitId, contactIds: s.contactIds }),
  );
};

/** 停止监测: the site leaves the overview and the schedules; its history and incidents stay. */
export const removeSite = (deps: D, actor: Actor, id: string) =>
  changeSite(
    deps,
    actor,
    id,
    'watch.site_remove',
    async (s) => {
      if (!s.active) throw notFound('监测网站');
      return { ...s, active: false };
    },
    (s) => ({ name: s.name }),
  );

/** Replaces the site's changed lines; a line not given is the default. Warning lines must come before veto lines. */
export const setThresholds = (deps: D, actor: Actor, id: string, overrides: Partial<Thresholds>) =>
  changeSite(
    deps,
    actor,
    id,
    'watch.thresholds',
    async (s) => {
      const thresholds = { ...DEFAULT_THRESHOLDS, ...overrides };
      checkThresholds(thresholds);
      return { ...s, overrides, thresholds };
    },
    (s) => ({ overrides: s.overrides }),
  );

export interface ColumnInput {
  name: string;
  url: string;
  kind: ColumnKind;
  /** Omitted: the INSPECTION.md clock of the kind; null: no clock. */
  clockDays?: number | null;
  dateSelector?: string | null;
}

function columnOf(base: store.Column, input: Partial<ColumnInput>): store.Column {
  const kind = input.kind ?? base.kind;
  const clockDays =
    input.clockDays !== undefined
      ? input.clockDays
      : input.kind !== undefined
        ? DEFAULT_CLOCK_DAYS[kind]
        : base.clockDays;
  if (clockDays !== null && (!Number.isInteger(clockDays) || clockDays < 1 || clockDays > 3650))
    throw invalid('clockDays', '更新周期应为 1 至 3650 天');
  return {
    ...base,
    name: input.name?.trim() ?? base.name,
    url: input.url !== undefined ? checkHttpUrl('url', input.url, '栏目列表页地址') : base.url,
    kind,
    clockDays,
    dateSelector: input.dateSelector !== undefined ? input.dateSelector?.trim() || null : base.dateSelector,
  };
}

export async function addColumn(deps: DA, actor: Actor, siteId: string, input: ColumnInput): Promise<store.Column> {
  assertAllowed(canManageWatch(actor));
  await checkFetchable(deps, 'url', input.url, '栏目列表页地址');
  return deps.db.transaction().execute(async (tx) => {
    const site = await loadSite(tx, siteId);
    const column = columnOf(
      {
        id: randomUUID(),
        siteId,
        name: '',
        url: '',
        kind: input.kind,
        clockDays: DEFAULT_CLOCK_DAYS[input.kind],
        dateSelector: null,
        active: true,
      },
      input,
    );
    const now = deps.clock.now();
    await store.saveColumn(tx, column, now.toISOString(), true);
    await record(
      tx,
      actor,
      site.unitId,
      'watch.column_add',
      `watchColumn:${column.id}`,
      { siteId, columnId: column.id, name: column.name, kind: column.kind, clockDays: column.clockDays },
      now,
    );
    return column;
  });
}

export async function editColumn(
  deps: DA,
  actor: Actor,
  id: string,
  patch: Partial<ColumnInput> & { remove?: boolean },
): Promise<store.Column> {
  assertAllowed(canManageWatch(actor));
  if (patch.url !== undefined && !patch.remove) await checkFetchable(deps, 'url', patch.url, '栏目列表页地址');
  return deps.db.transaction().execute(async (tx) => {
    const before = await store.getColumn(tx, id);
    if (!before?.active) throw notFound('栏目');
    const site = await loadSite(tx, before.siteId);
    const column = patch.remove ? { ...before, active: false } : columnOf(before, patch);
    const now = deps.clock.now();
    await store.saveColumn(tx, column, now.toISOString(), false);
    await record(
      tx,
      actor,
      site.unitId,
      patch.remove ? 'watch.column_remove' : 'watch.column_edit',
      `watchColumn:${id}`,
      { siteId: site.id, columnId: id, name: column.name, kind: column.kind, clockDays: column.clockDays },
      now,
    );
    return column;
  });
}

/** A page that should not change (首页、领导信息页…): the integrity monitor keeps its baseline. */
export async function addPage(
  deps: DA,
  actor: Actor,
  siteId: string,
  input: { url: string; label: string },
): Promise<store.Page> {
  assertAllowed(canManageWatch(actor));
  const url = await checkFetchable(deps, 'url', input.url, '页面地址');
  return deps.db.transaction().execute(async (tx) => {
    const site = await loadSite(tx, siteId);
    const page: store.Page = {
      id: randomUUID(),
      siteId,
      url,
      label: input.label.trim(),
      baselineHash: null,
      baselineAt: null,
    };
    const now = deps.clock.now();
    if (!(await store.insertPage(tx, page, now.toISOString()))) throw conflict('PAGE_EXISTS', '该页面已在防篡改名单中');
    await record(
      tx,
      actor,
      site.unitId,
      'watch.page_add',
      `watchSite:${siteId}`,
      { siteId, pageId: page.id, url: page.url, label: page.label },
      now,
    );
    return page;
  });
}

export async function removePage(deps: D, actor: Actor, id: string): Promise<void> {
  assertAllowed(canManageWatch(actor));
  await deps.db.transaction().execute(async (tx) => {
    const page = await store.getPage(tx, id);
    if (!page) throw notFound('防篡改页面');
    const site = await loadSite(tx, page.siteId);
    await store.deletePage(tx, id);
    await record(
      tx,
      actor,
      site.unitId,
      'watch.page_remove',
      `watchSite:${site.id}`,
      { siteId: site.id, pageId: id, url: page.url },
      deps.clock.now(),
    );
  });
}

/** For the integrity monitor: the baseline of a page that should not change (no ledger: a machine's fingerprint). */
export async function setPageBaseline(deps: D, pageId: string, hash: string): Promise<void> {
  await store.setBaseline(deps.db, pageId, hash, deps.clock.now().toISOString());
}

export interface AccountInput {
  unitId: string;
  platform: Platform;
  name: string;
  url?: string | null;
}

export async function saveAccount(
  deps: DA,
  actor: Actor,
  id: string | null,
  input: Partial<AccountInput> & { remove?: boolean },
): Promise<store.Account> {
  assertAllowed(canManageWatch(actor));
  const url = input.url ? await checkFetchable(deps, 'url', input.url, '账号主页或订阅地址') : input.url;
  return deps.db.transaction().execute(async (tx) => {
    const before = id ? await loadAccount(tx, id) : null;
    if (input.unitId !== undefined) await checkUnit(tx, input.unitId);
    const account: store.Account = {
      id: before?.id ?? randomUUID(),
      unitId: input.unitId ?? before!.unitId,
      platform: input.platform ?? before!.platform,
      name: input.name?.trim() ?? before!.name,
      url: url !== undefined ? url || null : (before?.url ?? null),
      lastPostOn: before?.lastPostOn ?? null,
      lastPostBy: before?.lastPostBy ?? null,
      lastPostAt: before?.lastPostAt ?? null,
      active: !input.remove,
    };
    const now = deps.clock.now();
    await store.saveAccount(tx, account, now.toISOString(), !before);
    const action = !before ? 'watch.account_add' : input.remove ? 'watch.account_remove' : 'watch.account_edit';
    await record(
      tx,
      actor,
      account.unitId,
      action,
      `watchAccount:${account.id}`,
      { accountId: account.id, platform: account.platform, name: account.name, url: account.url },
      now,
    );
    return account;
  });
}

/** 最近发布日期 of an account without a feed, entered by the duty officer; never in the future. */
export async function reportLastPost(deps: D, actor: Actor, id: string, day: string): Promise<store.Account> {
  return deps.db.transaction().execute(async (tx) => {
    const before = await loadAccount(tx, id);
    assertAllowed(canReportLastPost(actor, before));
    const now = deps.clock.now();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
      throw invalid('lastPostOn', '最近发布日期格式应为 YYYY-MM-DD');
    if (day > shanghaiDay(now)) throw invalid('lastPostOn', '最近发布日期不能晚于今天');
    const account = { ...before, lastPostOn: day, lastPostBy: actor.id, lastPostAt: now.toISOString() };
    await store.saveAccount(tx, account, now.toISOString(), false);
    await record(
      tx,
      actor,
      account.unitId,
      'watch.last_post',
      `watchAccount:${id}`,
      { accountId: id, lastPostOn: day },
      now,
    );
    return account;
  });
}

export async function getUnitWatchSettings(
  deps: D,
  actor: Actor,
  unitId: string,
): Promise<{ settings: store.UnitSettings; webhooks: WebhookView[] }> {
  assertAllowed(canManageUnitWatch(actor, unitId));
  await checkUnit(deps.db, unitId);
  const [settings, hooks] = await Promise.all([
    store.getUnitSettings(deps.db, unitId),
    store.listWebhooks(deps.db, [unitId]),
  ]);
  return { settings, webhooks: hooks.map(webhookView) };
}

export async function saveUnitWatchSettings(
  deps: D,
  actor: Actor,
  unitId: string,
  input: { contactIds: string[]; ackMinutes: number },
): Promise<store.UnitSettings> {
  assertAllowed(canManageUnitWatch(actor, unitId));
  return deps.db.transaction().execute(async (tx) => {
    await checkUnit(tx, unitId);
    if (!Number.isInteger(input.ackMinutes) || input.ackMinutes < 5 || input.ackMinutes > 24 * 60)
      throw invalid('ackMinutes', '升级时限应为 5 至 1440 分钟');
    const settings = {
      unitId,
      contactIds: await checkPeople(tx, input.contactIds, 'contactIds'),
      ackMinutes: input.ackMinutes,
    };
    const now = deps.clock.now();
    await store.saveUnitSettings(tx, settings, actor.id, now.toISOString());
    await record(
      tx,
      actor,
      unitId,
      'watch.unit_settings',
      `unit:${unitId}`,
      { contactIds: settings.contactIds, ackMinutes: settings.ackMinutes },
      now,
    );
    return settings;
  });
}

/** A webhook as people see it: the address masked (it carries the robot's key). */
export type WebhookView = Omit<store.Webhook, 'url'> & { url: string };
export const webhookView = (w: store.Webhook): WebhookView => ({ ...w, url: maskUrl(w.url) });

export interface WebhookInput {
  kind: WebhookKind;
  name: string;
  url: string;
  active?: boolean;
}

export async function saveWebhook(
  deps: D,
  actor: Actor,
  ref: { unitId: string } | { id: string },
  input: Partial<WebhookInput> & { remove?: boolean },
): Promise<WebhookView> {
  return deps.db.transaction().execute(async (tx) => {
    const before = 'id' in ref ? await store.getWebhook(tx, ref.id) : null;
    if ('id' in ref && !before) throw notFound('通知机器人');
    const unitId = before?.unitId ?? (ref as { unitId: string }).unitId;
    assertAllowed(canManageUnitWatch(actor, unitId));
    if (!before) await checkUnit(tx, unitId);
    const hook: store.Webhook = {
      id: before?.id ?? randomUUID(),
      unitId,
      kind: input.kind ?? before!.kind,
      name: input.name?.trim() ?? before!.name,
      url: input.url !== undefined ? checkHttpUrl('url', input.url, '机器人地址') : before!.url,
      active: input.active ?? before?.active ?? true,
    };
    const now = deps.clock.now();
    if (input.remove) await store.deleteWebhook(tx, hook.id);
    else await store.saveWebhook(tx, hook, actor.id, now.toISOString(), !before);
    const action = !before ? 'watch.webhook_add' : input.remove ? 'watch.webhook_remove' : 'watch.webhook_edit';
    await record(
      tx,
      actor,
      unitId,
      action,
      `unit:${unitId}`,
      { webhookId: hook.id, kind: hook.kind, name: hook.name, url: maskUrl(hook.url), active: hook.active },
      now,
    );
    return webhookView(hook);
  });
}
