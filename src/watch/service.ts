// 读网值班 monitoring — the module's public API. For the monitors and the scheduler (as the system):
// recordObservations, recordProbe, availabilityShare, checkAccounts, escalateOverdue, deliverPending, runRetentionJob
// (roll-ups and pruning), availabilityYear (a year's report), and the registry reads listWatchTargets /
// setPageBaseline. For people (with an Actor, authorised by src/org/policy/watch.ts): the
// registry (registry.ts), the overview and site detail (overview.ts), incidents and their steps (incidents.ts).
import type { Deps } from '../platform/deps.ts';
import * as store from './store.ts';

export type { Account, Column, Page, Site, UnitSettings } from './store.ts';
export type { Incident, Step, Delivery } from './store-incidents.ts';
export type { Probe, Run, Status } from './store-runs.ts';
export {
  addColumn,
  addPage,
  addSite,
  editColumn,
  editSite,
  getUnitWatchSettings,
  removePage,
  removeSite,
  reportLastPost,
  saveAccount,
  saveUnitWatchSettings,
  saveWebhook,
  setPageBaseline,
  setThresholds,
  webhookView,
  type AccountInput,
  type ColumnInput,
  type SiteInput,
  type WebhookInput,
  type WebhookView,
} from './registry.ts';
export {
  availabilityShare,
  checkAccounts,
  recordObservations,
  recordProbe,
  type AvailabilityShare,
  type ProbeInput,
  type RecordResult,
  type RunInfo,
  type WatchSubject,
} from './observe.ts';
export {
  escalateOverdue,
  getIncidentDetail,
  listIncidentRecords,
  listIncidentViews,
  moveIncident,
  type IncidentDetail,
  type IncidentQuery,
  type IncidentRecord,
  type IncidentView,
} from './incidents.ts';
export { deliverPending, type DeliverReport } from './notify-deliver.ts';
export {
  availabilityYear,
  pruneHistory,
  RETENTION_JOB,
  rollUpProbes,
  runRetentionJob,
  type MonthAvailability,
  type RollupReport,
  type YearAvailability,
} from './retention.ts';
export {
  DELIVERY_CHANNEL_NAME,
  INCIDENT_STATE_NAME,
  MONITOR_NAME,
  RULE_NAME,
  STEP_NAME,
  WATCH_LEVEL_NAME,
} from './names.ts';
export {
  getSiteDetail,
  listAccountSummaries,
  listSiteSummaries,
  overview,
  type AccountSummary,
  type Overview,
  type SiteDetail,
  type SiteSummary,
} from './overview.ts';

export interface WatchTargets {
  sites: (store.Site & { columns: store.Column[]; pages: store.Page[] })[];
  accounts: store.Account[];
}

/** What the monitors run over: every active site with its columns, pages and thresholds, and every active account. */
export async function listWatchTargets(
  deps: Pick<Deps, 'db'>,
  keep: (site: store.Site) => boolean = () => true,
): Promise<WatchTargets> {
  const sites = (await store.listSites(deps.db, 'all')).filter(keep);
  const columns = await store.listColumns(
    deps.db,
    sites.map((s) => s.id),
  );
  const pages = await Promise.all(sites.map((s) => store.listPages(deps.db, s.id)));
  return {
    sites: sites.map((s, i) => ({ ...s, columns: columns.filter((c) => c.siteId === s.id), pages: pages[i] })),
    accounts: await store.listAccounts(deps.db, 'all'),
  };
}
