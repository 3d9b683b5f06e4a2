// Kysely queries of the watch registry: sites, columns, pages that should not change, new-media accounts, unit
// settings and webhooks. With store-runs.ts and store-incidents.ts, the only files naming the watch_* tables.
import type { Selectable } from 'kysely';
import type { Executor } from '../platform/db/types.ts';
import { recountSiteColumns } from './store-runs.ts';
import type {
  WatchAccountsTable,
  WatchColumnsTable,
  WatchPagesTable,
  WatchSitesTable,
  WatchWebhooksTable,
} from '../platform/db/tables/watch.ts';
import {
  type ColumnKind,
  DEFAULT_ACK_MINUTES,
  DEFAULT_THRESHOLDS,
  type Platform,
  type SiteKind,
  type Thresholds,
  type WebhookKind,
} from './model.ts';

export interface Site {
  id: string;
  unitId: string;
  name: string;
  url: string;
  kind: SiteKind;
  contactIds: string[];
  /** The lines in force: the defaults with this site's changes. */
  thresholds: Thresholds;
  overrides: Partial<Thresholds>;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Column {
  id: string;
  siteId: string;
  name: string;
  url: string;
  kind: ColumnKind;
  clockDays: number | null;
  dateSelector: string | null;
  active: boolean;
}

export interface Page {
  id: string;
  siteId: string;
  url: string;
  label: string;
  baselineHash: string | null;
  baselineAt: string | null;
}

export interface Account {
  id: string;
  unitId: string;
  platform: Platform;
  name: string;
  url: string | null;
  lastPostOn: string | null;
  lastPostBy: string | null;
  lastPostAt: string | null;
  active: boolean;
}

export interface UnitSettings {
  unitId: string;
  contactIds: string[];
  ackMinutes: number;
}

/** `url` is a secret: it leaves the server only masked (see model.maskUrl). */
export interface Webhook {
  id: string;
  unitId: string;
  kind: WebhookKind;
  name: string;
  url: string;
  active: boolean;
}

const toSite = (r: Selectable<WatchSitesTable>): Site => {
  const overrides = JSON.parse(r.thresholds) as Partial<Thresholds>;
  return {
    id: r.id,
    unitId: r.unit_id,
    name: r.name,
    url: r.url,
    kind: r.kind as SiteKind,
    contactIds: JSON.parse(r.contact_ids) as string[],
    thresholds: { ...DEFAULT_THRESHOLDS, ...overrides },
    overrides,
    active: Number(r.active) === 1,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
};
const toColumn = (r: Selectable<WatchColumnsTable>): Column => ({
  id: r.id,
  siteId: r.site_id,
  name: r.name,
  url: r.url,
  kind: r.kind as ColumnKind,
  clockDays: r.clock_days === null ? null : Number(r.clock_days),
  dateSelector: r.date_selector,
  active: Number(r.active) === 1,
});
const toPage = (r: Selectable<WatchPagesTable>): Page => ({
  id: r.id,
  siteId: r.site_id,
  url: r.url,
  label: r.label,
  baselineHash: r.baseline_hash,
  baselineAt: r.baseline_at,
});
const toAccount = (r: Selectable<WatchAccountsTable>): Account => ({
  id: r.id,
  unitId: r.unit_id,
  platform: r.platform as Platform,
  name: r.name,
  url: r.url,
  lastPostOn: r.last_post_on,
  lastPostBy: r.last_post_by,
  lastPostAt: r.last_post_at,
  active: Number(r.active) === 1,
});
const toWebhook = (r: Selectable<WatchWebhooksTable>): Webhook => ({
  id: r.id,
  unitId: r.unit_id,
  kind: r.kind as WebhookKind,
  name: r.name,
  url: r.url,
  active: Number(r.active) === 1,
});

// ——— sites ———

export async function getSite(db: Executor, id: string): Promise<Site | null> {
  const row = await db.selectFrom('watch_sites').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSite(row) : null;
}

/** unitIds 'all' or a list; inactive sites only when asked. */
export async function listSites(
  db: Executor,
  unitIds: readonly string[] | 'all',
  includeInactive = false,
): Promise<Site[]> {
  if (unitIds !== 'all' && unitIds.length === 0) return [];
  let q = db.selectFrom('watch_sites').selectAll();
  if (unitIds !== 'all') q = q.where('unit_id', 'in', unitIds);
  if (!includeInactive) q = q.where('active', '=', 1);
  return (await q.orderBy('kind').orderBy('name').orderBy('id').execute()).map(toSite);
}

export async function insertSite(db: Executor, s: Site, by: string): Promise<void> {
  await db
    .insertInto('watch_sites')
    .values({
      id: s.id,
      unit_id: s.unitId,
      name: s.name,
      url: s.url,
      kind: s.kind,
      contact_ids: JSON.stringify(s.contactIds),
      thresholds: JSON.stringify(s.overrides),
      active: s.active ? 1 : 0,
      version: s.version,
      created_by: by,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    })
    .execute();
}

/** Optimistic: only the version read is updated; false when someone changed the site meanwhile. */
export async function updateSite(db: Executor, s: Site, at: string): Promise<boolean> {
  const res = await db
    .updateTable('watch_sites')
    .set({
      unit_id: s.unitId,
      name: s.name,
      url: s.url,
      kind: s.kind,
      contact_ids: JSON.stringify(s.contactIds),
      thresholds: JSON.stringify(s.overrides),
      active: s.active ? 1 : 0,
      version: s.version + 1,
      updated_at: at,
    })
    .where('id', '=', s.id)
    .where('version', '=', s.version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Sites, columns and accounts by id, whatever their state (the incident list names the subjects of 100 incidents
 *  in three queries, not one or two a row). */
export async function getSubjects(
  db: Executor,
  ids: { siteIds: readonly string[]; columnIds: readonly string[]; accountIds: readonly string[] },
): Promise<{ sites: Map<string, Site>; columns: Map<string, Column>; accounts: Map<string, Account> }> {
  const [sites, columns, accounts] = await Promise.all([
    ids.siteIds.length ? db.selectFrom('watch_sites').selectAll().where('id', 'in', ids.siteIds).execute() : [],
    ids.columnIds.length ? db.selectFrom('watch_columns').selectAll().where('id', 'in', ids.columnIds).execute() : [],
    ids.accountIds.length
      ? db.selectFrom('watch_accounts').selectAll().where('id', 'in', ids.accountIds).execute()
      : [],
  ]);
  return {
    sites: new Map(sites.map((r) => [r.id, toSite(r)])),
    columns: new Map(columns.map((r) => [r.id, toColumn(r)])),
    accounts: new Map(accounts.map((r) => [r.id, toAccount(r)])),
  };
}

// ——— columns and pages ———

export async function getColumn(db: Executor, id: string): Promise<Column | null> {
  const row = await db.selectFrom('watch_columns').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toColumn(row) : null;
}

export async function listColumns(db: Executor, siteIds: readonly string[]): Promise<Column[]> {
  if (siteIds.length === 0) return [];
  return (
    await db
      .selectFrom('watch_columns')
      .selectAll()
      .where('site_id', 'in', siteIds)
      .where('active', '=', 1)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  ).map(toColumn);
}

export async function saveColumn(db: Executor, c: Column, at: string, isNew: boolean): Promise<void> {
  const values = {
    name: c.name,
    url: c.url,
    kind: c.kind,
    clock_days: c.clockDays,
    date_selector: c.dateSelector,
    active: c.active ? 1 : 0,
    updated_at: at,
  };
  if (isNew)
    await db
      .insertInto('watch_columns')
      .values({ ...values, id: c.id, site_id: c.siteId, created_at: at })
      .execute();
  else await db.updateTable('watch_columns').set(values).where('id', '=', c.id).execute();
  await recountSiteColumns(db, [c.siteId]); // the overview's count of the site's columns (044)
}

export async function getPage(db: Executor, id: string): Promise<Page | null> {
  const row = await db.selectFrom('watch_pages').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPage(row) : null;
}

export async function listPages(db: Executor, siteId: string): Promise<Page[]> {
  return (
    await db
      .selectFrom('watch_pages')
      .selectAll()
      .where('site_id', '=', siteId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  ).map(toPage);
}

export async function insertPage(db: Executor, p: Page, at: string): Promise<boolean> {
  const res = await db
    .insertInto('watch_pages')
    .values({
      id: p.id,
      site_id: p.siteId,
      url: p.url,
      label: p.label,
      baseline_hash: null,
      baseline_at: null,
      created_at: at,
    })
    .onConflict((oc) => oc.columns(['site_id', 'url']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function deletePage(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('watch_pages').where('id', '=', id).execute();
}

export async function setBaseline(db: Executor, id: string, hash: string, at: string): Promise<void> {
  await db.updateTable('watch_pages').set({ baseline_hash: hash, baseline_at: at }).where('id', '=', id).execute();
}

// ——— accounts ———

export async function getAccount(db: Executor, id: string): Promise<Account | null> {
  const row = await db.selectFrom('watch_accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function listAccounts(db: Executor, unitIds: readonly string[] | 'all'): Promise<Account[]> {
  if (unitIds !== 'all' && unitIds.length === 0) return [];
  let q = db.selectFrom('watch_accounts').selectAll().where('active', '=', 1);
  if (unitIds !== 'all') q = q.where('unit_id', 'in', unitIds);
  return (await q.orderBy('platform').orderBy('name').orderBy('id').execute()).map(toAccount);
}

export async function saveAccount(db: Executor, a: Account, at: string, isNew: boolean): Promise<void> {
  const values = {
    unit_id: a.unitId,
    platform: a.platform,
    name: a.name,
    url: a.url,
    last_post_on: a.lastPostOn,
    last_post_by: a.lastPostBy,
    last_post_at: a.lastPostAt,
    active: a.active ? 1 : 0,
    updated_at: at,
  };
  if (isNew)
    await db
      .insertInto('watch_accounts')
      .values({ ...values, id: a.id, created_at: at })
      .execute();
  else await db.updateTable('watch_accounts').set(values).where('id', '=', a.id).execute();
}

// ——— unit settings and webhooks ———

export async function getUnitSettings(db: Executor, unitId: string): Promise<UnitSettings> {
  const row = await db.selectFrom('watch_unit_settings').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
  return row
    ? { unitId, contactIds: JSON.parse(row.contact_ids) as string[], ackMinutes: Number(row.ack_minutes) }
    : { unitId, contactIds: [], ackMinutes: DEFAULT_ACK_MINUTES };
}

export async function saveUnitSettings(db: Executor, s: UnitSettings, by: string, at: string): Promise<void> {
  const values = {
    contact_ids: JSON.stringify(s.contactIds),
    ack_minutes: s.ackMinutes,
    updated_by: by,
    updated_at: at,
  };
  await db
    .insertInto('watch_unit_settings')
    .values({ unit_id: s.unitId, ...values })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
    .execute();
}

export async function getWebhook(db: Executor, id: string): Promise<Webhook | null> {
  const row = await db.selectFrom('watch_webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toWebhook(row) : null;
}

export async function listWebhooks(db: Executor, unitIds: readonly string[], activeOnly = false): Promise<Webhook[]> {
  if (unitIds.length === 0) return [];
  let q = db.selectFrom('watch_webhooks').selectAll().where('unit_id', 'in', unitIds);
  if (activeOnly) q = q.where('active', '=', 1);
  return (await q.orderBy('created_at').orderBy('id').execute()).map(toWebhook);
}

export async function saveWebhook(db: Executor, w: Webhook, by: string, at: string, isNew: boolean): Promise<void> {
  const values = { kind: w.kind, name: w.name, url: w.url, active: w.active ? 1 : 0, updated_at: at };
  if (isNew)
    await db
      .insertInto('watch_webhooks')
      .values({ ...values, id: w.id, unit_id: w.unitId, created_by: by, created_at: at })
      .execute();
  else await db.updateTable('watch_webhooks').set(values).where('id', '=', w.id).execute();
}

export async function deleteWebhook(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('watch_webhooks').where('id', '=', id).execute();
}
